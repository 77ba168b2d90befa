#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli/Commands.h"
#include "compiler/audit/Audit.h"
#include "compiler/audit/AuditRender.h"
#include "runtime/geo/GeometrySet.h"

namespace zr::cli {

void registerAudit(CLI::App& app, AuditOptions& options) {
  auto* cmd = app.add_subcommand(
      "audit", "Audit a city list against its province: a city may only be stricter");
  cmd->add_option("--province", options.province, "The province list's source files")
      ->required()
      ->expected(1, -1);
  cmd->add_option("--city", options.city, "The city list's source files")
      ->required()
      ->expected(1, -1);
  cmd->add_option("--format", options.format, "Report as text, json or sarif (SARIF 2.1.0)")
      ->check(CLI::IsMember({"text", "json", "sarif"}));
  cmd->add_option("--geometry", options.geometry,
                  "Unit boundaries (.geojson/.shp): checks overlaps, gaps and regions (ZR057x)");
  cmd->add_option("--boundary", options.boundary,
                  "City territories (features keyed by \"code\" = the city's 6-digit code), if "
                  "not in the --geometry file as kind \"boundary\"");
  cmd->add_option("--layers", options.layers,
                  "Region geometries: layers named as a region (its name or title)");
  cmd->add_flag("--timings", options.timings,
                "Print the wall time of each phase (compile, graph, checks) on stderr");
  cmd->footer(
      "Each finding has a stable code (docs/audit.md), both source locations and, where\n"
      "projects are affected, a witness descriptor that `zr screen` accepts, replayed through\n"
      "the evaluator before it is shown.\n"
      "Exit status: 0 no errors (warnings allowed), 1 errors (in the sources or found by the\n"
      "audit), 2 usage or I/O, 3 internal error (a witness failed its replay).\n"
      "Example: zr audit --province examples/jiangxi/province/*.zr --city "
      "examples/jiangxi/flawed/*.zr");
}

int runAudit(const AuditOptions& options, const CommonOptions& common) {
  audit::AuditOptions auditOptions;
  auditOptions.provincePaths = options.province;
  auditOptions.cityPaths = options.city;
  auditOptions.load.stdlibDir = common.stdlibDir;
  if (!options.geometry.empty()) {
    auto geometry = std::make_shared<geo::GeometrySet>();
    geo::GeoDiagnostics diagnostics;
    bool read = geo::loadUnitsFile(options.geometry, *geometry, diagnostics);
    if (read && !options.boundary.empty()) {
      geo::GeometrySet boundaries;
      read = geo::loadUnitsFile(options.boundary, boundaries, diagnostics);
      // Every feature of a --boundary file is a territory, whatever its kind.
      for (auto* list : {&boundaries.units, &boundaries.boundaries}) {
        geometry->boundaries.insert(geometry->boundaries.end(), list->begin(), list->end());
      }
    }
    if (read && !options.layers.empty()) {
      read = geo::loadLayersFile(options.layers, *geometry, diagnostics);
    }
    for (const auto& diagnostic : diagnostics.items()) {
      fmt::print(stderr, "zr audit: {}\n", geo::formatDiagnostic(diagnostic));
    }
    if (!read) return kExitUsage;
    auditOptions.geometry = std::move(geometry);
  } else if (!options.boundary.empty() || !options.layers.empty()) {
    fmt::print(stderr, "zr audit: --boundary and --layers need --geometry\n");
    return kExitUsage;
  }
  audit::AuditRun run = audit::runAudit(auditOptions);

  std::string report = options.format == "json"    ? audit::renderAuditJson(run)
                       : options.format == "sarif" ? audit::renderAuditSarif(run)
                                                   : audit::renderAuditText(run);
  std::fwrite(report.data(), 1, report.size(), stdout);
  std::fflush(stdout);

  if (options.timings) {
    fmt::print(stderr, "zr audit: compile {:.3f} s, graph and pairs {:.3f} s, checks {:.3f} s\n",
               run.stats.compileSeconds, run.stats.graphSeconds, run.stats.checkSeconds);
    for (const auto& [check, secs] : run.stats.checkTimes)
      fmt::print(stderr, "zr audit:   {:<14} {:.3f} s\n", check, secs);
  }
  for (const std::string& error : run.internalErrors)
    fmt::print(stderr, "zr audit: internal error: {}\n", error);
  if (run.stoppedBy) {
    for (const auto& d : run.stoppedBy->diagnostics.all())
      if (d.code == "ZR0004" && !d.span.valid()) return kExitUsage;
    return kExitInputErrors;
  }
  if (!run.internalErrors.empty()) return kExitInternal;
  return run.count(audit::FindingSeverity::Error) > 0 ? kExitInputErrors : kExitOk;
}

}  // namespace zr::cli
