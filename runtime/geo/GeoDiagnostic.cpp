#include "runtime/geo/GeoDiagnostic.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace zr::geo {

bool GeoDiagnostics::hasErrors() const { return errorCount() > 0; }

std::size_t GeoDiagnostics::errorCount() const {
  return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const auto& d) {
    return d.severity == GeoSeverity::Error;
  }));
}

void GeoDiagnostics::sortByFeature(std::size_t first) {
  if (first >= items_.size()) return;
  std::stable_sort(items_.begin() + static_cast<std::ptrdiff_t>(first), items_.end(),
                   [](const auto& a, const auto& b) { return a.feature < b.feature; });
}

std::string formatDiagnostic(const GeoDiagnostic& d) {
  std::string where = d.file;
  if (d.feature >= 0) {
    where += fmt::format(": feature {}", d.feature);
    if (!d.key.empty()) where += fmt::format(" ({})", d.key);
  } else if (!d.key.empty()) {
    where += fmt::format(": {}", d.key);
  }
  if (!d.position.empty()) where += " " + d.position;
  return fmt::format("{}: {}[{}]: {}", where,
                     d.severity == GeoSeverity::Error ? "error" : "warning", d.code, d.message);
}

std::string GeoDiagnostics::format() const {
  std::string out;
  for (const auto& d : items_) out += formatDiagnostic(d) + "\n";
  return out;
}

std::string GeoDiagnostics::formatJson() const {
  nlohmann::ordered_json array = nlohmann::ordered_json::array();
  for (const auto& d : items_) {
    array.push_back({{"code", d.code},
                     {"severity", d.severity == GeoSeverity::Error ? "error" : "warning"},
                     {"file", d.file},
                     {"feature", d.feature},
                     {"key", d.key},
                     {"position", d.position},
                     {"message", d.message}});
  }
  return array.dump();
}

}  // namespace zr::geo
