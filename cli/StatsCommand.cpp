#include <fmt/format.h>

#include <cstdio>

#include "cli/Commands.h"
#include "cli/GeometryInput.h"
#include "runtime/geo/AreaStats.h"

namespace zr::cli {

void registerStats(CLI::App& app, StatsOptions& options) {
  auto* cmd = app.add_subcommand(
      "stats", "Unit counts and geodesic areas by class per county, city and province");
  cmd->add_option("--bundle", options.bundle, "A compiled bundle (.zrb)");
  cmd->add_option("sources", options.sources, "Sources (.zr), instead of --bundle");
  cmd->add_option("--geometry", options.geometry, "Unit boundaries (.geojson or .shp)")->required();
  cmd->add_option("--format", options.format, "text (a table, default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--lang", options.lang, "Labels of the table: en or zh")
      ->check(CLI::IsMember({"en", "zh"}));
  cmd->footer(
      "Exit status: 0 ok, 1 invalid features (left out) or invalid sources, 2 usage or I/O.\n"
      "Example: zr stats --bundle jiangxi.zrb --geometry "
      "examples/jiangxi/geometry/units.geojson --lang zh");
}

int runStats(const StatsOptions& options, const CommonOptions& common) {
  if (options.bundle.empty() == options.sources.empty()) {
    fmt::print(stderr, "zr stats: give either --bundle B.zrb or .zr sources\n");
    return kExitUsage;
  }
  ir::Bundle bundle;
  if (int status = loadBundle("stats", options.bundle, options.sources, common, bundle)) {
    return status;
  }
  int status = kExitOk;
  auto context = loadGeometry("stats", bundle, options.geometry, "", status);
  if (!context) return status;
  const auto groups = geo::areaStatistics(bundle, *context);
  const std::string text =
      options.format == "json"
          ? geo::renderStatsJson(groups)
          : geo::renderStatsText(groups,
                                 options.lang == "zh" ? geo::StatsLang::Zh : geo::StatsLang::En);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return status;
}

}  // namespace zr::cli
