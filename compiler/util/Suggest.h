// "Did you mean …?" — the closest candidate by edit distance, when it is close enough.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zr {

// Levenshtein distance over Unicode code points.
std::size_t editDistance(std::string_view a, std::string_view b);
// The best candidate within a distance proportional to the word's length, or "".
std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates);
// "did you mean 'x'?" or "" when nothing is close.
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace zr
