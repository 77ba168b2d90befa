// Internal to compiler/syntax: a token factory that takes each token's text straight from the
// UTF-8 source and records its byte range. ANTLR's default leaves the text in its UTF-32 input
// and converts it back on every getText(), which dominates the cost of building the AST.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "antlr4-runtime.h"

namespace zr::syntax {

// The code points the lexer reads. Non-ASCII characters inside strings and comments are
// replaced by 'x': the lexer then stays on its cached DFA (ANTLR caches transitions for ASCII
// only), which makes Chinese text several times faster to lex. Token boundaries, lines and
// columns are unchanged, and token texts come from the UTF-8 source through Utf8TokenFactory.
// `utf8` must be valid UTF-8.
std::u32string lexerInput(std::string_view utf8);

// An ANTLR character stream over already-decoded code points.
class CodePointStream : public antlr4::ANTLRInputStream {
 public:
  explicit CodePointStream(std::u32string data) {
    _data = std::move(data);
    p = 0;
  }
};

class Utf8TokenFactory : public antlr4::TokenFactory<antlr4::CommonToken> {
 public:
  // `source` must outlive the factory and every token it creates.
  explicit Utf8TokenFactory(std::string_view source) : source_(source) {}

  std::unique_ptr<antlr4::CommonToken> create(
      std::pair<antlr4::TokenSource*, antlr4::CharStream*> source, std::size_t type,
      const std::string& text, std::size_t channel, std::size_t start, std::size_t stop,
      std::size_t line, std::size_t charPositionInLine) override;
  std::unique_ptr<antlr4::CommonToken> create(std::size_t type, const std::string& text) override;

  // The source text from the start of token `first` to the end of token `last` (indices in the
  // token stream), spaces included.
  std::string_view slice(std::size_t first, std::size_t last) const;

 private:
  // Moves the cursor to code point `index`.
  void advanceTo(std::size_t index);

  std::string_view source_;
  std::size_t codePoint_ = 0;               // cursor: code point index …
  std::size_t byte_ = 0;                    // … and its byte offset
  std::vector<std::uint32_t> begin_, end_;  // byte range of each lexed token, by token index
};

}  // namespace zr::syntax
