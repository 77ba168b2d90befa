#include "compiler/syntax/Prescan.h"

#include <string>

#include "ZrLexer.h"
#include "compiler/syntax/Keywords.h"
#include "compiler/syntax/ParseFile.h"

namespace zr::syntax {

using zr_gen::ZrLexer;

// ---- UTF-8 ------------------------------------------------------------------------------------

std::optional<Utf8Error> findInvalidUtf8(std::string_view text) {
  std::uint32_t line = 1, column = 1;
  std::size_t i = 0;
  while (i < text.size()) {
    auto b0 = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (b0 < 0x80) {
      length = 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
    } else {
      return Utf8Error{i, line, column};
    }
    if (i + length > text.size()) return Utf8Error{i, line, column};
    for (std::size_t k = 1; k < length; ++k) {
      auto b = static_cast<unsigned char>(text[i + k]);
      if ((b & 0xC0) != 0x80) return Utf8Error{i, line, column};
    }
    if (length == 3) {
      auto b1 = static_cast<unsigned char>(text[i + 1]);
      if ((b0 == 0xE0 && b1 < 0xA0) ||  // overlong
          (b0 == 0xED && b1 >= 0xA0))   // UTF-16 surrogate
        return Utf8Error{i, line, column};
    } else if (length == 4) {
      auto b1 = static_cast<unsigned char>(text[i + 1]);
      if ((b0 == 0xF0 && b1 < 0x90) ||  // overlong
          (b0 == 0xF4 && b1 >= 0x90))   // beyond U+10FFFF
        return Utf8Error{i, line, column};
    }
    if (b0 == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
    i += length;
  }
  return std::nullopt;
}

namespace {

// ---- lexical errors ---------------------------------------------------------------------------

struct FullWidth {
  std::string_view wide;
  std::string_view ascii;  // empty: remove it
};

// Punctuation a Chinese input method produces instead of the ASCII the language uses.
constexpr FullWidth kFullWidth[] = {
    {"\uFF1A", ":"},  {"\uFF0C", ","},  {"\u3001", ","}, {"\uFF08", "("}, {"\uFF09", ")"},
    {"\uFF5B", "{"},  {"\uFF5D", "}"},  {"\uFF1B", ""},  {"\uFF1D", "="}, {"\uFF1C", "<"},
    {"\uFF1E", ">"},  {"\uFF01", "!"},  {"\uFF0B", "+"}, {"\uFF0D", "-"}, {"\uFF0A", "*"},
    {"\uFF0F", "/"},  {"\uFF05", "%"},  {"\uFF0E", "."}, {"\u3002", ""},  {"\uFF02", "\""},
    {"\u2018", "\""}, {"\u2019", "\""}, {"\u3010", "("}, {"\u3011", ")"},
};

std::string printable(const std::string& text) {
  if (text.size() == 1) {
    auto c = static_cast<unsigned char>(text[0]);
    if (c < 0x20 || c == 0x7F) {
      static const char* hex = "0123456789ABCDEF";
      return std::string("U+00") + hex[c >> 4] + hex[c & 0xF];
    }
  }
  return singleQuoted(text);
}

// Reports one stray character. `previous` is the token before it (or nullptr).
void strayCharacter(ParseContext& pc, const antlr4::Token* token, const antlr4::Token* previous) {
  std::string text = token->getText();
  SourceSpan span = pc.span(token);
  if (previous && previous->getType() == ZrLexer::CITE) {
    pc.error("ZR0108", span,
             "the citation after '" + previous->getText() + "' must be a quoted string",
             "write it in double quotes: cite \"《…》第…条\" (依据 \"《…》第…条\")");
    return;
  }
  for (const auto& fw : kFullWidth) {
    if (text != fw.wide) continue;
    if (fw.ascii.empty()) {
      pc.error("ZR0113", span, "full-width punctuation '" + text + "' is not part of the language",
               "remove it: statements and clauses end without punctuation");
    } else {
      pc.error("ZR0113", span,
               "full-width punctuation '" + text + "': write '" + std::string(fw.ascii) + "'",
               "switch the input method to half-width (English) punctuation; only the text "
               "inside quotes may use full-width characters");
    }
    return;
  }
  if (text == ";") {
    pc.error("ZR0100", span, "unexpected ';'", "statements and clauses end without ';': remove it");
  } else if (text == "'") {
    pc.error("ZR0100", span, "unexpected \"'\"",
             "strings are written in double quotes: \"…\" or “…”");
  } else {
    pc.error("ZR0100", span, "unexpected character " + printable(text),
             "names may contain letters, digits, '_', '-' and Chinese characters; other text "
             "belongs inside double quotes");
  }
}

bool lexicalErrors(ParseContext& pc, const std::vector<antlr4::Token*>& tokens) {
  constexpr std::size_t kMaxReported = 20;
  std::size_t reported = 0;
  std::size_t lastLine = 0;
  bool any = false;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const antlr4::Token* token = tokens[i];
    std::size_t type = token->getType();
    if (type != ZrLexer::UNTERMINATED_STRING && type != ZrLexer::UNTERMINATED_COMMENT &&
        type != ZrLexer::ERROR_CHAR)
      continue;
    any = true;
    if (token->getLine() == lastLine || reported == kMaxReported) continue;  // one per line
    lastLine = token->getLine();
    ++reported;
    if (type == ZrLexer::UNTERMINATED_STRING) {
      bool chinese = token->getText().rfind("\u201C", 0) == 0;
      pc.error("ZR0105", pc.span(token), "unterminated string: the closing quote is missing",
               chinese ? "close it with ” on the same line (a string cannot span lines)"
                       : "close it with \" on the same line (a string cannot span lines); "
                         "write \\\" for a quote inside it");
    } else if (type == ZrLexer::UNTERMINATED_COMMENT) {
      SourceSpan span = pc.span(token);
      span.endLine = span.line;
      span.endColumn = span.column + 2;
      pc.error("ZR0105", span, "unterminated comment: '/*' is never closed",
               "close the comment with */");
    } else {
      strayCharacter(pc, token, i > 0 ? tokens[i - 1] : nullptr);
    }
  }
  return any;
}

// ---- brackets and nesting ---------------------------------------------------------------------

struct Frame {
  enum class Kind { Paren, Brace, ScopeBrace, Angle };
  Kind kind;
  const antlr4::Token* open;
  std::size_t nots = 0;  // `not` operators waiting for their operand inside this frame
};

std::string where(const antlr4::Token* token) {
  return "line " + std::to_string(token->getLine()) + ", column " +
         std::to_string(token->getCharPositionInLine() + 1);
}

// The closing character and a name for a frame.
const char* closer(Frame::Kind kind) { return kind == Frame::Kind::Paren ? ")" : "}"; }

bool structureErrors(ParseContext& pc, const std::vector<antlr4::Token*>& tokens) {
  std::vector<Frame> frames;
  std::size_t baseNots = 0;  // outside any bracket
  std::size_t notSum = 0;    // sum of all pending `not`s
  bool scopeHeader = false;  // between `scope` and its `{`

  auto unclosed = [&](const Frame& frame, const antlr4::Token* at) {
    std::string open = frame.open->getText();
    Diagnostic* d = nullptr;
    if (frame.kind == Frame::Kind::ScopeBrace) {
      d = &pc.error("ZR0106", pc.span(frame.open), "the '{' of this scope block is never closed",
                    "close the block with '}' after its last rule");
    } else {
      d = &pc.error("ZR0106", pc.span(frame.open), singleQuoted(open) + " is never closed",
                    std::string("add '") + closer(frame.kind) + "' where it should end");
    }
    if (at && at->getType() != antlr4::Token::EOF)
      d->notes.push_back(
          {pc.span(at), singleQuoted(at->getText()) + " starts a new " +
                            (isClauseStart(at->getType()) ? "clause" : "declaration") +
                            " while it is still open"});
  };

  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const antlr4::Token* token = tokens[i];
    std::size_t type = token->getType();
    std::size_t previous = i > 0 ? tokens[i - 1]->getType() : 0;
    bool afterDot = previous == ZrLexer::DOT;

    if (type == antlr4::Token::EOF) {
      while (!frames.empty() && frames.back().kind == Frame::Kind::Angle) frames.pop_back();
      if (!frames.empty()) {
        unclosed(frames.back(), token);
        return true;
      }
      return false;
    }

    // A keyword that starts a declaration or a rule clause cannot be inside ( ) or a set's { }:
    // the bracket before it was left open. Inside a scope block only another scope (or a
    // header) shows that the block was not closed.
    if (!afterDot && (isDeclarationStart(type) || isClauseStart(type)) && !frames.empty() &&
        frames.back().kind != Frame::Kind::Angle) {
      const Frame& top = frames.back();
      bool scopeEnds =
          type == ZrLexer::SCOPE || type == ZrLexer::ACCESSLIST || type == ZrLexer::MODULE;
      if (top.kind != Frame::Kind::ScopeBrace || scopeEnds) {
        unclosed(top, token);
        return true;
      }
    }

    auto& nots = frames.empty() ? baseNots : frames.back().nots;
    switch (type) {
      case ZrLexer::SCOPE:
        if (!afterDot) scopeHeader = true;
        notSum -= nots;
        nots = 0;
        break;
      case ZrLexer::LPAREN:
        frames.push_back({Frame::Kind::Paren, token});
        break;
      case ZrLexer::LBRACE:
        frames.push_back(
            {scopeHeader && frames.empty() ? Frame::Kind::ScopeBrace : Frame::Kind::Brace, token});
        scopeHeader = false;
        break;
      case ZrLexer::LT:
        if (previous == ZrLexer::SET || previous == ZrLexer::QUANTITY)
          frames.push_back({Frame::Kind::Angle, token});
        else
          notSum -= nots, nots = 0;
        break;
      case ZrLexer::GT:
        if (!frames.empty() && frames.back().kind == Frame::Kind::Angle) {
          notSum -= frames.back().nots;
          frames.pop_back();
        } else {
          notSum -= nots;
          nots = 0;
        }
        break;
      case ZrLexer::RPAREN:
      case ZrLexer::RBRACE: {
        while (!frames.empty() && frames.back().kind == Frame::Kind::Angle) {
          notSum -= frames.back().nots;
          frames.pop_back();
        }
        std::string text = token->getText();
        if (frames.empty()) {
          std::string opener = type == ZrLexer::RPAREN ? "(" : "{";
          pc.error("ZR0106", pc.span(token),
                   "unmatched '" + text + "': no '" + opener + "' is open here",
                   "remove it, or add the missing '" + opener + "' before it");
          return true;
        }
        const Frame& top = frames.back();
        bool matches = (type == ZrLexer::RPAREN) == (top.kind == Frame::Kind::Paren);
        if (!matches) {
          auto& d = pc.error("ZR0106", pc.span(token),
                             singleQuoted(text) + " does not close the '" + top.open->getText() +
                                 "' opened at " + where(top.open),
                             std::string("close the '") + top.open->getText() + "' with '" +
                                 closer(top.kind) + "' first");
          d.notes.push_back(
              {pc.span(top.open), singleQuoted(top.open->getText()) + " opened here"});
          return true;
        }
        notSum -= top.nots;
        frames.pop_back();
        break;
      }
      case ZrLexer::NOT:
      case ZrLexer::BANG:
        ++nots;
        ++notSum;
        break;
      default:
        notSum -= nots;
        nots = 0;
        break;
    }

    // The parser recurses once per open bracket and once per pending `not`.
    if (frames.size() + notSum > kMaxNesting) {
      pc.error("ZR0003", pc.span(token),
               "nesting deeper than " + std::to_string(kMaxNesting) + " levels",
               "flatten the condition, or give parts of it a name with define");
      return true;
    }
  }
  return false;
}

}  // namespace

bool prescan(ParseContext& pc, const std::vector<antlr4::Token*>& tokens) {
  // The dialect decides how expected keywords are spelled in messages.
  std::size_t chinese = 0, english = 0;
  for (const antlr4::Token* token : tokens) {
    if (!isKeyword(token->getType())) continue;
    (isHan(token->getText()) ? chinese : english) += 1;
  }
  pc.setDialect(chinese > english ? Dialect::Chinese : Dialect::English);

  if (lexicalErrors(pc, tokens)) return false;
  if (structureErrors(pc, tokens)) return false;
  return true;
}

}  // namespace zr::syntax
