// The compiler pipeline in one place: load (parse + imports) → sema passes → lowering.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/Diagnostic.h"
#include "compiler/diag/SourceManager.h"
#include "compiler/driver/Loader.h"
#include "compiler/sema/Program.h"
#include "runtime/ir/Ir.h"

namespace zr::driver {

// Everything one compiler run holds; outlives the diagnostics that point into it.
struct Compilation {
  SourceManager sources;
  DiagnosticSink diagnostics;
  sema::Program program;
  bool parsed = false;   // every file loaded and parsed
  bool checked = false;  // sema found no errors
};

// Loads and checks `paths`. Diagnostics are sorted by location. Returns compilation.checked.
bool check(const std::vector<std::string>& paths, const LoadOptions& options,
           Compilation& compilation);

// check() then lowering; std::nullopt when there are errors.
std::optional<ir::Bundle> compile(const std::vector<std::string>& paths, const LoadOptions& options,
                                  Compilation& compilation);

}  // namespace zr::driver
