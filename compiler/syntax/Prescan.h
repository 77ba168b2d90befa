// Internal to compiler/syntax: checks on the token list before ANTLR parses it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "antlr4-runtime.h"
#include "compiler/syntax/ParseContext.h"

namespace zr::syntax {

struct Utf8Error {
  std::size_t offset;  // byte offset of the first bad byte
  std::uint32_t line;
  std::uint32_t column;  // 1-based, in code points (each earlier bad byte would count one)
};
std::optional<Utf8Error> findInvalidUtf8(std::string_view text);

// Decides the file's dialect, then reports lexical errors (stray characters, full-width
// punctuation, unterminated strings and comments), unbalanced brackets and nesting deeper than
// kMaxNesting. Returns false when the file must not be parsed.
bool prescan(ParseContext& context, const std::vector<antlr4::Token*>& tokens);

}  // namespace zr::syntax
