// Geographic coordinates as descriptors give them: decimal degrees, or degrees-minutes-seconds
// (度分秒) as official application forms write them — E117°56'26.05", 北纬28°27′3.5″, with ASCII,
// typographic (′ ″ ’ ”) or full-width marks (＇ ＂ ０-９ ．), 度/分/秒, and the hemisphere as a
// letter (E W N S, before or after) or a Chinese prefix (东经 西经 北纬 南纬).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace zr::util {

enum class Axis { Lon, Lat };

// Parses one coordinate on `axis`. On failure returns nullopt and sets `why` to a message for
// people (malformed text, minutes or seconds >= 60, a latitude letter on a longitude, out of
// range).
std::optional<double> parseCoordinate(std::string_view text, Axis axis, std::string& why);

// Checks a decimal coordinate on `axis` (finite, longitude in [-180, 180], latitude in [-90, 90]).
bool checkCoordinate(double degrees, Axis axis, std::string& why);

const char* axisName(Axis axis);  // "longitude" / "latitude"

}  // namespace zr::util
