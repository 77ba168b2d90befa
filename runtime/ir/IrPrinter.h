// A readable, deterministic text dump of a bundle (`zr compile --emit ir`, golden tests).
// Predicates print as indented s-expressions, e.g.
//   (and (cmp vocs > 0 t/a) (enum-in change {new expansion}))
// The bundle must be valid (compiler output, or read and checked by readBundle).
#pragma once

#include <string>

#include "runtime/ir/Ir.h"

namespace zr::ir {

std::string printIr(const Bundle& bundle);
// One predicate on a single line (also used by explanations and tests).
std::string printPredicate(const Bundle& bundle, std::uint32_t node);

}  // namespace zr::ir
