// Unit counts and geodesic areas by class (优先保护 / 重点管控 / 一般管控) per county, city and
// province: the shares (面积比例) a province scheme publishes. Groups come from the units'
// county codes (GB/T 2260: city = first four digits + "00", province = first two + "0000").
#pragma once

#include <array>
#include <string>
#include <vector>

#include "runtime/geo/GeoContext.h"
#include "runtime/ir/Ir.h"

namespace zr::geo {

struct AreaGroup {
  std::string level;                   // "province", "city", "county"
  std::string code;                    // 6-digit admin code
  std::array<std::size_t, 3> units{};  // by class: priority, key, general
  std::array<double, 3> area{};        // square metres, by class
  std::size_t withoutGeometry = 0;     // units counted but not measured

  std::size_t totalUnits() const { return units[0] + units[1] + units[2]; }
  double totalArea() const { return area[0] + area[1] + area[2]; }
};

// Province groups first, then cities, then counties, each by code.
std::vector<AreaGroup> areaStatistics(const ir::Bundle& bundle, const GeoContext& context);

enum class StatsLang { En, Zh };
std::string renderStatsText(const std::vector<AreaGroup>& groups, StatsLang lang);
std::string renderStatsJson(const std::vector<AreaGroup>& groups);

}  // namespace zr::geo
