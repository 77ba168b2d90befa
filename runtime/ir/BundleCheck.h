// Structural validation of a Bundle: every index in range, every predicate well-typed and
// acyclic, the unit index consistent. A bundle that passes can be evaluated, printed and
// written without any out-of-range access or unbounded recursion, whatever its origin (the
// reader runs this on every bundle, so a hand-edited file can never crash the evaluator).
#pragma once

#include "runtime/ir/Ir.h"

namespace zr::ir {

// Predicate trees deeper than this are refused (the evaluator recurses over them).
inline constexpr std::uint32_t kMaxPredicateDepth = 256;

// Throws BundleError "ZR0905" naming the first inconsistency found.
void checkBundle(const Bundle& bundle);

}  // namespace zr::ir
