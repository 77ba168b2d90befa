#include "runtime/geo/ShapefileReader.h"

#include <fmt/format.h>
#include <shapefil.h>

#include <algorithm>
#include <memory>
#include <string>

namespace zr::geo {

namespace {

struct ShpCloser {
  void operator()(SHPInfo* handle) const { SHPClose(handle); }
};
struct DbfCloser {
  void operator()(DBFInfo* handle) const { DBFClose(handle); }
};
struct ObjectDestroyer {
  void operator()(SHPObject* object) const { SHPDestroyObject(object); }
};

// shapelib reports trouble through a plain function pointer; its messages are collected here
// (for the reading thread) and become part of the diagnostic instead of going to stderr.
thread_local std::string* libraryMessages = nullptr;

void collectLibraryMessage(const char* message) {
  if (!libraryMessages || !message) return;
  if (!libraryMessages->empty()) *libraryMessages += "; ";
  std::string_view text = message;
  while (!text.empty() && (text.back() == '\n' || text.back() == '.')) text.remove_suffix(1);
  *libraryMessages += text;
}

// Sets the collector for one read and detaches it at the end.
class LibraryMessages {
 public:
  LibraryMessages() {
    SASetupDefaultHooks(&hooks_);
    hooks_.Error = collectLibraryMessage;
    libraryMessages = &text_;
  }
  ~LibraryMessages() { libraryMessages = nullptr; }
  LibraryMessages(const LibraryMessages&) = delete;
  LibraryMessages& operator=(const LibraryMessages&) = delete;
  SAHooks* hooks() { return &hooks_; }
  // " (shapelib: …)" once per message batch, then cleared.
  std::string take() {
    std::string out = text_.empty() ? "" : " (shapelib: " + text_ + ")";
    text_.clear();
    return out;
  }

 private:
  SAHooks hooks_{};
  std::string text_;
};

// Twice the planar signed area: negative for a clockwise ring.
double signedArea2(const RawPath& ring) {
  double sum = 0;
  for (std::size_t i = 0, n = ring.size(); i < n; ++i) {
    const auto& a = ring[i];
    const auto& b = ring[(i + 1) % n];
    sum += a.lon * b.lat - b.lon * a.lat;
  }
  return sum;
}

std::string stem(const std::string& path) {
  if (path.size() > 4 && (path.ends_with(".shp") || path.ends_with(".SHP"))) {
    return path.substr(0, path.size() - 4);
  }
  return path;
}

}  // namespace

std::vector<RawFeature> readShapefile(const std::string& path, std::string_view keyProperty,
                                      GeoDiagnostics& diagnostics) {
  std::vector<RawFeature> features;
  const std::string base = stem(path);
  LibraryMessages messages;
  std::unique_ptr<SHPInfo, ShpCloser> shp(SHPOpenLL(base.c_str(), "rb", messages.hooks()));
  if (!shp) {
    diagnostics.add({"ZR1100", GeoSeverity::Error, path, -1, "", "",
                     "cannot read the Shapefile (.shp and .shx)" + messages.take()});
    return features;
  }
  std::unique_ptr<DBFInfo, DbfCloser> dbf(DBFOpenLL(base.c_str(), "rb", messages.hooks()));
  if (!dbf) {
    diagnostics.add({"ZR1100", GeoSeverity::Error, path, -1, "", "",
                     "cannot read the Shapefile's attribute table (.dbf)" + messages.take()});
    return features;
  }
  const int keyField = DBFGetFieldIndex(dbf.get(), std::string(keyProperty).c_str());
  const int kindField = DBFGetFieldIndex(dbf.get(), "kind");
  if (keyField < 0) {
    diagnostics.add({"ZR1102", GeoSeverity::Error, path, -1, "", "",
                     fmt::format("the attribute table has no \"{}\" field", keyProperty)});
    return features;
  }
  int count = 0, shapeType = 0;
  SHPGetInfo(shp.get(), &count, &shapeType, nullptr, nullptr);
  const int records = DBFGetRecordCount(dbf.get());
  for (int i = 0; i < count; ++i) {
    std::unique_ptr<SHPObject, ObjectDestroyer> object(SHPReadObject(shp.get(), i));
    if (!object) {
      diagnostics.add({"ZR1101", GeoSeverity::Error, path, i, "", "",
                       "the record cannot be read (the .shp or .shx is truncated or corrupt): "
                       "skipped" +
                           messages.take()});
      continue;
    }
    if (object->nSHPType == SHPT_NULL) continue;
    RawFeature feature;
    feature.index = static_cast<std::size_t>(i);
    if (i < records && !DBFIsAttributeNULL(dbf.get(), i, keyField)) {
      feature.key = DBFReadStringAttribute(dbf.get(), i, keyField);
    }
    if (kindField >= 0 && i < records && !DBFIsAttributeNULL(dbf.get(), i, kindField)) {
      feature.kind = DBFReadStringAttribute(dbf.get(), i, kindField);
    }
    if (feature.key.empty()) {
      diagnostics.add({"ZR1102", GeoSeverity::Error, path, i, "", "",
                       fmt::format("the record has no \"{}\" value: skipped", keyProperty)});
      continue;
    }
    std::vector<RawPath> parts;
    const int partCount = std::max(object->nParts, 1);
    for (int p = 0; p < partCount; ++p) {
      const int begin = object->nParts > 0 ? object->panPartStart[p] : 0;
      const int end = (object->nParts > 0 && p + 1 < object->nParts) ? object->panPartStart[p + 1]
                                                                     : object->nVertices;
      RawPath part;
      for (int v = begin; v < end; ++v) part.push_back({object->padfX[v], object->padfY[v]});
      parts.push_back(std::move(part));
    }
    switch (object->nSHPType) {
      case SHPT_POINT:
      case SHPT_POINTZ:
      case SHPT_POINTM:
      case SHPT_MULTIPOINT:
      case SHPT_MULTIPOINTZ:
      case SHPT_MULTIPOINTM:
        for (auto& part : parts) {
          feature.points.insert(feature.points.end(), part.begin(), part.end());
        }
        break;
      case SHPT_ARC:
      case SHPT_ARCZ:
      case SHPT_ARCM:
        feature.lines = std::move(parts);
        break;
      case SHPT_POLYGON:
      case SHPT_POLYGONZ:
      case SHPT_POLYGONM:
        for (auto& ring : parts) {
          if (feature.polygons.empty() || signedArea2(ring) < 0) {
            feature.polygons.push_back({std::move(ring)});
          } else {
            feature.polygons.back().push_back(std::move(ring));
          }
        }
        // Shapefile rings wind the other way round from GeoJSON's: turn them so that the
        // winding check downstream only reports rings that broke the file's own convention.
        for (auto& polygon : feature.polygons) {
          for (auto& ring : polygon) std::reverse(ring.begin(), ring.end());
        }
        break;
      default:
        diagnostics.add({"ZR1101", GeoSeverity::Error, path, i, feature.key, "",
                         fmt::format("unsupported Shapefile shape type {}", object->nSHPType)});
        continue;
    }
    features.push_back(std::move(feature));
  }
  return features;
}

}  // namespace zr::geo
