// A site written as JSON for `zr map --site`: {"point": [lon, lat]}, {"multipoint": [[…]…]},
// {"line": [[lon, lat], …]} (or a list of such lines), {"polygon": [[[lon, lat], …], …]}, a
// GeoJSON geometry ({"type": "Point", "coordinates": …}), or a descriptor line holding one of
// these under "site". Decimal degrees only; descriptors in 度分秒 go through `zr screen`.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "runtime/eval/Spatial.h"

namespace zr::geo {

// nullopt with `error` set when the text is not such a site.
std::optional<eval::SiteGeometry> parseSiteJson(std::string_view text, std::string& error);

}  // namespace zr::geo
