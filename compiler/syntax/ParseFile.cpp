#include "compiler/syntax/ParseFile.h"

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
#include "compiler/syntax/TokenFactory.h"

namespace zr::syntax {
namespace {

std::string mebibytes(std::size_t bytes) {
  std::size_t tenths = (bytes * 10 + (1u << 19)) >> 20;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MiB";
}

}  // namespace

namespace {

std::optional<ast::File> parse(ParseContext& pc, const std::string& path, const std::string& text) {
  std::uint32_t fileId = pc.file();
  SourceSpan start{fileId, 1, 1, 1, 2};

  if (text.size() > kMaxFileBytes) {
    pc.error("ZR0002", start,
             "file is too large (" + mebibytes(text.size()) + "; the limit is 16 MiB)",
             "split the list into several files that repeat its header");
    return std::nullopt;
  }
  std::size_t bom = std::string_view(text).substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  if (auto bad = findInvalidUtf8(std::string_view(text).substr(bom))) {
    bad->offset += bom;
    static const char* digits = "0123456789ABCDEF";
    auto byte = static_cast<unsigned char>(text[bad->offset]);
    std::string hex = std::string("0x") + digits[byte >> 4] + digits[byte & 0xF];
    pc.error("ZR0001", SourceSpan{fileId, bad->line, bad->column, bad->line, bad->column + 1},
             "file is not valid UTF-8: byte " + hex + " at offset " + std::to_string(bad->offset) +
                 " does not start a valid character",
             "save the file as UTF-8 (GB 18030 / GBK files must be converted, e.g. iconv -f "
             "GB18030 -t UTF-8)");
    return std::nullopt;
  }

  // A byte-order mark is skipped: columns count from the first character after it.
  std::string_view body(text);
  if (body.substr(0, 3) == "\xEF\xBB\xBF") body.remove_prefix(3);
  CodePointStream input(lexerInput(body));
  Utf8TokenFactory factory(body);
  pc.setTokenFactory(&factory);
  zr_gen::ZrLexer lexer(&input);
  lexer.setTokenFactory(&factory);
  lexer.removeErrorListeners();  // the lexer has a catch-all rule; nothing is printed
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (!prescan(pc, tokens.getTokens())) return std::nullopt;

  // Two stages, as ANTLR recommends: the fast SLL prediction mode, which bails out at the first
  // syntax error; only then parse again with full LL and the project's error strategy, which
  // reports the errors. (SLL matters: `0 t/a` is ambiguous between a unit and a division and
  // would make every quantity fall back to full-context prediction.)
  zr_gen::ZrParser parser(&tokens);
  parser.removeErrorListeners();  // never ANTLR's own messages
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  zr_gen::ZrParser::FileContext* tree = nullptr;
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    parser.setErrorHandler(std::make_shared<ErrorStrategy>(pc));
    tree = parser.file();
  }

  AstBuilder builder(pc);
  ast::File file = builder.build(tree);
  file.path = path;
  if (pc.errorCount() != 0) return std::nullopt;
  return file;
}

}  // namespace

std::optional<ast::File> parseFile(SourceManager& sources, std::uint32_t fileId,
                                   DiagnosticSink& sink) {
  return parseSource(fileId, sources.path(fileId), sources.text(fileId), sink);
}

std::optional<ast::File> parseSource(std::uint32_t fileId, const std::string& path,
                                     const std::string& text, DiagnosticSink& sink) {
  ParseContext pc(fileId, sink);
  std::optional<ast::File> file = parse(pc, path, text);
  pc.flush();
  return file;
}

std::optional<ast::File> parseText(SourceManager& sources, std::string path, std::string text,
                                   DiagnosticSink& sink) {
  std::uint32_t id = sources.add(std::move(path), std::move(text));
  return parseFile(sources, id, sink);
}

}  // namespace zr::syntax
