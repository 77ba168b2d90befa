// compiler/syntax: Zhunru source text -> ast::File. The only part of the compiler that sees
// ANTLR; this header does not include it.
//
// parseFile runs, in order: the size limit (ZR0002), UTF-8 validation (ZR0001), the lexer and a
// token pre-scan (lexical errors, bracket balance ZR0106, nesting depth ZR0003 — so that ANTLR's
// recursive descent never sees input deep enough to overflow the stack), the ANTLR parser with
// the project's own error strategy (ZR0100–ZR0199, at most one error per statement), and the AST
// builder. Codes and messages: docs/diagnostics-parse.md.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "compiler/ast/Ast.h"
#include "compiler/diag/Diagnostic.h"
#include "compiler/diag/SourceManager.h"

namespace zr::syntax {

// Files larger than this are refused (ZR0002).
inline constexpr std::size_t kMaxFileBytes = 16u * 1024u * 1024u;
// Brackets, `not` chains and set<…> types nested deeper than this are refused (ZR0003).
inline constexpr std::size_t kMaxNesting = 256;
// Expressions whose tree is deeper than this (e.g. thousands of `or` in one rule) are refused
// (ZR0003), so that later passes may recurse over the AST safely.
inline constexpr std::size_t kMaxExpressionDepth = 2048;

// Parses file `fileId` of `sources`. Diagnostics go to `sink`; the result is empty when the
// file has any error (then at least one error was reported).
std::optional<ast::File> parseFile(SourceManager& sources, std::uint32_t fileId,
                                   DiagnosticSink& sink);

// The same for a file that is not (yet) in a SourceManager: `fileId` is the id its spans
// carry. Touches no shared state besides ANTLR's own (thread-safe) caches, so files may be
// parsed on several threads at once.
std::optional<ast::File> parseSource(std::uint32_t fileId, const std::string& path,
                                     const std::string& text, DiagnosticSink& sink);

// Adds `text` to `sources` under `path` and parses it.
std::optional<ast::File> parseText(SourceManager& sources, std::string path, std::string text,
                                   DiagnosticSink& sink);

}  // namespace zr::syntax
