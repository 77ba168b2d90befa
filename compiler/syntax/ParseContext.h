// Internal to compiler/syntax: what the lexical pre-scan, the ANTLR error strategy and the AST
// builder share while parsing one file — spans, the dialect, and the "first error per statement"
// gate. Includes ANTLR headers; never include it from outside compiler/syntax.
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "antlr4-runtime.h"
#include "compiler/diag/Diagnostic.h"

namespace zr::syntax {

class Utf8TokenFactory;

enum class Dialect : std::uint8_t { English, Chinese };

class ParseContext {
 public:
  ParseContext(std::uint32_t file, DiagnosticSink& sink) : file_(file), sink_(sink) {}

  std::uint32_t file() const { return file_; }
  // The factory that lexed the file: gives the source text of a context, spaces included.
  void setTokenFactory(const Utf8TokenFactory* factory) { factory_ = factory; }
  std::string sourceText(antlr4::ParserRuleContext* ctx) const;
  Dialect dialect() const { return dialect_; }
  void setDialect(Dialect dialect) { dialect_ = dialect; }

  // Spans: 1-based line, 1-based code-point column, exclusive end.
  SourceSpan span(const antlr4::Token* token) const;
  SourceSpan span(const antlr4::ParserRuleContext* ctx) const;
  SourceSpan span(const antlr4::Token* first, const antlr4::Token* last) const;
  // One column just after `token`: where something missing belongs.
  SourceSpan after(const antlr4::Token* token) const;

  // Statements are keyed by the index of their first token. The first error of a statement is
  // reported; later ones are dropped (they are usually consequences of the first).
  bool claim(std::size_t statement);  // true when the statement had no error yet
  void markFailed(std::size_t statement) { failed_.insert(statement); }
  bool failed(std::size_t statement) const { return failed_.count(statement) != 0; }

  // Errors are collected here and handed to the sink by flush(), sorted by position: the
  // parser and the builder find them in different orders.
  Diagnostic& error(std::string code, SourceSpan span, std::string message, std::string hint = {});
  std::size_t errorCount() const { return errors_; }
  void flush();

  // A keyword token in the file's dialect, quoted: 'forbid' or '禁止'.
  std::string keyword(std::size_t tokenType) const;
  // Both spellings, for hints: "forbid (禁止)".
  static std::string bilingual(std::size_t tokenType);
  // The offending token in words: "name 'foo'", "number 12", "'forbid'", "end of file".
  std::string describe(const antlr4::Token* token) const;
  // An expected-token set in words, at most six items: "':', 'forbid' or a condition".
  std::string expected(const antlr4::misc::IntervalSet& set) const;

 private:
  std::uint32_t file_;
  DiagnosticSink& sink_;
  DiagnosticSink pending_;
  Dialect dialect_ = Dialect::English;
  const Utf8TokenFactory* factory_ = nullptr;
  std::set<std::size_t> failed_;
  std::size_t errors_ = 0;
};

// 'text' in single quotes. (Also sidesteps GCC 12's false -Wrestrict on "'" + std::string.)
std::string singleQuoted(std::string_view text);
// Code points in a UTF-8 string (the text is valid UTF-8 once parsing starts).
std::size_t codePoints(std::string_view utf8);
// At most `limit` code points of `text`, with "…" when cut.
std::string shorten(std::string_view text, std::size_t limit);
bool isHan(std::string_view utf8);  // any non-ASCII character

// Token classes used by the pre-scan and the error strategy.
bool isDeclarationStart(std::size_t type);  // rule, set, define, scope, …
bool isClauseStart(std::size_t type);       // forbid, unless, cite, effective, …
bool isIdentLike(std::size_t type);         // ID and the unreserved words (layout, number, …)
bool isKeyword(std::size_t type);

}  // namespace zr::syntax
