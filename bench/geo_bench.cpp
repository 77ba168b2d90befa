// Site resolution speed over a unit geometry (default: the Jiangxi example's 1,014 units).
// A plain timed main (one thread; run it under `taskset -c 0`), printing one JSON line:
//   point_lookups_per_s   random points inside the units' envelope resolved per second
//   polygon_site_ms_p50   median time to resolve one polygon site (a random ~2 km hexagon)
// Usage: geo_bench UNITS.geojson [POINTS] [POLYGONS] [SEED]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "runtime/geo/GeoContext.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: geo_bench UNITS.geojson [POINTS] [POLYGONS] [SEED]\n");
    return 2;
  }
  const std::size_t points = argc > 2 ? std::stoul(argv[2]) : 2'000'000;
  const std::size_t polygons = argc > 3 ? std::stoul(argv[3]) : 2'000;
  const unsigned seed = argc > 4 ? static_cast<unsigned>(std::stoul(argv[4])) : 42;

  zr::geo::GeoDiagnostics diagnostics;
  zr::geo::GeometrySet set;
  if (!zr::geo::loadUnitsFile(argv[1], set, diagnostics) || diagnostics.hasErrors()) {
    std::fputs(diagnostics.format().c_str(), stderr);
    return 1;
  }
  std::vector<std::string> codes;
  zr::geo::Box box = zr::geo::bg::make_inverse<zr::geo::Box>();
  for (const auto& shape : set.units) {
    codes.push_back(shape.key);
    zr::geo::bg::expand(box, shape.box);
  }
  std::sort(codes.begin(), codes.end());
  const std::size_t units = codes.size();
  const zr::geo::GeoContext context(codes, std::move(set), diagnostics);

  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> lon(box.min_corner().x(), box.max_corner().x());
  std::uniform_real_distribution<double> lat(box.min_corner().y(), box.max_corner().y());

  // Point lookups: the sites are made before the clock starts.
  std::vector<zr::eval::SiteGeometry> sites(points);
  for (auto& site : sites) {
    site.kind = zr::eval::SiteGeometry::Kind::Point;
    site.parts = {{{lon(random), lat(random)}}};
  }
  std::size_t hits = 0;
  const auto start = Clock::now();
  for (const auto& site : sites) hits += context.resolve(site).size();
  const double pointSeconds = seconds(start, Clock::now());

  // Polygon sites: hexagons of about 2 km across.
  std::vector<double> times;
  times.reserve(polygons);
  std::size_t polygonHits = 0;
  for (std::size_t i = 0; i < polygons; ++i) {
    const double cx = lon(random), cy = lat(random);
    zr::eval::SiteGeometry site{zr::eval::SiteGeometry::Kind::Polygon, {{}}};
    for (int k = 0; k < 6; ++k) {
      const double angle = k * M_PI / 3;
      site.parts[0].push_back({cx + 0.01 * std::cos(angle), cy + 0.01 * std::sin(angle)});
    }
    const auto t0 = Clock::now();
    polygonHits += context.resolve(site).size();
    times.push_back(seconds(t0, Clock::now()) * 1e3);
  }
  std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
  const double p50 = times.empty() ? 0 : times[times.size() / 2];
  std::printf(
      "{\"point_lookups_per_s\": %.0f, \"polygon_site_ms_p50\": %.4f, \"geo_units\": %zu, "
      "\"geo_points\": %zu, \"geo_point_hits\": %zu, \"geo_polygons\": %zu, "
      "\"geo_polygon_hits\": %zu}\n",
      static_cast<double>(points) / pointSeconds, p50, units, points, hits, polygons, polygonHits);
  return 0;
}
