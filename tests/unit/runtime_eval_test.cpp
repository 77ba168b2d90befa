// The evaluator against LANGUAGE.md §5: every row of the verdict table, Kleene truth tables,
// every node kind, effective dates and verdict aggregation. Bundles are built by hand.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>

#include "runtime/eval/Evaluator.h"
#include "tests/unit/runtime_builder.h"

namespace zr {
namespace {

using eval::Outcome;
using eval::Truth;
using eval::Verdict;
using testing::BundleBuilder;

enum class V { F, T, U, Invalid };

void set(eval::Facts& facts, std::uint32_t attr, V v) {
  switch (v) {
    case V::F:
      testing::setBool(facts, attr, false);
      break;
    case V::T:
      testing::setBool(facts, attr, true);
      break;
    case V::U:
      testing::setUnknown(facts, attr);
      break;
    case V::Invalid:
      testing::setInvalid(facts, attr, "expected true or false", "x");
      break;
  }
}

// ---- Kleene truth tables --------------------------------------------------------------------

class Kleene : public ::testing::Test {
 protected:
  void SetUp() override {
    a_ = bb_.attr("a", ir::AttrType::Bool);
    b_ = bb_.attr("b", ir::AttrType::Bool);
    and_ = bb_.And({bb_.boolAttr(a_), bb_.boolAttr(b_)});
    or_ = bb_.Or({bb_.boolAttr(a_), bb_.boolAttr(b_)});
    not_ = bb_.Not(bb_.boolAttr(a_));
    bb_.unit("ZH36110220001");
    bundle_ = bb_.build();
    facts_.reset(bundle_.attributes.size());
  }
  Truth eval(std::uint32_t node, V a, V b) {
    set(facts_, a_, a);
    set(facts_, b_, b);
    return eval::Evaluator(bundle_).evaluate(node, facts_, 0);
  }
  BundleBuilder bb_;
  ir::Bundle bundle_;
  eval::Facts facts_;
  std::uint32_t a_ = 0, b_ = 0, and_ = 0, or_ = 0, not_ = 0;
};

TEST_F(Kleene, AndTruthTable) {
  const V vs[] = {V::F, V::T, V::U};
  const Truth expected[3][3] = {{Truth::False, Truth::False, Truth::False},
                                {Truth::False, Truth::True, Truth::Unknown},
                                {Truth::False, Truth::Unknown, Truth::Unknown}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j)
      EXPECT_EQ(eval(and_, vs[i], vs[j]), expected[i][j]) << i << "," << j;
}

TEST_F(Kleene, OrTruthTable) {
  const V vs[] = {V::F, V::T, V::U};
  const Truth expected[3][3] = {{Truth::False, Truth::True, Truth::Unknown},
                                {Truth::True, Truth::True, Truth::True},
                                {Truth::Unknown, Truth::True, Truth::Unknown}};
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) EXPECT_EQ(eval(or_, vs[i], vs[j]), expected[i][j]) << i << "," << j;
}

TEST_F(Kleene, NotTruthTable) {
  EXPECT_EQ(eval(not_, V::F, V::U), Truth::True);
  EXPECT_EQ(eval(not_, V::T, V::U), Truth::False);
  EXPECT_EQ(eval(not_, V::U, V::U), Truth::Unknown);
}

TEST_F(Kleene, InvalidFactsAreUnknownToTheLogic) {
  EXPECT_EQ(eval(and_, V::Invalid, V::F), Truth::False);
  EXPECT_EQ(eval(and_, V::Invalid, V::T), Truth::Unknown);
  EXPECT_EQ(eval(or_, V::Invalid, V::T), Truth::True);
  EXPECT_EQ(eval(not_, V::Invalid, V::T), Truth::Unknown);
}

TEST_F(Kleene, EmptyAndIsTrueEmptyOrIsFalse) {
  BundleBuilder bb;
  const auto emptyAnd = bb.group(ir::NodeOp::And, {});
  const auto emptyOr = bb.group(ir::NodeOp::Or, {});
  bb.unit("ZH36110220001");
  const ir::Bundle bundle = bb.build();
  eval::Facts facts;
  facts.reset(0);
  eval::Evaluator evaluator(bundle);
  EXPECT_EQ(evaluator.evaluate(emptyAnd, facts, 0), Truth::True);
  EXPECT_EQ(evaluator.evaluate(emptyOr, facts, 0), Truth::False);
}

// ---- §5: the verdict table ------------------------------------------------------------------

class VerdictTable : public ::testing::Test {
 protected:
  void SetUp() override {
    c_ = bb_.attr("c", ir::AttrType::Bool);
    e_ = bb_.attr("e", ir::AttrType::Bool);
    g_ = bb_.attr("g", ir::AttrType::Bool);
    k_ = bb_.attr("k", ir::AttrType::Bool);
    unit_ = bb_.unit("ZH36110220001");
  }
  void forbidRule() { bb_.forbid("F-01", bb_.And({bb_.boolAttr(c_), bb_.Not(bb_.boolAttr(e_))})); }
  void requireRule() { bb_.require("R-01", bb_.boolAttr(g_), bb_.boolAttr(k_)); }

  // Screens with the given facts; returns the findings.
  const eval::Screening& screen(V c, V e, V g, V k) {
    if (bundle_.rules.empty()) bundle_ = bb_.build();
    facts_.reset(bundle_.attributes.size());
    facts_.units = {unit_};
    set(facts_, c_, c);
    set(facts_, e_, e);
    set(facts_, g_, g);
    set(facts_, k_, k);
    eval::Evaluator(bundle_).screen(facts_, screening_);
    return screening_;
  }

  BundleBuilder bb_;
  ir::Bundle bundle_;
  eval::Facts facts_;
  eval::Screening screening_;
  std::uint32_t c_ = 0, e_ = 0, g_ = 0, k_ = 0, unit_ = 0;
};

TEST_F(VerdictTable, ForbidTrueIsRefused) {
  forbidRule();
  const auto& s = screen(V::T, V::F, V::U, V::U);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Refused);
  EXPECT_FALSE(s.findings[0].error);
  EXPECT_EQ(s.verdict, Verdict::Refused);
  ASSERT_EQ(s.units.size(), 1u);
  EXPECT_EQ(s.units[0].verdict, Verdict::Refused);
}

TEST_F(VerdictTable, ForbidUnknownIsIndeterminate) {
  forbidRule();
  const auto& s = screen(V::T, V::U, V::U, V::U);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Indeterminate);
  EXPECT_FALSE(s.findings[0].error);
  EXPECT_EQ(s.verdict, Verdict::Indeterminate);
}

TEST_F(VerdictTable, ForbidFalseGivesNoFinding) {
  forbidRule();
  EXPECT_TRUE(screen(V::F, V::U, V::U, V::U).findings.empty());  // C false decides
  EXPECT_TRUE(screen(V::U, V::T, V::U, V::U).findings.empty());  // the exception holds
  EXPECT_TRUE(screen(V::T, V::T, V::U, V::U).findings.empty());
  EXPECT_EQ(screening_.verdict, Verdict::Permitted);
}

TEST_F(VerdictTable, ForbidOverAnInvalidFactIsIndeterminateWithError) {
  forbidRule();
  const auto& s = screen(V::Invalid, V::F, V::U, V::U);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Indeterminate);
  EXPECT_TRUE(s.findings[0].error);
}

TEST_F(VerdictTable, RequireGuardTrueRequirementFalseIsNonCompliant) {
  requireRule();
  const auto& s = screen(V::U, V::U, V::T, V::F);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::NonCompliant);
  EXPECT_EQ(s.verdict, Verdict::Refused);
}

TEST_F(VerdictTable, RequireGuardTrueRequirementUnknownIsAnObligation) {
  requireRule();
  const auto& s = screen(V::U, V::U, V::T, V::U);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Obligation);
  EXPECT_FALSE(s.findings[0].error);
  EXPECT_EQ(s.verdict, Verdict::Conditional);
}

TEST_F(VerdictTable, RequireGuardTrueRequirementTrueIsSatisfied) {
  requireRule();
  EXPECT_TRUE(screen(V::U, V::U, V::T, V::T).findings.empty());
  EXPECT_EQ(screening_.verdict, Verdict::Permitted);
}

TEST_F(VerdictTable, RequireGuardUnknownIsIndeterminateUnlessTheRequirementHolds) {
  requireRule();
  for (V k : {V::F, V::U}) {
    const auto& s = screen(V::U, V::U, V::U, k);
    ASSERT_EQ(s.findings.size(), 1u);
    EXPECT_EQ(s.findings[0].outcome, Outcome::Indeterminate);
    EXPECT_FALSE(s.findings[0].error);
    EXPECT_EQ(s.verdict, Verdict::Indeterminate);
  }
  EXPECT_TRUE(screen(V::U, V::U, V::U, V::T).findings.empty());  // satisfied whatever the guard
}

TEST_F(VerdictTable, RequireGuardFalseGivesNoFinding) {
  requireRule();
  for (V k : {V::F, V::T, V::U, V::Invalid})
    EXPECT_TRUE(screen(V::U, V::U, V::F, k).findings.empty());
}

TEST_F(VerdictTable, RequireOverInvalidFactsFailsClosed) {
  requireRule();
  {
    const auto& s = screen(V::U, V::U, V::T, V::Invalid);  // would be an obligation: is an error
    ASSERT_EQ(s.findings.size(), 1u);
    EXPECT_EQ(s.findings[0].outcome, Outcome::Indeterminate);
    EXPECT_TRUE(s.findings[0].error);
  }
  {
    const auto& s = screen(V::U, V::U, V::Invalid, V::F);
    ASSERT_EQ(s.findings.size(), 1u);
    EXPECT_EQ(s.findings[0].outcome, Outcome::Indeterminate);
    EXPECT_TRUE(s.findings[0].error);
  }
  {
    const auto& s = screen(V::U, V::U, V::Invalid, V::U);
    ASSERT_EQ(s.findings.size(), 1u);
    EXPECT_TRUE(s.findings[0].error);
  }
  EXPECT_TRUE(screen(V::U, V::U, V::Invalid, V::T).findings.empty());
}

// ---- arithmetic -----------------------------------------------------------------------------

class Arithmetic : public ::testing::Test {
 protected:
  void SetUp() override {
    x_ = bb_.attr("x", ir::AttrType::Number);
    y_ = bb_.attr("y", ir::AttrType::Number);
    bb_.unit("ZH36110220001");
  }
  BundleBuilder bb_;
  std::uint32_t x_ = 0, y_ = 0;
};

TEST_F(Arithmetic, DivisionByZeroIsAnErrorNotAVerdict) {
  // require x / y >= 2 (when true)
  const auto ratio = bb_.cmpExpr(bb_.vOp(ir::ValueOp::Div, bb_.vAttr(x_), bb_.vAttr(y_)),
                                 ir::Cmp::Ge, bb_.vConst(2));
  bb_.require("R-01", bb_.T(), ratio);
  const ir::Bundle bundle = bb_.build();
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  facts.units = {0};
  eval::Evaluator evaluator(bundle);
  eval::Screening s;
  testing::setNumber(facts, x_, 6);
  testing::setNumber(facts, y_, 2);
  evaluator.screen(facts, s);
  EXPECT_TRUE(s.findings.empty());
  testing::setNumber(facts, y_, 4);
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::NonCompliant);
  testing::setNumber(facts, y_, 0);
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Indeterminate);
  EXPECT_TRUE(s.findings[0].error);
  testing::setUnknown(facts, y_);
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Obligation);
  EXPECT_FALSE(s.findings[0].error);
}

TEST_F(Arithmetic, NonFiniteResultsAreErrors) {
  const auto big = bb_.cmpExpr(bb_.vOp(ir::ValueOp::Mul, bb_.vAttr(x_), bb_.vConst(1e308)),
                               ir::Cmp::Gt, bb_.vConst(0));
  const auto sum = bb_.cmpExpr(bb_.vOp(ir::ValueOp::Add, bb_.vAttr(x_), bb_.vAttr(y_)), ir::Cmp::Eq,
                               bb_.vConst(5));
  const auto diff = bb_.cmpExpr(bb_.vOp(ir::ValueOp::Sub, bb_.vAttr(x_), bb_.vAttr(y_)),
                                ir::Cmp::Lt, bb_.vConst(0));
  bb_.forbid("F-01", big);
  const ir::Bundle bundle = bb_.build();
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  facts.units = {0};
  eval::Evaluator evaluator(bundle);
  testing::setNumber(facts, x_, 10);
  testing::setNumber(facts, y_, -5);
  EXPECT_EQ(evaluator.evaluate(big, facts, 0), Truth::Unknown);  // 1e309 overflows
  EXPECT_EQ(evaluator.evaluate(sum, facts, 0), Truth::True);
  EXPECT_EQ(evaluator.evaluate(diff, facts, 0), Truth::False);
  eval::Screening s;
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_TRUE(s.findings[0].error);
  testing::setNumber(facts, x_, 1e-300);
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Refused);
  testing::setNumber(facts, x_, NAN);  // a non-finite fact (never produced by the parser)
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_TRUE(s.findings[0].error);
}

// ---- node kinds -----------------------------------------------------------------------------

TEST(EvaluatorNodes, ComparisonsOnNumbersQuantitiesAndDates) {
  BundleBuilder bb;
  const auto n = bb.attr("n", ir::AttrType::Number);
  const auto q = bb.attr("q", ir::AttrType::Quantity, "km");
  const auto d = bb.attr("d", ir::AttrType::Date);
  bb.unit("ZH36110220001");
  struct Case {
    ir::Cmp cmp;
    double constant, value;
    bool expected;
  };
  const Case cases[] = {
      {ir::Cmp::Eq, 2, 2, true},  {ir::Cmp::Eq, 2, 3, false}, {ir::Cmp::Ne, 2, 3, true},
      {ir::Cmp::Ne, 2, 2, false}, {ir::Cmp::Lt, 2, 1, true},  {ir::Cmp::Lt, 2, 2, false},
      {ir::Cmp::Le, 2, 2, true},  {ir::Cmp::Le, 2, 3, false}, {ir::Cmp::Gt, 2, 3, true},
      {ir::Cmp::Gt, 2, 2, false}, {ir::Cmp::Ge, 2, 2, true},  {ir::Cmp::Ge, 2, 1, false}};
  std::vector<std::uint32_t> nodes;
  for (const Case& c : cases)
    for (auto attr : {n, q, d}) nodes.push_back(bb.cmp(attr, c.cmp, c.constant));
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  std::size_t k = 0;
  for (const Case& c : cases)
    for (auto attr : {n, q, d}) {
      testing::setNumber(facts, attr, c.value);
      EXPECT_EQ(evaluator.evaluate(nodes[k], facts, 0), c.expected ? Truth::True : Truth::False)
          << k;
      testing::setUnknown(facts, attr);
      EXPECT_EQ(evaluator.evaluate(nodes[k], facts, 0), Truth::Unknown) << k;
      ++k;
    }
}

TEST(EvaluatorNodes, EnumAndEnumSetMembership) {
  BundleBuilder bb;
  const auto change = bb.attr("change", ir::AttrType::Enum, "", {"new", "expansion", "renovation"});
  const auto acts = bb.attr("acts", ir::AttrType::EnumSet, "", {"a", "b", "c"});
  const auto inNewOrExp = bb.enumIn(change, 0b011);
  const auto notInNewOrExp = bb.enumIn(change, 0b011, true);
  const auto actsHasC = bb.enumIn(acts, 0b100);
  const auto actsHasNoC = bb.enumIn(acts, 0b100, true);
  bb.unit("ZH36110220001");
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  testing::setBits(facts, change, 0b010);
  EXPECT_EQ(evaluator.evaluate(inNewOrExp, facts, 0), Truth::True);
  EXPECT_EQ(evaluator.evaluate(notInNewOrExp, facts, 0), Truth::False);
  testing::setBits(facts, change, 0b100);
  EXPECT_EQ(evaluator.evaluate(inNewOrExp, facts, 0), Truth::False);
  EXPECT_EQ(evaluator.evaluate(notInNewOrExp, facts, 0), Truth::True);
  testing::setBits(facts, acts, 0b101);  // any value in the set
  EXPECT_EQ(evaluator.evaluate(actsHasC, facts, 0), Truth::True);
  EXPECT_EQ(evaluator.evaluate(actsHasNoC, facts, 0), Truth::False);
  testing::setBits(facts, acts, 0);  // the empty set: `in` is false, `not in` true
  EXPECT_EQ(evaluator.evaluate(actsHasC, facts, 0), Truth::False);
  EXPECT_EQ(evaluator.evaluate(actsHasNoC, facts, 0), Truth::True);
  testing::setUnknown(facts, acts);
  EXPECT_EQ(evaluator.evaluate(actsHasNoC, facts, 0), Truth::Unknown);
}

TEST(EvaluatorNodes, IndustryPrefixesFollowTheTaxonomy) {
  BundleBuilder bb;
  const auto c = bb.industry("C", "制造业");
  const auto c26 = bb.industry("C26", "化学原料和化学制品制造业", c);
  const auto c261 = bb.industry("C261", "基础化学原料制造", c26);
  const auto c2614 = bb.industry("C2614", "有机化学原料制造", c261);
  const auto c30 = bb.industry("C30", "非金属矿物制品业", c);
  const auto c3011 =
      bb.industry("C3011", "水泥制造", bb.industry("C301", "水泥、石灰和石膏制造", c30));
  const auto ind = bb.attr("industry", ir::AttrType::IndustrySet);
  const auto one = bb.attr("main", ir::AttrType::Industry);
  const auto chem = bb.industryIn(ind, {c26});
  const auto notChem = bb.industryIn(ind, {c26}, true);
  const auto mainChem = bb.industryIn(one, {c261});
  bb.unit("ZH36110220001");
  const ir::Bundle bundle = bb.build();
  const auto& bits = bundle.industrySets[0].bits;
  auto bit = [&](std::uint32_t i) { return (bits[i >> 6] >> (i & 63) & 1) != 0; };
  EXPECT_TRUE(bit(c26) && bit(c261) && bit(c2614));
  EXPECT_FALSE(bit(c) || bit(c30) || bit(c3011));

  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  testing::setIndustries(facts, ind, {c3011, c2614});  // any code under a prefix
  EXPECT_EQ(evaluator.evaluate(chem, facts, 0), Truth::True);
  EXPECT_EQ(evaluator.evaluate(notChem, facts, 0), Truth::False);
  testing::setIndustries(facts, ind, {c3011, c});  // C is above C26, not under it
  EXPECT_EQ(evaluator.evaluate(chem, facts, 0), Truth::False);
  EXPECT_EQ(evaluator.evaluate(notChem, facts, 0), Truth::True);
  testing::setIndustries(facts, one, {c2614});
  EXPECT_EQ(evaluator.evaluate(mainChem, facts, 0), Truth::True);
  testing::setIndustries(facts, one, {c26});
  EXPECT_EQ(evaluator.evaluate(mainChem, facts, 0), Truth::False);
}

TEST(EvaluatorNodes, OpenSetsAddPerUnitMembers) {
  BundleBuilder bb;
  const auto act =
      bb.attr("activity", ir::AttrType::EnumSet, "", {"restoration", "research", "tourism"});
  const auto u0 = bb.unit("ZH36110210001", ir::UnitClass::Priority);
  const auto u1 = bb.unit("ZH36110210002", ir::UnitClass::Priority);
  const auto set = bb.openSet("permitted", act, 0b001, {{u1, 0b010}});
  const auto node = bb.openSetIn(act, set);
  const auto notNode = bb.openSetIn(act, set, true);
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  testing::setBits(facts, act, 0b010);  // research: extended in u1 only
  EXPECT_EQ(evaluator.evaluate(node, facts, u0), Truth::False);
  EXPECT_EQ(evaluator.evaluate(node, facts, u1), Truth::True);
  EXPECT_EQ(evaluator.evaluate(notNode, facts, u0), Truth::True);
  testing::setBits(facts, act, 0b001);  // base member: everywhere
  EXPECT_EQ(evaluator.evaluate(node, facts, u0), Truth::True);
  EXPECT_EQ(evaluator.evaluate(node, facts, u1), Truth::True);
}

TEST(EvaluatorNodes, StringMembership) {
  BundleBuilder bb;
  const auto name = bb.attr("park", ir::AttrType::String);
  const auto in = bb.stringIn(name, {"九江经开区", "湖口高新区"});
  const auto out = bb.stringIn(name, {"九江经开区"}, true);
  bb.unit("ZH36110220001");
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  testing::setString(facts, name, "湖口高新区");
  EXPECT_EQ(evaluator.evaluate(in, facts, 0), Truth::True);
  EXPECT_EQ(evaluator.evaluate(out, facts, 0), Truth::True);
  testing::setString(facts, name, "九江经开区");
  EXPECT_EQ(evaluator.evaluate(out, facts, 0), Truth::False);
}

// ---- screening: units, verdict order, dates -------------------------------------------------

TEST(Screening, VerdictIsTheWorstOverUnitsAndFindingsAreOrdered) {
  BundleBuilder bb;
  const auto a = bb.attr("a", ir::AttrType::Bool);
  const auto k = bb.attr("k", ir::AttrType::Bool);
  const auto u0 = bb.unit("ZH36110210001", ir::UnitClass::Priority);
  const auto u1 = bb.unit("ZH36110220001");
  const auto u2 = bb.unit("ZH36110230001", ir::UnitClass::General);
  bb.forbid("A-01", bb.boolAttr(a), {u0});               // a unknown → indeterminate in u0
  bb.require("B-01", bb.T(), bb.boolAttr(k), {u1, u2});  // k unknown → obligation
  bb.forbid("C-01", bb.T(), {u2});                       // always refused in u2
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  eval::Screening s;

  facts.units = {u1};
  evaluator.screen(facts, s);
  EXPECT_EQ(s.verdict, Verdict::Conditional);
  facts.units = {u0, u1};
  evaluator.screen(facts, s);
  EXPECT_EQ(s.verdict, Verdict::Indeterminate);
  ASSERT_EQ(s.units.size(), 2u);
  EXPECT_EQ(s.units[0].verdict, Verdict::Indeterminate);
  EXPECT_EQ(s.units[1].verdict, Verdict::Conditional);
  facts.units = {u0, u1, u2};
  evaluator.screen(facts, s);
  EXPECT_EQ(s.verdict, Verdict::Refused);
  ASSERT_EQ(s.findings.size(), 4u);
  EXPECT_EQ(s.findings[0].unit, u0);
  EXPECT_EQ(s.findings[1].unit, u1);
  EXPECT_EQ(s.findings[2].unit, u2);
  EXPECT_EQ(s.findings[2].rule, 1u);
  EXPECT_EQ(s.findings[3].rule, 2u);
  EXPECT_EQ(s.units[2].verdict, Verdict::Refused);
  testing::setBool(facts, k, true);
  testing::setBool(facts, a, false);
  facts.units = {u0, u1};
  evaluator.screen(facts, s);
  EXPECT_EQ(s.verdict, Verdict::Permitted);
  EXPECT_TRUE(s.findings.empty());
}

TEST(Screening, NoUnitIsIndeterminate) {
  BundleBuilder bb;
  bb.unit("ZH36110220001");
  const ir::Bundle bundle = bb.build();
  eval::Facts facts;
  facts.reset(0);
  eval::Screening s;
  eval::Evaluator(bundle).screen(facts, s);
  EXPECT_EQ(s.verdict, Verdict::Indeterminate);
  EXPECT_TRUE(s.units.empty());
}

TEST(Screening, EffectiveDatesApplyOnlyWithADate) {
  BundleBuilder bb;
  bb.unit("ZH36110220001");
  const auto r = bb.forbid("D-01", bb.T());
  bb.ruleAt(r).effectiveFrom = 20089;   // 2025-01-01
  bb.ruleAt(r).effectiveUntil = 20453;  // 2025-12-31
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(0);
  facts.units = {0};
  eval::Screening s;
  evaluator.screen(facts, s);  // no date: every rule applies
  EXPECT_EQ(s.verdict, Verdict::Refused);
  for (auto [date, applies] :
       {std::pair{20088, false}, {20089, true}, {20300, true}, {20453, true}, {20454, false}}) {
    facts.date = date;
    evaluator.screen(facts, s);
    EXPECT_EQ(s.verdict, applies ? Verdict::Refused : Verdict::Permitted) << date;
  }
}

TEST(Screening, ScreeningReusesItsBuffers) {
  BundleBuilder bb;
  const auto a = bb.attr("a", ir::AttrType::Bool);
  for (int u = 0; u < 4; ++u) bb.unit(std::string("ZH3611022000") + std::to_string(u));
  bb.forbid("A-01", bb.boolAttr(a));
  bb.forbid("A-02", bb.Not(bb.boolAttr(a)));
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  facts.units = {0, 1, 2, 3};
  eval::Screening s;
  evaluator.screen(facts, s);
  const auto* findings = s.findings.data();
  const auto* units = s.units.data();
  for (int i = 0; i < 100; ++i) {
    testing::setBool(facts, a, i % 2 == 0);
    evaluator.screen(facts, s);
    ASSERT_EQ(s.findings.size(), 4u);
    EXPECT_EQ(s.findings.data(), findings);
    EXPECT_EQ(s.units.data(), units);
  }
}

TEST(Names, VerdictAndOutcomeNames) {
  EXPECT_STREQ(eval::verdictName(Verdict::Refused), "refused");
  EXPECT_STREQ(eval::verdictName(Verdict::Indeterminate), "indeterminate");
  EXPECT_STREQ(eval::verdictName(Verdict::Conditional), "conditional");
  EXPECT_STREQ(eval::verdictName(Verdict::Permitted), "permitted");
  EXPECT_STREQ(eval::outcomeName(Outcome::Refused), "refused");
  EXPECT_STREQ(eval::outcomeName(Outcome::NonCompliant), "non_compliant");
  EXPECT_STREQ(eval::outcomeName(Outcome::Obligation), "obligation");
  EXPECT_STREQ(eval::outcomeName(Outcome::Indeterminate), "indeterminate");
}

}  // namespace
}  // namespace zr

namespace zr {
namespace {

using eval::Outcome;
using eval::Truth;
using testing::BundleBuilder;

// ---- robustness: hand-made bundles with bad references fail closed, never crash -------------

TEST(EvaluatorRobustness, BadReferencesAreErrorsNotCrashes) {
  BundleBuilder bb;
  const auto a = bb.attr("a", ir::AttrType::Bool);
  bb.unit("ZH36110220001");
  ir::Node badAttr;
  badAttr.op = ir::NodeOp::BoolAttr;
  badAttr.attr = 99;
  const auto n1 = bb.node(badAttr);
  ir::Node badSet;
  badSet.op = ir::NodeOp::IndustryIn;
  badSet.attr = a;
  badSet.first = 42;
  const auto n2 = bb.node(badSet);
  ir::Node badChildren;
  badChildren.op = ir::NodeOp::And;
  badChildren.first = 1000;
  badChildren.count = 3;
  const auto n3 = bb.node(badChildren);
  ir::Node badExpr;
  badExpr.op = ir::NodeOp::CmpExpr;
  badExpr.first = 0;
  badExpr.count = 1;
  const auto n4 = bb.node(badExpr);
  bb.forbid("A", n1);
  bb.forbid("B", n2);
  bb.forbid("C", n3);
  bb.forbid("D", n4);
  bb.forbid("E", 12345);  // no such node
  const auto r = bb.require("F", bb.T(), bb.T());
  bb.ruleAt(r).requirement = ir::kNone;
  ir::Bundle bundle = bb.build();
  // A cycle: node n3's children range pointing at itself.
  bundle.children.push_back(n3);
  bundle.nodes[n3].first = static_cast<std::uint32_t>(bundle.children.size() - 1);
  bundle.nodes[n3].count = 1;
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  facts.units = {0};
  testing::setBool(facts, a, true);
  eval::Screening s;
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 6u);
  for (const auto& f : s.findings) {
    EXPECT_EQ(f.outcome, Outcome::Indeterminate) << bundle.rules[f.rule].id;
    EXPECT_TRUE(f.error) << bundle.rules[f.rule].id;
  }
  EXPECT_EQ(evaluator.evaluate(999999, facts, 0), Truth::Unknown);
  facts.slots.clear();   // fewer slots than attributes: every fact reads as unknown
  facts.units = {0, 7};  // a unit out of range is skipped
  evaluator.screen(facts, s);
  EXPECT_EQ(s.units.size(), 1u);
}

TEST(EvaluatorRobustness, SharedSubtreesAndDeepTrees) {
  BundleBuilder bb;
  const auto a = bb.attr("a", ir::AttrType::Bool);
  bb.unit("ZH36110220001");
  const auto leaf = bb.boolAttr(a);
  std::uint32_t shared = bb.And({leaf, leaf});
  for (int i = 0; i < 10; ++i) shared = bb.Or({shared, shared});  // a DAG: 2^10 paths
  std::uint32_t deep = leaf;
  for (int i = 0; i < 600; ++i) deep = bb.Not(deep);  // deeper than the evaluator allows
  std::uint32_t wide = leaf;
  for (int i = 0; i < 30; ++i) wide = bb.And({wide, wide});  // 2^30 ops if expanded
  bb.forbid("SHARED", shared);
  bb.forbid("DEEP", deep);
  bb.forbid("WIDE", wide);
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  facts.units = {0};
  testing::setBool(facts, a, true);
  EXPECT_EQ(evaluator.evaluate(shared, facts, 0), Truth::True);
  eval::Screening s;
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 3u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Refused);  // SHARED
  EXPECT_TRUE(s.findings[1].error);                    // DEEP: refused to lay out, fails closed
  EXPECT_TRUE(s.findings[2].error);                    // WIDE: too large once expanded
}

TEST(EvaluatorNodes, LongIndustrySetsUseBitmaps) {
  BundleBuilder bb;
  const auto ind = bb.attr("industry", ir::AttrType::IndustrySet);
  std::vector<std::uint32_t> divisions, leaves;
  for (int d = 10; d < 30; ++d) {
    const std::string code = std::string("C") + std::to_string(d);
    const auto division = bb.industry(code, "d");
    divisions.push_back(division);
    leaves.push_back(bb.industry(code + "1", "g", division));
  }
  const auto many =
      bb.industryIn(ind, std::vector<std::uint32_t>(divisions.begin(), divisions.begin() + 12));
  const auto notMany = bb.industryIn(
      ind, std::vector<std::uint32_t>(divisions.begin(), divisions.begin() + 12), true);
  bb.unit("ZH36110220001");
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  for (std::size_t i = 0; i < leaves.size(); ++i) {
    facts.industries.clear();
    testing::setIndustries(facts, ind, {leaves[i]});
    EXPECT_EQ(evaluator.evaluate(many, facts, 0), i < 12 ? Truth::True : Truth::False) << i;
    EXPECT_EQ(evaluator.evaluate(notMany, facts, 0), i < 12 ? Truth::False : Truth::True) << i;
  }
}

}  // namespace
}  // namespace zr

namespace zr {
namespace {

// The screening fast path (plain literals of a top-level conjunction, inline or spilled, capped)
// agrees with the general evaluator, including on non-finite facts.
TEST(ScreeningForms, LiteralConjunctionsOfEverySize) {
  BundleBuilder bb;
  std::vector<std::uint32_t> attrs;
  for (int i = 0; i < 300; ++i)
    attrs.push_back(bb.attr(fmt::format("n{}", i), ir::AttrType::Number));
  const auto flag = bb.attr("flag", ir::AttrType::Bool);
  bb.unit("ZH36110220001");
  auto conjunction = [&](int n) {
    std::vector<std::uint32_t> kids;
    for (int i = 0; i < n; ++i)
      kids.push_back(bb.cmp(attrs[i], i % 2 ? ir::Cmp::Lt : ir::Cmp::Ge, 1));
    kids.push_back(bb.Not(bb.boolAttr(flag)));
    return bb.group(ir::NodeOp::And, kids);
  };
  const std::vector<int> sizes = {1, 2, 3, 5, 40, 299};
  for (std::size_t r = 0; r < sizes.size(); ++r) {
    char id[8];
    std::snprintf(id, sizeof id, "L-%zu", r);
    bb.forbid(id, conjunction(sizes[r]));
  }
  const ir::Bundle bundle = bb.build();
  eval::Evaluator evaluator(bundle);
  eval::Facts facts;
  facts.reset(bundle.attributes.size());
  facts.units = {0};
  eval::Screening s;
  for (int i = 0; i < 300; ++i)
    testing::setNumber(facts, attrs[i], i % 2 ? 0 : 2);  // every literal holds
  testing::setBool(facts, flag, false);
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), sizes.size());
  for (const auto& f : s.findings) EXPECT_EQ(f.outcome, Outcome::Refused);
  testing::setNumber(facts, attrs[0], NAN);  // a non-finite fact: every rule errs
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), sizes.size());
  for (const auto& f : s.findings) {
    EXPECT_EQ(f.outcome, Outcome::Indeterminate);
    EXPECT_TRUE(f.error);
  }
  testing::setNumber(facts, attrs[0], 2);
  testing::setUnknown(facts, flag);
  testing::setNumber(facts, attrs[1], 5);  // breaks every rule of 2 literals or more
  evaluator.screen(facts, s);
  ASSERT_EQ(s.findings.size(), 1u);
  EXPECT_EQ(s.findings[0].outcome, Outcome::Indeterminate);  // L-0: n0 >= 1 and not flag(unknown)
  for (std::uint32_t r = 0; r < bundle.rules.size(); ++r) {
    const Truth t = evaluator.evaluate(bundle.rules[r].condition, facts, 0);
    EXPECT_EQ(t, r == 0 ? Truth::Unknown : Truth::False) << r;
  }
}

}  // namespace
}  // namespace zr
