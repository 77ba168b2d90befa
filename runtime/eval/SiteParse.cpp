#include "runtime/eval/SiteParse.h"

#include <fmt/format.h>

#include <algorithm>

#include "runtime/util/Coord.h"

namespace zr::eval {
namespace {

using simdjson::dom::element;

RecordError bad(std::string message) { return RecordError{"ZR1008", std::move(message)}; }

std::optional<RecordError> coordinate(const element& value, util::Axis axis,
                                      const std::string& where, double& out) {
  std::string why;
  if (value.is_number()) {
    out = value.get_double().value_unsafe();
    if (util::checkCoordinate(out, axis, why)) return std::nullopt;
    return bad(fmt::format("{}: {}", where, why));
  }
  if (value.is_string()) {
    if (auto degrees = util::parseCoordinate(value.get_string().value_unsafe(), axis, why)) {
      out = *degrees;
      return std::nullopt;
    }
    return bad(fmt::format("{}: {}", where, why));
  }
  return bad(
      fmt::format("{}: a {} is a number of degrees or a string such as \"E117°56'26.05\\\"\"",
                  where, util::axisName(axis)));
}

// [lon, lat] (a third number, the height, is allowed and ignored).
std::optional<RecordError> position(const element& value, const std::string& where, LonLat& out) {
  if (!value.is_array())
    return bad(fmt::format("{}: a position is [longitude, latitude], not {}", where,
                           simdjson::minify(value)));
  const simdjson::dom::array items = value.get_array().value_unsafe();
  const std::size_t size = items.size();
  if (size < 2 || size > 3)
    return bad(fmt::format("{}: a position is [longitude, latitude], with {} value{}", where, size,
                           size == 1 ? "" : "s"));
  if (size == 3 && !items.at(2).value_unsafe().is_number())
    return bad(fmt::format("{}: the third value of a position (height) must be a number", where));
  if (auto e = coordinate(items.at(0).value_unsafe(), util::Axis::Lon, where + "[0]", out.lon))
    return e;
  return coordinate(items.at(1).value_unsafe(), util::Axis::Lat, where + "[1]", out.lat);
}

// A list of positions with at least `least` of them.
std::optional<RecordError> positions(const element& value, const std::string& where,
                                     std::size_t least, const char* what,
                                     std::vector<LonLat>& out) {
  if (!value.is_array())
    return bad(fmt::format("{}: expected a list of [longitude, latitude] positions", where));
  const simdjson::dom::array items = value.get_array().value_unsafe();
  std::size_t k = 0;
  for (element item : items) {
    LonLat p;
    if (auto e = position(item, fmt::format("{}[{}]", where, k++), p)) return e;
    out.push_back(p);
  }
  if (out.size() < least)
    return bad(
        fmt::format("{}: {} needs at least {} positions, has {}", where, what, least, out.size()));
  return std::nullopt;
}

// Distinct positions, counted up to 3 (all that the checks need).
std::size_t distinct(const std::vector<LonLat>& points) {
  std::vector<LonLat> seen;
  for (const LonLat& p : points) {
    const bool known = std::any_of(seen.begin(), seen.end(), [&](const LonLat& q) {
      return q.lon == p.lon && q.lat == p.lat;
    });
    if (!known) seen.push_back(p);
    if (seen.size() == 3) break;
  }
  return seen.size();
}

std::optional<RecordError> ring(const element& value, const std::string& where,
                                std::vector<LonLat>& out) {
  if (auto e = positions(value, where, 3, "a polygon ring", out)) return e;
  // A closed ring repeats its first position; three distinct positions are the least area.
  const bool closed = out.front().lon == out.back().lon && out.front().lat == out.back().lat;
  if (closed && out.size() < 4)
    return bad(fmt::format("{}: a closed polygon ring needs at least 4 positions", where));
  if (distinct(out) < 3)
    return bad(fmt::format(
        "{}: a polygon ring needs at least 3 distinct positions (it has no area)", where));
  return std::nullopt;
}

std::optional<RecordError> line(const element& value, const std::string& where,
                                std::vector<LonLat>& out) {
  if (auto e = positions(value, where, 2, "a line", out)) return e;
  if (distinct(out) < 2)
    return bad(fmt::format("{}: a line needs at least 2 distinct positions", where));
  return std::nullopt;
}

std::optional<RecordError> lists(const element& value, const std::string& where, const char* what,
                                 std::vector<std::vector<LonLat>>& parts, bool rings) {
  if (!value.is_array()) return bad(fmt::format("{}: expected a list of {}", where, what));
  const simdjson::dom::array items = value.get_array().value_unsafe();
  std::size_t k = 0;
  for (element item : items) {
    parts.emplace_back();
    const std::string at = fmt::format("{}[{}]", where, k++);
    if (auto e = rings ? ring(item, at, parts.back()) : line(item, at, parts.back())) return e;
  }
  if (parts.empty()) return bad(fmt::format("{}: the list of {} is empty", where, what));
  return std::nullopt;
}

std::optional<RecordError> byKind(SiteGeometry::Kind kind, bool multiLine, const element& value,
                                  const std::string& where, SiteGeometry& out) {
  out.kind = kind;
  out.parts.clear();
  switch (kind) {
    case SiteGeometry::Kind::Point: {
      LonLat p;
      if (auto e = position(value, where, p)) return e;
      out.parts.push_back({p});
      return std::nullopt;
    }
    case SiteGeometry::Kind::MultiPoint: {
      std::vector<LonLat> all;
      if (auto e = positions(value, where, 1, "a list of points", all)) return e;
      for (const LonLat& p : all) out.parts.push_back({p});
      return std::nullopt;
    }
    case SiteGeometry::Kind::Line:
      if (multiLine) return lists(value, where, "lines", out.parts, false);
      out.parts.emplace_back();
      return line(value, where, out.parts.back());
    case SiteGeometry::Kind::Polygon:
      return lists(value, where, "rings (outer ring, then holes)", out.parts, true);
  }
  return bad(fmt::format("{}: unsupported geometry", where));
}

}  // namespace

bool isSiteGeometryKey(std::string_view key) {
  return key == "point" || key == "points" || key == "line" || key == "polygon" ||
         key == "geometry";
}

const char* siteKindName(SiteGeometry::Kind kind) {
  switch (kind) {
    case SiteGeometry::Kind::Point:
      return "point";
    case SiteGeometry::Kind::MultiPoint:
      return "multipoint";
    case SiteGeometry::Kind::Line:
      return "line";
    case SiteGeometry::Kind::Polygon:
      return "polygon";
  }
  return "point";
}

std::optional<RecordError> readSiteGeometry(std::string_view key, const element& value,
                                            SiteGeometry& out) {
  const std::string where = fmt::format("site.{}", key);
  if (key == "geometry") return readGeoJsonGeometry(value, where, out);
  if (key == "point") return byKind(SiteGeometry::Kind::Point, false, value, where, out);
  if (key == "points") return byKind(SiteGeometry::Kind::MultiPoint, false, value, where, out);
  if (key == "line") return byKind(SiteGeometry::Kind::Line, false, value, where, out);
  return byKind(SiteGeometry::Kind::Polygon, false, value, where, out);
}

std::optional<RecordError> readGeoJsonGeometry(const element& value, std::string_view where,
                                               SiteGeometry& out) {
  if (!value.is_object())
    return bad(fmt::format(
        "{}: a GeoJSON geometry is an object {{\"type\": …, \"coordinates\": …}}", where));
  const simdjson::dom::object object = value.get_object().value_unsafe();
  std::string_view type;
  if (object["type"].get(type) != simdjson::SUCCESS)
    return bad(fmt::format("{}: a GeoJSON geometry needs a \"type\" string", where));
  if (type == "Feature") {
    element geometry;
    if (object["geometry"].get(geometry) != simdjson::SUCCESS || geometry.is_null())
      return bad(fmt::format("{}: the Feature has no \"geometry\"", where));
    return readGeoJsonGeometry(geometry, fmt::format("{}.geometry", where), out);
  }
  element coordinates;
  if (object["coordinates"].get(coordinates) != simdjson::SUCCESS)
    return bad(fmt::format("{}: the {} has no \"coordinates\"", where, type));
  const std::string at = fmt::format("{}.coordinates", where);
  if (type == "Point") return byKind(SiteGeometry::Kind::Point, false, coordinates, at, out);
  if (type == "MultiPoint")
    return byKind(SiteGeometry::Kind::MultiPoint, false, coordinates, at, out);
  if (type == "LineString") return byKind(SiteGeometry::Kind::Line, false, coordinates, at, out);
  if (type == "MultiLineString")
    return byKind(SiteGeometry::Kind::Line, true, coordinates, at, out);
  if (type == "Polygon") return byKind(SiteGeometry::Kind::Polygon, false, coordinates, at, out);
  return bad(fmt::format(
      "{}: GeoJSON type '{}' is not a site (use Point, MultiPoint, LineString, MultiLineString "
      "or Polygon; give a site of several polygons as several projects)",
      where, type));
}

}  // namespace zr::eval
