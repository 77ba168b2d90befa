#include <fmt/format.h>

#include <cstdio>

#include "cli/Commands.h"
#include "cli/Diagnostics.h"
#include "compiler/ast/AstPrinter.h"
#include "runtime/ir/BundleIO.h"
#include "runtime/ir/IrPrinter.h"

namespace zr::cli {

void registerCompile(CLI::App& app, CompileOptions& options) {
  auto* cmd = app.add_subcommand("compile", "Compile access-list sources into an IR bundle");
  cmd->add_option("files", options.files, "Source files (.zr); imports are followed")->required();
  cmd->add_option("-o,--output", options.output, "Write the bundle (.zrb) to this file");
  cmd->add_option("--emit", options.emit, "Print an intermediate form instead: ast or ir")
      ->check(CLI::IsMember({"ast", "ir"}));
  cmd->add_option("--format", options.format, "Diagnostics as text (stderr) or json (stdout)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Exit status: 0 compiled, 1 errors in the sources, 2 usage or I/O.\n"
      "Example: zr compile -o jiangxi.zrb examples/jiangxi/province/*.zr "
      "examples/jiangxi/shangrao/*.zr");
}

int runCompile(const CompileOptions& options, const CommonOptions& common) {
  if (options.output.empty() && options.emit.empty()) {
    fmt::print(stderr, "zr compile: give -o OUT.zrb or --emit ast|ir\n");
    return kExitUsage;
  }
  driver::Compilation compilation;
  auto bundle = driver::compile(options.files, {common.stdlibDir}, compilation);
  printDiagnostics(compilation, options.format);
  if (options.emit == "ast" && compilation.parsed) {
    // The files named on the command line, not the library modules they import.
    for (std::size_t i = 0; i < compilation.program.files.size(); ++i) {
      const auto& file = *compilation.program.files[i];
      if (file.path.starts_with("<std>/")) continue;
      std::string text = printAst(file, compilation.sources);
      std::fwrite(text.data(), 1, text.size(), stdout);
    }
  }
  if (!bundle) return exitStatus(compilation, false);
  if (options.emit == "ir") {
    std::string text = ir::printIr(*bundle);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  if (!options.output.empty()) {
    try {
      ir::writeBundleFile(options.output, *bundle);
    } catch (const std::exception& error) {
      fmt::print(stderr, "zr compile: {}\n", error.what());
      return kExitUsage;
    }
  }
  return kExitOk;
}

}  // namespace zr::cli
