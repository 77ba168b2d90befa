// The evaluator's execution form of a bundle, built once per Evaluator.
//
// Each predicate tree is laid out in pre-order (an And/Or op, then its operands' subtrees, each
// op knowing the size of its subtree) as a run of compact ops: evaluation walks memory forwards,
// needs no child indirection and still short-circuits (a False operand of an `and` skips the
// rest). On the way the tree is normalised, which Kleene logic allows without changing any
// result (nor which results are errors): negations are pushed down to the leaves (De Morgan;
// `not (x < c)` becomes `x >= c`, `not in` flips the membership), nested `and`s (`or`s) are
// flattened into one, and the operands are ordered cheapest first. Every reference is checked once here — a subtree that cannot
// be evaluated (an index out of range, a cycle, a tree too deep) becomes an Invalid op, which
// evaluates to an error — so execution needs no bounds checks. Comparison kind and polarity are
// folded into the op kind (one dispatch per op). Industry sets become short prefix lists matched
// against the precomputed ancestors of the project's codes (long sets keep a bitmap). Each
// rule is one 128-byte record; a unit lists its rules in rule order, each with a gate.
//
// The gate of a (unit, rule) pair is a copy of the rule's first condition literal (the most
// selective one), stored next to the unit's rule list: screening tests all the gates of a unit
// first — a few bytes each, contiguous, without branches — and reads the rule records only of
// the rules whose gate passes. A rule whose gate fails has a False condition (the gate is
// one operand of its top-level conjunction), so it can never produce a finding: skipping it
// changes no result. A condition whose conjunction holds a positive test of a short industry
// set gets a test of that too (industryBit). A `require K` whose K is one literal has a test,
// that literal's negation: it is False exactly when K is True, which satisfies the rule
// whatever its condition. Most rules stop at their gate. A gate only filters (the rule's whole
// condition is evaluated afterwards), so it may let through more than its literal: it holds
// interval bounds as floats rounded outwards (inwards for a negated interval). Rules of a unit
// often share a test (the shared rules' `category in {…}`): the tests of a chunk of gates are
// kept once and evaluated once per project, against a small table of the project's facts
// built first (GateFact), and a gate is two indices into them.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "runtime/ir/Ir.h"

namespace zr::eval::detail {

enum class OpKind : std::uint8_t {
  // Composite: `b` operands follow; `a` is the size of the subtree in ops, itself included.
  And,
  Or,
  // Leaves (size 1).
  True,
  False,
  Invalid,  // cannot be evaluated: an error
  CmpExpr,  // Bundle::values a <cmp> b
  Bool,     // the fact of `attr` …
  BoolNot,
  CmpEq,
  CmpNe,
  CmpLt,
  CmpLe,
  CmpGt,
  CmpGe,
  EnumAny,       // bits & value != 0
  EnumNone,      // bits & value == 0
  IndustryList,  // a code lies under one of prefixes[a .. a+b)                (negated: none)
  IndustryBits,  // a code has its bit set in bits[a .. a + bitWords)         (negated: none)
  OpenSetIn,     // bits & (openSets[a] base | the unit's extra) != 0          (negated: == 0)
  StringIn,      // the string equals one of Bundle::strings[a .. a+b)          (negated: none)
};

struct Op {
  OpKind kind = OpKind::True;
  ir::Cmp cmp = ir::Cmp::Eq;  // CmpExpr
  bool negated = false;       // IndustryList, IndustryBits, OpenSetIn, StringIn
  std::uint32_t attr = 0;
  std::uint32_t a = 0, b = 0;
  std::uint64_t value = 0;  // EnumAny/EnumNone: the mask; Cmp*: the constant's bits (constant())
  double constant() const;
};

// A laid-out tree: Program::code[first, first + count), the root first.
struct Code {
  std::uint32_t first = 0, count = 0;
};

// A test of one fact that evaluates without any branch on the kind of test: a mask test
// (enum, enum set, and bool as bit 0) or an interval test (every comparison: `x < c` is
// `x ∈ [-inf, prev(c)]`, `x != c` the negation of `x ∈ [c, c]`).
struct Literal {
  enum Kind : std::uint8_t { Mask, BoolMask, Interval };
  std::uint32_t attr = 0;
  Kind kind = Mask;
  bool negated = false;
  std::uint64_t mask = 0;  // Mask, BoolMask; Interval: the low bound's bits (24 bytes in all)
  double high = 0;         // Interval
  double low() const { return std::bit_cast<double>(mask); }
  void setInterval(double lowBound, double highBound) {
    kind = Interval;
    mask = std::bit_cast<std::uint64_t>(lowBound);
    high = highBound;
  }
};
static_assert(sizeof(Literal) == 24);

// A rule's condition or requirement for screening: the top-level conjunction split into its
// plain literals (evaluated first: the most selective one alone, then the others without
// branches; at most 255) and the rest (laid-out ops,
// an `and` of the remaining operands; count 0 when there are none).
struct RuleTree {
  std::uint32_t literals = 0, literalCount = 0;  // Program::literals range
  Code rest;
};

// One rule in execution form, two cache lines (checked below): what screening reads, its
// literals inline when they fit (most rules test two or three facts).
struct alignas(64) RuleCode {
  static constexpr std::size_t kInline = 3;
  std::uint32_t rule = 0;
  std::int32_t from = INT32_MIN, until = INT32_MAX;
  ir::Effect effect = ir::Effect::Forbid;
  std::uint8_t conditionLiterals = 0, requirementLiterals = 0;
  std::uint32_t spilled = ir::kNone;  // Program::literals offset of all literals when not inline
  Code conditionRest, requirementRest;  // requirement: require rules only
  Literal inlined[kInline];
};
static_assert(sizeof(RuleCode) == 128);

// One test of a gate (above), on an entry of the project's gate fact table (GateFact): a mask
// test or a float interval test that passes unless the literal it stands for is surely False —
// whenever the fact is not known, or is a non-finite number. The default test, a negated mask
// 0, always passes.
struct GateTest {
  enum Kind : std::uint8_t { Mask, Interval };
  using Bounds = std::array<float, 2>;  // low, high
  std::uint16_t fact = 0;  // Program::gateFacts index
  Kind kind = Mask;
  std::uint8_t negated = 1;
  std::uint32_t pad = 0;
  std::uint64_t operand = 0;  // Mask: the mask; Interval: Bounds as bits
  bool operator==(const GateTest&) const = default;
};
static_assert(sizeof(GateTest) == 16);

// Where an entry of the gate fact table comes from: a fact's bits (and number), its boolean
// (0 or 1), or the industryBit()s of the codes of an industry fact and all their ancestors.
struct GateFactSource {
  enum Kind : std::uint8_t { Bits, Bool, Industry };
  std::uint32_t attr = ir::kNone;  // kNone: never known (entry 0, read by the default test)
  Kind kind = Bits;
  bool operator==(const GateFactSource&) const = default;
};

// An entry of the gate fact table, filled once per project before the gates run, so that a
// gate test is a load and two comparisons: an unknown (or invalid) fact has all bits for
// positive mask tests, none for negated ones, and NaN for interval tests (where it passes both
// ways, as a known non-finite number does).
// No initialisers: a table is filled entry by entry (Evaluator::gateFacts), never cleared.
// The number is held as the nearest float: rounding is monotonic, so a number within a
// positive test's bounds (floats, rounded outwards) stays within them, and a number outside a
// negated test's bounds (rounded inwards, then one float further) stays outside.
struct GateFact {
  std::uint64_t bits;   // known: the fact's; otherwise all ones
  std::uint64_t nbits;  // known: the fact's; otherwise none
  float x;              // known and finite: the number; otherwise NaN
};

// The bit that stands for an industry node in an industry test: a project's industries set the
// bits of all their ancestors, a set's test the bits of its prefixes; a shared bit only lets
// through a rule that then fails on its own.
constexpr std::uint64_t industryBit(std::uint32_t node) { return std::uint64_t{1} << (node % 64); }

// A gate: two tests, both of which must pass (for a `require K`, the requirement's test if
// any, and the industry test or else the first literal of the condition; for a `forbid`, these
// two). A unit's gates come in chunks of at most 64; the distinct tests of a chunk (at most
// 128) are evaluated once each, and a gate names its two by their index in the chunk's list.
struct Gate {
  std::uint32_t rule = 0;  // the rule it guards (Program::rules)
  std::uint8_t test[2] = {0, 0};
  std::uint16_t pad = 0;
};
static_assert(sizeof(Gate) == 8);

class Program {
 public:
  // Trees deeper than this are Invalid (validated bundles are far below:
  // ir::kMaxPredicateDepth); evaluation recurses once per level.
  static constexpr std::uint32_t kMaxDepth = 512;
  // A tree expanding to more ops than this (nodes shared many times over) is Invalid.
  static constexpr std::size_t kMaxTreeOps = std::size_t{1} << 16;
  // Industry sets with at most this many prefixes are checked against lineages.
  static constexpr std::size_t kMaxListPrefixes = 8;
  // Lineage length kept per industry code (GB/T 4754 has four levels). A taxonomy deeper than
  // this makes every industry set a bitmap.
  static constexpr std::size_t kLineage = 6;

  explicit Program(const ir::Bundle& bundle);

  // Appends the laid-out tree of `node` to `out` (used for rules, and for any node by
  // Evaluator::evaluate).
  Code linearise(std::uint32_t node, std::vector<Op>& out) const;

  std::vector<Op> code;
  std::vector<Literal> literals;
  // A prefix of a listed industry set: industry c lies under it iff lineage(c)[depth] == index.
  struct Prefix {
    std::uint32_t index, depth;
  };
  std::vector<Prefix> prefixes;
  std::vector<std::uint64_t> bits;
  std::uint32_t bitWords = 0;  // words per industry bitmap
  // lineage[i * kLineage + d]: the ancestor of industry i at depth d (0 = its section; i itself
  // at its own depth), kNone below i.
  std::vector<std::uint32_t> lineage;
  std::uint32_t industryCount = 0;
  // Entries of the gate fact table (at most kMaxGateFacts; entry 0 is never known).
  static constexpr std::size_t kMaxGateFacts = 256;
  std::vector<GateFactSource> gateFacts;
  std::vector<std::uint32_t> industryFacts;  // the gateFacts entries of kind Industry
  std::vector<RuleCode> rules;           // Bundle::rules, same indices
  std::vector<std::uint32_t> unitStart;  // units + 1 entries: CSR over gates
  // CSR over unitStart: the gate (above) of each of a unit's rules, in rule order; one that
  // always passes when the rule's condition has no literal.
  std::vector<Gate> gates;
  // Chunk c of unit u (unitChunk[u] <= c < unitChunk[u + 1]) holds its gates from
  // unitStart[u] + 64 * (c - unitChunk[u]); its distinct tests are tests[chunkTests[c] ..
  // chunkTests[c + 1]), the mask tests first, then from chunkIntervals[c] the interval tests
  // (one loop each, without a branch on the kind).
  std::vector<std::uint32_t> unitChunk;       // units + 1 entries
  std::vector<std::uint32_t> chunkTests;      // chunks + 1 entries
  std::vector<std::uint32_t> chunkIntervals;  // chunks entries
  std::vector<GateTest> tests;

 private:
  struct SetCode {
    OpKind kind;
    std::uint32_t a, b;
  };
  struct Operand {
    std::uint32_t node;
    bool negate;
  };
  // The two tests of the gate of a rule.
  std::array<GateTest, 2> gate(std::uint32_t rule);
  GateTest test(const Literal& literal);
  bool industryTest(const RuleCode& rule, GateTest& test);
  std::uint16_t gateFact(GateFactSource source);  // 0 (never known) when the table is full
  RuleTree compile(std::uint32_t node);
  static bool literal(const Op& op, Literal& out);
  Op leaf(std::uint32_t node) const;
  static Op negated(Op op);
  bool composite(std::uint32_t node) const;  // a valid And/Or/Not node
  int cost(Operand operand) const;
  bool gather(std::uint32_t node, bool negate, bool conjunction, std::uint32_t depth,
              std::vector<Operand>& operands) const;
  bool emit(std::uint32_t node, bool negate, std::uint32_t depth, std::size_t limit, std::vector<Op>& out) const;

  const ir::Bundle& bundle_;
  std::vector<SetCode> sets_;
};

}  // namespace zr::eval::detail
