#include "runtime/geo/Geodesic.h"

#include <cmath>

namespace zr::geo {

namespace {

using GeoPoint = bg::model::point<double, 2, bg::cs::geographic<bg::degree>>;
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

// Area on the ellipsoid of a ring whose edges are straight in lon/lat (the overlay's reading),
// by Green's theorem: A = -∮ G(φ) dλ, where G(φ) = ∫₀^φ M N cos φ' dφ' is the area between the
// equator and latitude φ per radian of longitude. G is smooth, so 5-point Gauss–Legendre along
// each edge is exact to rounding; subtracting G at the ring's first latitude (∮ c dλ = 0) keeps
// the sum free of cancellation even far from the equator. Boost's geographic area strategy
// assumes geodesic edges and loses ~1e4 m² to cancellation at Jiangxi's latitudes.
static double ringArea(const Ring& ring) {
  constexpr double kA = 6378137.0, kF = 1 / 298.257222101;
  constexpr double kE2 = kF * (2 - kF);
  static const double kE = std::sqrt(kE2);
  constexpr double kRad = M_PI / 180;
  auto zone = [](double latDeg) {
    const double s = std::sin(latDeg * kRad);
    return kA * kA * (1 - kE2) / 2 * (s / (1 - kE2 * s * s) + std::atanh(kE * s) / kE);
  };
  static constexpr double kNodes[] = {-0.9061798459386640, -0.5384693101056831, 0.0,
                                      0.5384693101056831, 0.9061798459386640};
  static constexpr double kWeights[] = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
                                        0.4786286704993665, 0.2369268850561891};
  if (ring.size() < 4) return 0;
  const double base = zone(ring.front().y());
  double sum = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    const Point& p = ring[i];
    const Point& q = ring[i + 1];
    const double dlon = (q.x() - p.x()) * kRad;
    if (dlon == 0) continue;
    double mean;
    if (p.y() == q.y()) {
      mean = zone(p.y()) - base;
    } else {
      mean = 0;
      for (int k = 0; k < 5; ++k) {
        const double t = (kNodes[k] + 1) / 2;
        mean += kWeights[k] / 2 * (zone(p.y() + t * (q.y() - p.y())) - base);
      }
    }
    sum -= mean * dlon;
  }
  return std::abs(sum);
}

double geodesicArea(const Polygon& polygon) {
  double area = ringArea(polygon.outer());
  for (const auto& inner : polygon.inners()) area -= ringArea(inner);
  return area;
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
  return "geodesic on the CGCS2000 ellipsoid (Vincenty distances; areas by Green's theorem with "
         "edges straight in lon/lat)";
}

}  // namespace zr::geo
