// zr — the Zhunru command: check, compile and screen access lists.
#include <fmt/format.h>

#include <cstdio>
#include <iostream>

#include "cli/Commands.h"
#include "compiler/driver/Loader.h"

namespace {

constexpr const char* kDescription =
    "zr — Zhunru (准入): compile 生态环境准入清单 access lists and screen projects.\n\n"
    "Commands:\n"
    "  check    check sources and report diagnostics\n"
    "  compile  compile sources into an IR bundle (.zrb), or print --emit ast|ir\n"
    "  screen   screen project descriptors (JSON Lines) against a bundle or sources\n"
    "  audit    audit a city list against its province (a city may only be stricter)\n"
    "  graph    write the dependency graph of sources as Graphviz DOT\n"
    "  impact   list what depends on a rule, set or unit, in dependency order\n"
    "  serve    serve screening and list filing over HTTP/JSON (zr serve token … for tokens)\n"
    "  stats    unit counts and geodesic areas by class per county, city and province\n"
    "  map      write an SVG map of the units, with a site and the units it hits\n"
    "  help     show help for a command: zr help screen\n\n"
    "Exit status: 0 ok, 1 errors in the input, 2 usage or I/O failure, 3 internal error\n"
    "(zr audit: a witness failed its replay).\n"
    "Documentation: docs/cli.md, docs/language.md, docs/diagnostics.md, docs/audit.md,\n"
    "docs/geometry.md";

}  // namespace

int main(int argc, char** argv) {
  using namespace zr::cli;
  CLI::App app{kDescription, "zr"};
  app.set_version_flag("--version", "zr 0.1.0 (IR format 1)");
  app.require_subcommand(0, 1);
  CommonOptions common;
  common.stdlibDir = zr::driver::defaultStdlibDir();
  app.add_option("--stdlib", common.stdlibDir, "Standard library directory (std.* modules)")
      ->capture_default_str();

  CheckOptions check;
  CompileOptions compile;
  ScreenOptions screen;
  registerCheck(app, check);
  registerCompile(app, compile);
  registerScreen(app, screen);
  AuditOptions audit;
  registerAudit(app, audit);
  GraphOptions graph;
  ImpactOptions impact;
  registerGraph(app, graph);
  registerImpact(app, impact);
  ServeOptions serve;
  registerServe(app, serve);
  StatsOptions stats;
  MapOptions map;
  registerStats(app, stats);
  registerMap(app, map);
  std::string helpTopic;
  auto* help = app.add_subcommand("help", "Show help for a command");
  help->add_option("command", helpTopic,
                   "check, compile, screen, audit, graph, impact, stats, map or serve");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }

  if (help->parsed()) {
    if (helpTopic.empty()) {
      std::cout << app.help();
      return kExitOk;
    }
    try {
      std::cout << app.get_subcommand(helpTopic)->help();
      return kExitOk;
    } catch (const CLI::OptionNotFound&) {
      fmt::print(stderr,
                 "zr help: unknown command '{}' (commands: check, compile, screen, audit, graph, "
                 "impact, stats, map, serve)\n",
                 helpTopic);
      return kExitUsage;
    }
  }
  if (app.got_subcommand("check")) return runCheck(check, common);
  if (app.got_subcommand("compile")) return runCompile(compile, common);
  if (app.got_subcommand("screen")) return runScreen(screen, common);
  if (app.got_subcommand("audit")) return runAudit(audit, common);
  if (app.got_subcommand("graph")) return runGraph(graph, common);
  if (app.got_subcommand("impact")) return runImpact(impact, common);
  if (app.got_subcommand("stats")) return runStats(stats, common);
  if (app.got_subcommand("map")) return runMap(map, common);
  if (app.got_subcommand("serve")) return runServe(serve, common);
  std::cout << app.help();
  return kExitUsage;
}
