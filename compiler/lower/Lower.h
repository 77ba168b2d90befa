// Lowering: the checked Program becomes an IR bundle (compact predicates, per-unit rule index).
#pragma once

#include "compiler/diag/SourceManager.h"
#include "compiler/sema/Program.h"
#include "runtime/ir/Ir.h"

namespace zr::lower {

ir::Bundle lower(const sema::Program& program, const SourceManager& sources);

}  // namespace zr::lower
