// A query of the decision procedure in negation normal form: and/or nodes over leaves that each
// constrain one attribute (its "slot"), or an uninterpreted comparison between attributes.
// Negations are pushed into the leaves, and leaves of one slot under the same and/or are merged
// (`a in {x} or a in {y}` is one leaf), so that fewer cases are expanded.
#pragma once

#include <cstdint>
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
  Atom,       // an uninterpreted comparison (expr, with polarity `flag`)
};

struct Leaf {
  LeafKind kind = LeafKind::Bool;
  bool flag = true;
  std::uint32_t slot = 0;
  std::uint64_t mask = 0;
  double lo = 0, hi = 0;
  std::uint32_t first = 0, count = 0;
  const sema::TExpr* expr = nullptr;  // Atom: the condition it stands for
  std::uint32_t pair = kNoPair;       // Atom: the (lhs, rhs) operands it compares (Query::pairs)
  std::uint8_t relations = 0;         // Atom: the signs of lhs - rhs it allows (bits <, =, >)

  static constexpr std::uint32_t kNoPair = 0xFFFFFFFFu;  // an atom that is not a comparison
};

struct Node {
  enum class Op : std::uint8_t { True, False, Leaf, And, Or } op = Op::True;
  std::uint32_t first = 0, count = 0;  // And / Or: Query::children range; Leaf: leaf index
};

struct Slot {
  std::uint32_t attr = 0;
  ir::AttrType type = ir::AttrType::Bool;
  std::uint64_t valid = 0;  // Enum / EnumSet: the bits that name a value
  NumericDomain domain;     // Number / Quantity / Date
};

struct Query {
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;
  std::vector<Leaf> leaves;
  std::vector<Slot> slots;
  std::vector<std::uint32_t> prefixes;
  std::vector<const std::string*> strings;
  std::vector<std::pair<const sema::TValue*, const sema::TValue*>> pairs;  // atoms' operands
  std::vector<std::uint32_t> readAttrs;  // every attribute the literals read, sorted
  std::uint32_t root = 0;
  std::vector<std::uint32_t> scratch, scratchFlat;  // the builder's stacks (kept for their capacity)

  void clear();  // keeps the capacity: one query after another allocates nothing
};

// Builds the conjunction of `literals` into `out`. `openSets` resolves open-set members.
void buildQuery(const sema::Program& program, std::span<const Literal> literals, const OpenSetMembers& openSets,
                Query& out);

// The slot of `attr`, or kNone.
std::uint32_t slotOf(const Query& query, std::uint32_t attr);

// Allowed signs of lhs - rhs for each comparison: bit 0 "<", bit 1 "=", bit 2 ">".
std::uint8_t relationsOf(ir::Cmp cmp);

}  // namespace zr::audit::detail
