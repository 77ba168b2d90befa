#include "service/Json.h"

namespace zr::service {

std::optional<nlohmann::json> parseJsonLimited(std::string_view text) {
  bool tooDeep = false;
  nlohmann::json::parser_callback_t limit = [&](int depth, nlohmann::json::parse_event_t,
                                                nlohmann::json&) {
    // `depth` counts the containers around the event: an opening bracket at depth 32 is the
    // 33rd level.
    if (depth >= kMaxJsonDepth) tooDeep = true;
    return !tooDeep;
  };
  nlohmann::json value = nlohmann::json::parse(text, limit, /*allow_exceptions=*/false);
  if (tooDeep || value.is_discarded()) return std::nullopt;
  return value;
}

std::string errorBody(std::string_view code, std::string_view message,
                      const nlohmann::json& details) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  if (!details.is_null()) body["error"]["details"] = details;
  return body.dump();
}

}  // namespace zr::service
