// An SVG map of control units coloured by class (优先保护 green, 重点管控 red, 一般管控
// yellow), the layers, an optional site with the units it hits outlined, a legend and a scale
// bar. Equirectangular projection around the map's middle latitude. Deterministic: coordinates
// are printed with fixed decimals and elements follow the bundle's unit order.
#pragma once

#include <optional>
#include <string>

#include "runtime/eval/Spatial.h"
#include "runtime/geo/GeoContext.h"
#include "runtime/ir/Ir.h"

namespace zr::geo {

struct MapRequest {
  std::string unitPrefix;  // only units whose code (after "ZH") starts with this; "" = all
  std::optional<eval::SiteGeometry> site;
  bool zh = true;  // legend language
  int width = 800;
};

// Empty when no unit of the selection has geometry.
std::string renderSvgMap(const ir::Bundle& bundle, const GeoContext& context,
                         const MapRequest& request);

}  // namespace zr::geo
