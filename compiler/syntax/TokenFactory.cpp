#include "compiler/syntax/TokenFactory.h"

namespace zr::syntax {
namespace {

std::size_t sequenceLength(unsigned char lead) {
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

}  // namespace

std::u32string lexerInput(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  for (std::size_t i = 0; i < utf8.size();) {
    auto lead = static_cast<unsigned char>(utf8[i]);
    std::size_t length = sequenceLength(lead);
    char32_t cp = length == 1 ? lead : lead & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length && i + k < utf8.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    out.push_back(cp);
    i += length;
  }
  // Mirror the lexer's strings and comments (grammar/ZrLexer.g4): "…" with backslash escapes
  // and “…” end at their quote or at the end of the line; // ends at the line; /* at */.
  enum class State { Code, Quoted, ChineseQuoted, LineComment, BlockComment } state = State::Code;
  for (std::size_t i = 0; i < out.size(); ++i) {
    char32_t c = out[i];
    char32_t next = i + 1 < out.size() ? out[i + 1] : 0;
    switch (state) {
      case State::Code:
        if (c == U'"') {
          state = State::Quoted;
        } else if (c == U'\u201C') {
          state = State::ChineseQuoted;
        } else if (c == U'/' && next == U'/') {
          state = State::LineComment, ++i;
        } else if (c == U'/' && next == U'*') {
          state = State::BlockComment, ++i;
        }
        break;
      case State::Quoted:
        if (c == U'\\' && next != U'\n' && next != U'\r' && next != 0) {
          if (next > 0x7F) out[i + 1] = U'x';
          ++i;
        } else if (c == U'"' || c == U'\n' || c == U'\r') {
          state = State::Code;
        } else if (c > 0x7F) {
          out[i] = U'x';
        }
        break;
      case State::ChineseQuoted:
        if (c == U'\u201D' || c == U'\n' || c == U'\r') {
          state = State::Code;
        } else if (c > 0x7F) {
          out[i] = U'x';
        }
        break;
      case State::LineComment:
        if (c == U'\n' || c == U'\r') {
          state = State::Code;
        } else if (c > 0x7F) {
          out[i] = U'x';
        }
        break;
      case State::BlockComment:
        if (c == U'*' && next == U'/') {
          state = State::Code, ++i;
        } else if (c > 0x7F) {
          out[i] = U'x';
        }
        break;
    }
  }
  return out;
}

void Utf8TokenFactory::advanceTo(std::size_t index) {
  while (codePoint_ < index && byte_ < source_.size()) {
    byte_ += sequenceLength(static_cast<unsigned char>(source_[byte_]));
    ++codePoint_;
  }
}

std::unique_ptr<antlr4::CommonToken> Utf8TokenFactory::create(
    std::pair<antlr4::TokenSource*, antlr4::CharStream*> source, std::size_t type,
    const std::string& text, std::size_t channel, std::size_t start, std::size_t stop,
    std::size_t line, std::size_t charPositionInLine) {
  auto token = std::make_unique<antlr4::CommonToken>(source, type, channel, start, stop);
  token->setLine(line);
  token->setCharPositionInLine(charPositionInLine);
  if (!text.empty()) {
    token->setText(text);
    return token;
  }
  if (start == INVALID_INDEX) return token;  // conjured by error recovery: not in the stream
  // Lexed tokens arrive in source order, so one forward cursor serves them all.
  advanceTo(start);
  std::size_t from = byte_;
  advanceTo(stop + 1);  // EOF has stop == start - 1: an empty range
  std::size_t to = stop + 1 > start ? byte_ : from;
  begin_.push_back(static_cast<std::uint32_t>(from));
  end_.push_back(static_cast<std::uint32_t>(to));
  if (to > from) token->setText(std::string(source_.substr(from, to - from)));
  return token;
}

std::unique_ptr<antlr4::CommonToken> Utf8TokenFactory::create(std::size_t type,
                                                              const std::string& text) {
  return std::make_unique<antlr4::CommonToken>(type, text);
}

std::string_view Utf8TokenFactory::slice(std::size_t first, std::size_t last) const {
  if (first >= begin_.size() || last >= end_.size() || last < first) return {};
  return source_.substr(begin_[first], end_[last] - begin_[first]);
}

}  // namespace zr::syntax
