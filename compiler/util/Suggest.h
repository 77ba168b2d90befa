// "Did you mean …?" for compiler diagnostics, on top of the runtime's edit-distance matcher.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace zr {

// "did you mean 'x'?" for the closest candidate, or "" when nothing is close. Candidates are
// tried in the order given (ties go to the first): pass them sorted for stable output.
std::string didYouMean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace zr
