#include "compiler/audit/GraphInput.h"

#include <algorithm>

#include "compiler/sema/Sema.h"

namespace zr::audit {

bool loadForGraph(const std::vector<std::string>& paths, const driver::LoadOptions& options,
                  driver::Compilation& compilation) {
  compilation.parsed = driver::loadSources(paths, options, compilation.sources,
                                           compilation.diagnostics, compilation.program);
  // An import cycle or an unknown module leaves every loaded file parsed; anything else (an
  // unreadable file, a syntax error) leaves a file out.
  const auto& all = compilation.diagnostics.all();
  bool complete = std::all_of(all.begin(), all.end(), [](const Diagnostic& d) {
    return d.severity != Severity::Error || d.code == "ZR0209" || d.code == "ZR0208";
  });
  if (complete) {
    sema::bindLists(compilation.program, compilation.diagnostics);
    sema::collectSymbols(compilation.program, compilation.diagnostics);
    sema::resolvePlaces(compilation.program, compilation.diagnostics);
    sema::checkConditions(compilation.program, compilation.diagnostics);
  }
  compilation.checked = complete && !compilation.diagnostics.hasErrors();
  compilation.diagnostics.sortByLocation();
  return complete;
}

}  // namespace zr::audit
