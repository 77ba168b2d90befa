// The geometry of a city's units (docs/audit.md, ZR0570–ZR0572): units must not overlap, must
// cover the city's territory when it is given, and a unit lying mostly inside a region drawn as
// a layer must declare that region (else the region's rules silently miss it). Overlay noise
// from digitising (slivers along shared borders) is ignored: see significant().
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "compiler/audit/Checks.h"
#include "runtime/geo/Geodesic.h"
#include "runtime/geo/GeometrySet.h"
#include "runtime/geo/Overlay.h"

namespace zr::audit {

namespace {

namespace bg = geo::bg;

constexpr double kSliverM2 = 1000;    // pieces under 0.1 ha are digitising noise,
constexpr double kSliverWidthM = 1;   // as are slivers under a metre wide along a border
constexpr double kRegionShare = 0.5;  // "lies in the region": more than half of its area

std::string where(const geo::Shape& shape) {
  return fmt::format("{} feature {}", shape.file, shape.feature);
}

// A point inside the (largest) piece, for the message.
std::string position(const geo::MultiPolygon& area) {
  const auto largest = std::max_element(area.begin(), area.end(), [](const auto& x, const auto& y) {
    return bg::area(x) < bg::area(y);
  });
  const geo::Point inside = geo::interiorPoint(*largest);
  return fmt::format("{:.6f}, {:.6f}", inside.x(), inside.y());
}

// Keeps the pieces that are not digitising noise — at least kSliverM2 and on average at least
// kSliverWidthM wide (2 × area / perimeter) — and returns their area.
double significant(geo::MultiPolygon& pieces) {
  geo::MultiPolygon kept;
  double area = 0;
  for (auto& piece : pieces) {
    const double a = geo::geodesicArea(piece);
    const double perimeter =
        geo::geodesicLength(geo::Linestring(piece.outer().begin(), piece.outer().end()));
    if (a >= kSliverM2 && perimeter > 0 && 2 * a / perimeter >= kSliverWidthM) {
      area += a;
      kept.push_back(std::move(piece));
    }
  }
  pieces = std::move(kept);
  return area;
}

class GeometryAudit {
 public:
  GeometryAudit(AuditContext& context, const geo::GeometrySet& geometry,
                std::vector<Finding>& findings)
      : program_(context.program()), context_(context), geometry_(geometry), findings_(findings) {
    for (const auto& shape : geometry_.units) shapes_.emplace(shape.key, &shape);
  }

  void run() {
    for (std::uint32_t list = 0; list < program_.lists.size(); ++list) {
      const auto& info = program_.lists[list];
      if (!context_.isCityList(list) || info.isModule || info.prefix.empty()) continue;
      std::vector<std::uint32_t> units;  // the city's units that have geometry
      for (std::uint32_t u = 0; u < program_.units.size(); ++u) {
        const auto& unit = program_.units[u];
        if (unit.code.compare(2, info.prefix.size(), info.prefix) == 0 &&
            shapes_.count(unit.code)) {
          units.push_back(u);
        }
      }
      overlaps(list, units);
      gaps(list, units);
      regions(list, units);
    }
  }

 private:
  const geo::Shape& shape(std::uint32_t unit) const {
    return *shapes_.at(program_.units[unit].code);
  }

  // The unit's declaration in the city list, else its authoritative one.
  SourceSpan unitSpan(std::uint32_t unit, std::uint32_t list) const {
    const auto& info = program_.units[unit];
    for (std::size_t i = 0; i < info.decls.size(); ++i) {
      if (info.declLists[i] == list) return info.decls[i]->codeSpan;
    }
    return info.decls.empty() ? program_.lists[list].span : info.decls.front()->codeSpan;
  }

  void overlaps(std::uint32_t list, const std::vector<std::uint32_t>& units) {
    for (std::size_t i = 0; i < units.size(); ++i) {
      const geo::Shape& a = shape(units[i]);
      for (std::size_t j = i + 1; j < units.size(); ++j) {
        const geo::Shape& b = shape(units[j]);
        if (!bg::intersects(a.box, b.box)) continue;
        geo::MultiPolygon overlap = geo::confirmedIntersection(a.polygons, b.polygons);
        const double area = significant(overlap);
        if (overlap.empty()) continue;
        const auto& ua = program_.units[units[i]];
        const auto& ub = program_.units[units[j]];
        Finding f;
        f.code = "ZR0570";
        f.check = "geometry";
        f.severity = FindingSeverity::Error;
        f.span = unitSpan(units[i], list);
        f.related.push_back({unitSpan(units[j], list), "the other unit, " + ub.code});
        f.units = {ua.code, ub.code};
        f.message = fmt::format(
            "units {} and {} overlap by {:.0f} m² (geometry: {} and {}; inside both near "
            "{}): a site there is screened against both",
            ua.code, ub.code, area, where(a), where(b), position(overlap));
        f.hint =
            "control units partition the territory: fix the boundaries so they only share "
            "edges";
        findings_.push_back(std::move(f));
      }
    }
  }

  void gaps(std::uint32_t list, const std::vector<std::uint32_t>& units) {
    const auto& info = program_.lists[list];
    const geo::Shape* boundary = nullptr;
    for (const auto& shape : geometry_.boundaries) {
      if (shape.key == info.jurisdiction) boundary = &shape;
    }
    if (!boundary) return;
    std::vector<const geo::MultiPolygon*> covering;
    for (auto unit : units) covering.push_back(&shape(unit).polygons);
    geo::MultiPolygon uncovered = geo::confirmedDifference(boundary->polygons, covering);
    const double area = significant(uncovered);
    if (uncovered.empty()) return;
    const double total = geo::geodesicArea(boundary->polygons);
    Finding f;
    f.code = "ZR0571";
    f.check = "geometry";
    f.severity = FindingSeverity::Error;
    f.span = info.span;
    f.message = fmt::format(
        "the units of {} leave {:.0f} m² ({:.4f} % of its territory, {}) uncovered in {} "
        "piece(s); the largest near {}: a site there resolves to no unit",
        info.name, area, 100 * area / total, where(*boundary), uncovered.size(),
        position(uncovered));
    f.hint = "every point of the territory belongs to one control unit: extend a unit or add one";
    findings_.push_back(std::move(f));
  }

  void regions(std::uint32_t list, const std::vector<std::uint32_t>& units) {
    for (std::uint32_t r = 0; r < program_.regions.size(); ++r) {
      const auto* decl = program_.regions[r].decl;
      if (!decl) continue;
      geo::MultiPolygon area;
      std::string source;
      for (const auto& layer : geometry_.layers) {
        if (layer.key != decl->name && layer.key != decl->title) continue;
        area.insert(area.end(), layer.polygons.begin(), layer.polygons.end());
        if (source.empty()) source = where(layer);
      }
      if (area.empty()) continue;
      const geo::Box box = bg::return_envelope<geo::Box>(area);
      for (auto u : units) {
        const auto& unit = program_.units[u];
        if (std::binary_search(unit.regions.begin(), unit.regions.end(), r)) continue;
        const geo::Shape& s = shape(u);
        if (!bg::intersects(s.box, box)) continue;
        const geo::MultiPolygon inside = geo::confirmedIntersection(s.polygons, area);
        const double unitArea = geo::geodesicArea(s.polygons);
        const double share = unitArea > 0 ? geo::geodesicArea(inside) / unitArea : 0;
        if (share <= kRegionShare) continue;
        Finding f;
        f.code = "ZR0572";
        f.check = "geometry";
        f.severity = FindingSeverity::Error;
        f.span = unitSpan(u, list);
        f.related.push_back({decl->nameSpan, "region " + decl->name + " (" + source + ")"});
        f.units = {unit.code};
        f.message = fmt::format(
            "unit {} lies {:.1f} % inside region {} ({}) but is not in it: the region's rules "
            "do not reach it (geometry: {})",
            unit.code, 100 * share, decl->name, decl->title, where(s));
        f.hint = "add the unit to the region (`in " + decl->name + "`), or fix its boundary";
        findings_.push_back(std::move(f));
      }
    }
  }

  const sema::Program& program_;
  AuditContext& context_;
  const geo::GeometrySet& geometry_;
  std::vector<Finding>& findings_;
  std::map<std::string, const geo::Shape*, std::less<>> shapes_;
};

}  // namespace

void GeometryCheck::run(AuditContext& context, std::vector<Finding>& findings) {
  GeometryAudit(context, *geometry_, findings).run();
}

}  // namespace zr::audit
