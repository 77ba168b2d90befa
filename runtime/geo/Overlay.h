// Overlays with a check on each resulting piece. Boost.Geometry's set operations can return a
// spurious piece where two polygons nearly touch (a vertex a hair's breadth from the other's
// edge); a piece is kept only when a point inside it lies inside both operands (intersection)
// or inside the first and outside every subtracted polygon (difference).
#pragma once

#include <vector>

#include "runtime/geo/GeoTypes.h"

namespace zr::geo {

// a ∩ b as confirmed pieces; empty when Boost cannot compute the overlay.
MultiPolygon confirmedIntersection(const MultiPolygon& a, const MultiPolygon& b);
MultiPolygon confirmedIntersection(const Polygon& a, const MultiPolygon& b);

// `from` minus every polygon of `holes` (applied one after the other), confirmed pieces.
MultiPolygon confirmedDifference(const MultiPolygon& from,
                                 const std::vector<const MultiPolygon*>& holes);

// A point strictly inside the piece when one can be found (else a point of it).
Point interiorPoint(const Polygon& piece);

}  // namespace zr::geo
