#include "runtime/geo/SiteJson.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "runtime/geo/BoundedJson.h"

namespace zr::geo {

namespace {

using Json = nlohmann::json;
using Kind = eval::SiteGeometry::Kind;

bool position(const Json& json, eval::LonLat& out) {
  if (!json.is_array() || json.size() < 2 || !json[0].is_number() || !json[1].is_number()) {
    return false;
  }
  out = {json[0].get<double>(), json[1].get<double>()};
  return std::isfinite(out.lon) && std::isfinite(out.lat) && std::abs(out.lon) <= 180 &&
         std::abs(out.lat) <= 90;
}

bool path(const Json& json, std::vector<eval::LonLat>& out) {
  if (!json.is_array() || json.empty()) return false;
  for (const auto& item : json) {
    eval::LonLat p;
    if (!position(item, p)) return false;
    out.push_back(p);
  }
  return true;
}

// Depth of nesting of the first element: 0 for a position, 1 for a path, 2 for rings.
int depth(const Json& json) {
  int d = -1;
  for (const Json* j = &json; j->is_array() && !j->empty(); j = &(*j)[0]) ++d;
  return d;
}

std::optional<eval::SiteGeometry> fromKey(const std::string& key, const Json& value) {
  eval::SiteGeometry site;
  if (key == "point" || key == "Point") {
    site.kind = Kind::Point;
    eval::LonLat p;
    if (!position(value, p)) return std::nullopt;
    site.parts.push_back({p});
  } else if (key == "multipoint" || key == "MultiPoint") {
    site.kind = Kind::MultiPoint;
    std::vector<eval::LonLat> points;
    if (!path(value, points)) return std::nullopt;
    for (const auto& p : points) site.parts.push_back({p});
  } else if (key == "line" || key == "LineString" || key == "MultiLineString") {
    site.kind = Kind::Line;
    if (depth(value) == 1) {
      site.parts.emplace_back();
      if (!path(value, site.parts.back())) return std::nullopt;
    } else {
      if (!value.is_array()) return std::nullopt;
      for (const auto& line : value) {
        site.parts.emplace_back();
        if (!path(line, site.parts.back())) return std::nullopt;
      }
    }
  } else if (key == "polygon" || key == "Polygon") {
    site.kind = Kind::Polygon;
    if (depth(value) == 1) {
      site.parts.emplace_back();
      if (!path(value, site.parts.back())) return std::nullopt;
    } else {
      if (!value.is_array()) return std::nullopt;
      for (const auto& ring : value) {
        site.parts.emplace_back();
        if (!path(ring, site.parts.back())) return std::nullopt;
      }
    }
  } else {
    return std::nullopt;
  }
  return site;
}

}  // namespace

std::optional<eval::SiteGeometry> parseSiteJson(std::string_view text, std::string& error) {
  std::optional<Json> parsed = parseBoundedJson(text, error);
  if (!parsed) return std::nullopt;
  Json json = std::move(*parsed);
  if (!json.is_object()) {
    error = "the site is not a JSON object";
    return std::nullopt;
  }
  if (json.contains("site") && json["site"].is_object()) json = json["site"];
  if (json.contains("type") && json["type"].is_string() && json.contains("coordinates")) {
    if (auto site = fromKey(json["type"].get<std::string>(), json["coordinates"])) return site;
    error =
        "unsupported or malformed GeoJSON geometry (Point, MultiPoint, LineString, "
        "MultiLineString, Polygon; decimal degrees)";
    return std::nullopt;
  }
  for (const char* key : {"point", "multipoint", "line", "polygon"}) {
    if (json.contains(key)) {
      if (auto site = fromKey(key, json[key])) return site;
      error = std::string("malformed \"") + key + "\" (decimal degrees [lon, lat])";
      return std::nullopt;
    }
  }
  error = "no \"point\", \"multipoint\", \"line\" or \"polygon\" in the site";
  return std::nullopt;
}

}  // namespace zr::geo
