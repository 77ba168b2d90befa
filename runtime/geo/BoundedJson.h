// JSON input of the geometry side (GeoJSON files, `zr map --site`): parsed with a nesting
// bound, so that a hostile file is a diagnostic rather than a stack overflow in the JSON
// library's recursive copies.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace zr::geo {

// GeoJSON needs about ten levels (a MultiPolygon inside a feature collection); properties get
// the rest.
inline constexpr int kMaxJsonDepth = 64;

// The parsed value, or nullopt with `error` saying where and why (invalid JSON, ill-formed
// UTF-8, nested deeper than kMaxJsonDepth).
std::optional<nlohmann::json> parseBoundedJson(std::string_view text, std::string& error);

}  // namespace zr::geo
