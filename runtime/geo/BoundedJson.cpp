#include "runtime/geo/BoundedJson.h"

#include <fmt/format.h>

namespace zr::geo {

std::optional<nlohmann::json> parseBoundedJson(std::string_view text, std::string& error) {
  bool tooDeep = false;
  // Values below the bound are discarded as they are read: nothing deep is ever built.
  nlohmann::json::parser_callback_t limit = [&](int depth, nlohmann::json::parse_event_t,
                                                nlohmann::json&) {
    if (depth >= kMaxJsonDepth) tooDeep = true;
    return !tooDeep;
  };
  try {
    nlohmann::json value = nlohmann::json::parse(text, limit);
    if (tooDeep) {
      error = fmt::format("nested deeper than {} levels", kMaxJsonDepth);
      return std::nullopt;
    }
    return value;
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 1, column 5: …".
    std::string_view what = e.what();
    if (auto at = what.find("] "); at != std::string_view::npos) what.remove_prefix(at + 2);
    // "; last read: '…'" may quote the very bytes that are not UTF-8: the position suffices.
    if (auto at = what.find("; last read:"); at != std::string_view::npos)
      what = what.substr(0, at);
    error = fmt::format("not valid JSON: {}", what);
    return std::nullopt;
  }
}

}  // namespace zr::geo
