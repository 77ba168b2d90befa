// Loading sources for the dependency graph (`zr graph`, `zr impact`, the audit). Like
// driver::check, but a program with semantic errors is still analysed as far as it goes: every
// sema pass runs even after an earlier one reported errors, and an import cycle or an unknown
// module does not stop the analysis, so the graph can show the cycle with all its members.
#pragma once

#include <string>
#include <vector>

#include "compiler/driver/Compiler.h"

namespace zr::audit {

// Returns true when the program is complete enough for a graph: every file named or imported
// was read and parsed (import cycles and unknown modules allowed). compilation.checked tells
// whether there were no errors at all. Diagnostics are sorted by location.
bool loadForGraph(const std::vector<std::string>& paths, const driver::LoadOptions& options,
                  driver::Compilation& compilation);

}  // namespace zr::audit
