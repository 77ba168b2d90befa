#include "runtime/geo/Geodesic.h"

namespace zr::geo {

namespace {

using GeoPoint = bg::model::point<double, 2, bg::cs::geographic<bg::degree>>;
using GeoPolygon = bg::model::polygon<GeoPoint, false, true>;
using GeoLinestring = bg::model::linestring<GeoPoint>;

const bg::srs::spheroid<double>& cgcs2000() {
  static const bg::srs::spheroid<double> spheroid(6378137.0, 6378137.0 * (1 - 1 / 298.257222101));
  return spheroid;
}

GeoPoint toGeo(const Point& p) { return GeoPoint(p.x(), p.y()); }

template <typename Path, typename GeoPath>
void copyPath(const Path& from, GeoPath& to) {
  to.reserve(from.size());
  for (const auto& p : from) to.push_back(toGeo(p));
}

}  // namespace

double geodesicArea(const Polygon& polygon) {
  GeoPolygon geo;
  copyPath(polygon.outer(), geo.outer());
  for (const auto& inner : polygon.inners()) {
    geo.inners().emplace_back();
    copyPath(inner, geo.inners().back());
  }
  const bg::strategy::area::geographic<bg::strategy::vincenty> strategy(cgcs2000());
  return std::abs(bg::area(geo.outer(), strategy)) -
         [&] {
           double holes = 0;
           for (const auto& inner : geo.inners()) holes += std::abs(bg::area(inner, strategy));
           return holes;
         }();
}

double geodesicArea(const MultiPolygon& polygons) {
  double sum = 0;
  for (const auto& polygon : polygons) sum += geodesicArea(polygon);
  return sum;
}

double geodesicLength(const Linestring& line) {
  GeoLinestring geo;
  copyPath(line, geo);
  return bg::length(geo, bg::strategy::distance::geographic<bg::strategy::vincenty>(cgcs2000()));
}

double geodesicLength(const MultiLinestring& lines) {
  double sum = 0;
  for (const auto& line : lines) sum += geodesicLength(line);
  return sum;
}

double geodesicDistance(const Point& a, const Point& b) {
  return bg::distance(toGeo(a), toGeo(b),
                      bg::strategy::distance::geographic<bg::strategy::vincenty>(cgcs2000()));
}

double geodesicDistance(const Point& point, const Linestring& line) {
  if (line.size() == 1) return geodesicDistance(point, line.front());
  GeoLinestring geo;
  copyPath(line, geo);
  return bg::distance(
      toGeo(point), geo,
      bg::strategy::distance::geographic_cross_track<bg::strategy::vincenty>(cgcs2000()));
}

double geodesicDistance(const Point& point, const Ring& ring) {
  GeoLinestring geo;
  copyPath(ring, geo);
  return bg::distance(
      toGeo(point), geo,
      bg::strategy::distance::geographic_cross_track<bg::strategy::vincenty>(cgcs2000()));
}

const char* geodesicMethod() {
  return "geodesic on the CGCS2000 ellipsoid (Boost.Geometry, Vincenty); lon/lat overlay";
}

}  // namespace zr::geo
