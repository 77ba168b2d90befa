// The decision procedure on the Jiangxi example: every rule's condition (and, for a
// requirement, the condition with the requirement violated) and every pair of rules on a shared
// unit is decided; every witness, written as a descriptor, is replayed through the runtime.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>

#include "compiler/audit/Solver.h"
#include "compiler/driver/Compiler.h"
#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"

namespace zr::audit {
namespace {

double cpuMicros() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

class ExampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(ZR_SOURCE_DIR) / "examples/jiangxi";
    std::vector<std::string> paths;
    for (const char* dir : {"province", "shangrao"})
      for (const auto& entry : fs::directory_iterator(root / dir))
        if (entry.path().extension() == ".zr") paths.push_back(entry.path().string());
    std::sort(paths.begin(), paths.end());
    compilation_ = new driver::Compilation;
    bundle_ = new std::optional<ir::Bundle>(
        driver::compile(paths, {driver::defaultStdlibDir()}, *compilation_));
    if (*bundle_) {
      evaluator_ = new eval::Evaluator(**bundle_);
      parser_ = new eval::DescriptorParser(**bundle_);
    }
  }
  static void TearDownTestSuite() {
    delete parser_;
    delete evaluator_;
    delete bundle_;
    delete compilation_;
  }

  static const sema::Program& program() { return compilation_->program; }

  static OpenSetMembers membersOn(std::uint32_t unit) {
    return [unit](std::uint32_t openSet) {
      const std::uint32_t set = program().openSets.at(openSet);
      std::uint64_t mask = program().sets.at(set).mask;
      for (const auto& e : program().extensions)
        if (e.set == set && std::binary_search(e.units.begin(), e.units.end(), unit))
          mask |= e.mask;
      return mask;
    };
  }

  // The runtime's truth of a rule's condition (or requirement) on the witness at `unit`.
  static eval::Truth replay(std::uint32_t rule, bool requirement, const Assignment& witness,
                            std::uint32_t unit) {
    const sema::RuleInfo& info = program().rules[rule];
    const ir::Bundle& b = **bundle_;
    const auto it = std::find_if(b.rules.begin(), b.rules.end(),
                                 [&](const ir::Rule& r) { return r.id == info.id; });
    EXPECT_NE(it, b.rules.end());
    const std::string json = witnessJson(program(), witness, {program().units[unit].code});
    eval::Facts facts;
    const auto error = parser_->parse(json, facts);
    EXPECT_FALSE(error) << json;
    EXPECT_TRUE(facts.invalid.empty() && facts.warnings.empty()) << json;
    std::uint32_t bundleUnit = 0;
    while (b.units[bundleUnit].code != program().units[unit].code) ++bundleUnit;
    return evaluator_->evaluate(requirement ? it->requirement : it->condition, facts, bundleUnit);
  }

  static driver::Compilation* compilation_;
  static std::optional<ir::Bundle>* bundle_;
  static eval::Evaluator* evaluator_;
  static eval::DescriptorParser* parser_;
};

driver::Compilation* ExampleTest::compilation_ = nullptr;
std::optional<ir::Bundle>* ExampleTest::bundle_ = nullptr;
eval::Evaluator* ExampleTest::evaluator_ = nullptr;
eval::DescriptorParser* ExampleTest::parser_ = nullptr;

TEST_F(ExampleTest, WitnessesReplayThroughTheRuntime) {
  ASSERT_TRUE(bundle_->has_value());
  const Solver solver(program());
  int witnesses = 0, unknown = 0;
  for (std::uint32_t r = 0; r < program().rules.size(); ++r) {
    const sema::RuleInfo& rule = program().rules[r];
    if (rule.units.empty()) continue;
    const std::uint32_t unit = rule.units.front();
    const OpenSetMembers members = membersOn(unit);
    const Literal condition{&rule.condition, true};
    const SolveResult c = solver.satisfiable(std::span(&condition, 1), members);
    EXPECT_NE(c.answer, Answer::No) << rule.id << ": a condition no project meets";
    if (c.answer == Answer::Yes) {
      ++witnesses;
      EXPECT_EQ(replay(r, false, c.witness, unit), eval::Truth::True) << rule.id;
    }
    unknown += c.answer == Answer::Unknown;
    if (rule.effect != ir::Effect::Require) continue;
    const Literal violated[2] = {{&rule.condition, true}, {&rule.requirement, false}};
    const SolveResult v = solver.satisfiable(violated, members);
    if (v.answer == Answer::Yes) {
      ++witnesses;
      EXPECT_EQ(replay(r, false, v.witness, unit), eval::Truth::True) << rule.id;
      EXPECT_EQ(replay(r, true, v.witness, unit), eval::Truth::False) << rule.id;
    }
  }
  EXPECT_GT(witnesses, 20);
  EXPECT_EQ(unknown, 0);
}

TEST_F(ExampleTest, PairsOfRulesOnASharedUnit) {
  ASSERT_TRUE(bundle_->has_value());
  const Solver solver(program());
  int counterexamples = 0, implied = 0, queries = 0;
  double solving = 0;
  const auto& rules = program().rules;
  for (std::uint32_t x = 0; x < rules.size(); ++x)
    for (std::uint32_t y = 0; y < rules.size(); ++y) {
      if (x == y) continue;
      std::vector<std::uint32_t> shared;
      std::set_intersection(rules[x].units.begin(), rules[x].units.end(), rules[y].units.begin(),
                            rules[y].units.end(), std::back_inserter(shared));
      if (shared.empty()) continue;
      const OpenSetMembers members = membersOn(shared.front());
      const double before = cpuMicros();
      const SolveResult r = solver.implies(rules[x].condition, rules[y].condition, members);
      solving += cpuMicros() - before;
      ++queries;
      if (r.answer == Answer::No) {
        ++counterexamples;
        EXPECT_EQ(replay(x, false, r.witness, shared.front()), eval::Truth::True)
            << rules[x].id << " " << rules[y].id;
        EXPECT_EQ(replay(y, false, r.witness, shared.front()), eval::Truth::False)
            << rules[x].id << " " << rules[y].id;
      }
      implied += r.answer == Answer::Yes;
    }
  EXPECT_GT(counterexamples, 100);
  std::printf("%d queries (%.2f us CPU each): %d counterexamples replayed, %d implications\n",
              queries, solving / queries, counterexamples, implied);
}

}  // namespace
}  // namespace zr::audit
