// Validates a RawFeature and builds its Shape. Repairs what has one obvious repair (an
// unclosed ring is closed, a ring wound the wrong way is turned, a repeated vertex is dropped),
// each with a warning; everything else (coordinates out of range, too few points, a ring that
// crosses itself, a hole outside its polygon) is an error and the feature is left out.
#pragma once

#include <optional>
#include <string>

#include "runtime/geo/GeoDiagnostic.h"
#include "runtime/geo/GeoTypes.h"
#include "runtime/geo/RawFeature.h"

namespace zr::geo {

std::optional<Shape> buildShape(const RawFeature& feature, const std::string& file,
                                GeoDiagnostics& diagnostics);

// The same repairs for a site's polygon (no diagnostics): close the rings, drop repeated
// vertices and orient them; nullopt when the polygon stays invalid.
// `why`, when given, says what is wrong with an invalid polygon.
std::optional<Polygon> buildSitePolygon(const std::vector<std::vector<Point>>& rings,
                                        std::string* why = nullptr);

}  // namespace zr::geo
