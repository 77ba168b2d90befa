// Where and why a text is not JSON, for error records. Only called on the error path (the fast
// parser, simdjson, says that a line is malformed but not where).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace zr::eval {

// "at column 17: expected ',' or '}' after an object member" — the first syntax error of
// `text` as one JSON value (columns count bytes from 1). std::nullopt when the syntax is fine
// (the error lies elsewhere, e.g. a number out of range). Nesting deeper than maxDepth is an
// error too. Iterative: any depth is safe.
std::optional<std::string> locateJsonError(std::string_view text, std::size_t maxDepth);
// 0-based offset of the first byte that is not valid UTF-8, or std::nullopt.
std::optional<std::size_t> firstInvalidUtf8(std::string_view text);

}  // namespace zr::eval
