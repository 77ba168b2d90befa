// Property tests of the decision procedure: seeded random conditions over a small schema,
// compared with brute-force enumeration over representative values (every region between the
// constants used, every class of industry codes the prefixes distinguish), and through the
// runtime evaluator on compiled rules. Every Yes witness is checked.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <random>

#include "compiler/sema/Sema.h"
#include "tests/unit/audit_solver_fixture.h"

namespace zr::audit {
namespace {

using testing::Compiled;

constexpr double kDay = 18628;  // 2021-01-01
const char* const kPool[] = {"flag",     "other_flag", "change",        "activity", "ratio", "vocs",
                             "approved", "industry",   "main_industry", "park",     "arith"};
const char* const kPrefixes[] = {"C", "C26", "C261", "C2614", "C30", "D"};
// One code per class of codes the prefixes above tell apart.
const char* const kClasses[] = {"C2614", "C2619", "C2621", "C", "C3011", "D4411"};

class Generator {
 public:
  Generator(const Compiled& c, std::uint64_t seed) : c_(c), rng_(seed) {}

  std::uint32_t below(std::uint32_t n) { return static_cast<std::uint32_t>(rng_() % n); }

  // A few attributes for the next case (the conditions only read these).
  void choosePool() {
    pool_.clear();
    const std::uint32_t size = 1 + below(3);
    while (pool_.size() < size) {
      const std::string name = kPool[below(std::size(kPool))];
      if (std::find(pool_.begin(), pool_.end(), name) == pool_.end()) pool_.push_back(name);
    }
  }

  sema::TExpr tree(std::uint32_t leaves) {
    sema::TExpr out;
    if (leaves == 1) {
      out = leaf();
    } else {
      out.op = below(2) ? ir::NodeOp::And : ir::NodeOp::Or;
      const std::uint32_t parts = std::min<std::uint32_t>(leaves, 2 + below(2));
      std::uint32_t left = leaves;
      for (std::uint32_t k = 0; k < parts; ++k) {
        const std::uint32_t share = k + 1 == parts ? left : 1 + below(left - (parts - k - 1));
        out.children.push_back(tree(share));
        left -= share;
      }
    }
    if (below(5) == 0) {
      sema::TExpr negation;
      negation.op = ir::NodeOp::Not;
      negation.children.push_back(std::move(out));
      return negation;
    }
    return out;
  }

 private:
  sema::TExpr leaf() {
    const std::string name = pool_[below(static_cast<std::uint32_t>(pool_.size()))];
    sema::TExpr e;
    static constexpr ir::Cmp kCmps[] = {ir::Cmp::Eq, ir::Cmp::Ne, ir::Cmp::Lt,
                                        ir::Cmp::Le, ir::Cmp::Gt, ir::Cmp::Ge};
    if (name == "arith") {
      e.op = ir::NodeOp::CmpExpr;
      e.cmp = kCmps[below(6)];
      e.lhs.op = ir::ValueOp::Attr;
      e.lhs.attr = c_.attr("ratio");
      sema::TValue other;
      other.op = ir::ValueOp::Attr;
      other.attr = c_.attr("ratio2");
      if (below(2)) {
        e.rhs = std::move(other);
      } else {
        e.rhs.op = ir::ValueOp::Add;
        e.rhs.operands.push_back(std::move(other));
        sema::TValue one;
        one.number = 1;
        e.rhs.operands.push_back(one);
      }
      return e;
    }
    e.attr = c_.attr(name);
    switch (c_.program().attributes[e.attr].type) {
      case ir::AttrType::Bool:
        e.op = ir::NodeOp::BoolAttr;
        break;
      case ir::AttrType::Enum:
      case ir::AttrType::EnumSet:
        e.negated = below(2);
        if (name == "activity" && below(4) == 0) {
          e.op = ir::NodeOp::OpenSetIn;
          e.openSet = 0;
          e.setName = "allowed";
        } else {
          e.op = ir::NodeOp::EnumIn;
          e.mask = 1 + below(7);
        }
        break;
      case ir::AttrType::Number:
      case ir::AttrType::Quantity:
      case ir::AttrType::Date:
        e.op = ir::NodeOp::CmpConst;
        e.cmp = kCmps[below(6)];
        e.number = name == "ratio" ? 1 + below(3) : name == "vocs" ? below(2) : kDay + below(3);
        break;
      case ir::AttrType::Industry:
      case ir::AttrType::IndustrySet: {
        e.op = ir::NodeOp::IndustryIn;
        e.negated = below(2);
        const std::uint32_t count = 1 + below(2);
        for (std::uint32_t k = 0; k < count; ++k)
          e.industries.push_back(c_.industry(kPrefixes[below(6)]));
        std::sort(e.industries.begin(), e.industries.end());
        e.industries.erase(std::unique(e.industries.begin(), e.industries.end()),
                           e.industries.end());
        break;
      }
      case ir::AttrType::String:
        e.op = ir::NodeOp::StringIn;
        e.negated = below(2);
        e.strings.push_back(below(2) ? "a" : "b");
        if (below(2)) e.strings.push_back(e.strings[0] == "a" ? "b" : "a");
        break;
    }
    return e;
  }

  const Compiled& c_;
  std::mt19937_64 rng_;
  std::vector<std::string> pool_;
};

void readAttrs(const sema::TValue& v, std::vector<std::uint32_t>& out) {
  if (v.op == ir::ValueOp::Attr) out.push_back(v.attr);
  for (const auto& o : v.operands) readAttrs(o, out);
}

void readAttrs(const sema::TExpr& e, std::vector<std::uint32_t>& out) {
  if (e.op == ir::NodeOp::CmpExpr) {
    readAttrs(e.lhs, out);
    readAttrs(e.rhs, out);
  } else if (e.attr != sema::kNone) {
    out.push_back(e.attr);
  }
  for (const auto& child : e.children) readAttrs(child, out);
}

bool hasArithmetic(const sema::TExpr& e) {
  if (e.op == ir::NodeOp::CmpExpr) return true;
  return std::any_of(e.children.begin(), e.children.end(), hasArithmetic);
}

// Representative values of an attribute: one per region the generated constants delimit.
std::vector<WitnessValue> representatives(const Compiled& c, std::uint32_t attr) {
  const sema::AttributeInfo& info = c.program().attributes[attr];
  std::vector<WitnessValue> out;
  auto add = [&](auto&& fill) {
    WitnessValue v;
    v.type = info.type;
    fill(v);
    out.push_back(std::move(v));
  };
  const std::string& name = info.decl->name;
  switch (info.type) {
    case ir::AttrType::Bool:
      for (bool b : {false, true}) add([&](WitnessValue& v) { v.boolean = b; });
      break;
    case ir::AttrType::Enum:
      for (std::uint64_t m : {1, 2, 4}) add([&](WitnessValue& v) { v.mask = m; });
      break;
    case ir::AttrType::EnumSet:
      for (std::uint64_t m = 0; m < 8; ++m) add([&](WitnessValue& v) { v.mask = m; });
      break;
    case ir::AttrType::Number:
      for (double x : {0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5})
        add([&](WitnessValue& v) { v.number = x; });
      break;
    case ir::AttrType::Quantity:
      for (double x : {-0.5, 0.0, 0.5, 1.0, 1.5}) add([&](WitnessValue& v) { v.number = x; });
      (void)name;
      break;
    case ir::AttrType::Date:
      for (double d = kDay - 1; d <= kDay + 3; ++d) add([&](WitnessValue& v) { v.number = d; });
      break;
    case ir::AttrType::Industry:
      for (std::uint32_t i = 0; i < c.program().industries.size(); ++i)
        add([&](WitnessValue& v) { v.industries = {i}; });
      break;
    case ir::AttrType::IndustrySet:
      for (std::uint32_t subset = 0; subset < 64; ++subset)
        add([&](WitnessValue& v) {
          for (std::uint32_t k = 0; k < 6; ++k)
            if (subset >> k & 1) v.industries.push_back(c.industry(kClasses[k]));
        });
      break;
    case ir::AttrType::String:
      for (const char* s : {"a", "b", "zz"}) add([&](WitnessValue& v) { v.string = s; });
      break;
  }
  return out;
}

// Calls `visit` with every combination of representative values of `attrs`.
template <typename Visit>
void enumerate(const Compiled& c, std::vector<std::uint32_t> attrs, Visit&& visit) {
  std::sort(attrs.begin(), attrs.end());
  attrs.erase(std::unique(attrs.begin(), attrs.end()), attrs.end());
  std::vector<std::vector<WitnessValue>> values;
  for (std::uint32_t a : attrs) values.push_back(representatives(c, a));
  Assignment assignment;
  std::vector<std::size_t> at(attrs.size(), 0);
  for (;;) {
    for (std::size_t k = 0; k < attrs.size(); ++k) assignment[attrs[k]] = values[k][at[k]];
    if (!visit(assignment)) return;
    std::size_t k = 0;
    while (k < at.size() && ++at[k] == values[k].size()) at[k++] = 0;
    if (k == at.size()) return;
  }
}

std::string ruleId(int k) {
  std::string id = "G";
  id += std::to_string(k);
  return id;
}

class SolverPropertyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { compiled_ = new Compiled(""); }
  static void TearDownTestSuite() {
    delete compiled_;
    compiled_ = nullptr;
  }
  static Compiled* compiled_;
};

Compiled* SolverPropertyTest::compiled_ = nullptr;

TEST_F(SolverPropertyTest, SatisfiabilityAndImplicationMatchBruteForce) {
  const Compiled& c = *compiled_;
  ASSERT_TRUE(c.ok());
  const Solver solver(c.program());
  const OpenSetMembers members = c.membersOn("ZH36110220001");
  Generator gen(c, 20261128);
  int counts[2][3] = {};  // [implication][answer]
  for (int round = 0; round < 4000; ++round) {
    gen.choosePool();
    const bool implication = round % 2 == 1;
    const sema::TExpr a = gen.tree(1 + gen.below(6)), b = gen.tree(1 + gen.below(6));
    std::vector<Literal> literals = {{&a, true}};
    if (implication)
      literals.push_back({&b, false});
    else if (gen.below(2))
      literals.push_back({&b, gen.below(2) == 1});
    std::vector<std::uint32_t> attrs;
    for (const Literal& l : literals) readAttrs(*l.expr, attrs);
    bool found = false;
    enumerate(c, attrs, [&](const Assignment& w) {
      found = std::all_of(literals.begin(), literals.end(), [&](const Literal& l) {
        return solver.evaluate(*l.expr, w, members) == l.positive;
      });
      return !found;
    });
    const SolveResult r =
        implication ? solver.implies(a, b, members) : solver.satisfiable(literals, members);
    const Answer sat = implication ? (r.answer == Answer::Yes  ? Answer::No
                                      : r.answer == Answer::No ? Answer::Yes
                                                               : r.answer)
                                   : r.answer;
    ++counts[implication][static_cast<int>(r.answer)];
    const std::string text =
        sema::conditionText(c.program(), a) + " | " + sema::conditionText(c.program(), b);
    const bool arithmetic = hasArithmetic(a) || (literals.size() > 1 && hasArithmetic(b));
    if (!arithmetic) {
      ASSERT_EQ(sat, found ? Answer::Yes : Answer::No) << "round " << round << ": " << text;
    } else {
      if (found) {
        ASSERT_NE(sat, Answer::No) << "round " << round << ": " << text;
      }
      if (sat == Answer::Unknown) {
        ASSERT_FALSE(r.inexact.empty());
        if (std::getenv("ZR_SOLVER_VERBOSE"))
          std::printf("unknown (%s): %s\n", found ? "sat" : "unsat", text.c_str());
      }
    }
    if (sat == Answer::Yes) {
      for (const Literal& l : literals)
        ASSERT_EQ(solver.evaluate(*l.expr, r.witness, members), l.positive)
            << "round " << round << ": " << text;
      // Every attribute the query reads is given.
      for (std::uint32_t attr : attrs) ASSERT_TRUE(r.witness.contains(attr)) << text;
    }
  }
  // The generator produces every kind of answer.
  std::printf("satisfiable: %d yes, %d no, %d unknown; implies: %d yes, %d no, %d unknown\n",
              counts[0][0], counts[0][1], counts[0][2], counts[1][0], counts[1][1], counts[1][2]);
  for (int i = 0; i < 2; ++i) {
    EXPECT_GT(counts[i][static_cast<int>(Answer::Yes)], 100);
    EXPECT_GT(counts[i][static_cast<int>(Answer::No)], 100);
  }
}

TEST_F(SolverPropertyTest, CompiledRulesAgreeWithTheRuntimeEvaluator) {
  // Random conditions printed as source, compiled, then decided on the compiled program and
  // checked against the runtime's own evaluation of the descriptors the witnesses give.
  Generator gen(*compiled_, 7);
  std::string rules;
  constexpr int kRules = 150;
  for (int k = 0; k < kRules; ++k) {
    gen.choosePool();
    const sema::TExpr e = gen.tree(1 + gen.below(6));
    rules += "rule " + ruleId(k) + " layout \"t\": forbid " +
             sema::conditionText(compiled_->program(), e) + " cite \"x\"\n";
  }
  const Compiled c(rules);
  ASSERT_TRUE(c.ok());
  const Solver solver(c.program());
  const std::string unit = "ZH36110220001";
  const OpenSetMembers members = c.membersOn(unit);
  int yes = 0, no = 0;
  for (int k = 0; k < kRules; ++k) {
    const std::string id = ruleId(k);
    const sema::TExpr& condition = c.condition(id);
    std::vector<std::uint32_t> attrs;
    readAttrs(condition, attrs);
    bool found = false;
    std::size_t visited = 0;
    enumerate(c, attrs, [&](const Assignment& w) {
      const eval::Truth truth = c.replay(id, witnessJson(c.program(), w, {unit}), unit);
      EXPECT_EQ(solver.evaluate(condition, w, members), truth == eval::Truth::True) << id;
      found = found || truth == eval::Truth::True;
      return ++visited < 600;
    });
    const Literal literal{&condition, true};
    const SolveResult r = solver.satisfiable(std::span(&literal, 1), members);
    if (r.answer == Answer::Yes) {
      ++yes;
      EXPECT_EQ(c.replay(id, witnessJson(c.program(), r.witness, {unit}), unit), eval::Truth::True)
          << id;
    } else if (r.answer == Answer::No) {
      ++no;
      EXPECT_FALSE(found) << id << ": " << sema::conditionText(c.program(), condition);
    }
  }
  EXPECT_GT(yes, 20);
  EXPECT_GT(no, 5);
}

}  // namespace
}  // namespace zr::audit

namespace zr::audit {
namespace {

TEST_F(SolverPropertyTest, TypicalQueriesTakeMicroseconds) {
  // Pairs of conditions with 5–10 leaves each, as the audit compares two rules: reported, and
  // bounded loosely so that only a gross regression fails (the machine may be busy).
  const Compiled& c = *compiled_;
  const Solver solver(c.program());
  const OpenSetMembers members = c.membersOn("ZH36110220001");
  Generator gen(c, 99);
  std::vector<std::pair<sema::TExpr, sema::TExpr>> pairs;
  for (int k = 0; k < 2000; ++k) {
    gen.choosePool();
    pairs.emplace_back(gen.tree(5 + gen.below(6)), gen.tree(5 + gen.below(6)));
  }
  // CPU time of this thread: the machine may be shared, wall time would count the others.
  auto cpu = [] {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
  };
  const double start = cpu();
  std::size_t queries = 0, decided = 0;
  for (int repeat = 0; repeat < 5; ++repeat)
    for (const auto& [a, b] : pairs) {
      const Literal both[2] = {{&a, true}, {&b, true}};
      decided += solver.satisfiable(both, members).answer != Answer::Unknown;
      decided += solver.implies(a, b, members).answer != Answer::Unknown;
      queries += 2;
    }
  const double micros = (cpu() - start) / static_cast<double>(queries);
  std::printf("%zu queries, %zu decided exactly, %.2f us CPU per query\n", queries, decided,
              micros);
  EXPECT_LT(micros, 200.0);
}

}  // namespace
}  // namespace zr::audit
