// Loads source files and, transitively, every module they import (std.* from the standard
// library directory, other names relative to the importing file). Detects import cycles.
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/Diagnostic.h"
#include "compiler/diag/SourceManager.h"
#include "compiler/sema/Program.h"

namespace zr::driver {

struct LoadOptions {
  std::string stdlibDir;  // where std.* modules live
};

// The standard library directory: $ZR_STDLIB, else the one the build was configured with.
std::string defaultStdlibDir();

// Parses `paths` and their imports into program.files. Returns false when any file failed to
// load or parse (diagnostics explain why).
bool loadSources(const std::vector<std::string>& paths, const LoadOptions& options,
                 SourceManager& sources, DiagnosticSink& sink, sema::Program& program);

}  // namespace zr::driver
