// LANGUAGE.md §5. Internally a predicate evaluates to one of four values: False, True,
// Unknown, and Unknown-because-of-an-error (an Invalid fact, division by zero, a non-finite
// result). The last one is Unknown for Kleene logic — it only decides anything when the result
// stays unknown — and marks the finding `error` (fail closed: indeterminate, never skipped).
#include "runtime/eval/Evaluator.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <limits>

namespace zr::eval {
namespace {

using detail::Op;
using detail::OpKind;

// Ordered so that Kleene `and` over non-False values is the maximum, and `or` over non-True
// values is the maximum too.
constexpr std::uint8_t kFalse = 0, kTrue = 1, kUnknown = 2, kError = 3;
// Numeric operands of CmpExpr: a status with the same order (Known < Unknown < Error).
constexpr std::uint8_t kKnown = 0;

const Fact kUnknownFact{};

// Fact::State (Unknown, Known, Invalid) → kUnknown, kKnown, kError.
constexpr std::uint8_t kStateCode[3] = {kUnknown, kKnown, kError};

#if defined(__GNUC__)
#define ZR_INLINE inline __attribute__((always_inline))
#else
#define ZR_INLINE inline
#endif

constexpr Verdict verdictOf(Outcome outcome) {
  switch (outcome) {
    case Outcome::Refused:
    case Outcome::NonCompliant:
      return Verdict::Refused;
    case Outcome::Indeterminate:
      return Verdict::Indeterminate;
    case Outcome::Obligation:
      return Verdict::Conditional;
  }
  return Verdict::Indeterminate;
}

// What a rule gives for a condition value c and a requirement value k (LANGUAGE.md §5): a
// forbid fires unless c is False (k is not read); a require unless c is False or k True.
struct Result {
  bool finding = false;
  Outcome outcome = Outcome::Indeterminate;
  bool error = false;
};

constexpr Result result(bool require, std::uint8_t c, std::uint8_t k) {
  if (c == kFalse) return {};
  if (!require) return {true, c == kTrue ? Outcome::Refused : Outcome::Indeterminate, c == kError};
  if (k == kTrue) return {};  // satisfied, whatever the guard
  if (c == kTrue) {
    const Outcome outcome = k == kFalse     ? Outcome::NonCompliant
                            : k == kUnknown ? Outcome::Obligation
                                            : Outcome::Indeterminate;
    return {true, outcome, k == kError};
  }
  return {true, Outcome::Indeterminate, c == kError || k == kError};
}

// kResults[require][c][k].
constexpr auto kResults = [] {
  std::array<std::array<std::array<Result, 4>, 4>, 2> table{};
  for (int require = 0; require < 2; ++require)
    for (std::uint8_t c = 0; c < 4; ++c)
      for (std::uint8_t k = 0; k < 4; ++k) table[require][c][k] = result(require == 1, c, k);
  return table;
}();

struct Context {
  const ir::Bundle& b;
  const detail::Program& p;
  const Facts& f;
  std::uint32_t unit;

  const Fact& slot(std::uint32_t attr) const {
    return attr < f.slots.size() ? f.slots[attr] : kUnknownFact;
  }

  static std::uint8_t truth(bool x) { return x ? kTrue : kFalse; }

  std::uint8_t value(std::uint32_t v, double& out) const {
    if (v >= b.values.size()) return kError;
    const ir::ValueNode& n = b.values[v];
    switch (n.op) {
      case ir::ValueOp::Const:
        out = n.number;
        return kKnown;
      case ir::ValueOp::Attr: {
        const Fact& fact = slot(n.attr);
        const std::uint8_t s = kStateCode[static_cast<int>(fact.state)];
        if (s != kKnown) return s;
        out = fact.number;
        return std::isfinite(out) ? kKnown : kError;
      }
      default:
        break;
    }
    if (n.lhs >= v || n.rhs >= v) return kError;  // operands precede their users
    double x = 0, y = 0;
    const std::uint8_t s = std::max(value(n.lhs, x), value(n.rhs, y));
    if (s != kKnown) return s;
    switch (n.op) {
      case ir::ValueOp::Add:
        out = x + y;
        break;
      case ir::ValueOp::Sub:
        out = x - y;
        break;
      case ir::ValueOp::Mul:
        out = x * y;
        break;
      case ir::ValueOp::Div:
        if (y == 0) return kError;
        out = x / y;
        break;
      default:
        return kError;
    }
    return std::isfinite(out) ? kKnown : kError;
  }

  // The codes of an industry fact, or false when its range is out of bounds.
  bool codes(const Fact& fact, const std::uint32_t*& first, const std::uint32_t*& last) const {
    if (fact.first > f.industries.size() || fact.count > f.industries.size() - fact.first)
      return false;
    first = f.industries.data() + fact.first;
    last = first + fact.count;
    return true;
  }

  std::uint8_t industryList(const Op& op, const Fact& fact) const {
    const std::uint32_t *code, *end;
    if (!codes(fact, code, end)) return kError;
    const detail::Program::Prefix* prefixes = p.prefixes.data() + op.a;
    for (; code != end; ++code) {
      if (*code >= p.industryCount) continue;
      const std::uint32_t* lineage =
          p.lineage.data() + std::size_t{*code} * detail::Program::kLineage;
      for (std::uint32_t j = 0; j < op.b; ++j)
        if (lineage[prefixes[j].depth] == prefixes[j].index) return truth(!op.negated);
    }
    return truth(op.negated);
  }

  std::uint8_t industryBits(const Op& op, const Fact& fact) const {
    const std::uint32_t *code, *end;
    if (!codes(fact, code, end)) return kError;
    const std::uint64_t* words = p.bits.data() + op.a;
    bool hit = false;
    for (; code != end && !hit; ++code)
      hit = (*code >> 6) < p.bitWords && (words[*code >> 6] >> (*code & 63) & 1);
    return truth(hit != op.negated);
  }

  std::uint8_t openSet(const Op& op, const Fact& fact) const {
    const ir::OpenSet& set = b.openSets[op.a];
    std::uint64_t mask = set.baseMask;
    auto it = std::lower_bound(set.unitMasks.begin(), set.unitMasks.end(), unit,
                               [](const auto& entry, std::uint32_t u) { return entry.first < u; });
    if (it != set.unitMasks.end() && it->first == unit) mask |= it->second;
    return truth(((fact.bits & mask) != 0) != op.negated);
  }

  std::uint8_t stringIn(const Op& op, const Fact& fact) const {
    if (fact.first >= f.strings.size()) return kError;
    const std::string& text = f.strings[fact.first];
    bool hit = false;
    for (std::uint32_t k = op.a, end = op.a + op.b; k < end && !hit; ++k)
      hit = b.strings[k] == text;
    return truth(hit != op.negated);
  }

  // Every op that is not And/Or: one dispatch.
  ZR_INLINE std::uint8_t leaf(const Op& op) const {
    switch (op.kind) {
      case OpKind::True:
        return kTrue;
      case OpKind::False:
        return kFalse;
      case OpKind::CmpExpr: {
        double x = 0, y = 0;
        const std::uint8_t s = std::max(value(op.a, x), value(op.b, y));
        if (s != kKnown) return s;
        return truth(ir::compare(op.cmp, x, y));
      }
      case OpKind::And:
      case OpKind::Or:
      case OpKind::Invalid:
        return kError;
      default:
        break;
    }
    const Fact& fact = slot(op.attr);
    const std::uint8_t s = kStateCode[static_cast<int>(fact.state)];
    if (s != kKnown) return s;
    switch (op.kind) {
      case OpKind::Bool:
        return truth(fact.boolean);
      case OpKind::BoolNot:
        return truth(!fact.boolean);
      case OpKind::CmpEq:
        return std::isfinite(fact.number) ? truth(fact.number == op.constant()) : kError;
      case OpKind::CmpNe:
        return std::isfinite(fact.number) ? truth(fact.number != op.constant()) : kError;
      case OpKind::CmpLt:
        return std::isfinite(fact.number) ? truth(fact.number < op.constant()) : kError;
      case OpKind::CmpLe:
        return std::isfinite(fact.number) ? truth(fact.number <= op.constant()) : kError;
      case OpKind::CmpGt:
        return std::isfinite(fact.number) ? truth(fact.number > op.constant()) : kError;
      case OpKind::CmpGe:
        return std::isfinite(fact.number) ? truth(fact.number >= op.constant()) : kError;
      case OpKind::EnumAny:
        return truth((fact.bits & op.value) != 0);
      case OpKind::EnumNone:
        return truth((fact.bits & op.value) == 0);
      case OpKind::IndustryList:
        return industryList(op, fact);
      case OpKind::IndustryBits:
        return industryBits(op, fact);
      case OpKind::OpenSetIn:
        return openSet(op, fact);
      case OpKind::StringIn:
        return stringIn(op, fact);
      default:
        return kError;
    }
  }

  static std::uint32_t size(const Op* op) { return op->kind <= OpKind::Or ? op->a : 1; }

  // A child: leaves are evaluated in place, composites recurse.
  ZR_INLINE std::uint8_t child(const Op* op) const {
    return op->kind <= OpKind::Or ? eval(op) : leaf(*op);
  }

  // A laid-out subtree (Program.h), root first, negations already pushed into the leaves.
  // Kleene logic with short-circuits: a False operand decides an `and`, a True one an `or`.
  std::uint8_t eval(const Op* op) const {
    switch (op->kind) {
      case OpKind::And: {
        std::uint8_t r = kTrue;
        const Op* c = op + 1;
        for (std::uint32_t k = 0; k < op->b; ++k, c += size(c)) {
          const std::uint8_t x = child(c);
          if (x == kFalse) return kFalse;
          r = std::max(r, x);
        }
        return r;
      }
      case OpKind::Or: {
        std::uint8_t r = kFalse;
        const Op* c = op + 1;
        for (std::uint32_t k = 0; k < op->b; ++k, c += size(c)) {
          const std::uint8_t x = child(c);
          if (x == kTrue) return kTrue;
          r = std::max(r, x);
        }
        return r;
      }
      default:
        return leaf(*op);
    }
  }

  // A plain literal (Program.h), without a branch: the candidates of a project mix kinds and
  // outcomes that no predictor foresees.
  ZR_INLINE std::uint8_t literal(const detail::Literal& l) const {
    const Fact& fact = slot(l.attr);
    std::uint8_t s = kStateCode[static_cast<int>(fact.state)];
    const std::uint64_t isBool = l.kind == detail::Literal::BoolMask;
    const std::uint64_t bits =
        (fact.bits & (isBool - 1)) | (std::uint64_t{fact.boolean} & (0 - isBool));
    const bool inMask = (bits & l.mask) != 0;
    const bool inInterval = (fact.number >= l.low()) & (fact.number <= l.high);
    const bool interval = l.kind == detail::Literal::Interval;
    const bool r = ((inInterval & interval) | (inMask & !interval)) != l.negated;
    // A known non-finite number compared is an error (kKnown is 0: `| kError` makes it one).
    s |= static_cast<std::uint8_t>(interval & !std::isfinite(fact.number) & (s == kKnown)) * kError;
    return static_cast<std::uint8_t>(s | (static_cast<std::uint8_t>(r) & (s == kKnown)));
  }

  // Whether a gate test (Program.h) passes: not when its literal is surely False.
  // A mask test (Program.h), positive: passes unless the fact surely has none of the bits;
  // negated: unless it surely has one (an unknown fact's table entries pass both).
  static ZR_INLINE bool maybeAny(const detail::PackedTest& t, const detail::GateFacts& table) {
    return (table.masks[t.maskSlot()] & t.operand) != 0;
  }
  static ZR_INLINE bool maybeNone(const detail::PackedTest& t, const detail::GateFacts& table) {
    return (table.masks[t.maskSlot()] & t.operand) == 0;
  }
  // An interval test, positive: passes unless the number is surely outside (NaN passes);
  // negated: passes when the number is surely outside (NaN passes too).
  static ZR_INLINE bool maybeInside(const detail::PackedTest& t, const detail::GateFacts& table) {
    const float x = table.numbers[t.fact()];
    const auto bounds = std::bit_cast<detail::GateTest::Bounds>(t.operand);
    return !(x < bounds[0]) & !(x > bounds[1]);
  }
  static ZR_INLINE bool maybeOutside(const detail::PackedTest& t, const detail::GateFacts& table) {
    const float x = table.numbers[t.fact()];
    const auto bounds = std::bit_cast<detail::GateTest::Bounds>(t.operand);
    return !((x >= bounds[0]) & (x <= bounds[1]));
  }

  // The rules ruleIds[k] for each bit k of `candidates`, in that order: their findings go to
  // `out`, the worst outcome to `verdict`. A rule's requirement is evaluated whatever its
  // condition and the outcome looked up (kResults): fewer branches that follow the data.
  void rules(const std::uint32_t* ruleIds, std::uint64_t candidates, std::int32_t date,
             Screening& out, Verdict& verdict) const {
    const bool dated = date != INT32_MIN;
    for (; candidates != 0; candidates &= candidates - 1) {
      const detail::RuleCode& rc = p.rules[ruleIds[std::countr_zero(candidates)]];
      if (dated && (date < rc.from || date > rc.until)) continue;
      const detail::Literal* literals =
          rc.spilled == ir::kNone ? rc.inlined : p.literals.data() + rc.spilled;
      const std::uint8_t c = run(literals, rc.conditionLiterals, rc.conditionRest);
      const std::uint8_t k =
          run(literals + rc.conditionLiterals, rc.requirementLiterals, rc.requirementRest);
      const Result result = kResults[rc.effect == ir::Effect::Require][c][k];
      if (!result.finding) continue;
      out.findings.push_back({rc.rule, unit, result.outcome, result.error});
      verdict = std::max(verdict, verdictOf(result.outcome));
    }
  }

  // A rule's condition or requirement (none: True): its literals, combined arithmetically,
  // then the rest, unless a literal is False.
  ZR_INLINE std::uint8_t run(const detail::Literal* l, std::uint32_t literals,
                             detail::Code rest) const {
    std::uint8_t worst = kTrue, anyFalse = 0;
    for (std::uint32_t k = 0; k < literals; ++k) {
      const std::uint8_t v = literal(l[k]);
      anyFalse |= v == kFalse;
      worst = std::max(worst, v);
    }
    if (rest.count == 0) return anyFalse ? kFalse : worst;
    if (anyFalse) return kFalse;
    const std::uint8_t x = child(p.code.data() + rest.first);
    return x == kFalse ? kFalse : std::max(worst, x);
  }
};

}  // namespace

void Screening::clear() {
  verdict = Verdict::Permitted;
  units.clear();
  findings.clear();
}

Evaluator::Evaluator(const ir::Bundle& bundle) : bundle_(bundle), program_(bundle) {}

// Sites are spread over many units, so a unit's own rules are usually not in cache. Evaluating
// them one after the other would wait for one miss per rule (each rule's code decides the
// branches that lead to the next); asking for all their cache lines first overlaps the misses.
void Evaluator::prefetch(const std::uint32_t* ruleIds, std::uint64_t candidates) const {
  for (; candidates != 0; candidates &= candidates - 1) {
    const char* record =
        reinterpret_cast<const char*>(&program_.rules[ruleIds[std::countr_zero(candidates)]]);
    __builtin_prefetch(record);
    __builtin_prefetch(record + 64);
  }
}

Truth Evaluator::evaluate(std::uint32_t node, const Facts& facts, std::uint32_t unit) const {
  std::vector<detail::Op> code;
  program_.linearise(node, code);
  const std::uint8_t r = Context{bundle_, program_, facts, unit}.eval(code.data());
  return r == kFalse ? Truth::False : r == kTrue ? Truth::True : Truth::Unknown;
}

std::uint64_t Evaluator::industryBits(const Facts& facts, std::uint32_t attr) const {
  constexpr std::uint64_t kAll = ~std::uint64_t{0};  // lets every rule through
  if (attr >= facts.slots.size()) return kAll;
  const Fact& fact = facts.slots[attr];
  if (fact.first > facts.industries.size() || fact.count > facts.industries.size() - fact.first)
    return kAll;
  std::uint64_t bits = 0;
  for (std::uint32_t k = fact.first; k < fact.first + fact.count; ++k) {
    const std::uint32_t code = facts.industries[k];
    if (code >= program_.industryCount) continue;  // under no prefix (Context::industryList)
    for (std::size_t d = 0; d < detail::Program::kLineage; ++d) {
      const std::uint32_t node =
          program_.lineage[std::size_t{code} * detail::Program::kLineage + d];
      if (node != ir::kNone) bits |= detail::industryBit(node);
    }
  }
  return bits;
}

void Evaluator::gateFacts(const Facts& facts, detail::GateFacts& table) const {
  static_assert(std::numeric_limits<float>::is_iec559);  // doubles beyond FLT_MAX become infinities
  constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
  constexpr std::uint64_t kAll = ~std::uint64_t{0};
  // Every entry's attribute is below the bundle's attribute count (Program::leaf): a project
  // with a slot for each needs no bounds check.
  auto fill = [&](auto&& fact) {
    // Without branches: an unknown fact lets both polarities of a mask test pass.
    for (const auto [entry, attr] : program_.bitsFacts) {
      const Fact& f = fact(attr);
      const bool known = f.state == Fact::State::Known;
      table.masks[2 * entry] = known ? f.bits : kAll;
      table.masks[2 * entry + 1] = known ? f.bits : 0;
    }
    for (const auto [entry, attr] : program_.boolFacts) {
      const Fact& f = fact(attr);
      const bool known = f.state == Fact::State::Known;
      table.masks[2 * entry] = known ? std::uint64_t{f.boolean} : kAll;
      table.masks[2 * entry + 1] = known ? std::uint64_t{f.boolean} : 0;
    }
    for (const auto [entry, attr] : program_.numberFacts) {
      const Fact& f = fact(attr);
      // x + (x - x) is x when x is finite, NaN when it is an infinity or NaN.
      const double x = f.number + (f.number - f.number);
      // Unknown: NaN, selected on the bits (a branch here would follow the data).
      const auto known = std::uint32_t{0} - std::uint32_t{f.state == Fact::State::Known};
      table.numbers[entry] =
          std::bit_cast<float>((std::bit_cast<std::uint32_t>(static_cast<float>(x)) & known) |
                               (std::bit_cast<std::uint32_t>(kNaN) & ~known));
    }
    for (const auto [entry, attr] : program_.industryFacts) {
      const bool known = fact(attr).state == Fact::State::Known;
      const std::uint64_t bits = known ? industryBits(facts, attr) : kAll;
      table.masks[2 * entry] = bits;
      table.masks[2 * entry + 1] = known ? bits : 0;
    }
  };
  const Fact* slots = facts.slots.data();
  const std::size_t count = facts.slots.size();
  if (count >= program_.attributeCount)
    fill([slots](std::uint32_t attr) -> const Fact& { return slots[attr]; });
  else
    fill([slots, count](std::uint32_t attr) -> const Fact& {
      return attr < count ? slots[attr] : kUnknownFact;
    });
}

void Evaluator::prefetchFacts(const Facts& facts) const {
  const char* slots = reinterpret_cast<const char*>(facts.slots.data());
  for (std::size_t at = 0, bytes = facts.slots.size() * sizeof(Fact); at < bytes; at += 64)
    __builtin_prefetch(slots + at);
  if (!facts.industries.empty()) __builtin_prefetch(facts.industries.data());
  if (!facts.units.empty()) __builtin_prefetch(facts.units.data());
}

void Evaluator::prefetch(const Facts& facts) const {
  prefetchFacts(facts);
  prefetchGates(facts);
}

void Evaluator::prefetchGates(const Facts& facts) const {
  const std::uint32_t unitCount = static_cast<std::uint32_t>(program_.units.size() - 1);
  auto range = [](const auto* first, const auto* last) {
    const char* end = reinterpret_cast<const char*>(last);
    for (const char* at = reinterpret_cast<const char*>(first); at < end; at += 64)
      __builtin_prefetch(at);
  };
  for (const std::uint32_t unit : facts.units) {
    if (unit >= unitCount) continue;
    const detail::UnitGates first = program_.units[unit], last = program_.units[unit + 1];
    range(program_.gateRules.data() + first.gates, program_.gateRules.data() + last.gates);
    range(program_.tests.data() + program_.chunks[first.chunks].tests,
          program_.tests.data() + program_.chunks[last.chunks].tests);
  }
}

template <class Sink>
void Evaluator::passGates(const Facts& facts, Sink&& sink) const {
  const std::uint32_t unitCount = static_cast<std::uint32_t>(program_.units.size() - 1);
  // What the gate tests read, once for all units.
  detail::GateFacts table;
  gateFacts(facts, table);
  const detail::PackedTest* tests = program_.tests.data();
  std::uint32_t site = 0;  // index in Screening::units
  for (const std::uint32_t unit : facts.units) {
    if (unit >= unitCount) continue;
    const std::uint32_t last = program_.units[unit + 1].gates;
    std::uint32_t at = program_.units[unit].gates;
    constexpr std::uint32_t kGates = detail::ChunkTests::kChunkGates;
    for (std::uint32_t chunk = program_.units[unit].chunks; at < last; at += kGates, ++chunk) {
      const detail::ChunkTests range = program_.chunks[chunk];
      const std::uint32_t end = program_.chunks[chunk + 1].tests;
      // A failing test removes the gates that use it, without a branch. Its whole word is
      // taken: the bits above its users are no gate's (`live` drops them).
      std::uint64_t failed = 0;
      auto run = [&](std::uint32_t first, std::uint32_t last, auto passes) {
        for (std::uint32_t t = first; t < last; ++t)
          failed |= tests[t].word & (std::uint64_t{passes(tests[t], table)} - 1);
      };
      run(range.tests, range.negatedMasks, Context::maybeAny);
      run(range.negatedMasks, range.intervals, Context::maybeNone);
      run(range.intervals, range.negatedIntervals, Context::maybeInside);
      run(range.negatedIntervals, end, Context::maybeOutside);
      const std::uint64_t live = (std::uint64_t{1} << std::min(kGates, last - at)) - 1;
      const std::uint64_t candidates = live & ~failed;
      if (candidates == 0) continue;
      // Their records are read later (runRules): ask for them now.
      prefetch(program_.gateRules.data() + at, candidates);
      sink(PassedChunk{at, site, candidates});
    }
    ++site;
  }
}

void Evaluator::beginScreening(const Facts& facts, Screening& out) const {
  out.clear();
  const std::uint32_t unitCount = static_cast<std::uint32_t>(program_.units.size() - 1);
  for (const std::uint32_t unit : facts.units)
    if (unit < unitCount) out.units.push_back({unit, Verdict::Permitted});
}

void Evaluator::runRules(const Facts& facts, const PassedChunk& passed, Screening& out) const {
  UnitVerdict& unit = out.units[passed.site];
  const Context ctx{bundle_, program_, facts, unit.unit};
  ctx.rules(program_.gateRules.data() + passed.gates, passed.candidates, facts.date, out,
            unit.verdict);
}

void Evaluator::endScreening(Screening& out) const {
  Verdict project = Verdict::Permitted;
  for (const UnitVerdict& unit : out.units) project = std::max(project, unit.verdict);
  // A site that resolves to no unit: nothing was checked.
  out.verdict = out.units.empty() ? Verdict::Indeterminate : project;
}

void Evaluator::screen(const Facts& facts, Screening& out) const {
  // Descriptors of a batch are not in the cache: ask for all of this one's facts, and for the
  // gates of every unit of its site, at once rather than waiting for them one miss at a time.
  prefetch(facts);
  beginScreening(facts, out);
  // Gates first, unit after unit, asking for the records of the rules that pass; the rules
  // themselves a few chunks later, when their records have arrived.
  constexpr std::size_t kAhead = 16;
  PassedChunk pending[kAhead];
  std::size_t waiting = 0;
  auto drain = [&] {
    for (std::size_t i = 0; i < waiting; ++i) runRules(facts, pending[i], out);
    waiting = 0;
  };
  passGates(facts, [&](const PassedChunk& passed) {
    if (waiting == kAhead) drain();
    pending[waiting++] = passed;
  });
  drain();
  endScreening(out);
}

void Evaluator::screenBatch(std::span<const Facts> batch, Screening& out,
                            const std::function<void(std::size_t, const Screening&)>& done) const {
  // A pipeline over the batch, each stage reading what an earlier one asked for: the Facts
  // object four descriptors ahead, its slots, units and industries three ahead, its units'
  // gates two ahead, its gates (and the rule records they let through) one ahead, and the
  // rules of the current one.
  const std::size_t n = batch.size();
  std::vector<PassedChunk> passed[2];
  auto gatesOf = [&](std::size_t i) {
    std::vector<PassedChunk>& into = passed[i & 1];
    into.clear();
    passGates(batch[i], [&](const PassedChunk& chunk) { into.push_back(chunk); });
  };
  for (std::size_t i = 0; i < n && i < 3; ++i) prefetch(batch[i]);
  if (n > 0) gatesOf(0);
  for (std::size_t i = 0; i < n; ++i) {
    if (i + 4 < n) {  // the members screening reads (Facts.h: units to strings)
      const char* object = reinterpret_cast<const char*>(&batch[i + 4]);
      __builtin_prefetch(object);
      __builtin_prefetch(reinterpret_cast<const char*>(&batch[i + 4].strings + 1) - 1);
    }
    if (i + 3 < n) prefetchFacts(batch[i + 3]);
    if (i + 2 < n) prefetchGates(batch[i + 2]);
    if (i + 1 < n) gatesOf(i + 1);
    beginScreening(batch[i], out);
    for (const PassedChunk& chunk : passed[i & 1]) runRules(batch[i], chunk, out);
    endScreening(out);
    done(i, out);
  }
}

const char* verdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::Permitted:
      return "permitted";
    case Verdict::Conditional:
      return "conditional";
    case Verdict::Indeterminate:
      return "indeterminate";
    case Verdict::Refused:
      return "refused";
  }
  return "?";
}

const char* outcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::Refused:
      return "refused";
    case Outcome::NonCompliant:
      return "non_compliant";
    case Outcome::Obligation:
      return "obligation";
    case Outcome::Indeterminate:
      return "indeterminate";
  }
  return "?";
}

}  // namespace zr::eval
