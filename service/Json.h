// JSON helpers of the service: parsing with a depth limit, and error bodies.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace zr::service {

// Request bodies nest at most this deep (objects and arrays).
inline constexpr int kMaxJsonDepth = 32;

// Parses `text`; nullopt when it is not JSON or nests deeper than kMaxJsonDepth.
std::optional<nlohmann::json> parseJsonLimited(std::string_view text);

// {"error": {"code": …, "message": …}} (plus "details" when given).
std::string errorBody(std::string_view code, std::string_view message,
                      const nlohmann::json& details = nullptr);

}  // namespace zr::service
