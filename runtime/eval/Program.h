// The evaluator's execution form of a bundle, built once per Evaluator.
//
// Each predicate tree is laid out in pre-order (an And/Or op, then its operands' subtrees, each
// op knowing the size of its subtree) as a run of compact ops: evaluation walks memory forwards,
// needs no child indirection and still short-circuits (a False operand of an `and` skips the
// rest). On the way the tree is normalised, which Kleene logic allows without changing any
// result (nor which results are errors): negations are pushed down to the leaves (De Morgan;
// `not (x < c)` becomes `x >= c`, `not in` flips the membership), nested `and`s (`or`s) are
// flattened into one, and the operands are ordered cheapest first. Every reference is checked
// once here — a subtree that cannot be evaluated (an index out of range, a cycle, a tree too deep)
// becomes an Invalid op, which evaluates to an error — so execution needs no bounds checks.
// Comparison kind and polarity are folded into the op kind (one dispatch per op). Industry sets
// become short prefix lists matched against the precomputed ancestors of the project's codes (long
// sets keep a bitmap). Each rule is one 128-byte record; a unit lists its rules in rule order, each
// with a gate.
//
// The gate of a (unit, rule) pair is a few tests, each standing for an operand of the rule's
// condition that must not be False for a finding: its plain literals (the most selective
// first), a positive test of a short industry set (industryBit), and for a `require K` whose K
// is one literal, that literal's negation (False exactly when K is True, which satisfies the
// rule whatever its condition). Screening tests all the gates of a unit first — a few bytes
// each, contiguous, without branches — and reads the rule records only of the rules whose gate
// passes: a rule whose gate fails cannot produce a finding, so skipping it changes no result.
// Most rules stop at their gate. A gate only filters (the rule's whole condition is evaluated
// afterwards), so it may let through more than its literals: it holds interval bounds as floats
// rounded outwards (inwards for a negated interval). Rules of a unit often share a test (the
// shared rules' `category in {…}`): the tests of a chunk of gates are kept once, each with the
// set of gates that use it, and evaluated once per project against a small table of the
// project's facts built first (GateFacts); a failing test strikes out all its gates at once.
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
  std::uint32_t spilled = ir::kNone;    // Program::literals offset of all literals when not inline
  Code conditionRest, requirementRest;  // requirement: require rules only
  Literal inlined[kInline];
};
static_assert(sizeof(RuleCode) == 128);

// One test of a gate (above), on an entry of the project's gate fact table (GateFacts): a mask
// test or a float interval test that passes unless the literal it stands for is surely False —
// whenever the fact is not known, or is a non-finite number. Program builds these; screening
// reads them packed (PackedTest).
struct GateTest {
  using Bounds = std::array<float, 2>;  // low, high
  static constexpr std::uint8_t Mask = 0, Interval = 1;
  std::uint16_t fact = 0;  // GateFacts entry
  bool negated = false;
  std::uint8_t kind = Mask;
  std::uint64_t operand = 0;  // Mask: the mask; Interval: Bounds as bits
  bool operator==(const GateTest&) const = default;
};

// A test of a chunk (below) as screening reads it, in 16 bytes: its operand, and in one word
// the gates of the chunk that use it (bit k: the chunk's gate k; a test that fails removes
// them all at once, so a gate may have several tests and costs nothing of its own), whether it
// is negated, and its GateFacts entry.
struct PackedTest {
  static constexpr unsigned kUserBits = 55;  // a chunk has at most this many gates
  std::uint64_t operand = 0;
  std::uint64_t word = 0;  // bits 0..54: users; bit 55: negated; bits 56..63: the entry
  std::uint64_t users() const { return word & ((std::uint64_t{1} << kUserBits) - 1); }
  unsigned negated() const { return static_cast<unsigned>(word >> kUserBits) & 1; }
  unsigned fact() const { return static_cast<unsigned>(word >> (kUserBits + 1)); }
  unsigned maskSlot() const {
    return static_cast<unsigned>(word >> kUserBits);
  }  // fact * 2 + negated
};
static_assert(sizeof(PackedTest) == 16);

// Where an entry of the gate fact table comes from: a fact's bits, its boolean (bit 0), its
// number, or the industryBit()s of the codes of an industry fact and all their ancestors.
struct GateFactSource {
  enum Kind : std::uint8_t { Bits, Bool, Number, Industry };
  std::uint32_t attr = ir::kNone;
  Kind kind = Bits;
  bool operator==(const GateFactSource&) const = default;
};

// The gate fact table of a project, filled before its gates run (only the entries the
// program has; never cleared), so that a gate test is a load and a comparison or two. A mask
// test reads masks[entry * 2 + negated]: an unknown (or invalid) fact has all bits for positive
// tests and none for negated ones, so that both pass. An interval test reads numbers[entry]:
// NaN unless the fact is known and finite, and NaN passes both ways. The number is held as the
// nearest float: rounding is monotonic, so a number within a positive test's bounds (floats,
// rounded outwards) stays within them, and a number outside a negated test's bounds (rounded
// inwards, then one float further) stays outside; a double beyond the float range becomes an
// infinity, beyond every finite bound as the double is.
struct GateFacts {
  static constexpr std::size_t kMax = 256;  // entries: PackedTest holds one in 8 bits
  std::uint64_t masks[kMax * 2];            // entry * 2 + negated (PackedTest::maskSlot)
  float numbers[kMax];
};

// The bit that stands for an industry node in an industry test: a project's industries set the
// bits of all their ancestors, a set's test the bits of its prefixes; a shared bit only lets
// through a rule that then fails on its own.
constexpr std::uint64_t industryBit(std::uint32_t node) { return std::uint64_t{1} << (node % 64); }

// A unit's gates come in chunks of at most kChunkGates, in rule order; chunk c holds its
// positive mask tests Program::tests[tests, negatedMasks), its negated mask tests up to
// `intervals`, its positive interval tests up to `negatedIntervals` and its negated interval
// tests up to the next chunk's `tests`: one loop each, without a branch on the kind.
struct ChunkTests {
  static constexpr std::uint32_t kChunkGates = PackedTest::kUserBits;
  std::uint32_t tests = 0, negatedMasks = 0, intervals = 0, negatedIntervals = 0;
};
// Where a unit's gates and chunks start (Program::gateRules and Program::chunks).
struct UnitGates {
  std::uint32_t gates = 0, chunks = 0;
};

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
  std::uint32_t attributeCount = 0;  // Bundle::attributes.size()
  // Entries of the gate fact table (at most GateFacts::kMax), by kind.
  struct FactEntry {
    std::uint32_t entry, attr;
  };
  std::vector<GateFactSource> gateFacts;
  std::vector<FactEntry> bitsFacts, boolFacts, numberFacts, industryFacts;
  std::vector<RuleCode> rules;  // Bundle::rules, same indices
  // units + 1 entries: the gates of unit u are gateRules[units[u].gates .. units[u + 1].gates)
  // (each the rule it guards, in rule order), in the chunks units[u].chunks .. units[u + 1].chunks.
  std::vector<UnitGates> units;
  std::vector<std::uint32_t> gateRules;
  std::vector<ChunkTests> chunks;  // chunks + 1 entries (the last: where the tests end)
  std::vector<PackedTest> tests;
  // A gate holds at most this many tests (the requirement's, an industry test, then the
  // condition's literals, most selective first): more tests reject more rules before their
  // records are read, at the price of more tests per chunk.
  static constexpr std::size_t kGateTests = 3;

 private:
  struct SetCode {
    OpKind kind;
    std::uint32_t a, b;
  };
  struct Operand {
    std::uint32_t node;
    bool negate;
  };
  // Appends the tests of the gate of a rule (at most kGateTests; none: it always passes).
  void gate(std::uint32_t rule, std::vector<GateTest>& out);
  // The test of a literal; false when it would always pass (or the table is full).
  bool test(const Literal& literal, GateTest& out);
  bool industryTest(const RuleCode& rule, GateTest& test);
  // The entry of `source`; false when the table is full (the test is then left out).
  bool gateFact(GateFactSource source, std::uint16_t& entry);
  RuleTree compile(std::uint32_t node);
  static bool literal(const Op& op, Literal& out);
  Op leaf(std::uint32_t node) const;
  static Op negated(Op op);
  bool composite(std::uint32_t node) const;  // a valid And/Or/Not node
  int cost(Operand operand) const;
  bool gather(std::uint32_t node, bool negate, bool conjunction, std::uint32_t depth,
              std::vector<Operand>& operands) const;
  bool emit(std::uint32_t node, bool negate, std::uint32_t depth, std::size_t limit,
            std::vector<Op>& out) const;

  const ir::Bundle& bundle_;
  std::vector<SetCode> sets_;
};

}  // namespace zr::eval::detail
