#include "runtime/geo/GeometryBuilder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace zr::geo {

namespace {

class Builder {
 public:
  Builder(const RawFeature& feature, const std::string& file, GeoDiagnostics& diagnostics)
      : feature_(feature), file_(file), diagnostics_(diagnostics) {}

  std::optional<Shape> build() {
    Shape shape;
    shape.key = feature_.key;
    shape.kind = feature_.kind;
    shape.file = file_;
    shape.feature = feature_.index;
    for (std::size_t p = 0; p < feature_.polygons.size(); ++p) {
      Polygon polygon;
      if (!buildPolygon(feature_.polygons[p], p, polygon)) return std::nullopt;
      shape.polygons.push_back(std::move(polygon));
    }
    if (shape.polygons.size() > 1) {
      bg::validity_failure_type failure;
      if (!bg::is_valid(shape.polygons, failure)) {
        report("ZR1107", GeoSeverity::Error, "",
               "the polygons of the feature overlap each other (" +
                   std::string(bg::validity_failure_type_message(failure)) + ")");
        return std::nullopt;
      }
    }
    for (std::size_t l = 0; l < feature_.lines.size(); ++l) {
      Linestring line;
      if (!buildPath(feature_.lines[l], fmt::format("line {}", l), line)) return std::nullopt;
      if (line.size() < 2) {
        report("ZR1106", GeoSeverity::Error, fmt::format("line {}", l),
               "a line needs at least two distinct points");
        return std::nullopt;
      }
      shape.lines.push_back(std::move(line));
    }
    for (std::size_t i = 0; i < feature_.points.size(); ++i) {
      const auto& position = feature_.points[i];
      if (!inRange(position, fmt::format("point {}", i))) return std::nullopt;
      shape.points.emplace_back(position.lon, position.lat);
    }
    if (shape.polygons.empty() && shape.lines.empty() && shape.points.empty()) {
      report("ZR1106", GeoSeverity::Error, "", "the feature has no coordinates");
      return std::nullopt;
    }
    shape.box = bg::make_inverse<Box>();
    if (!shape.polygons.empty()) bg::expand(shape.box, bg::return_envelope<Box>(shape.polygons));
    if (!shape.lines.empty()) bg::expand(shape.box, bg::return_envelope<Box>(shape.lines));
    if (!shape.points.empty()) bg::expand(shape.box, bg::return_envelope<Box>(shape.points));
    return shape;
  }

 private:
  void report(const char* code, GeoSeverity severity, const std::string& position,
              const std::string& message) {
    diagnostics_.add({code, severity, file_, static_cast<long>(feature_.index), feature_.key,
                      position, message});
  }

  bool inRange(const RawPosition& p, const std::string& where) {
    if (!std::isfinite(p.lon) || !std::isfinite(p.lat) || p.lon < -180 || p.lon > 180 ||
        p.lat < -90 || p.lat > 90) {
      report("ZR1103", GeoSeverity::Error, where,
             fmt::format("coordinate [{}, {}] is out of range (longitude -180…180, latitude "
                         "-90…90, decimal degrees; are x and y swapped, or is it projected?)",
                         p.lon, p.lat));
      return false;
    }
    return true;
  }

  // Copies the positions, dropping repeated consecutive vertices (with a warning).
  template <typename Path>
  bool buildPath(const RawPath& raw, const std::string& where, Path& out) {
    for (std::size_t v = 0; v < raw.size(); ++v) {
      if (!inRange(raw[v], fmt::format("{} vertex {}", where, v))) return false;
      Point point(raw[v].lon, raw[v].lat);
      if (!out.empty() && bg::equals(out.back(), point)) {
        // The closing vertex of a ring repeats the first, not the previous one: no warning.
        report("ZR1108", GeoSeverity::Warning, fmt::format("{} vertex {}", where, v),
               "repeated vertex removed");
        continue;
      }
      out.push_back(point);
    }
    return true;
  }

  bool buildRing(const RawPath& raw, const std::string& where, bool outer, Ring& ring) {
    if (!buildPath(raw, where, ring)) return false;
    if (ring.size() >= 2 && !bg::equals(ring.front(), ring.back())) {
      report("ZR1104", GeoSeverity::Warning, where,
             "the ring is not closed (its last position differs from its first): closed");
      ring.push_back(ring.front());
    }
    if (ring.size() < 4) {
      report("ZR1106", GeoSeverity::Error, where,
             fmt::format("a ring needs at least three distinct points (has {})",
                         ring.empty() ? 0 : ring.size() - 1));
      return false;
    }
    // Plane area in lon/lat: positive for counter-clockwise with this ring type's convention.
    const double area = bg::area(ring);
    if (area == 0) {
      // A bow-tie's two lobes cancel out: name the crossing, not "no area".
      if (bg::intersects(ring)) {
        Polygon lone;
        lone.outer() = ring;
        // "ring 0 segments i and j" of the lone ring: keep the segments, name this ring.
        const std::string crossing = crossingPosition(lone);
        report("ZR1107", GeoSeverity::Error,
               crossing.size() > 6 ? where + crossing.substr(6) : where,
               "the boundary crosses itself (self-intersection)");
      } else {
        report("ZR1106", GeoSeverity::Error, where, "the ring encloses no area (collinear points)");
      }
      return false;
    }
    if ((area < 0) == outer) {
      report("ZR1105", GeoSeverity::Warning, where,
             outer ? "the outer ring winds clockwise (GeoJSON wants counter-clockwise): turned"
                   : "the hole winds counter-clockwise (GeoJSON wants clockwise): turned");
      std::reverse(ring.begin(), ring.end());
    }
    return true;
  }

  bool buildPolygon(const std::vector<RawPath>& rings, std::size_t index, Polygon& polygon) {
    const std::string prefix =
        feature_.polygons.size() > 1 ? fmt::format("polygon {} ", index) : std::string();
    for (std::size_t r = 0; r < rings.size(); ++r) {
      Ring ring;
      if (!buildRing(rings[r], fmt::format("{}ring {}", prefix, r), r == 0, ring)) return false;
      if (r == 0) {
        polygon.outer() = std::move(ring);
      } else {
        polygon.inners().push_back(std::move(ring));
      }
    }
    bg::validity_failure_type failure;
    if (bg::is_valid(polygon, failure)) return true;
    if (failure == bg::failure_self_intersections || failure == bg::failure_spikes) {
      report("ZR1107", GeoSeverity::Error, prefix + crossingPosition(polygon),
             "the boundary crosses itself (self-intersection)");
    } else {
      report("ZR1109", GeoSeverity::Error, prefix,
             fmt::format("invalid polygon: {}", bg::validity_failure_type_message(failure)));
    }
    return false;
  }

  // Names the first pair of crossing segments (rings, vertex indices) for the diagnostic.
  static std::string crossingPosition(const Polygon& polygon) {
    std::vector<const Ring*> rings{&polygon.outer()};
    for (const auto& inner : polygon.inners()) rings.push_back(&inner);
    constexpr std::size_t kMaxScan = 4000;  // quadratic scan: only for rings of modest size
    for (std::size_t ra = 0; ra < rings.size(); ++ra) {
      for (std::size_t rb = ra; rb < rings.size(); ++rb) {
        const Ring& a = *rings[ra];
        const Ring& b = *rings[rb];
        if (a.size() > kMaxScan || b.size() > kMaxScan) continue;
        for (std::size_t i = 0; i + 1 < a.size(); ++i) {
          for (std::size_t j = (ra == rb ? i + 1 : 0); j + 1 < b.size(); ++j) {
            bg::model::segment<Point> sa(a[i], a[i + 1]), sb(b[j], b[j + 1]);
            // Neighbouring segments share a vertex; a spike between them is caught by is_valid.
            if (ra == rb && (j == i + 1 || (i == 0 && j + 2 == a.size()))) continue;
            if (bg::intersects(sa, sb)) {
              return ra == rb ? fmt::format("ring {} segments {} and {}", ra, i, j)
                              : fmt::format("rings {} and {} (vertices {} and {})", ra, rb, i, j);
            }
          }
        }
      }
    }
    return "";
  }

  const RawFeature& feature_;
  const std::string& file_;
  GeoDiagnostics& diagnostics_;
};

}  // namespace

std::optional<Shape> buildShape(const RawFeature& feature, const std::string& file,
                                GeoDiagnostics& diagnostics) {
  return Builder(feature, file, diagnostics).build();
}

namespace {

bool collinear(const Ring& ring) {
  const Point& a = ring.front();
  for (std::size_t i = 1; i + 1 < ring.size(); ++i) {
    const double cross = (ring[i].x() - a.x()) * (ring[i + 1].y() - a.y()) -
                         (ring[i].y() - a.y()) * (ring[i + 1].x() - a.x());
    if (cross != 0) return false;
  }
  return true;
}

}  // namespace

std::optional<Polygon> buildSitePolygon(const std::vector<std::vector<Point>>& rings,
                                        std::string* why) {
  auto fail = [why](std::string reason) -> std::optional<Polygon> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  if (rings.empty()) return fail("the polygon has no ring");
  Polygon polygon;
  for (std::size_t r = 0; r < rings.size(); ++r) {
    Ring ring;
    for (const auto& point : rings[r]) {
      if (ring.empty() || !bg::equals(ring.back(), point)) ring.push_back(point);
    }
    if (ring.size() >= 2 && !bg::equals(ring.front(), ring.back())) ring.push_back(ring.front());
    if (ring.size() < 4) return fail(fmt::format("ring {} needs at least 3 distinct positions", r));
    // Checked before orientation: a bow-tie has no net area either, and correct() cannot turn
    // what has no orientation.
    if (collinear(ring))
      return fail(fmt::format("ring {} has no area (its positions lie on one line)", r));
    if (bg::intersects(ring)) return fail(fmt::format("ring {} crosses itself", r));
    if (r == 0) {
      polygon.outer() = std::move(ring);
    } else {
      polygon.inners().push_back(std::move(ring));
    }
  }
  bg::correct(polygon);
  bg::validity_failure_type failure;
  if (bg::is_valid(polygon, failure)) return polygon;
  switch (failure) {
    case bg::failure_self_intersections:
    case bg::failure_spikes:
      return fail("the polygon's boundary crosses itself");
    case bg::failure_wrong_topological_dimension:
      return fail("the polygon has no area (its positions lie on one line)");
    case bg::failure_interior_rings_outside:
      return fail("a hole lies outside the polygon");
    case bg::failure_nested_interior_rings:
      return fail("a hole lies inside another hole");
    default:
      return fail(bg::validity_failure_type_message(failure));
  }
}

}  // namespace zr::geo
