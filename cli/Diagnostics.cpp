#include "cli/Diagnostics.h"

#include <fmt/format.h>

#include <cstdio>

#include "compiler/diag/Render.h"

namespace zr::cli {

int exitStatus(const driver::Compilation& compilation, bool ok) {
  for (const auto& d : compilation.diagnostics.all())
    if (d.code == "ZR0004" && !d.span.valid()) return 2;
  return ok ? 0 : 1;
}

void printDiagnostics(const driver::Compilation& compilation, const std::string& format) {
  const auto& all = compilation.diagnostics.all();
  if (format == "json") {
    std::string json = renderJson(all, compilation.sources);
    std::fwrite(json.data(), 1, json.size(), stdout);
    std::fputc('\n', stdout);
    return;
  }
  std::string text = renderText(all, compilation.sources);
  std::fwrite(text.data(), 1, text.size(), stderr);
  std::size_t errors = compilation.diagnostics.errorCount();
  std::size_t warnings = all.size() - errors;
  for (const auto& d : all)
    if (d.severity == Severity::Note) --warnings;
  if (errors || warnings)
    fmt::print(stderr, "{} error{}, {} warning{}\n", errors, errors == 1 ? "" : "s", warnings,
               warnings == 1 ? "" : "s");
}

}  // namespace zr::cli
