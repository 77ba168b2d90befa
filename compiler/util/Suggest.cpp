#include "compiler/util/Suggest.h"

#include <algorithm>
#include <cstdint>

namespace zr {
namespace {

std::vector<std::uint32_t> codePoints(std::string_view text) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    std::uint32_t cp = 0;
    for (std::size_t k = 0; k < length && i + k < text.size(); ++k)
      cp = (cp << 8) | static_cast<unsigned char>(text[i + k]);
    out.push_back(cp);
    i += length;
  }
  return out;
}

}  // namespace

std::size_t editDistance(std::string_view a, std::string_view b) {
  auto x = codePoints(a), y = codePoints(b);
  std::vector<std::size_t> previous(y.size() + 1), current(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      std::size_t substitution = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[y.size()];
}

std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t limit = std::max<std::size_t>(1, codePoints(word).size() / 3);
  std::string best;
  std::size_t bestDistance = limit + 1;
  for (const auto& candidate : candidates) {
    std::size_t distance = editDistance(word, candidate);
    // Ties go to the alphabetically first candidate: deterministic output.
    if (distance < bestDistance || (distance == bestDistance && candidate < best)) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= limit ? best : std::string();
}

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string match = closestMatch(word, candidates);
  return match.empty() ? std::string() : "did you mean '" + match + "'?";
}

}  // namespace zr
