#include "compiler/util/Suggest.h"

#include "runtime/util/Suggest.h"

namespace zr {

std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string_view> views(candidates.begin(), candidates.end());
  std::string_view match = util::closestMatch(word, views);
  return match.empty() ? std::string() : "did you mean '" + std::string(match) + "'?";
}

}  // namespace zr
