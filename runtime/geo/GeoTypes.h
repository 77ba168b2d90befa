// Geometry types of runtime/geo. Overlay and indexing work on lon/lat as plane coordinates
// (edges are straight in lon/lat, as RFC 7946 reads GeoJSON); measures (areas, lengths,
// distances) are geodesic on the CGCS2000 ellipsoid (Geodesic.h).
#pragma once

#include <boost/geometry.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace zr::geo {

namespace bg = boost::geometry;

// x = longitude, y = latitude, decimal degrees.
using Point = bg::model::d2::point_xy<double>;
using Box = bg::model::box<Point>;
// Counter-clockwise outer rings and clockwise holes, closed (GeoJSON's right-hand rule).
using Polygon = bg::model::polygon<Point, false, true>;
using Ring = Polygon::ring_type;
using MultiPolygon = bg::model::multi_polygon<Polygon>;
using Linestring = bg::model::linestring<Point>;
using MultiLinestring = bg::model::multi_linestring<Linestring>;
using MultiPoint = bg::model::multi_point<Point>;

// One named geometry: a control unit (keyed by code) or a layer part (keyed by name). A layer
// feature holds polygons, lines or points; a unit only polygons.
struct Shape {
  std::string key;          // unit code or layer name
  std::string kind;         // the "kind" property ("" when absent), e.g. "boundary", "river"
  std::string file;         // where it was read, for diagnostics
  std::size_t feature = 0;  // feature index in that file (0-based)
  MultiPolygon polygons;
  MultiLinestring lines;
  MultiPoint points;
  Box box;  // envelope of all parts
};

}  // namespace zr::geo
