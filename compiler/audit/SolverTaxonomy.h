// The GB/T 4754 hierarchy as the decision procedure sees it: every entry is a possible value,
// a prefix set is a union of subtrees, and two subtrees meet only when one contains the other.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "compiler/sema/Program.h"

namespace zr::audit::detail {

class Taxonomy {
 public:
  explicit Taxonomy(const std::vector<sema::IndustryInfo>& industries);

  std::uint32_t size() const { return static_cast<std::uint32_t>(parent_.size()); }
  // Is `code` `prefix` or below it (what the evaluator's prefix match tests)?
  bool under(std::uint32_t code, std::uint32_t prefix) const;
  bool underAny(std::uint32_t code, std::span<const std::uint32_t> prefixes) const;

  // The subtrees common to `region` and `prefixes`, as roots (sorted, no duplicates).
  void intersect(std::vector<std::uint32_t>& region, std::span<const std::uint32_t> prefixes) const;
  std::span<const std::uint32_t> roots() const { return roots_; }

  // A value under one of `region`'s roots and under none of `excluded`, preferring a leaf
  // (a 4-digit 小类) in taxonomy order; kNone when there is none — an exact answer.
  std::uint32_t pick(std::span<const std::uint32_t> region,
                     std::span<const std::uint32_t> excluded) const;

 private:
  std::uint32_t leafBelow(std::uint32_t node, std::span<const std::uint32_t> excluded) const;

  std::vector<std::uint32_t> parent_, depth_;
  std::vector<std::uint32_t> childStart_, children_;  // CSR, children in index order
  std::vector<std::uint32_t> roots_;
};

}  // namespace zr::audit::detail
