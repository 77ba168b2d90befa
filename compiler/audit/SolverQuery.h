// A query of the decision procedure in negation normal form: and/or nodes over leaves that each
// constrain one slot — an attribute, or the value of an arithmetic expression over attributes
// (`cod + nh3n` in `cod + nh3n <= 50 t/a`; `a - b` for `a > b`), which is reasoned about like a
// number and realised by a witness afterwards — or an atom the procedure does not interpret.
// Negations are pushed into the leaves, and leaves of one slot under the same and/or are merged
// (`a in {x} or a in {y}` is one leaf), so that fewer cases are expanded.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compiler/audit/Interval.h"
#include "compiler/audit/Solver.h"

namespace zr::audit::detail {

enum class LeafKind : std::uint8_t {
  Bool,       // slot == flag
  Range,      // number in [lo, hi]
  NotPoint,   // number != lo
  EnumAllow,  // Enum: the value is in mask
  SetHas,     // EnumSet: some element in mask
  SetNone,    // EnumSet: no element in mask
  IndHas,     // Industry / IndustrySet: some code under one of the prefixes [first, first+count)
  IndNone,    // no code under any of the prefixes
  StrIn,      // String: one of strings [first, first+count)
  StrNone,    // none of them
  Atom,       // an uninterpreted condition (expr, with polarity `flag`)
};

struct Leaf {
  LeafKind kind = LeafKind::Bool;
  bool flag = true;
  std::uint32_t slot = 0;
  std::uint64_t mask = 0;
  double lo = 0, hi = 0;
  std::uint32_t first = 0, count = 0;
  const sema::TExpr* expr = nullptr;  // Atom, or a leaf on an expression slot: the condition
};

struct Node {
  enum class Op : std::uint8_t { True, False, Leaf, And, Or } op = Op::True;
  std::uint32_t first = 0, count = 0;  // And / Or: Query::children range; Leaf: leaf index
};

struct Slot {
  std::uint32_t attr = 0;  // kNone for an expression slot
  ir::AttrType type = ir::AttrType::Bool;
  std::uint64_t valid = 0;  // Enum / EnumSet: the bits that name a value
  NumericDomain domain;     // Number / Quantity / Date
  // An expression slot stands for Σ k·attribute over `terms` when the comparison is linear
  // (constants moved to the other side, so `a > b + 1` and `a <= b` meet as intervals on a - b),
  // else for the value of lhs (rhs null) or of lhs - rhs, whose sign is the comparison's.
  const sema::TValue* lhs = nullptr;
  const sema::TValue* rhs = nullptr;
  std::vector<std::pair<std::uint32_t, double>> terms;

  bool expression() const { return lhs != nullptr; }
  bool linearForm() const { return !terms.empty(); }
};

struct Query {
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;
  std::vector<Leaf> leaves;
  std::vector<Slot> slots;
  std::vector<std::uint32_t> prefixes;
  std::vector<const std::string*> strings;
  std::vector<std::uint32_t> readAttrs;  // every attribute the literals read, sorted
  std::uint32_t root = 0;
  std::vector<std::uint32_t> scratch,
      scratchFlat;  // the builder's stacks (kept for their capacity)

  void clear();  // keeps the capacity: one query after another allocates nothing
};

// Builds the conjunction of `literals` into `out`. `openSets` resolves open-set members.
void buildQuery(const sema::Program& program, std::span<const Literal> literals,
                const OpenSetMembers& openSets, Query& out);

// The slot of `attr`, or kNone.
std::uint32_t slotOf(const Query& query, std::uint32_t attr);

// A value as c + Σ k·attribute, when it is linear (std::nullopt otherwise).
struct Linear {
  double constant = 0;
  std::vector<std::pair<std::uint32_t, double>> terms;  // attribute, coefficient
};
std::optional<Linear> linear(const sema::TValue& value, const sema::TValue* minus);

}  // namespace zr::audit::detail
