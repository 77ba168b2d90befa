// Writing JSON text by hand (the hot path of the record writer): string escaping.
#pragma once

#include <string>
#include <string_view>

namespace zr::util {

// Appends `text` as a JSON string literal, quotes included. UTF-8 passes through unchanged;
// '"', '\\' and control characters are escaped (\n, \t, … or \u00XX).
void appendJsonString(std::string& out, std::string_view text);
// The same without the surrounding quotes.
void appendJsonEscaped(std::string& out, std::string_view text);

}  // namespace zr::util
