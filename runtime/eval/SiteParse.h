// The geometry forms of a descriptor's "site" (docs/ir.md "Sites"):
//   "point": [lon, lat]            "points": [[lon, lat], …]
//   "line": [[lon, lat], …]        (a linear work: at least its start and end)
//   "polygon": [[[lon, lat], …], …] (outer ring, then holes)
//   "geometry": a GeoJSON geometry (Point, MultiPoint, LineString, MultiLineString, Polygon),
//               or the site object itself being one ({"type": "Point", "coordinates": …}).
// Each coordinate is decimal degrees (a JSON number) or a string in decimal or 度分秒
// (runtime/util/Coord.h). Malformed or out-of-range input is record error ZR1008.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string_view>

#include "runtime/eval/RecordError.h"
#include "runtime/eval/Spatial.h"

namespace zr::eval {

// Whether `key` of the site object names a geometry ("point", "points", "line", "polygon",
// "geometry").
bool isSiteGeometryKey(std::string_view key);

// Reads the geometry under site key `key` into `out`.
std::optional<RecordError> readSiteGeometry(std::string_view key,
                                            const simdjson::dom::element& value, SiteGeometry& out);

// Reads a GeoJSON geometry object (or a Feature holding one); `where` names it in messages.
std::optional<RecordError> readGeoJsonGeometry(const simdjson::dom::element& value,
                                               std::string_view where, SiteGeometry& out);

// "point", "multipoint", "line", "polygon" (the record's "site" field).
const char* siteKindName(SiteGeometry::Kind kind);

}  // namespace zr::eval
