// Numeric constraints of the decision procedure: closed intervals of doubles (open bounds are
// moved to the neighbouring double, as the evaluator compares doubles) with excluded points
// (from `!=`), and the choice of a natural value inside one.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "runtime/ir/Ir.h"

namespace zr::audit::detail {

// The values a numeric attribute can take in a descriptor: finite doubles, or whole days
// between 0000-01-01 and 9999-12-31 for dates.
struct NumericDomain {
  double lo = 0, hi = 0;
  bool integral = false;
  double origin = 0;  // the value preferred when nothing else decides (0; a reference date)

  static NumericDomain of(ir::AttrType type);
};

// The closed interval of `domain` values v with `v <cmp> c`, for every cmp but Ne.
struct Range {
  double lo = 0, hi = 0;
  bool empty() const { return !(lo <= hi); }
};
Range rangeOf(ir::Cmp cmp, double c, const NumericDomain& domain);

// The most natural value in [lo, hi] (a sub-interval of the domain) that is none of
// `excluded`: the fewest decimals first, then the closest to the preferred origin (the
// domain's, or the bound of a half-bounded date range), values above it first. std::nullopt
// when every candidate value is excluded or the range is empty — an exact answer.
std::optional<double> pickNumber(Range range, std::span<const double> excluded,
                                 const NumericDomain& domain);

}  // namespace zr::audit::detail
