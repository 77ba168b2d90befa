// One case of a query in disjunctive normal form: a conjunction of leaves, kept per slot as a
// summary (bool / enum mask, numeric bounds, forbidden set elements) plus the leaves applied,
// so that a case is abandoned as soon as it is empty and a natural witness is read off it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compiler/audit/Solver.h"
#include "compiler/audit/SolverQuery.h"
#include "compiler/audit/SolverTaxonomy.h"

namespace zr::audit::detail {

class Box {
 public:
  // Starts over on `query` (both must outlive the use), keeping the buffers.
  void reset(const Query& query, const Taxonomy& taxonomy);

  // Adds a leaf. false when the box has become empty; undo() it in either case.
  bool apply(std::uint32_t leaf);
  void undo();
  // Does the box already imply the leaf (so a disjunction holding it needs no case split)?
  bool entails(const Leaf& leaf) const;

  std::span<const std::uint32_t> applied() const { return applied_; }

  // A value for every attribute slot, the most natural the box allows; false when a slot has
  // none (the box is empty after all: a few exclusions can fill a sliver between doubles).
  // Expression slots are checked too, but their values are for the caller to realise.
  bool choose(Assignment& out) const;
  // The natural value of a numeric slot (an expression slot's target), if any.
  std::optional<double> number(std::uint32_t slot) const;
  // Does a numeric slot allow `value`?
  bool allows(std::uint32_t slot, double value) const;
  // Values worth trying for a numeric slot when arithmetic must be satisfied too.
  std::vector<double> candidates(std::uint32_t slot) const;

 private:
  struct State {
    std::uint64_t mask =
        0;  // Bool: allowed values (bit 0 false, bit 1 true); Enum: allowed; EnumSet: forbidden
    double lo = 0, hi = 0;  // numeric bounds (closed)
  };
  struct Undo {
    std::uint32_t slot;  // kNone: nothing to restore (an atom)
    State state;
  };

  bool industryFeasible(std::uint32_t slot) const;
  bool stringFeasible(std::uint32_t slot) const;
  bool excluded(std::uint32_t slot, double value) const;
  void gather(std::uint32_t slot, LeafKind kind, std::vector<const Leaf*>& out) const;
  void negatives(std::uint32_t slot, std::vector<std::uint32_t>& out) const;

  bool chooseSlot(std::uint32_t slot, WitnessValue& out) const;
  bool chooseIndustry(std::uint32_t slot, WitnessValue& out) const;
  bool chooseString(std::uint32_t slot, WitnessValue& out) const;

  const Query* q_ = nullptr;
  const Taxonomy* taxonomy_ = nullptr;
  std::vector<State> state_;
  std::vector<std::uint32_t> applied_;
  std::vector<Undo> trail_;
  mutable std::vector<const Leaf*> scratchLeaves_;
  mutable std::vector<std::uint32_t> scratchCodes_, scratchRegion_;
};

// The value a witness gives an attribute no leaf constrains (it is read but does not matter).
WitnessValue freeValue(const sema::Program& program, const Taxonomy& taxonomy, std::uint32_t attr);

}  // namespace zr::audit::detail
