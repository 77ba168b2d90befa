// The audit's decision procedure on hand-written conditions: every attribute type, bounds,
// the industry hierarchy, sets, arithmetic, implication, witnesses and their descriptors.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "tests/unit/audit_solver_fixture.h"

namespace zr::audit {
namespace {

using testing::Compiled;

// Each rule's condition is one test case: `forbid COND`.
const std::map<std::string, std::string> kConditions = {
    {"N-GT", "project.ratio > 2.0"},
    {"N-OPEN", "project.ratio > 1.5 and project.ratio < 2.0"},
    {"N-EMPTY", "project.ratio > 2 and project.ratio <= 2"},
    {"N-POINT", "project.ratio >= 2 and project.ratio <= 2"},
    {"N-POINT-NE", "project.ratio >= 2 and project.ratio <= 2 and project.ratio != 2"},
    {"N-NE", "project.ratio >= 1 and project.ratio <= 2 and project.ratio != 1"},
    {"N-ADJ-OR", "project.ratio < 1 or project.ratio >= 1"},
    {"N-ADJ-AND", "project.ratio < 1 and project.ratio >= 1"},
    {"N-NOT", "not (project.ratio < 1 or project.ratio > 3) and project.ratio != 1"},
    {"N-NEG", "project.ratio < 2.5 and not (project.ratio >= 0)"},
    {"Q-GT0", "project.vocs > 0 t/a"},
    {"Q-GE", "project.distance >= 1 km"},
    {"Q-M", "project.distance >= 500 m and project.distance < 1 km"},
    {"D-DAY", "project.approved >= 2021-01-01 and project.approved < 2021-01-02"},
    {"D-GAP", "project.approved > 2021-01-01 and project.approved < 2021-01-02"},
    {"D-BEFORE", "project.approved < 2020-03-01"},
    {"B-BOTH", "project.flag and not project.flag"},
    {"B-ONE", "project.flag and project.other_flag == false"},
    {"E-NE", "project.change in {new, expansion} and project.change != new"},
    {"E-TWO", "project.change == new and project.change == expansion"},
    {"S-TWO", "project.activity in {research} and project.activity in {tourism}"},
    {"S-NONE", "project.activity in {research} and project.activity not in {research, tourism}"},
    {"S-EMPTY", "project.activity not in {restoration, research, tourism}"},
    {"S-NE", "project.activity != research and project.activity in {research, tourism}"},
    {"I-EXCEPT", "project.industry in {C26} and project.industry not in {C261}"},
    {"I-TWO", "project.industry in {C26} and project.industry in {C30}"},
    {"I-ALL", "project.industry in {C} and project.industry not in {C}"},
    {"I-NESTED", "project.industry in {C26} and project.industry in {C2614}"},
    {"M-TWO", "project.main_industry in {C26} and project.main_industry in {C30}"},
    {"M-INNER", "project.main_industry in {C26} and project.main_industry not in {C261, C262}"},
    {"M-NESTED", "project.main_industry in {C26, D} and project.main_industry in {C2614, D44}"},
    {"STR-NE", "project.park in {\"A\", \"B\"} and project.park != \"A\""},
    {"STR-FREE", "project.park not in {\"other\"}"},
    {"STR-TWO", "project.park == \"A\" and project.park == \"B\""},
    {"O-IN", "project.activity in allowed and project.activity not in {restoration}"},
    {"X-GT", "project.ratio > project.ratio2"},
    {"X-BOTH", "project.ratio > project.ratio2 and project.ratio2 > project.ratio"},
    {"X-SQUARE", "project.ratio * project.ratio == 2"},
    {"X-MIXED", "project.ratio >= 2 and project.ratio2 < 1 and project.ratio > project.ratio2 * 3"},
    {"L-SUM50", "project.vocs + project.nox <= 50 t/a"},
    {"L-SUM100", "project.nox + project.vocs <= 100000 kg/a"},
    {"L-OVER", "project.vocs + project.nox > 100 t/a"},
    {"L-SHIFT", "project.ratio > project.ratio2 + 1 and not (project.ratio2 < project.ratio)"},
    {"P-STRICT", "project.vocs > 0 t/a and project.ratio >= 2.5"},
    {"P-LOOSE", "project.vocs > 0 t/a and project.ratio >= 2"},
    {"P-C2614", "project.industry in {C2614}"},
    {"P-C26", "project.industry in {C26}"},
    {"P-CASES",
     "(project.ratio2 < 1 or project.ratio2 > 5) and (project.vocs < 1 t/a or project.vocs > 5 "
     "t/a) and "
     "(project.distance < 1 km or project.distance > 5 km) and (project.ratio < 1 or project.ratio "
     "> 5) "
     "and project.ratio > 1 and project.ratio < 5"},
    {"P-SPLITS",
     "(project.ratio < 1 or project.ratio > 5) and (project.ratio2 < 1 or project.ratio2 > 5)"},
};

class SolverTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string rules;
    for (const auto& [id, condition] : kConditions)
      rules += "rule " + id + " layout \"t\": forbid " + condition + " cite \"x\"\n";
    compiled_ = new Compiled(rules);
  }
  static void TearDownTestSuite() {
    delete compiled_;
    compiled_ = nullptr;
  }

  const Compiled& c() const { return *compiled_; }

  SolveResult sat(const std::string& id, const std::string& unit = "ZH36110220001") const {
    Solver solver(c().program());
    const Literal literal{&c().condition(id), true};
    SolveResult r = solver.satisfiable(std::span(&literal, 1), c().membersOn(unit));
    if (r.answer == Answer::Yes) {
      // The witness, as a descriptor, makes the runtime find the condition true.
      const std::string json = witnessJson(c().program(), r.witness, {unit});
      EXPECT_EQ(c().replay(id, json, unit), eval::Truth::True) << id << ": " << json;
    }
    return r;
  }

  std::string json(const SolveResult& r) const {
    return witnessJson(c().program(), r.witness, {"ZH36110220001"});
  }

  static Compiled* compiled_;
};

Compiled* SolverTest::compiled_ = nullptr;

WitnessValue valueOf(ir::AttrType type) {
  WitnessValue v;
  v.type = type;
  return v;
}

constexpr const char* kSite = R"({"site":{"units":["ZH36110220001"]},)";

TEST_F(SolverTest, NumbersPreferIntegersThenFewDecimals) {
  ASSERT_TRUE(c().ok());
  EXPECT_EQ(json(sat("N-GT")), std::string(kSite) + R"("ratio":3})");
  EXPECT_EQ(json(sat("N-OPEN")), std::string(kSite) + R"("ratio":1.6})");
  EXPECT_EQ(json(sat("N-POINT")), std::string(kSite) + R"("ratio":2})");
  EXPECT_EQ(json(sat("N-NE")), std::string(kSite) + R"("ratio":2})");
  EXPECT_EQ(json(sat("N-NEG")), std::string(kSite) + R"("ratio":-1})");
  EXPECT_EQ(json(sat("N-NOT")), std::string(kSite) + R"("ratio":2})");
}

TEST_F(SolverTest, OpenAndClosedBoundsAndExclusions) {
  EXPECT_EQ(sat("N-EMPTY").answer, Answer::No);
  EXPECT_EQ(sat("N-POINT-NE").answer, Answer::No);
  EXPECT_EQ(sat("N-ADJ-AND").answer, Answer::No);
  EXPECT_EQ(sat("N-ADJ-OR").answer, Answer::Yes);
}

TEST_F(SolverTest, QuantitiesAreWrittenInTheirCanonicalUnit) {
  EXPECT_EQ(json(sat("Q-GT0")), std::string(kSite) + R"("vocs":"1 t/a"})");
  EXPECT_EQ(json(sat("Q-GE")), std::string(kSite) + R"("distance":"1 km"})");
  EXPECT_EQ(json(sat("Q-M")), std::string(kSite) + R"("distance":"0.5 km"})");
}

TEST_F(SolverTest, DatesAreWholeDays) {
  EXPECT_EQ(json(sat("D-DAY")), std::string(kSite) + R"("approved":"2021-01-01"})");
  EXPECT_EQ(sat("D-GAP").answer, Answer::No);
  EXPECT_EQ(json(sat("D-BEFORE")), std::string(kSite) + R"("approved":"2020-02-29"})");
}

TEST_F(SolverTest, BooleansAndEnums) {
  EXPECT_EQ(sat("B-BOTH").answer, Answer::No);
  EXPECT_EQ(json(sat("B-ONE")), std::string(kSite) + R"("flag":true,"other_flag":false})");
  EXPECT_EQ(json(sat("E-NE")), std::string(kSite) + R"("change":"expansion"})");
  EXPECT_EQ(sat("E-TWO").answer, Answer::No);
}

TEST_F(SolverTest, EnumSetsNeedAnElementPerPositiveConstraint) {
  EXPECT_EQ(json(sat("S-TWO")), std::string(kSite) + R"("activity":["research","tourism"]})");
  EXPECT_EQ(sat("S-NONE").answer, Answer::No);
  EXPECT_EQ(json(sat("S-EMPTY")), std::string(kSite) + R"("activity":[]})");
  EXPECT_EQ(json(sat("S-NE")), std::string(kSite) + R"("activity":["tourism"]})");
}

TEST_F(SolverTest, IndustryPrefixesFollowTheHierarchy) {
  EXPECT_EQ(json(sat("I-EXCEPT")), std::string(kSite) + R"("industry":["C2621"]})");
  EXPECT_EQ(json(sat("I-TWO")), std::string(kSite) + R"("industry":["C2614","C3011"]})");
  EXPECT_EQ(sat("I-ALL").answer, Answer::No);
  EXPECT_EQ(json(sat("I-NESTED")), std::string(kSite) + R"("industry":["C2614"]})");
  // One code cannot lie under two disjoint prefixes; an inner node is a value of its own.
  EXPECT_EQ(sat("M-TWO").answer, Answer::No);
  EXPECT_EQ(json(sat("M-INNER")), std::string(kSite) + R"("main_industry":"C26"})");
  EXPECT_EQ(json(sat("M-NESTED")), std::string(kSite) + R"("main_industry":"C2614"})");
}

TEST_F(SolverTest, Strings) {
  EXPECT_EQ(json(sat("STR-NE")), std::string(kSite) + R"("park":"B"})");
  EXPECT_EQ(json(sat("STR-FREE")), std::string(kSite) + R"("park":"other 2"})");
  EXPECT_EQ(sat("STR-TWO").answer, Answer::No);
}

TEST_F(SolverTest, OpenSetsUseTheUnitsMembers) {
  // restoration is a base member; research is added on unit B only.
  EXPECT_EQ(json(sat("O-IN", "ZH36110220001")), std::string(kSite) + R"("activity":["research"]})");
  EXPECT_EQ(sat("O-IN", "ZH36110210001").answer, Answer::No);
}

TEST_F(SolverTest, ArithmeticIsVerifiedOrReportedAsNotExact) {
  const SolveResult gt = sat("X-GT");
  ASSERT_EQ(gt.answer, Answer::Yes);
  EXPECT_GT(gt.witness.at(c().attr("ratio")).number, gt.witness.at(c().attr("ratio2")).number);
  EXPECT_EQ(sat("X-BOTH").answer, Answer::No);  // the same operands, contradictory signs
  EXPECT_EQ(sat("X-MIXED").answer, Answer::Yes);
  const SolveResult square = sat("X-SQUARE");
  ASSERT_EQ(square.answer, Answer::Unknown);
  ASSERT_EQ(square.inexact.size(), 1u);
  EXPECT_EQ(square.inexact[0].reason,
            "compares arithmetic between attributes; not decided exactly");
  EXPECT_EQ(square.inexact[0].span.line, c().condition("X-SQUARE").span.line);
}

TEST_F(SolverTest, LinearExpressionsMeetAsIntervals) {
  Solver solver(c().program());
  const auto none = c().membersOn("ZH36110220001");
  // The same sum in another order and unit: its bounds compare.
  EXPECT_EQ(solver.implies(c().condition("L-SUM50"), c().condition("L-SUM100"), none).answer,
            Answer::Yes);
  const SolveResult r = solver.implies(c().condition("L-SUM100"), c().condition("L-SUM50"), none);
  ASSERT_EQ(r.answer, Answer::No);
  const std::string descriptor = json(r);
  EXPECT_EQ(descriptor, std::string(kSite) + R"("vocs":"51 t/a","nox":"0 kg/a"})");
  EXPECT_EQ(c().replay("L-SUM100", descriptor, "ZH36110220001"), eval::Truth::True);
  EXPECT_EQ(c().replay("L-SUM50", descriptor, "ZH36110220001"), eval::Truth::False);
  EXPECT_EQ(json(sat("L-OVER")), std::string(kSite) + R"("vocs":"101 t/a","nox":"0 kg/a"})");
  EXPECT_EQ(sat("L-SHIFT").answer, Answer::No);  // a - b > 1 and a - b <= 0
}

TEST_F(SolverTest, Implication) {
  Solver solver(c().program());
  const auto none = c().membersOn("ZH36110220001");
  EXPECT_EQ(solver.implies(c().condition("P-STRICT"), c().condition("P-LOOSE"), none).answer,
            Answer::Yes);
  const SolveResult r = solver.implies(c().condition("P-LOOSE"), c().condition("P-STRICT"), none);
  ASSERT_EQ(r.answer, Answer::No);
  EXPECT_EQ(json(r), std::string(kSite) + R"("ratio":2,"vocs":"1 t/a"})");
  EXPECT_EQ(solver.evaluate(c().condition("P-LOOSE"), r.witness, none), true);
  EXPECT_EQ(solver.evaluate(c().condition("P-STRICT"), r.witness, none), false);
  EXPECT_EQ(solver.implies(c().condition("P-C2614"), c().condition("P-C26"), none).answer,
            Answer::Yes);
  const SolveResult back = solver.implies(c().condition("P-C26"), c().condition("P-C2614"), none);
  ASSERT_EQ(back.answer, Answer::No);
  EXPECT_EQ(json(back), std::string(kSite) + R"("industry":["C2619"]})");
  // Arithmetic on both sides with the same operands: decided without a witness.
  EXPECT_EQ(solver.implies(c().condition("X-GT"), c().condition("X-GT"), none).answer, Answer::Yes);
  EXPECT_NE(solver.implies(c().condition("X-MIXED"), c().condition("X-GT"), none).answer,
            Answer::No);
}

TEST_F(SolverTest, TooManyCasesIsUnknown) {
  // A disjunction none of whose cases fits the box is refuted before the others are split.
  const Literal cases{&c().condition("P-CASES"), true};
  EXPECT_EQ(Solver(c().program(), {.maxBoxes = 4}).satisfiable(std::span(&cases, 1), {}).answer,
            Answer::No);
  const Literal splits{&c().condition("P-SPLITS"), true};
  EXPECT_EQ(Solver(c().program()).satisfiable(std::span(&splits, 1), {}).answer, Answer::Yes);
  const SolveResult capped =
      Solver(c().program(), {.maxBoxes = 1}).satisfiable(std::span(&splits, 1), {});
  ASSERT_EQ(capped.answer, Answer::Unknown);
  ASSERT_FALSE(capped.inexact.empty());
  EXPECT_EQ(capped.inexact[0].reason, "too many cases (more than 1); not decided exactly");
}

TEST_F(SolverTest, AHardQueryStopsWithinItsBudget) {
  // Pigeonhole: twelve disjunctions "some of six numbers equals i", each number equal to one i.
  sema::TExpr all;
  all.op = ir::NodeOp::And;
  const char* numbers[] = {"ratio", "ratio2", "vocs", "distance", "nox", "approved"};
  for (int i = 0; i < 12; ++i) {
    sema::TExpr some;
    some.op = ir::NodeOp::Or;
    for (const char* name : numbers) {
      sema::TExpr equal;
      equal.op = ir::NodeOp::CmpConst;
      equal.cmp = ir::Cmp::Eq;
      equal.attr = c().attr(name);
      equal.number = 18628 + i;
      some.children.push_back(equal);
    }
    all.children.push_back(some);
  }
  const Literal literal{&all, true};
  const auto start = std::chrono::steady_clock::now();
  const SolveResult r = Solver(c().program()).satisfiable(std::span(&literal, 1), {});
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_NE(r.answer, Answer::Yes);
  if (r.answer == Answer::Unknown) {
    EXPECT_EQ(r.inexact.at(0).reason, "too many cases (more than 4096); not decided exactly");
  }
  EXPECT_LT(elapsed, std::chrono::seconds(1));
}

TEST_F(SolverTest, EvaluateIsTwoValuedOnlyWhenKnown) {
  Solver solver(c().program());
  Assignment a;
  EXPECT_EQ(solver.evaluate(c().condition("N-GT"), a, {}), std::nullopt);
  a[c().attr("ratio")] = valueOf(ir::AttrType::Number);
  a[c().attr("ratio")].number = 2.5;
  EXPECT_EQ(solver.evaluate(c().condition("N-GT"), a, {}), true);
  // `false and unknown` is false (Kleene), as in the evaluator.
  EXPECT_EQ(solver.evaluate(c().condition("P-STRICT"), a, {}), std::nullopt);
  a[c().attr("ratio")].number = 1;
  EXPECT_EQ(solver.evaluate(c().condition("P-STRICT"), a, {}), false);
}

TEST_F(SolverTest, WitnessJsonIsCompactAndInSchemaOrder) {
  Assignment a;
  (a[c().attr("park")] = valueOf(ir::AttrType::String)).string = "园区\"1\"";
  (a[c().attr("flag")] = valueOf(ir::AttrType::Bool)).boolean = true;
  (a[c().attr("activity")] = valueOf(ir::AttrType::EnumSet)).mask = 0b101;
  (a[c().attr("change")] = valueOf(ir::AttrType::Enum)).mask = 0b100;
  (a[c().attr("vocs")] = valueOf(ir::AttrType::Quantity)).number = 0.25;
  EXPECT_EQ(
      witnessJson(c().program(), a, {"ZH36110210001", "ZH36110220001"}),
      R"({"site":{"units":["ZH36110210001","ZH36110220001"]},"flag":true,"change":"renovation",)"
      R"("activity":["restoration","tourism"],"vocs":"0.25 t/a","park":"园区\"1\""})");
}

}  // namespace
}  // namespace zr::audit
