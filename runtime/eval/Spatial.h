// What screening asks of geometry. The evaluator knows sites and layers only through this
// interface; runtime/geo implements it from unit boundaries and named layers (GeoJSON,
// Shapefile, or the geometry section of a bundle). Keeping it abstract lets the evaluator and
// the descriptor reader be tested with a hand-made context, and keeps Boost.Geometry out of
// runtime/eval.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zr::eval {

// A position in CGCS2000 / WGS84 decimal degrees.
struct LonLat {
  double lon = 0, lat = 0;
};

// A project site as the descriptor gives it. Polygons: parts[0] is the outer ring, the others
// holes (rings closed or not; orientation is not trusted). Lines: each part one polyline.
// Points / MultiPoint: each part one position.
struct SiteGeometry {
  enum class Kind : std::uint8_t { Point, MultiPoint, Line, Polygon };
  Kind kind = Kind::Point;
  std::vector<std::vector<LonLat>> parts;
};

// One control unit a site touches. `measure` is the overlap: square metres (polygon sites),
// metres (line sites) or 0 (points); `share` its fraction of the site's whole measure (1 for a
// point inside the unit).
struct UnitHit {
  std::uint32_t unit = 0;  // index into ir::Bundle::units
  double measure = 0;
  double share = 0;
};

class SpatialContext {
 public:
  virtual ~SpatialContext() = default;

  // Every unit the site touches, by unit index, sorted and unique; empty when the site lies
  // outside every unit. A point on a shared border follows the rule in docs/geometry.md.
  virtual std::vector<UnitHit> resolve(const SiteGeometry& site) const = 0;
  // Why the site cannot be placed (a polygon whose boundary crosses itself, a ring with no
  // area…), or nullopt when it can. Screening asks first: an invalid site is a record error
  // (ZR1008), never a site that silently lies "outside every unit".
  virtual std::optional<std::string> siteProblem(const SiteGeometry& /*site*/) const {
    return std::nullopt;
  }

  // Whether a layer of this name is loaded (a rule may name a layer the geometry lacks: its
  // spatial facts then stay unknown).
  virtual bool hasLayer(std::string_view layer) const = 0;

  // Geodesic distance on the ellipsoid, in metres, from the site to the nearest part of the
  // layer (0 when they touch); nullopt when the layer is not loaded.
  virtual std::optional<double> distanceTo(std::string_view layer,
                                           const SiteGeometry& site) const = 0;

  // Whether the site lies within the layer (for a polygon site: overlaps it; for a point: in or
  // on it); nullopt when the layer is not loaded.
  virtual std::optional<bool> within(std::string_view layer, const SiteGeometry& site) const = 0;

  // How these facts are computed, for the record's "computed" entries (e.g.
  // "geodesic distance on the CGCS2000 ellipsoid, Vincenty").
  virtual std::string method() const = 0;
};

}  // namespace zr::eval
