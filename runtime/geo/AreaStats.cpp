#include "runtime/geo/AreaStats.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

namespace zr::geo {

namespace {

std::size_t classIndex(ir::UnitClass unitClass) {
  return static_cast<std::size_t>(unitClass) - 1;  // Priority = 1 … General = 3
}

double share(double part, double whole) { return whole > 0 ? part / whole : 0; }

// Rounded for output so that the text does not depend on the last bits of a sum.
double round(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}

}  // namespace

std::vector<AreaGroup> areaStatistics(const ir::Bundle& bundle, const GeoContext& context) {
  std::map<std::string, AreaGroup> provinces, cities, counties;
  auto add = [](std::map<std::string, AreaGroup>& groups, const char* level,
                const std::string& code, std::size_t cls, const UnitGeometry& geometry) {
    auto& group = groups[code];
    group.level = level;
    group.code = code;
    ++group.units[cls];
    group.area[cls] += geometry.area;
    if (geometry.polygons.empty()) ++group.withoutGeometry;
  };
  for (std::size_t i = 0; i < bundle.units.size(); ++i) {
    const auto& unit = bundle.units[i];
    if (unit.county.size() != 6) continue;
    const auto cls = classIndex(unit.unitClass);
    const auto& geometry = context.units()[i];
    add(provinces, "province", unit.county.substr(0, 2) + "0000", cls, geometry);
    add(cities, "city", unit.county.substr(0, 4) + "00", cls, geometry);
    add(counties, "county", unit.county, cls, geometry);
  }
  std::vector<AreaGroup> out;
  for (auto* groups : {&provinces, &cities, &counties}) {
    for (auto& [code, group] : *groups) out.push_back(std::move(group));
  }
  return out;
}

std::string renderStatsText(const std::vector<AreaGroup>& groups, StatsLang lang) {
  const bool zh = lang == StatsLang::Zh;
  std::string out;
  out += zh ? fmt::format("{:<6} {:<6} {:>5} {:>5} {:>5} {:>5} {:>12} {:>8} {:>8} {:>8} {:>6}\n",
                          "级别", "代码", "单元", "优先", "重点", "一般", "面积(km²)", "优先%",
                          "重点%", "一般%", "无图形")
            : fmt::format("{:<8} {:<6} {:>5} {:>5} {:>5} {:>5} {:>12} {:>8} {:>8} {:>8} {:>6}\n",
                          "level", "code", "units", "prio", "key", "gen", "area km²", "prio %",
                          "key %", "gen %", "no geo");
  for (const auto& g : groups) {
    const double total = g.totalArea();
    std::string level = g.level;
    if (zh) level = g.level == "province" ? "省" : g.level == "city" ? "市" : "县";
    out += fmt::format(
        fmt::runtime(zh ? "{:<6} {:<6} {:>5} {:>5} {:>5} {:>5} {:>12.2f} {:>8.2f} {:>8.2f} "
                          "{:>8.2f} {:>6}\n"
                        : "{:<8} {:<6} {:>5} {:>5} {:>5} {:>5} {:>12.2f} {:>8.2f} {:>8.2f} "
                          "{:>8.2f} {:>6}\n"),
        level, g.code, g.totalUnits(), g.units[0], g.units[1], g.units[2], round(total / 1e6, 2),
        round(100 * share(g.area[0], total), 2), round(100 * share(g.area[1], total), 2),
        round(100 * share(g.area[2], total), 2), g.withoutGeometry);
  }
  out += zh ? "面积为 CGCS2000 椭球面上的测地面积；比例为面积比例。\n"
            : "Areas are geodesic on the CGCS2000 ellipsoid; shares are shares of area.\n";
  return out;
}

std::string renderStatsJson(const std::vector<AreaGroup>& groups) {
  static const char* kClasses[] = {"priority", "key", "general"};
  nlohmann::ordered_json out;
  out["area_unit"] = "km2";
  out["method"] = "geodesic area on the CGCS2000 ellipsoid";
  out["groups"] = nlohmann::ordered_json::array();
  for (const auto& g : groups) {
    nlohmann::ordered_json row;
    row["level"] = g.level;
    row["code"] = g.code;
    row["units"] = g.totalUnits();
    row["area_km2"] = round(g.totalArea() / 1e6, 4);
    for (std::size_t c = 0; c < 3; ++c) {
      row["by_class"][kClasses[c]] = {{"units", g.units[c]},
                                      {"area_km2", round(g.area[c] / 1e6, 4)},
                                      {"area_share", round(share(g.area[c], g.totalArea()), 6)}};
    }
    row["units_without_geometry"] = g.withoutGeometry;
    out["groups"].push_back(std::move(row));
  }
  return out.dump(2) + "\n";
}

}  // namespace zr::geo
