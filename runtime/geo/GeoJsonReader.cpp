#include "runtime/geo/GeoJsonReader.h"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "runtime/geo/BoundedJson.h"

namespace zr::geo {

namespace {

using Json = nlohmann::json;

struct FeatureReader {
  const std::string& file;
  GeoDiagnostics& diagnostics;
  RawFeature& feature;
  bool ok = true;

  void error(const std::string& position, const std::string& message) {
    diagnostics.add({"ZR1101", GeoSeverity::Error, file, static_cast<long>(feature.index),
                     feature.key, position, message});
    ok = false;
  }

  // Coordinates are checked for range later; here only for shape (two finite numbers).
  bool position(const Json& json, RawPosition& out, const std::string& where) {
    if (!json.is_array() || json.size() < 2 || !json[0].is_number() || !json[1].is_number()) {
      error(where, "a position must be an array [longitude, latitude] of numbers");
      return false;
    }
    out = {json[0].get<double>(), json[1].get<double>()};
    return true;
  }

  bool path(const Json& json, RawPath& out, const std::string& where) {
    if (!json.is_array()) {
      error(where, "expected an array of positions");
      return false;
    }
    out.resize(json.size());
    for (std::size_t i = 0; i < json.size(); ++i) {
      if (!position(json[i], out[i], fmt::format("{} vertex {}", where, i))) return false;
    }
    return true;
  }

  bool polygon(const Json& json, std::vector<RawPath>& out, const std::string& where) {
    if (!json.is_array() || json.empty()) {
      error(where, "a polygon must be a non-empty array of rings");
      return false;
    }
    out.resize(json.size());
    for (std::size_t r = 0; r < json.size(); ++r) {
      if (!path(json[r], out[r], fmt::format("{}ring {}", where, r))) return false;
    }
    return true;
  }

  void geometry(const Json& geometry) {
    if (!geometry.is_object() || !geometry.contains("type") || !geometry["type"].is_string() ||
        !geometry.contains("coordinates") || !geometry["coordinates"].is_array()) {
      error("", "the feature has no geometry with a type and coordinates");
      return;
    }
    const std::string type = geometry["type"].get<std::string>();
    const Json& coordinates = geometry["coordinates"];
    if (type == "Polygon") {
      feature.polygons.emplace_back();
      polygon(coordinates, feature.polygons.back(), "");
    } else if (type == "MultiPolygon") {
      feature.polygons.resize(coordinates.size());
      for (std::size_t p = 0; p < coordinates.size() && ok; ++p) {
        polygon(coordinates[p], feature.polygons[p], fmt::format("polygon {} ", p));
      }
    } else if (type == "LineString") {
      feature.lines.emplace_back();
      path(coordinates, feature.lines.back(), "line 0");
    } else if (type == "MultiLineString") {
      feature.lines.resize(coordinates.size());
      for (std::size_t l = 0; l < coordinates.size() && ok; ++l) {
        path(coordinates[l], feature.lines[l], fmt::format("line {}", l));
      }
    } else if (type == "Point") {
      feature.points.emplace_back();
      position(coordinates, feature.points.back(), "point 0");
    } else if (type == "MultiPoint") {
      path(coordinates, feature.points, "multipoint");
    } else {
      error("", fmt::format("unsupported geometry type '{}' (Polygon, MultiPolygon, LineString, "
                            "MultiLineString, Point, MultiPoint)",
                            type));
    }
  }
};

std::string propertyText(const Json& properties, std::string_view name) {
  if (!properties.is_object()) return "";
  auto it = properties.find(std::string(name));
  if (it == properties.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<long long>());
  return "";
}

}  // namespace

std::vector<RawFeature> parseGeoJson(std::string_view text, const std::string& path,
                                     std::string_view keyProperty, GeoDiagnostics& diagnostics) {
  std::vector<RawFeature> features;
  std::string error;
  std::optional<Json> parsed = parseBoundedJson(text, error);
  if (!parsed) {
    diagnostics.add({"ZR1100", GeoSeverity::Error, path, -1, "", "", error});
    return features;
  }
  const Json& root = *parsed;
  if (!root.is_object() || root.value("type", "") != "FeatureCollection" ||
      !root.contains("features") || !root["features"].is_array()) {
    diagnostics.add({"ZR1100", GeoSeverity::Error, path, -1, "", "",
                     "not a GeoJSON FeatureCollection (an object with \"type\": "
                     "\"FeatureCollection\" and a \"features\" array)"});
    return features;
  }
  const Json& list = root["features"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    RawFeature feature;
    feature.index = i;
    const Json& item = list[i];
    const Json properties = item.is_object() ? item.value("properties", Json::object()) : Json();
    feature.key = propertyText(properties, keyProperty);
    feature.kind = propertyText(properties, "kind");
    if (feature.key.empty()) {
      diagnostics.add(
          {"ZR1102", GeoSeverity::Error, path, static_cast<long>(i), "", "",
           fmt::format("the feature has no \"{}\" property (a string): skipped", keyProperty)});
      continue;
    }
    FeatureReader reader{path, diagnostics, feature};
    reader.geometry(item.is_object() ? item.value("geometry", Json()) : Json());
    if (reader.ok) features.push_back(std::move(feature));
  }
  return features;
}

std::vector<RawFeature> readGeoJson(const std::string& path, std::string_view keyProperty,
                                    GeoDiagnostics& diagnostics) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.add({"ZR1100", GeoSeverity::Error, path, -1, "", "", "cannot read the file"});
    return {};
  }
  std::ostringstream text;
  text << in.rdbuf();
  return parseGeoJson(text.str(), path, keyProperty, diagnostics);
}

}  // namespace zr::geo
