#include "compiler/driver/Compiler.h"

#include "compiler/lower/Lower.h"
#include "compiler/sema/Sema.h"

namespace zr::driver {

bool check(const std::vector<std::string>& paths, const LoadOptions& options,
           Compilation& compilation) {
  compilation.parsed = loadSources(paths, options, compilation.sources, compilation.diagnostics,
                                   compilation.program);
  if (compilation.parsed)
    compilation.checked = sema::analyze(compilation.program, compilation.diagnostics);
  compilation.diagnostics.sortByLocation();
  return compilation.checked;
}

std::optional<ir::Bundle> compile(const std::vector<std::string>& paths, const LoadOptions& options,
                                  Compilation& compilation) {
  if (!check(paths, options, compilation)) return std::nullopt;
  return lower::lower(compilation.program, compilation.sources);
}

}  // namespace zr::driver
