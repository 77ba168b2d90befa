// eval::SpatialContext over unit boundaries and layers: an R-tree of unit polygons resolves
// sites to units; layers answer distance_to and within. Rules (docs/geometry.md):
//  - a point belongs to every unit whose closed polygon contains it, so a point on a shared
//    border or vertex hits each unit that touches it (share 1 each) and is screened against all
//    of them: the strictest verdict wins;
//  - a line hits the units it runs through for a positive length, a polygon the units it
//    overlaps for a positive area; share = overlap / the site's whole length or area;
//  - a site outside every unit, or a site polygon that is itself invalid, resolves to nothing.
#pragma once

#include <boost/geometry/index/rtree.hpp>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runtime/eval/Spatial.h"
#include "runtime/geo/GeoDiagnostic.h"
#include "runtime/geo/GeometrySet.h"

namespace zr::ir {
struct Bundle;
}

namespace zr::geo {

struct UnitGeometry {
  MultiPolygon polygons;  // empty when the unit has no geometry
  double area = 0;        // geodesic, square metres
};

class GeoContext final : public eval::SpatialContext {
 public:
  // `unitCodes` in the order of ir::Bundle::units. Units of `set` that are not in `unitCodes`
  // (ZR1111) and codes without geometry (ZR1112) are reported as warnings.
  GeoContext(const std::vector<std::string>& unitCodes, GeometrySet set,
             GeoDiagnostics& diagnostics);

  std::vector<eval::UnitHit> resolve(const eval::SiteGeometry& site) const override;
  std::optional<std::string> siteProblem(const eval::SiteGeometry& site) const override;
  bool hasLayer(std::string_view layer) const override;
  std::optional<double> distanceTo(std::string_view layer,
                                   const eval::SiteGeometry& site) const override;
  std::optional<bool> within(std::string_view layer, const eval::SiteGeometry& site) const override;
  std::string method() const override;

  const std::vector<UnitGeometry>& units() const { return units_; }
  const std::vector<Shape>& boundaries() const { return set_.boundaries; }
  const std::vector<Shape>& layers() const { return set_.layers; }
  // The site's own measure: square metres (polygon), metres (line), 0 (points).
  static double siteMeasure(const eval::SiteGeometry& site);

 private:
  using Entry = std::pair<Box, std::uint32_t>;  // one polygon of a unit
  using Tree = bg::index::rtree<Entry, bg::index::rstar<16>>;

  void resolvePoints(const eval::SiteGeometry& site, std::vector<eval::UnitHit>& hits) const;
  void resolveLines(const eval::SiteGeometry& site, std::vector<eval::UnitHit>& hits) const;
  void resolvePolygon(const eval::SiteGeometry& site, std::vector<eval::UnitHit>& hits) const;
  const std::vector<std::size_t>* layer(std::string_view name) const;

  GeometrySet set_;
  std::vector<UnitGeometry> units_;
  // Polygon part p of unit u: units_[u].polygons[p]; the tree holds (box, entry index).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> entries_;
  Tree tree_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> layerIndex_;  // name → shapes
};

// Loads the given files and builds the context for `bundle` (the function the cli and the
// service call). `unitsFile` may be empty (no unit geometry: sites resolve to nothing), as may
// `layersFile`. Returns nullptr when a file cannot be read at all; diagnostics say why.
std::unique_ptr<GeoContext> loadSpatialContext(const ir::Bundle& bundle,
                                               const std::string& unitsFile,
                                               const std::string& layersFile,
                                               GeoDiagnostics& diagnostics);

}  // namespace zr::geo
