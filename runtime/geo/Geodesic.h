// Measures on the CGCS2000 ellipsoid (a = 6378137 m, f = 1/298.257222101; WGS84 differs by
// less than a millimetre here). Lengths and distances: Boost.Geometry's geographic strategies
// with the Vincenty formulas. Areas: exact for the region the overlay works on (edges straight
// in lon/lat), by Green's theorem. Inputs are lon/lat geometries of GeoTypes.h.
#pragma once

#include "runtime/geo/GeoTypes.h"

namespace zr::geo {

// Square metres.
double geodesicArea(const Polygon& polygon);
double geodesicArea(const MultiPolygon& polygons);
// Metres.
double geodesicLength(const Linestring& line);
double geodesicLength(const MultiLinestring& lines);
double geodesicDistance(const Point& a, const Point& b);
// Shortest distance from a point to a polyline (segments as geodesics), metres.
double geodesicDistance(const Point& point, const Linestring& line);
double geodesicDistance(const Point& point, const Ring& ring);

// Human-readable method, for the records' "computed" entries.
const char* geodesicMethod();

}  // namespace zr::geo
