#include "compiler/syntax/ParseContext.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "ZrLexer.h"
#include "compiler/syntax/Keywords.h"
#include "compiler/syntax/TokenFactory.h"

namespace zr::syntax {

using zr_gen::ZrLexer;

namespace {

std::uint32_t tokenLength(const antlr4::Token* token) {
  if (token->getType() == antlr4::Token::EOF) return 1;
  std::size_t start = token->getStartIndex(), stop = token->getStopIndex();
  return stop >= start ? static_cast<std::uint32_t>(stop - start + 1) : 1;
}

}  // namespace

// ---- spans ------------------------------------------------------------------------------------

SourceSpan ParseContext::span(const antlr4::Token* token) const {
  SourceSpan s;
  if (!token) return s;
  s.file = file_;
  s.line = static_cast<std::uint32_t>(token->getLine());
  s.column = static_cast<std::uint32_t>(token->getCharPositionInLine()) + 1;
  s.endLine = s.line;
  s.endColumn = s.column + tokenLength(token);
  return s;
}

SourceSpan ParseContext::span(const antlr4::Token* first, const antlr4::Token* last) const {
  SourceSpan s = span(first);
  if (!last || !first || last->getTokenIndex() < first->getTokenIndex()) return s;
  if (last->getType() == antlr4::Token::EOF) return s;
  SourceSpan e = span(last);
  s.endLine = e.endLine;
  s.endColumn = e.endColumn;
  return s;
}

SourceSpan ParseContext::span(const antlr4::ParserRuleContext* ctx) const {
  if (!ctx) return {};
  // getStart / getStop are not const in the ANTLR runtime; they do not modify the context.
  auto* mutableCtx = const_cast<antlr4::ParserRuleContext*>(ctx);
  return span(mutableCtx->getStart(), mutableCtx->getStop());
}

SourceSpan ParseContext::after(const antlr4::Token* token) const {
  SourceSpan s = span(token);
  if (!token) return s;
  s.column = s.endColumn;
  s.endColumn = s.column + 1;
  return s;
}

std::string ParseContext::sourceText(antlr4::ParserRuleContext* ctx) const {
  antlr4::Token* start = ctx ? ctx->getStart() : nullptr;
  antlr4::Token* stop = ctx ? ctx->getStop() : nullptr;
  if (!factory_ || !start || !stop || stop->getTokenIndex() < start->getTokenIndex())
    return ctx ? ctx->getText() : std::string();
  return std::string(factory_->slice(start->getTokenIndex(), stop->getTokenIndex()));
}

// ---- errors -----------------------------------------------------------------------------------

bool ParseContext::claim(std::size_t statement) { return failed_.insert(statement).second; }

Diagnostic& ParseContext::error(std::string code, SourceSpan span, std::string message,
                                std::string hint) {
  ++errors_;
  Diagnostic& d = pending_.error(std::move(code), span, std::move(message));
  d.hint = std::move(hint);
  return d;
}

void ParseContext::flush() {
  pending_.sortByLocation();
  for (const auto& d : pending_.all()) sink_.report(d);
  pending_ = DiagnosticSink();
}

// ---- words ------------------------------------------------------------------------------------

std::string ParseContext::keyword(std::size_t tokenType) const {
  const Keyword* k = findKeyword(tokenType);
  if (!k) return "?";
  if (dialect_ == Dialect::Chinese && !k->chinese.empty()) return singleQuoted(k->chinese.front());
  return singleQuoted(k->english);
}

std::string ParseContext::bilingual(std::size_t tokenType) {
  const Keyword* k = findKeyword(tokenType);
  if (!k) return "?";
  std::string out(k->english);
  if (!k->chinese.empty()) out += " (" + std::string(k->chinese.front()) + ")";
  return out;
}

std::string ParseContext::describe(const antlr4::Token* token) const {
  if (!token || token->getType() == antlr4::Token::EOF) return "end of file";
  std::string text = token->getText();
  switch (token->getType()) {
    case ZrLexer::ID:
      return "name '" + shorten(text, 40) + "'";
    case ZrLexer::NUMBER:
      return "number " + shorten(text, 40);
    case ZrLexer::DATE:
      return "date " + text;
    case ZrLexer::STRING:
      return "string " + shorten(text, 30);
    default:
      return singleQuoted(shorten(text, 40));
  }
}

namespace {

using Set = antlr4::misc::IntervalSet;

const std::vector<std::size_t>& conditionStarts() {
  static const std::vector<std::size_t> v = {
      ZrLexer::NOT,       ZrLexer::BANG,        ZrLexer::LPAREN,   ZrLexer::PROJECT,
      ZrLexer::NUMBER,    ZrLexer::STRING,      ZrLexer::DATE,     ZrLexer::TRUE,
      ZrLexer::FALSE,     ZrLexer::PERCENT,     ZrLexer::ID,       ZrLexer::LAYOUT,
      ZrLexer::EMISSION,  ZrLexer::RISK,        ZrLexer::RESOURCE, ZrLexer::BOOL,
      ZrLexer::ENUM,      ZrLexer::NUMBER_TYPE, ZrLexer::QUANTITY, ZrLexer::STRING_TYPE,
      ZrLexer::DATE_TYPE, ZrLexer::DISTANCE_TO, ZrLexer::WITHIN};
  return v;
}

const std::vector<std::size_t>& declarationStarts() {
  static const std::vector<std::size_t> v = {
      ZrLexer::ACCESSLIST, ZrLexer::MODULE, ZrLexer::IMPORT, ZrLexer::ATTRIBUTE, ZrLexer::INDUSTRY,
      ZrLexer::UNIT,       ZrLexer::REGION, ZrLexer::OPEN,   ZrLexer::SET,       ZrLexer::EXTEND,
      ZrLexer::DEFINE,     ZrLexer::SCOPE,  ZrLexer::RULE,   ZrLexer::REFINE,    ZrLexer::LAYER};
  return v;
}

const std::vector<std::size_t>& identTokens() {
  static const std::vector<std::size_t> v = {
      ZrLexer::ID,       ZrLexer::LAYOUT,      ZrLexer::EMISSION, ZrLexer::RISK,
      ZrLexer::RESOURCE, ZrLexer::BOOL,        ZrLexer::ENUM,     ZrLexer::NUMBER_TYPE,
      ZrLexer::QUANTITY, ZrLexer::STRING_TYPE, ZrLexer::DATE_TYPE};
  return v;
}

const std::vector<std::size_t>& dimensionTokens() {
  static const std::vector<std::size_t> v = {ZrLexer::LAYOUT, ZrLexer::EMISSION, ZrLexer::RISK,
                                             ZrLexer::RESOURCE};
  return v;
}

const std::vector<std::size_t>& comparisonTokens() {
  static const std::vector<std::size_t> v = {ZrLexer::EQ, ZrLexer::NE, ZrLexer::LT,
                                             ZrLexer::LE, ZrLexer::GT, ZrLexer::GE};
  return v;
}

const std::vector<std::size_t>& arithmeticTokens() {
  static const std::vector<std::size_t> v = {ZrLexer::PLUS, ZrLexer::MINUS, ZrLexer::STAR,
                                             ZrLexer::SLASH};
  return v;
}

bool containsAll(const std::set<std::size_t>& set, const std::vector<std::size_t>& tokens) {
  return std::all_of(tokens.begin(), tokens.end(),
                     [&](std::size_t t) { return set.count(t) != 0; });
}

void eraseAll(std::set<std::size_t>& set, const std::vector<std::size_t>& tokens) {
  for (std::size_t t : tokens) set.erase(t);
}

std::string punctuation(std::size_t type) {
  switch (type) {
    case ZrLexer::ID:
      return "a name";
    case ZrLexer::NUMBER:
      return "a number";
    case ZrLexer::STRING:
      return "a quoted string";
    case ZrLexer::DATE:
      return "a date (YYYY-MM-DD)";
    case ZrLexer::LE:
      return "'<='";
    case ZrLexer::GE:
      return "'>='";
    case ZrLexer::EQ:
      return "'=='";
    case ZrLexer::NE:
      return "'!='";
    case ZrLexer::PLUS_ASSIGN:
      return "'+='";
    case ZrLexer::LT:
      return "'<'";
    case ZrLexer::GT:
      return "'>'";
    case ZrLexer::ASSIGN:
      return "'='";
    case ZrLexer::AMP:
      return "'&'";
    case ZrLexer::PLUS:
      return "'+'";
    case ZrLexer::MINUS:
      return "'-'";
    case ZrLexer::STAR:
      return "'*'";
    case ZrLexer::SLASH:
      return "'/'";
    case ZrLexer::PERCENT:
      return "'%'";
    case ZrLexer::COLON:
      return "':'";
    case ZrLexer::COMMA:
      return "','";
    case ZrLexer::DOT:
      return "'.'";
    case ZrLexer::LPAREN:
      return "'('";
    case ZrLexer::RPAREN:
      return "')'";
    case ZrLexer::LBRACE:
      return "'{'";
    case ZrLexer::RBRACE:
      return "'}'";
    default:
      return "something else";
  }
}

}  // namespace

std::string ParseContext::expected(const Set& set) const {
  std::set<std::size_t> tokens;
  bool endOfFile = false;
  for (auto t : set.toList()) {
    if (t == -1) {
      endOfFile = true;  // Token::EOF
    } else if (t > 0) {
      tokens.insert(static_cast<std::size_t>(t));
    }
  }
  // Never suggest the error productions (&&, ||, !, |, and & or = inside conditions).
  tokens.erase(ZrLexer::AND_AND);
  tokens.erase(ZrLexer::OR_OR);
  tokens.erase(ZrLexer::BANG);
  tokens.erase(ZrLexer::PIPE);
  if (tokens.count(ZrLexer::AND)) tokens.erase(ZrLexer::AMP);
  if (tokens.count(ZrLexer::EQ)) tokens.erase(ZrLexer::ASSIGN);

  std::vector<std::string> words;
  auto kw = [&](std::size_t t) { return keyword(t); };
  if (tokens.count(ZrLexer::ID) && tokens.count(ZrLexer::ACCESSLIST) &&
      tokens.count(ZrLexer::NOT_IN)) {
    // A position that takes any word as a name (project.NAME, attribute NAME, module names).
    words.push_back("a name");
    for (auto it = tokens.begin(); it != tokens.end();)
      it = (isKeyword(*it) || isIdentLike(*it)) ? tokens.erase(it) : std::next(it);
  }
  if (tokens.count(ZrLexer::NOT) && tokens.count(ZrLexer::PROJECT)) {
    words.push_back("a condition");
    eraseAll(tokens, conditionStarts());
  } else if (tokens.count(ZrLexer::PROJECT) && tokens.count(ZrLexer::NUMBER)) {
    words.push_back("a value");
    eraseAll(tokens, conditionStarts());
  }
  if (tokens.count(ZrLexer::RULE) && tokens.count(ZrLexer::DEFINE)) {
    words.push_back("a declaration (" + kw(ZrLexer::RULE) + ", " + kw(ZrLexer::SET) + ", " +
                    kw(ZrLexer::DEFINE) + ", …)");
    eraseAll(tokens, declarationStarts());
  }
  if (containsAll(tokens, dimensionTokens()) && !tokens.count(ZrLexer::ID)) {
    words.push_back("a dimension (" + kw(ZrLexer::LAYOUT) + ", " + kw(ZrLexer::EMISSION) + ", " +
                    kw(ZrLexer::RISK) + " or " + kw(ZrLexer::RESOURCE) + ")");
    eraseAll(tokens, dimensionTokens());
  }
  if (tokens.count(ZrLexer::ID)) {
    words.push_back("a name");
    eraseAll(tokens, identTokens());
  }
  bool comparisons = containsAll(tokens, comparisonTokens());
  bool arithmetic = containsAll(tokens, arithmeticTokens());
  if (comparisons) eraseAll(tokens, comparisonTokens());
  if (arithmetic) eraseAll(tokens, arithmeticTokens());

  // Keywords in grammar order, then the rest.
  for (std::size_t t : tokens)
    if (isKeyword(t)) words.push_back(kw(t));
  if (comparisons) words.push_back("a comparison (==, !=, <, <=, >, >=)");
  if (arithmetic) words.push_back("an operator (+, -, *, /)");
  for (std::size_t t : tokens)
    if (!isKeyword(t)) words.push_back(punctuation(t));
  if (endOfFile) words.push_back("end of file");

  if (words.empty()) return "something else";
  constexpr std::size_t kMax = 6;
  bool cut = words.size() > kMax;
  if (cut) words.resize(kMax);
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += (i + 1 == words.size() && !cut) ? " or " : ", ";
    out += words[i];
  }
  if (cut) out += ", …";
  return out;
}

// ---- helpers ----------------------------------------------------------------------------------

std::string singleQuoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

std::size_t codePoints(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string shorten(std::string_view text, std::size_t limit) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (count == limit) return std::string(text.substr(0, i)) + "…";
      ++count;
    }
  }
  return std::string(text);
}

bool isHan(std::string_view utf8) {
  return std::any_of(utf8.begin(), utf8.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

bool isDeclarationStart(std::size_t type) {
  const auto& v = declarationStarts();
  return std::find(v.begin(), v.end(), type) != v.end();
}

bool isClauseStart(std::size_t type) {
  switch (type) {
    case ZrLexer::FORBID:
    case ZrLexer::REQUIRE:
    case ZrLexer::LIMIT:
    case ZrLexer::UNLESS:
    case ZrLexer::WHEN:
    case ZrLexer::CITE:
    case ZrLexer::EFFECTIVE:
      return true;
    default:
      return false;
  }
}

bool isIdentLike(std::size_t type) {
  const auto& v = identTokens();
  return std::find(v.begin(), v.end(), type) != v.end();
}

bool isKeyword(std::size_t type) { return findKeyword(type) != nullptr; }

}  // namespace zr::syntax
