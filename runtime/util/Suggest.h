// "Did you mean …?" for the runtime (descriptor keys, enum values, unit codes) and, through
// compiler/util/Suggest, for the compiler. The runtime must not depend on the compiler.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zr::util {

// Levenshtein distance over Unicode code points (invalid UTF-8 bytes count as one each).
std::size_t editDistance(std::string_view a, std::string_view b);
// The closest candidate within a distance proportional to the word's length, or "" when none
// is close enough. Ties go to the first candidate.
std::string_view closestMatch(std::string_view word,
                              const std::vector<std::string_view>& candidates);

}  // namespace zr::util
