#include <fmt/format.h>

#include <cstdio>
#include <fstream>

#include "cli/Commands.h"
#include "cli/GeometryInput.h"
#include "runtime/geo/SiteJson.h"
#include "runtime/geo/SvgMap.h"

namespace zr::cli {

void registerMap(CLI::App& app, MapOptions& options) {
  auto* cmd = app.add_subcommand(
      "map", "Write an SVG map of the units coloured by class, with a site and the units it hits");
  cmd->add_option("--bundle", options.bundle, "A compiled bundle (.zrb)");
  cmd->add_option("sources", options.sources, "Sources (.zr), instead of --bundle");
  cmd->add_option("--geometry", options.geometry, "Unit boundaries (.geojson or .shp)")->required();
  cmd->add_option("--layers", options.layers, "Named layers to draw (.geojson or .shp)");
  cmd->add_option("--site", options.site,
                  "The project site as JSON: '{\"point\":[lon,lat]}', a line, a polygon, a "
                  "GeoJSON geometry or a descriptor line with a \"site\"");
  cmd->add_option("--within", options.within,
                  "Only units whose code starts with ZH + this prefix (e.g. 3601 for 南昌)");
  cmd->add_option("--lang", options.lang, "Legend language: zh (default) or en")
      ->check(CLI::IsMember({"en", "zh"}));
  cmd->add_option("--width", options.width, "Width in pixels (default 800)")
      ->check(CLI::Range(200, 10000));
  cmd->add_option("-o,--output", options.output, "Write the SVG here (default: standard output)");
  cmd->footer(
      "Exit status: 0 ok, 1 invalid features or site, 2 usage or I/O.\n"
      "Example: zr map --bundle jiangxi.zrb --geometry examples/jiangxi/geometry/units.geojson "
      "--within 3601 --site '{\"point\":[115.9,28.7]}' -o nanchang.svg");
}

int runMap(const MapOptions& options, const CommonOptions& common) {
  if (options.bundle.empty() == options.sources.empty()) {
    fmt::print(stderr, "zr map: give either --bundle B.zrb or .zr sources\n");
    return kExitUsage;
  }
  geo::MapRequest request;
  request.unitPrefix = options.within;
  request.zh = options.lang == "zh";
  request.width = options.width;
  if (!options.site.empty()) {
    std::string error;
    request.site = geo::parseSiteJson(options.site, error);
    if (!request.site) {
      fmt::print(stderr, "zr map: --site: {}\n", error);
      return kExitUsage;
    }
  }
  ir::Bundle bundle;
  if (int status = loadBundle("map", options.bundle, options.sources, common, bundle)) {
    return status;
  }
  int status = kExitOk;
  auto context = loadGeometry("map", bundle, options.geometry, options.layers, status);
  if (!context) return status;
  const std::string svg = geo::renderSvgMap(bundle, *context, request);
  if (svg.empty()) {
    fmt::print(stderr, "zr map: no unit{} has geometry: nothing to draw\n",
               options.within.empty() ? "" : " of ZH" + options.within);
    return kExitInputErrors;
  }
  if (options.output.empty()) {
    std::fwrite(svg.data(), 1, svg.size(), stdout);
  } else {
    std::ofstream out(options.output, std::ios::binary);
    out << svg;
    if (!out) {
      fmt::print(stderr, "zr map: cannot write '{}'\n", options.output);
      return kExitUsage;
    }
  }
  return status;
}

}  // namespace zr::cli
