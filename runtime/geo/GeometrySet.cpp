#include "runtime/geo/GeometrySet.h"

#include "runtime/geo/GeoJsonReader.h"
#include "runtime/geo/GeometryBuilder.h"
#include "runtime/geo/ShapefileReader.h"

namespace zr::geo {

namespace {

std::vector<RawFeature> readAny(const std::string& path, std::string_view key,
                                GeoDiagnostics& diagnostics) {
  if (path.ends_with(".shp") || path.ends_with(".SHP")) {
    return readShapefile(path, key, diagnostics);
  }
  return readGeoJson(path, key, diagnostics);
}

bool readFailed(const GeoDiagnostics& diagnostics, std::size_t before) {
  for (std::size_t i = before; i < diagnostics.items().size(); ++i) {
    if (diagnostics.items()[i].code == "ZR1100") return true;
  }
  return false;
}

}  // namespace

bool loadUnitsFile(const std::string& path, GeometrySet& set, GeoDiagnostics& diagnostics) {
  const std::size_t before = diagnostics.items().size();
  for (const auto& feature : readAny(path, "code", diagnostics)) {
    auto shape = buildShape(feature, path, diagnostics);
    if (!shape) continue;
    if (shape->polygons.empty() || !shape->lines.empty() || !shape->points.empty()) {
      diagnostics.add({"ZR1101", GeoSeverity::Error, path, static_cast<long>(feature.index),
                       feature.key, "", "a unit or boundary must be a Polygon or MultiPolygon"});
      continue;
    }
    (shape->kind == "boundary" ? set.boundaries : set.units).push_back(std::move(*shape));
  }
  diagnostics.sortByFeature(before);
  return !readFailed(diagnostics, before);
}

bool loadLayersFile(const std::string& path, GeometrySet& set, GeoDiagnostics& diagnostics) {
  const std::size_t before = diagnostics.items().size();
  for (const auto& feature : readAny(path, "name", diagnostics)) {
    if (auto shape = buildShape(feature, path, diagnostics))
      set.layers.push_back(std::move(*shape));
  }
  diagnostics.sortByFeature(before);
  return !readFailed(diagnostics, before);
}

}  // namespace zr::geo
