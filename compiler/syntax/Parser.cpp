#include "compiler/syntax/Parser.h"

#include <memory>
#include <utility>
#include <vector>

#include "ZrLexer.h"
#include "ZrParser.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/AstBuilder.h"
#include "compiler/syntax/ErrorStrategy.h"
#include "compiler/syntax/ParseContext.h"
#include "compiler/syntax/Prescan.h"

namespace zr::syntax {
namespace {

std::string mebibytes(std::size_t bytes) {
  std::size_t tenths = (bytes * 10 + (1u << 19)) >> 20;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

// Expressions deeper than kMaxExpressionDepth (long chains of and / or / + …, which ANTLR parses
// without recursing but which give a deep tree): ZR0003, and the statement is not built. The
// walk is iterative: this check must not itself overflow the stack.
void checkExpressionDepth(ParseContext& pc, zr_gen::ZrParser::FileContext* file) {
  struct Item {
    antlr4::tree::ParseTree* node;
    std::size_t depth;  // counted from the innermost condition or value root
  };
  std::vector<Item> stack;
  for (auto* child : file->children) stack.push_back({child, 0});
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    bool expression = dynamic_cast<zr_gen::ZrParser::CondContext*>(item.node) ||
                      dynamic_cast<zr_gen::ZrParser::ValueContext*>(item.node) ||
                      dynamic_cast<zr_gen::ZrParser::AtomContext*>(item.node);
    std::size_t depth = expression ? item.depth + 1 : 0;
    if (depth > kMaxExpressionDepth) {
      auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(item.node);
      antlr4::ParserRuleContext* stmt = statementOf(ctx);
      std::size_t key = stmt ? stmt->getStart()->getTokenIndex() : 0;
      if (pc.claim(key))
        pc.error("ZR0003", pc.span(stmt ? stmt->getStart() : ctx->getStart()),
                 "condition too long or too deeply nested (more than " +
                     std::to_string(kMaxExpressionDepth) + " levels)",
                 "split it: give parts of it a name with define, or use a set with in");
      continue;  // do not descend further into this statement
    }
    for (auto* child : item.node->children) {
      if (dynamic_cast<antlr4::ParserRuleContext*>(child)) stack.push_back({child, depth});
    }
  }
}

}  // namespace

std::optional<ast::File> parseFile(SourceManager& sources, std::uint32_t fileId,
                                   DiagnosticSink& sink) {
  const std::string& text = sources.text(fileId);
  ParseContext pc(fileId, sink);
  SourceSpan start{fileId, 1, 1, 1, 2};

  if (text.size() > kMaxFileBytes) {
    pc.error("ZR0002", start,
             "file is too large (" + mebibytes(text.size()) + "; the limit is 16 MiB)",
             "split the list into several files that repeat its header");
    return std::nullopt;
  }
  if (auto bad = findInvalidUtf8(text)) {
    static const char* digits = "0123456789ABCDEF";
    auto byte = static_cast<unsigned char>(text[bad->offset]);
    std::string hex = std::string("0x") + digits[byte >> 4] + digits[byte & 0xF];
    pc.error("ZR0001", SourceSpan{fileId, bad->line, bad->column, bad->line, bad->column + 1},
             "file is not valid UTF-8: byte " + hex + " at offset " +
                 std::to_string(bad->offset) + " does not start a valid character",
             "save the file as UTF-8 (GB 18030 / GBK files must be converted, e.g. iconv -f "
             "GB18030 -t UTF-8)");
    return std::nullopt;
  }

  antlr4::ANTLRInputStream input(text);
  zr_gen::ZrLexer lexer(&input);
  lexer.removeErrorListeners();  // the lexer has a catch-all rule; nothing is printed
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (!prescan(pc, tokens.getTokens())) return std::nullopt;

  zr_gen::ZrParser parser(&tokens);
  parser.removeErrorListeners();  // never ANTLR's own messages
  parser.setErrorHandler(std::make_shared<ErrorStrategy>(pc));
  zr_gen::ZrParser::FileContext* tree = parser.file();
  checkExpressionDepth(pc, tree);

  AstBuilder builder(pc);
  ast::File file = builder.build(tree);
  file.path = sources.path(fileId);
  if (pc.errorCount() != 0) return std::nullopt;
  return file;
}

std::optional<ast::File> parseText(SourceManager& sources, std::string path, std::string text,
                                   DiagnosticSink& sink) {
  std::uint32_t id = sources.add(std::move(path), std::move(text));
  return parseFile(sources, id, sink);
}

}  // namespace zr::syntax
