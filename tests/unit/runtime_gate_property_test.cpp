// Screening skips the rules whose gate (Program.h: the first condition literal, with interval
// bounds rounded to floats) is False. Property: over seeded random rule sets scoped to several
// units and random facts — comparisons against constants that floats cannot hold, facts next to
// them, infinite and NaN facts, invalid and unknown facts — screen() finds exactly what
// evaluating every rule of every unit with evaluate() and the verdict table finds.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <random>

#include "runtime/eval/Evaluator.h"
#include "tests/unit/runtime_builder.h"

namespace zr {
namespace {

using eval::Outcome;
using eval::Truth;

constexpr std::uint32_t kBool = 0, kNumber = 1, kOther = 2, kEnum = 3, kIndustry = 4, kSet = 5,
                        kUnits = 4;
// Taxonomy: 2 sections × 5 divisions × 6 classes, 72 nodes (more than an industry test's 64 bits).
constexpr std::uint32_t kIndustries = 72;

// Constants that are not floats, or lie at the edges of the float range.
const double kConstants[] = {0.1,  1.0 / 3, 2.5,        -7.25, 1e-40, -1e-45, 3.4028235677973366e38,
                             1e39, -1e300,  16777217.0, 0.0,   1e-320};

class Rules {
 public:
  explicit Rules(std::uint32_t seed) : rng_(seed) {}
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  double constant() { return kConstants[pick(std::size(kConstants))]; }

  std::uint32_t leaf(testing::BundleBuilder& bb) {
    switch (pick(6)) {
      case 0:
        return pick(3) ? bb.boolAttr(kBool) : bb.Not(bb.boolAttr(kBool));
      case 5:  // an enum set: several values at once, `in` and `not in`, now and then no value
        return bb.enumIn(kSet, static_cast<std::uint64_t>(pick(16)), pick(2) == 1);
      case 4: {
        std::vector<std::uint32_t> prefixes;
        for (int i = 0, n = 1 + pick(3); i < n; ++i)
          prefixes.push_back(static_cast<std::uint32_t>(pick(kIndustries)));
        return bb.industryIn(kIndustry, prefixes, pick(4) == 0);
      }
      case 1:
        return bb.enumIn(kEnum, 1 + static_cast<std::uint64_t>(pick(7)), pick(2) == 1);
      default:
        return bb.cmp(pick(2) ? kNumber : kOther, static_cast<ir::Cmp>(pick(6)), constant());
    }
  }
  // Mostly conjunctions of leaves (their first literal becomes the gate), sometimes negated or
  // with a disjunction inside.
  std::uint32_t condition(testing::BundleBuilder& bb) {
    std::vector<std::uint32_t> kids;
    for (int i = 0, n = 1 + pick(3); i < n; ++i)
      kids.push_back(pick(6) ? leaf(bb) : bb.Or({leaf(bb), leaf(bb)}));
    const std::uint32_t c = kids.size() == 1 ? kids[0] : bb.group(ir::NodeOp::And, kids);
    return pick(8) ? c : bb.Not(c);
  }

  double number(const std::vector<double>& near) {
    switch (pick(10)) {
      case 0:
        return std::numeric_limits<double>::infinity();
      case 1:
        return std::numeric_limits<double>::quiet_NaN();
      case 2:
        return -std::numeric_limits<double>::infinity();
      default: {
        const double c = near[static_cast<std::size_t>(pick(static_cast<int>(near.size())))];
        const int step = pick(3);
        return step == 0 ? c : std::nextafter(c, step == 1 ? -INFINITY : INFINITY);
      }
    }
  }

  eval::Facts facts(std::size_t attributes) {
    eval::Facts f;
    f.reset(attributes);
    const std::vector<double> near(std::begin(kConstants), std::end(kConstants));
    for (std::uint32_t a = 0; a < attributes; ++a) {
      const int state = pick(10);
      if (state == 0) continue;  // unknown
      if (state == 1) {
        testing::setInvalid(f, a, "bad", "attr");
        continue;
      }
      if (a == kBool)
        testing::setBool(f, a, pick(2) == 1);
      else if (a == kEnum)
        testing::setBits(f, a, std::uint64_t{1} << pick(3));
      else if (a == kSet)
        testing::setBits(f, a, static_cast<std::uint64_t>(pick(16)));
      else if (a == kIndustry) {
        std::vector<std::uint32_t> codes;  // now and then one out of the taxonomy
        for (int i = 0, n = pick(3); i < n; ++i)
          codes.push_back(static_cast<std::uint32_t>(pick(kIndustries + 2)));
        testing::setIndustries(f, a, codes);
      } else
        testing::setNumber(f, a, number(near));
    }
    for (std::uint32_t u = 0; u < kUnits; ++u)
      if (pick(2)) f.units.push_back(u);
    return f;
  }

 private:
  std::mt19937 rng_;
};

TEST(ScreeningGates, SkipOnlyRulesThatCannotFire) {
  Rules gen(8086);
  testing::BundleBuilder bb;
  bb.attr("b", ir::AttrType::Bool);
  bb.attr("n", ir::AttrType::Number);
  bb.attr("m", ir::AttrType::Number);
  bb.attr("e", ir::AttrType::Enum, "", {"x", "y", "z"});
  bb.attr("industry", ir::AttrType::IndustrySet);
  bb.attr("s", ir::AttrType::EnumSet, "", {"p", "q", "r", "t"});
  for (char section : {'A', 'B'}) {
    const std::uint32_t s = bb.industry(std::string(1, section), "门类");
    for (int d = 0; d < 5; ++d) {
      const std::string division = std::string(1, section) + "1" + std::to_string(d);
      const std::uint32_t v = bb.industry(division, "大类", s);
      for (int c = 0; c < 6; ++c) bb.industry(division + std::to_string(c), "小类", v);
    }
  }
  for (std::uint32_t u = 0; u < kUnits; ++u) bb.unit("ZH3611022000" + std::to_string(u + 1));
  struct R {
    bool forbid;
    std::uint32_t c, k;
  };
  std::vector<R> rules;
  for (int i = 0; i < 150; ++i) {
    R r{gen.pick(2) == 0, gen.condition(bb), 0};
    if (!r.forbid) r.k = gen.condition(bb);
    std::vector<std::uint32_t> units;  // empty: every unit
    for (std::uint32_t u = 0; u < kUnits; ++u)
      if (gen.pick(3) == 0) units.push_back(u);
    char id[16];
    std::snprintf(id, sizeof id, "G-%03d", i);
    if (r.forbid)
      bb.forbid(id, r.c, units);
    else
      bb.require(id, r.c, r.k, units);
    rules.push_back(r);
  }
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Screening s;
  int findings = 0;
  for (int trial = 0; trial < 400; ++trial) {
    const eval::Facts facts = gen.facts(bundle.attributes.size());
    evaluator.screen(facts, s);
    std::size_t next = 0;
    for (std::uint32_t unit : facts.units) {
      for (std::uint32_t k = bundle.unitRuleStart[unit]; k < bundle.unitRuleStart[unit + 1]; ++k) {
        const std::uint32_t r = bundle.unitRuleIds[k];
        const Truth c = evaluator.evaluate(rules[r].c, facts, unit);
        std::optional<Outcome> expected;
        if (rules[r].forbid) {
          if (c == Truth::True)
            expected = Outcome::Refused;
          else if (c == Truth::Unknown)
            expected = Outcome::Indeterminate;
        } else if (c != Truth::False) {
          const Truth k2 = evaluator.evaluate(rules[r].k, facts, unit);
          if (k2 != Truth::True) {
            if (c == Truth::Unknown)
              expected = Outcome::Indeterminate;
            else
              expected = k2 == Truth::False ? Outcome::NonCompliant : Outcome::Obligation;
          }
        }
        if (!expected) continue;
        ASSERT_LT(next, s.findings.size())
            << "trial " << trial << " rule " << r << " unit " << unit;
        ASSERT_EQ(s.findings[next].rule, r) << "trial " << trial << " unit " << unit;
        ASSERT_EQ(s.findings[next].unit, unit) << "trial " << trial;
        // evaluate() folds errors into Unknown; screening makes an error finding indeterminate.
        const Outcome outcome = s.findings[next].error ? Outcome::Indeterminate : *expected;
        ASSERT_EQ(s.findings[next].outcome, outcome) << "trial " << trial << " rule " << r;
        ++next;
        ++findings;
      }
    }
    ASSERT_EQ(next, s.findings.size()) << "trial " << trial;
  }
  EXPECT_GT(findings, 1000);
}

// Evaluator::screenBatch screens a batch as screen() screens each descriptor of it, in order,
// whatever the batch's length (its pipeline looks up to four descriptors ahead).
TEST(ScreeningGates, BatchScreensAsOneByOne) {
  Rules gen(4242);
  testing::BundleBuilder bb;
  bb.attr("b", ir::AttrType::Bool);
  bb.attr("n", ir::AttrType::Number);
  bb.attr("m", ir::AttrType::Number);
  bb.attr("e", ir::AttrType::Enum, "", {"x", "y", "z"});
  bb.attr("industry", ir::AttrType::IndustrySet);
  bb.attr("s", ir::AttrType::EnumSet, "", {"p", "q", "r", "t"});
  const std::uint32_t a = bb.industry("A", "门类");
  for (int c = 0; c < 9; ++c) bb.industry("A1" + std::to_string(c), "大类", a);
  for (std::uint32_t u = 0; u < kUnits; ++u) bb.unit("ZH3611022000" + std::to_string(u + 1));
  for (int i = 0; i < 90; ++i) {
    std::vector<std::uint32_t> units;
    for (std::uint32_t u = 0; u < kUnits; ++u)
      if (gen.pick(3) == 0) units.push_back(u);
    char id[16];
    std::snprintf(id, sizeof id, "B-%03d", i);
    if (gen.pick(2))
      bb.forbid(id, gen.condition(bb), units);
    else
      bb.require(id, gen.condition(bb), gen.condition(bb), units);
  }
  const ir::Bundle bundle = bb.build();
  const eval::Evaluator evaluator(bundle);
  auto same = [](const eval::Screening& x, const eval::Screening& y) {
    if (x.verdict != y.verdict || x.units.size() != y.units.size() ||
        x.findings.size() != y.findings.size())
      return false;
    for (std::size_t k = 0; k < x.units.size(); ++k)
      if (x.units[k].unit != y.units[k].unit || x.units[k].verdict != y.units[k].verdict)
        return false;
    for (std::size_t k = 0; k < x.findings.size(); ++k) {
      const eval::Finding &f = x.findings[k], &g = y.findings[k];
      if (f.rule != g.rule || f.unit != g.unit || f.outcome != g.outcome || f.error != g.error)
        return false;
    }
    return true;
  };
  for (const std::size_t length : {0, 1, 2, 3, 4, 5, 6, 17, 200}) {
    std::vector<eval::Facts> batch;
    for (std::size_t i = 0; i < length; ++i) batch.push_back(gen.facts(bundle.attributes.size()));
    eval::Screening one, many;
    std::size_t next = 0;
    evaluator.screenBatch(batch, many, [&](std::size_t i, const eval::Screening& s) {
      ASSERT_EQ(i, next++);
      evaluator.screen(batch[i], one);
      EXPECT_TRUE(same(one, s)) << "descriptor " << i << " of " << length;
    });
    EXPECT_EQ(next, length);
  }
}

}  // namespace
}  // namespace zr
