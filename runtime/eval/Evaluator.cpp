// LANGUAGE.md §5. Internally a predicate evaluates to one of four values: False, True,
// Unknown, and Unknown-because-of-an-error (an Invalid fact, division by zero, a non-finite
// result). The last one is Unknown for Kleene logic — it only decides anything when the result
// stays unknown — and marks the finding `error` (fail closed: indeterminate, never skipped).
#include "runtime/eval/Evaluator.h"

#include <algorithm>
#include <cmath>

namespace zr::eval {
namespace {

using ir::NodeOp;

// Ordered so that Kleene `and` over non-False values is the maximum, and `or` over non-True
// values is the maximum too.
constexpr std::uint8_t kFalse = 0, kTrue = 1, kUnknown = 2, kError = 3;

// Numeric values of CmpExpr operands: a status with the same order (Known < Unknown < Error).
constexpr std::uint8_t kKnown = 0;

struct Context {
  const ir::Bundle& b;
  const Facts& f;
  std::uint32_t unit;

  // kKnown, kUnknown or kError for the fact slot of `attr`.
  std::uint8_t state(std::uint32_t attr) const {
    if (attr >= f.slots.size()) return kUnknown;
    switch (f.slots[attr].state) {
      case Fact::State::Known: return kKnown;
      case Fact::State::Unknown: return kUnknown;
      case Fact::State::Invalid: return kError;
    }
    return kError;
  }

  static bool compare(ir::Cmp cmp, double x, double y) {
    switch (cmp) {
      case ir::Cmp::Eq: return x == y;
      case ir::Cmp::Ne: return x != y;
      case ir::Cmp::Lt: return x < y;
      case ir::Cmp::Le: return x <= y;
      case ir::Cmp::Gt: return x > y;
      case ir::Cmp::Ge: return x >= y;
    }
    return false;
  }

  std::uint8_t value(std::uint32_t v, double& out) const {
    if (v >= b.values.size()) return kError;
    const ir::ValueNode& n = b.values[v];
    switch (n.op) {
      case ir::ValueOp::Const: out = n.number; return kKnown;
      case ir::ValueOp::Attr: {
        const std::uint8_t s = state(n.attr);
        if (s != kKnown) return s;
        out = f.slots[n.attr].number;
        return std::isfinite(out) ? kKnown : kError;
      }
      default: break;
    }
    double x = 0, y = 0;
    const std::uint8_t s = std::max(value(n.lhs, x), value(n.rhs, y));
    if (s != kKnown) return s;
    switch (n.op) {
      case ir::ValueOp::Add: out = x + y; break;
      case ir::ValueOp::Sub: out = x - y; break;
      case ir::ValueOp::Mul: out = x * y; break;
      case ir::ValueOp::Div:
        if (y == 0) return kError;
        out = x / y;
        break;
      default: return kError;
    }
    return std::isfinite(out) ? kKnown : kError;
  }

  static std::uint8_t member(bool hit, bool negated) { return hit != negated ? kTrue : kFalse; }

  std::uint8_t eval(std::uint32_t i) const {
    if (i >= b.nodes.size()) return kError;
    const ir::Node& n = b.nodes[i];
    switch (n.op) {
      case NodeOp::True: return kTrue;
      case NodeOp::False: return kFalse;
      case NodeOp::And: {
        std::uint8_t r = kTrue;
        for (std::uint32_t k = n.first, end = n.first + n.count; k < end; ++k) {
          const std::uint8_t c = eval(b.children[k]);
          if (c == kFalse) return kFalse;
          r = std::max(r, c);
        }
        return r;
      }
      case NodeOp::Or: {
        std::uint8_t r = kFalse;
        for (std::uint32_t k = n.first, end = n.first + n.count; k < end; ++k) {
          const std::uint8_t c = eval(b.children[k]);
          if (c == kTrue) return kTrue;
          r = std::max(r, c);
        }
        return r;
      }
      case NodeOp::Not: {
        const std::uint8_t c = eval(b.children[n.first]);
        return c == kTrue ? kFalse : c == kFalse ? kTrue : c;
      }
      case NodeOp::BoolAttr: {
        const std::uint8_t s = state(n.attr);
        if (s != kKnown) return s;
        return f.slots[n.attr].boolean ? kTrue : kFalse;
      }
      case NodeOp::CmpConst: {
        const std::uint8_t s = state(n.attr);
        if (s != kKnown) return s;
        const double x = f.slots[n.attr].number;
        if (!std::isfinite(x)) return kError;
        return compare(n.cmp, x, n.number) ? kTrue : kFalse;
      }
      case NodeOp::CmpExpr: {
        double x = 0, y = 0;
        const std::uint8_t s =
            std::max(value(b.children[n.first], x), value(b.children[n.first + 1], y));
        if (s != kKnown) return s;
        return compare(n.cmp, x, y) ? kTrue : kFalse;
      }
      case NodeOp::EnumIn: {
        const std::uint8_t s = state(n.attr);
        if (s != kKnown) return s;
        return member((f.slots[n.attr].bits & n.mask) != 0, n.negated);
      }
      case NodeOp::IndustryIn: {
        const std::uint8_t s = state(n.attr);
        if (s != kKnown) return s;
        const Fact& fact = f.slots[n.attr];
        if (fact.first > f.industries.size() || fact.count > f.industries.size() - fact.first)
          return kError;
        const std::vector<std::uint64_t>& bits = b.industrySets[n.first].bits;
        bool hit = false;
        for (std::uint32_t k = fact.first, end = fact.first + fact.count; k < end && !hit; ++k) {
          const std::uint32_t code = f.industries[k];
          hit = (code >> 6) < bits.size() && (bits[code >> 6] >> (code & 63) & 1);
        }
        return member(hit, n.negated);
      }
      case NodeOp::OpenSetIn: {
        const std::uint8_t s = state(n.attr);
        if (s != kKnown) return s;
        const ir::OpenSet& set = b.openSets[n.first];
        std::uint64_t mask = set.baseMask;
        auto it = std::lower_bound(set.unitMasks.begin(), set.unitMasks.end(), unit,
                                   [](const auto& entry, std::uint32_t u) { return entry.first < u; });
        if (it != set.unitMasks.end() && it->first == unit) mask |= it->second;
        return member((f.slots[n.attr].bits & mask) != 0, n.negated);
      }
      case NodeOp::StringIn: {
        const std::uint8_t s = state(n.attr);
        if (s != kKnown) return s;
        const Fact& fact = f.slots[n.attr];
        if (fact.first >= f.strings.size()) return kError;
        const std::string& text = f.strings[fact.first];
        bool hit = false;
        for (std::uint32_t k = n.first, end = n.first + n.count; k < end && !hit; ++k)
          hit = b.strings[k] == text;
        return member(hit, n.negated);
      }
    }
    return kError;
  }
};

constexpr Verdict verdictOf(Outcome outcome) {
  switch (outcome) {
    case Outcome::Refused:
    case Outcome::NonCompliant: return Verdict::Refused;
    case Outcome::Indeterminate: return Verdict::Indeterminate;
    case Outcome::Obligation: return Verdict::Conditional;
  }
  return Verdict::Indeterminate;
}

}  // namespace

void Screening::clear() {
  verdict = Verdict::Permitted;
  units.clear();
  findings.clear();
}

Evaluator::Evaluator(const ir::Bundle& bundle) : bundle_(bundle) {
  rules_.reserve(bundle.rules.size());
  for (const ir::Rule& rule : bundle.rules)
    rules_.push_back({rule.condition, rule.requirement, rule.effectiveFrom, rule.effectiveUntil, rule.effect});
}

Truth Evaluator::evaluate(std::uint32_t node, const Facts& facts, std::uint32_t unit) const {
  const std::uint8_t r = Context{bundle_, facts, unit}.eval(node);
  return r == kFalse ? Truth::False : r == kTrue ? Truth::True : Truth::Unknown;
}

void Evaluator::screen(const Facts& facts, Screening& out) const {
  out.clear();
  if (facts.units.empty()) {
    out.verdict = Verdict::Indeterminate;  // the site resolves to no unit: nothing was checked
    return;
  }
  const std::uint32_t unitCount = static_cast<std::uint32_t>(bundle_.units.size());
  const bool dated = facts.date != INT32_MIN;
  Verdict project = Verdict::Permitted;
  for (const std::uint32_t unit : facts.units) {
    if (unit >= unitCount || unit + 1 >= bundle_.unitRuleStart.size()) continue;
    const Context ctx{bundle_, facts, unit};
    Verdict verdict = Verdict::Permitted;
    for (std::uint32_t k = bundle_.unitRuleStart[unit], end = bundle_.unitRuleStart[unit + 1]; k < end; ++k) {
      const std::uint32_t r = bundle_.unitRuleIds[k];
      const RuleCode& rule = rules_[r];
      if (dated && (facts.date < rule.from || facts.date > rule.until)) continue;
      Outcome outcome;
      bool error = false;
      const std::uint8_t c = ctx.eval(rule.condition);
      if (rule.effect == ir::Effect::Forbid) {
        if (c == kFalse) continue;
        outcome = c == kTrue ? Outcome::Refused : Outcome::Indeterminate;
        error = c == kError;
      } else {
        if (c == kFalse) continue;
        const std::uint8_t k2 = ctx.eval(rule.requirement);
        if (k2 == kTrue) continue;  // satisfied, whatever the guard
        if (c == kTrue) {
          outcome = k2 == kFalse     ? Outcome::NonCompliant
                    : k2 == kUnknown ? Outcome::Obligation
                                     : Outcome::Indeterminate;
          error = k2 == kError;
        } else {
          outcome = Outcome::Indeterminate;
          error = c == kError || k2 == kError;
        }
      }
      out.findings.push_back({r, unit, outcome, error});
      verdict = std::max(verdict, verdictOf(outcome));
    }
    out.units.push_back({unit, verdict});
    project = std::max(project, verdict);
  }
  out.verdict = out.units.empty() ? Verdict::Indeterminate : project;
}

const char* verdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::Permitted: return "permitted";
    case Verdict::Conditional: return "conditional";
    case Verdict::Indeterminate: return "indeterminate";
    case Verdict::Refused: return "refused";
  }
  return "?";
}

const char* outcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::Refused: return "refused";
    case Outcome::NonCompliant: return "non_compliant";
    case Outcome::Obligation: return "obligation";
    case Outcome::Indeterminate: return "indeterminate";
  }
  return "?";
}

}  // namespace zr::eval
