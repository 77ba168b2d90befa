#include "runtime/geo/GeoContext.h"

#include <fmt/format.h>

#include <algorithm>
#include <boost/function_output_iterator.hpp>
#include <limits>

#include "runtime/geo/Geodesic.h"
#include "runtime/geo/GeometryBuilder.h"
#include "runtime/geo/Overlay.h"
#include "runtime/ir/Ir.h"

namespace zr::geo {

namespace {

Point toPoint(const eval::LonLat& p) { return Point(p.lon, p.lat); }

Linestring toLine(const std::vector<eval::LonLat>& part) {
  Linestring line;
  for (const auto& p : part) {
    Point point = toPoint(p);
    if (line.empty() || !bg::equals(line.back(), point)) line.push_back(point);
  }
  return line;
}

std::optional<Polygon> toPolygon(const eval::SiteGeometry& site, std::string* why = nullptr) {
  std::vector<std::vector<Point>> rings;
  for (const auto& part : site.parts) {
    rings.emplace_back();
    for (const auto& p : part) rings.back().push_back(toPoint(p));
  }
  return buildSitePolygon(rings, why);
}

void addHit(std::vector<eval::UnitHit>& hits, std::uint32_t unit, double measure) {
  for (auto& hit : hits) {
    if (hit.unit == unit) {
      hit.measure += measure;
      return;
    }
  }
  hits.push_back({unit, measure, 0});
}

// Every vertex of a site, for distances from the site to a layer.
std::vector<Point> siteVertices(const eval::SiteGeometry& site) {
  std::vector<Point> points;
  for (const auto& part : site.parts) {
    for (const auto& p : part) points.push_back(toPoint(p));
  }
  return points;
}

// Shortest geodesic distance from a point to any part of a shape (0 inside its polygons).
double distanceToShape(const Point& point, const Shape& shape) {
  double best = std::numeric_limits<double>::infinity();
  for (const auto& polygon : shape.polygons) {
    if (bg::covered_by(point, polygon)) return 0;
    best = std::min(best, geodesicDistance(point, polygon.outer()));
    for (const auto& inner : polygon.inners())
      best = std::min(best, geodesicDistance(point, inner));
  }
  for (const auto& line : shape.lines) best = std::min(best, geodesicDistance(point, line));
  for (const auto& p : shape.points) best = std::min(best, geodesicDistance(point, p));
  return best;
}

}  // namespace

GeoContext::GeoContext(const std::vector<std::string>& unitCodes, GeometrySet set,
                       GeoDiagnostics& diagnostics)
    : set_(std::move(set)), units_(unitCodes.size()) {
  std::map<std::string_view, std::uint32_t> byCode;
  for (std::uint32_t i = 0; i < unitCodes.size(); ++i) byCode.emplace(unitCodes[i], i);
  std::vector<Entry> boxes;
  std::vector<bool> seen(unitCodes.size(), false);
  for (const auto& shape : set_.units) {
    auto it = byCode.find(shape.key);
    if (it == byCode.end()) {
      diagnostics.add({"ZR1111", GeoSeverity::Warning, shape.file, static_cast<long>(shape.feature),
                       shape.key, "", "the geometry has a unit the bundle does not know: ignored"});
      continue;
    }
    if (seen[it->second]) {
      diagnostics.add({"ZR1110", GeoSeverity::Warning, shape.file, static_cast<long>(shape.feature),
                       shape.key, "",
                       "the unit is drawn by several features: their polygons are joined"});
    }
    seen[it->second] = true;
    auto& unit = units_[it->second];
    for (const auto& polygon : shape.polygons) {
      entries_.emplace_back(it->second, static_cast<std::uint32_t>(unit.polygons.size()));
      boxes.emplace_back(bg::return_envelope<Box>(polygon),
                         static_cast<std::uint32_t>(entries_.size() - 1));
      unit.polygons.push_back(polygon);
    }
    unit.area = geodesicArea(unit.polygons);
  }
  std::vector<std::string_view> missing;
  for (std::uint32_t i = 0; i < unitCodes.size(); ++i) {
    if (!seen[i]) missing.push_back(unitCodes[i]);
  }
  if (!missing.empty() && !set_.units.empty()) {
    std::string sample;
    for (std::size_t i = 0; i < missing.size() && i < 5; ++i) {
      sample += (i ? ", " : "") + std::string(missing[i]);
    }
    diagnostics.add({"ZR1112", GeoSeverity::Warning, set_.units.front().file, -1, "", "",
                     fmt::format("{} unit(s) of the bundle have no geometry ({}{}): sites there "
                                 "resolve to no unit",
                                 missing.size(), sample, missing.size() > 5 ? ", …" : "")});
  }
  tree_ = Tree(boxes.begin(), boxes.end());  // bulk loading packs the tree
  for (std::size_t i = 0; i < set_.layers.size(); ++i) {
    layerIndex_[set_.layers[i].key].push_back(i);
  }
}

std::optional<std::string> GeoContext::siteProblem(const eval::SiteGeometry& site) const {
  if (site.kind != eval::SiteGeometry::Kind::Polygon) return std::nullopt;
  std::string why;
  if (toPolygon(site, &why)) return std::nullopt;
  return why;
}

std::vector<eval::UnitHit> GeoContext::resolve(const eval::SiteGeometry& site) const {
  std::vector<eval::UnitHit> hits;
  if (site.parts.empty()) return hits;
  switch (site.kind) {
    case eval::SiteGeometry::Kind::Point:
    case eval::SiteGeometry::Kind::MultiPoint:
      resolvePoints(site, hits);
      break;
    case eval::SiteGeometry::Kind::Line:
      resolveLines(site, hits);
      break;
    case eval::SiteGeometry::Kind::Polygon:
      resolvePolygon(site, hits);
      break;
  }
  std::sort(hits.begin(), hits.end(), [](const auto& a, const auto& b) { return a.unit < b.unit; });
  return hits;
}

void GeoContext::resolvePoints(const eval::SiteGeometry& site,
                               std::vector<eval::UnitHit>& hits) const {
  std::size_t points = 0;
  std::vector<std::uint32_t> found;
  for (const auto& part : site.parts) {
    for (const auto& position : part) {
      ++points;
      const Point point = toPoint(position);
      found.clear();
      // query() with an output callback: the qbegin() iterators are type-erased and slower.
      tree_.query(bg::index::intersects(point),
                  boost::make_function_output_iterator([&](const Entry& entry) {
                    const auto [unit, polygon] = entries_[entry.second];
                    if (std::find(found.begin(), found.end(), unit) != found.end()) return;
                    if (bg::covered_by(point, units_[unit].polygons[polygon])) {
                      found.push_back(unit);
                    }
                  }));
      for (auto unit : found) addHit(hits, unit, 1);  // counts points for now
    }
  }
  for (auto& hit : hits) {
    hit.share = hit.measure / static_cast<double>(points);
    hit.measure = 0;
  }
}

void GeoContext::resolveLines(const eval::SiteGeometry& site,
                              std::vector<eval::UnitHit>& hits) const {
  double total = 0;
  for (const auto& part : site.parts) {
    const Linestring line = toLine(part);
    if (line.size() < 2) continue;
    total += geodesicLength(line);
    std::vector<std::uint32_t> candidates;
    tree_.query(bg::index::intersects(bg::return_envelope<Box>(line)),
                boost::make_function_output_iterator([&](const Entry& entry) {
                  candidates.push_back(entries_[entry.second].first);
                }));
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (auto unit : candidates) {
      MultiLinestring inside;
      try {
        bg::intersection(line, units_[unit].polygons, inside);
      } catch (const bg::exception&) {
        continue;  // an overlay Boost cannot compute: the unit is not counted
      }
      const double length = geodesicLength(inside);
      if (length > 0) addHit(hits, unit, length);
    }
  }
  for (auto& hit : hits) hit.share = total > 0 ? hit.measure / total : 0;
}

void GeoContext::resolvePolygon(const eval::SiteGeometry& site,
                                std::vector<eval::UnitHit>& hits) const {
  const auto polygon = toPolygon(site);
  if (!polygon) return;
  const double total = geodesicArea(*polygon);
  std::vector<std::uint32_t> candidates;
  tree_.query(bg::index::intersects(bg::return_envelope<Box>(*polygon)),
              boost::make_function_output_iterator(
                  [&](const Entry& entry) { candidates.push_back(entries_[entry.second].first); }));
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  for (auto unit : candidates) {
    const double area = geodesicArea(confirmedIntersection(*polygon, units_[unit].polygons));
    if (area > 0) addHit(hits, unit, area);
  }
  for (auto& hit : hits) hit.share = total > 0 ? hit.measure / total : 0;
}

double GeoContext::siteMeasure(const eval::SiteGeometry& site) {
  switch (site.kind) {
    case eval::SiteGeometry::Kind::Line: {
      double total = 0;
      for (const auto& part : site.parts) {
        const Linestring line = toLine(part);
        if (line.size() >= 2) total += geodesicLength(line);
      }
      return total;
    }
    case eval::SiteGeometry::Kind::Polygon: {
      const auto polygon = toPolygon(site);
      return polygon ? geodesicArea(*polygon) : 0;
    }
    default:
      return 0;
  }
}

const std::vector<std::size_t>* GeoContext::layer(std::string_view name) const {
  auto it = layerIndex_.find(name);
  return it == layerIndex_.end() ? nullptr : &it->second;
}

bool GeoContext::hasLayer(std::string_view name) const { return layer(name) != nullptr; }

std::optional<double> GeoContext::distanceTo(std::string_view name,
                                             const eval::SiteGeometry& site) const {
  const auto* shapes = layer(name);
  if (!shapes) return std::nullopt;
  if (within(name, site).value_or(false)) return 0.0;
  // Apart, the shortest distance between two polylines/polygons runs from a vertex of one to
  // the other; so: site vertices to the layer, and layer vertices to the site's lines.
  double best = std::numeric_limits<double>::infinity();
  const auto vertices = siteVertices(site);
  for (auto index : *shapes) {
    const Shape& shape = set_.layers[index];
    for (const auto& v : vertices) best = std::min(best, distanceToShape(v, shape));
    if (site.kind == eval::SiteGeometry::Kind::Line ||
        site.kind == eval::SiteGeometry::Kind::Polygon) {
      Shape siteShape;
      for (const auto& part : site.parts) {
        Linestring line = toLine(part);
        if (site.kind == eval::SiteGeometry::Kind::Polygon && !line.empty()) {
          line.push_back(line.front());
        }
        if (line.size() >= 2) siteShape.lines.push_back(std::move(line));
      }
      auto visit = [&](const auto& path) {
        for (const auto& p : path) best = std::min(best, distanceToShape(p, siteShape));
      };
      for (const auto& polygon : shape.polygons) {
        visit(polygon.outer());
        for (const auto& inner : polygon.inners()) visit(inner);
      }
      for (const auto& line : shape.lines) visit(line);
      visit(shape.points);
    }
  }
  return best;
}

std::optional<bool> GeoContext::within(std::string_view name,
                                       const eval::SiteGeometry& site) const {
  const auto* shapes = layer(name);
  if (!shapes) return std::nullopt;
  std::optional<Polygon> sitePolygon;
  if (site.kind == eval::SiteGeometry::Kind::Polygon) {
    sitePolygon = toPolygon(site);
    if (!sitePolygon) return false;
  }
  for (auto index : *shapes) {
    const Shape& shape = set_.layers[index];
    for (const auto& part : site.parts) {
      switch (site.kind) {
        case eval::SiteGeometry::Kind::Point:
        case eval::SiteGeometry::Kind::MultiPoint:
          for (const auto& p : part) {
            const Point point = toPoint(p);
            if (bg::intersects(point, shape.polygons) || bg::intersects(point, shape.lines)) {
              return true;
            }
          }
          break;
        case eval::SiteGeometry::Kind::Line: {
          const Linestring line = toLine(part);
          if (line.size() >= 2 &&
              (bg::intersects(line, shape.polygons) || bg::intersects(line, shape.lines))) {
            return true;
          }
          break;
        }
        case eval::SiteGeometry::Kind::Polygon:
          break;
      }
    }
    if (sitePolygon &&
        (bg::intersects(*sitePolygon, shape.polygons) ||
         bg::intersects(*sitePolygon, shape.lines) || bg::intersects(*sitePolygon, shape.points))) {
      return true;
    }
  }
  return false;
}

std::string GeoContext::method() const { return geodesicMethod(); }

std::unique_ptr<GeoContext> loadSpatialContext(const ir::Bundle& bundle,
                                               const std::string& unitsFile,
                                               const std::string& layersFile,
                                               GeoDiagnostics& diagnostics) {
  GeometrySet set;
  if (!unitsFile.empty() && !loadUnitsFile(unitsFile, set, diagnostics)) return nullptr;
  if (!layersFile.empty() && !loadLayersFile(layersFile, set, diagnostics)) return nullptr;
  std::vector<std::string> codes;
  codes.reserve(bundle.units.size());
  for (const auto& unit : bundle.units) codes.push_back(unit.code);
  return std::make_unique<GeoContext>(codes, std::move(set), diagnostics);
}

}  // namespace zr::geo
