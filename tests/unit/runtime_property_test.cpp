// Property tests of the Kleene evaluator over seeded random predicates: agreement with a
// straightforward reference implementation, De Morgan, double negation, and monotonicity
// (learning an unknown fact never flips a known result).
#include <gtest/gtest.h>

#include <optional>
#include <random>

#include "runtime/eval/Evaluator.h"
#include "tests/unit/runtime_builder.h"

namespace zr {
namespace {

using eval::Truth;

constexpr int kBools = 4, kNumbers = 2;  // attributes 0..3 bool, 4..5 number, 6 enum

struct Model {  // the facts, as the reference sees them
  std::optional<double> value[kBools + kNumbers + 1];
};

struct Expr {
  ir::NodeOp op = ir::NodeOp::True;
  std::uint32_t attr = 0;
  ir::Cmp cmp = ir::Cmp::Eq;
  double number = 0;
  std::uint64_t mask = 0;
  bool negated = false;
  std::vector<Expr> kids;
};

class Generator {
 public:
  explicit Generator(std::uint32_t seed) : rng_(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  Expr expr(int depth) {
    Expr e;
    const int kind = depth <= 0 ? 4 + pick(4) : pick(8);
    switch (kind) {
      case 0:
      case 1:
        e.op = kind == 0 ? ir::NodeOp::And : ir::NodeOp::Or;
        for (int i = 0, n = 1 + pick(3); i < n; ++i) e.kids.push_back(expr(depth - 1));
        break;
      case 2:
      case 3:
        e.op = ir::NodeOp::Not;
        e.kids.push_back(expr(depth - 1));
        break;
      case 4:
        e.op = ir::NodeOp::BoolAttr;
        e.attr = pick(kBools);
        break;
      case 5:
        e.op = ir::NodeOp::CmpConst;
        e.attr = kBools + pick(kNumbers);
        e.cmp = static_cast<ir::Cmp>(pick(6));
        e.number = pick(4);
        break;
      case 6:
        e.op = ir::NodeOp::EnumIn;
        e.attr = kBools + kNumbers;
        e.mask = 1 + pick(7);
        e.negated = pick(2) == 1;
        break;
      default:
        e.op = pick(2) ? ir::NodeOp::True : ir::NodeOp::False;
    }
    return e;
  }

  Model model(int unknownPercent) {
    Model m;
    for (int a = 0; a < kBools + kNumbers + 1; ++a) {
      if (pick(100) < unknownPercent) continue;
      m.value[a] = a < kBools ? pick(2) : a < kBools + kNumbers ? pick(4) : pick(3);
    }
    return m;
  }

  // Replaces every unknown of `m` with a random value.
  Model complete(Model m) {
    for (int a = 0; a < kBools + kNumbers + 1; ++a)
      if (!m.value[a])
        m.value[a] = a < kBools ? pick(2) : a < kBools + kNumbers ? pick(4) : pick(3);
    return m;
  }

 private:
  std::mt19937 rng_;
};

std::optional<bool> reference(const Expr& e, const Model& m) {
  auto known = [&](std::uint32_t a) { return m.value[a]; };
  switch (e.op) {
    case ir::NodeOp::True:
      return true;
    case ir::NodeOp::False:
      return false;
    case ir::NodeOp::And: {
      bool unknown = false;
      for (const Expr& k : e.kids) {
        auto r = reference(k, m);
        if (r && !*r) return false;
        unknown |= !r;
      }
      if (unknown) return std::nullopt;
      return true;
    }
    case ir::NodeOp::Or: {
      bool unknown = false;
      for (const Expr& k : e.kids) {
        auto r = reference(k, m);
        if (r && *r) return true;
        unknown |= !r;
      }
      if (unknown) return std::nullopt;
      return false;
    }
    case ir::NodeOp::Not: {
      auto r = reference(e.kids[0], m);
      if (!r) return std::nullopt;
      return !*r;
    }
    case ir::NodeOp::BoolAttr:
      if (!known(e.attr)) return std::nullopt;
      return *known(e.attr) != 0;
    case ir::NodeOp::CmpConst: {
      if (!known(e.attr)) return std::nullopt;
      const double x = *known(e.attr), y = e.number;
      switch (e.cmp) {
        case ir::Cmp::Eq:
          return x == y;
        case ir::Cmp::Ne:
          return x != y;
        case ir::Cmp::Lt:
          return x < y;
        case ir::Cmp::Le:
          return x <= y;
        case ir::Cmp::Gt:
          return x > y;
        case ir::Cmp::Ge:
          return x >= y;
      }
      return std::nullopt;
    }
    case ir::NodeOp::EnumIn: {
      if (!known(e.attr)) return std::nullopt;
      const bool hit = (e.mask >> static_cast<int>(*known(e.attr)) & 1) != 0;
      return hit != e.negated;
    }
    default:
      return std::nullopt;
  }
}

class Lowered {
 public:
  Lowered() {
    for (int a = 0; a < kBools; ++a)
      bb_.attr(std::string(1, 'b') + std::to_string(a), ir::AttrType::Bool);
    for (int a = 0; a < kNumbers; ++a)
      bb_.attr(std::string(1, 'n') + std::to_string(a), ir::AttrType::Number);
    bb_.attr("e", ir::AttrType::Enum, "", {"x", "y", "z"});
    bb_.unit("ZH36110220001");
  }
  std::uint32_t lower(const Expr& e) {
    switch (e.op) {
      case ir::NodeOp::And:
      case ir::NodeOp::Or:
      case ir::NodeOp::Not: {
        std::vector<std::uint32_t> kids;
        for (const Expr& k : e.kids) kids.push_back(lower(k));
        return bb_.group(e.op, kids);
      }
      case ir::NodeOp::BoolAttr:
        return bb_.boolAttr(e.attr);
      case ir::NodeOp::CmpConst:
        return bb_.cmp(e.attr, e.cmp, e.number);
      case ir::NodeOp::EnumIn:
        return bb_.enumIn(e.attr, e.mask, e.negated);
      case ir::NodeOp::True:
        return bb_.T();
      default:
        return bb_.F();
    }
  }
  testing::BundleBuilder& builder() { return bb_; }
  const ir::Bundle& bundle() const { return bundle_; }
  const eval::Facts& facts() const { return facts_; }
  void finish() {
    bundle_ = bb_.build();
    evaluator_.emplace(bundle_);
  }
  Truth eval(std::uint32_t node, const Model& m, bool invalidForUnknown = false) {
    facts_.reset(bundle_.attributes.size());
    for (int a = 0; a < kBools + kNumbers + 1; ++a) {
      if (!m.value[a]) {
        if (invalidForUnknown) testing::setInvalid(facts_, a, "bad", "attr");
        continue;
      }
      const double v = *m.value[a];
      if (a < kBools)
        testing::setBool(facts_, a, v != 0);
      else if (a < kBools + kNumbers)
        testing::setNumber(facts_, a, v);
      else
        testing::setBits(facts_, a, std::uint64_t{1} << static_cast<int>(v));
    }
    return evaluator_->evaluate(node, facts_, 0);
  }

 private:
  testing::BundleBuilder bb_;
  ir::Bundle bundle_;
  std::optional<eval::Evaluator> evaluator_;
  eval::Facts facts_;
};

Truth toTruth(std::optional<bool> r) {
  return !r ? Truth::Unknown : *r ? Truth::True : Truth::False;
}

TEST(KleeneProperties, AgreesWithTheReferenceAndIgnoresInvalidVersusUnknown) {
  Generator gen(20240601);
  Lowered lowered;
  std::vector<Expr> exprs;
  std::vector<std::uint32_t> nodes;
  for (int i = 0; i < 2000; ++i) {
    exprs.push_back(gen.expr(4));
    nodes.push_back(lowered.lower(exprs.back()));
  }
  lowered.finish();
  int unknowns = 0;
  for (int i = 0; i < 2000; ++i)
    for (int trial = 0; trial < 4; ++trial) {
      const Model m = gen.model(35);
      const Truth expected = toTruth(reference(exprs[i], m));
      unknowns += expected == Truth::Unknown;
      ASSERT_EQ(lowered.eval(nodes[i], m), expected) << "expression " << i;
      ASSERT_EQ(lowered.eval(nodes[i], m, true), expected)
          << "expression " << i << " (invalid facts)";
    }
  EXPECT_GT(unknowns, 500);  // the generator does exercise unknowns
}

TEST(KleeneProperties, DeMorganAndDoubleNegation) {
  Generator gen(7);
  Lowered lowered;
  auto& bb = lowered.builder();
  struct Case {
    std::uint32_t notAnd, orNots, notOr, andNots, a, notNotA;
  };
  std::vector<Case> cases;
  for (int i = 0; i < 3000; ++i) {
    const std::uint32_t a = lowered.lower(gen.expr(3)), b = lowered.lower(gen.expr(3));
    Case c;
    c.notAnd = bb.Not(bb.And({a, b}));
    c.orNots = bb.Or({bb.Not(a), bb.Not(b)});
    c.notOr = bb.Not(bb.Or({a, b}));
    c.andNots = bb.And({bb.Not(a), bb.Not(b)});
    c.a = a;
    c.notNotA = bb.Not(bb.Not(a));
    cases.push_back(c);
  }
  lowered.finish();
  for (const Case& c : cases)
    for (int trial = 0; trial < 3; ++trial) {
      const Model m = gen.model(40);
      ASSERT_EQ(lowered.eval(c.notAnd, m), lowered.eval(c.orNots, m));
      ASSERT_EQ(lowered.eval(c.notOr, m), lowered.eval(c.andNots, m));
      ASSERT_EQ(lowered.eval(c.a, m), lowered.eval(c.notNotA, m));
    }
}

TEST(KleeneProperties, LearningAnUnknownFactNeverFlipsAKnownResult) {
  Generator gen(99);
  Lowered lowered;
  std::vector<std::uint32_t> nodes;
  for (int i = 0; i < 1500; ++i) nodes.push_back(lowered.lower(gen.expr(4)));
  lowered.finish();
  int checked = 0;
  for (std::uint32_t node : nodes)
    for (int trial = 0; trial < 4; ++trial) {
      const Model partial = gen.model(50);
      const Truth r = lowered.eval(node, partial);
      if (r == Truth::Unknown) continue;
      for (int completion = 0; completion < 8; ++completion) {
        ASSERT_EQ(lowered.eval(node, gen.complete(partial)), r);
        ++checked;
      }
    }
  EXPECT_GT(checked, 10000);
}

TEST(KleeneProperties, ScreeningVerdictsAreMonotoneToo) {
  // A forbid rule that is refused with partial facts stays refused with more facts; a project
  // permitted with partial facts stays permitted.
  Generator gen(4242);
  Lowered lowered;
  auto& bb = lowered.builder();
  std::vector<std::uint32_t> conditions;
  for (int i = 0; i < 300; ++i) conditions.push_back(lowered.lower(gen.expr(3)));
  for (int i = 0; i < 300; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "R-%03d", i);
    bb.forbid(id, conditions[i]);
  }
  lowered.finish();
  for (int i = 0; i < 300; ++i)
    for (int trial = 0; trial < 10; ++trial) {
      const Model partial = gen.model(50);
      const Truth r = lowered.eval(conditions[i], partial);
      if (r == Truth::Unknown) continue;
      const Truth later = lowered.eval(conditions[i], gen.complete(partial));
      ASSERT_EQ(r, later);
    }
}

}  // namespace
}  // namespace zr

namespace zr {
namespace {

using eval::Outcome;

// Screening must agree with the verdict table applied to evaluate()'s results, rule by rule.
TEST(KleeneProperties, ScreeningAgreesWithTheVerdictTable) {
  Generator gen(31337);
  Lowered lowered;
  auto& bb = lowered.builder();
  struct R {
    bool forbid;
    std::uint32_t c, k;
  };
  std::vector<R> rules;
  for (int i = 0; i < 400; ++i) {
    R r{gen.pick(2) == 0, lowered.lower(gen.expr(3)), 0};
    if (!r.forbid) r.k = lowered.lower(gen.expr(2));
    rules.push_back(r);
  }
  for (int i = 0; i < 400; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "P-%03d", i);
    if (rules[i].forbid)
      bb.forbid(id, rules[i].c);
    else
      bb.require(id, rules[i].c, rules[i].k);
  }
  lowered.finish();
  const ir::Bundle& bundle = lowered.bundle();
  eval::Evaluator evaluator(bundle);
  eval::Screening s;
  for (int trial = 0; trial < 200; ++trial) {
    const Model m = gen.model(40);
    lowered.eval(0, m);  // loads the model into the facts
    eval::Facts facts = lowered.facts();
    facts.units = {0};
    evaluator.screen(facts, s);
    std::size_t next = 0;
    for (std::uint32_t r = 0; r < rules.size(); ++r) {
      const Truth c = evaluator.evaluate(rules[r].c, facts, 0);
      std::optional<Outcome> expected;
      if (rules[r].forbid) {
        if (c == Truth::True)
          expected = Outcome::Refused;
        else if (c == Truth::Unknown)
          expected = Outcome::Indeterminate;
      } else if (c != Truth::False) {
        const Truth k = evaluator.evaluate(rules[r].k, facts, 0);
        if (k != Truth::True) {
          if (c == Truth::Unknown)
            expected = Outcome::Indeterminate;
          else
            expected = k == Truth::False ? Outcome::NonCompliant : Outcome::Obligation;
        }
      }
      if (!expected) continue;
      ASSERT_LT(next, s.findings.size());
      ASSERT_EQ(s.findings[next].rule, r);
      ASSERT_EQ(s.findings[next].outcome, *expected) << "rule " << r;
      ++next;
    }
    ASSERT_EQ(next, s.findings.size());
  }
}

}  // namespace
}  // namespace zr
