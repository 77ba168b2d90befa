// Reads an ESRI Shapefile (.shp with its .shx and .dbf) through shapelib. Polygon parts are
// grouped the Shapefile way: a clockwise ring starts a polygon, the counter-clockwise rings
// after it are its holes. Attribute text is read as UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/geo/GeoDiagnostic.h"
#include "runtime/geo/RawFeature.h"

namespace zr::geo {

std::vector<RawFeature> readShapefile(const std::string& path, std::string_view keyProperty,
                                      GeoDiagnostics& diagnostics);

}  // namespace zr::geo
