// The keyword table: every keyword token with its English and Chinese spellings. Used for
// messages ("expected 'forbid'"), "did you mean" suggestions and the dialect of a file.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace zr::syntax {

struct Keyword {
  std::size_t token;                      // zr_gen::ZrLexer token type
  std::string_view english;               // canonical spelling ("not in" for 不属于)
  std::vector<std::string_view> chinese;  // Chinese spellings, the usual one first; may be empty
};

const std::vector<Keyword>& keywordTable();
// nullptr when the token type is not a keyword.
const Keyword* findKeyword(std::size_t tokenType);

// The token types the lexer gives `text` (EOF excluded). For tests of the table against the
// grammar, without exposing ANTLR.
std::vector<std::size_t> lexTokenTypes(const std::string& text);

}  // namespace zr::syntax
