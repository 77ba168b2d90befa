// Reads a GeoJSON FeatureCollection (RFC 7946) of Polygon, MultiPolygon, LineString,
// MultiLineString, Point and MultiPoint features. `keyProperty` names the property that keys
// each feature ("code" for unit boundaries, "name" for layers).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/geo/GeoDiagnostic.h"
#include "runtime/geo/RawFeature.h"

namespace zr::geo {

std::vector<RawFeature> readGeoJson(const std::string& path, std::string_view keyProperty,
                                    GeoDiagnostics& diagnostics);
// The same from text already in memory (`path` only names it in diagnostics).
std::vector<RawFeature> parseGeoJson(std::string_view text, const std::string& path,
                                     std::string_view keyProperty, GeoDiagnostics& diagnostics);

}  // namespace zr::geo
