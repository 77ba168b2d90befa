#include "cli/Commands.h"
#include "cli/Diagnostics.h"

namespace zr::cli {

void registerCheck(CLI::App& app, CheckOptions& options) {
  auto* cmd = app.add_subcommand("check", "Check access-list sources and report diagnostics");
  cmd->add_option("files", options.files, "Source files (.zr); imports are followed")->required();
  cmd->add_option("--format", options.format, "Diagnostics as text (stderr) or json (stdout)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Exit status: 0 no errors (warnings allowed), 1 errors in the sources, 2 usage or I/O.\n"
      "Example: zr check examples/jiangxi/province/*.zr");
}

int runCheck(const CheckOptions& options, const CommonOptions& common) {
  driver::Compilation compilation;
  bool ok = driver::check(options.files, {common.stdlibDir}, compilation);
  printDiagnostics(compilation, options.format);
  return exitStatus(compilation, ok);
}

}  // namespace zr::cli
