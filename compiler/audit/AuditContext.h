// What every audit check shares: the combined program (province + city), its dependency graph,
// the decision procedure, the replay of witnesses, and per-rule facts derived once (the
// condition under which a rule refuses, the units where it is in force after refinement).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <mutex>
#include <string>
#include <vector>

#include "compiler/audit/DepGraph.h"
#include "compiler/audit/Finding.h"
#include "compiler/audit/Replay.h"
#include "compiler/audit/Solver.h"
#include "compiler/sema/Program.h"

namespace zr::audit {

// Units that see the same members in every open set a question reads: one solver call
// answers for all of them.
struct UnitGroup {
  std::vector<std::uint32_t> units;  // sorted; units.front() is the representative
};

class AuditContext {
 public:
  AuditContext(const sema::Program& program, const DependencyGraph& graph, const Solver& solver,
               Replayer& replayer);

  const sema::Program& program() const { return program_; }
  const DependencyGraph& graph() const { return graph_; }
  const Solver& solver() const { return solver_; }
  Replayer& replayer() { return replayer_; }

  // A list written at city level (the side under audit).
  bool isCityList(std::uint32_t list) const;
  bool isCityRule(std::uint32_t rule) const { return isCityList(program_.rules[rule].list); }
  // False for a rule whose condition could not be checked (it uses a definition in a cycle).
  bool analyzable(std::uint32_t rule) const { return analyzable_[rule]; }
  void markUnanalyzable(std::uint32_t rule) { analyzable_[rule] = false; }

  // The condition under which the rule refuses a fully-described project: forbid C ∧ ¬E,
  // require C ∧ ¬K.
  const sema::TExpr& refusal(std::uint32_t rule) const { return refusal_[rule]; }
  // The units on which the rule is in force: its scope minus the units where a refine
  // replaces it.
  const std::vector<std::uint32_t>& effectiveUnits(std::uint32_t rule) const {
    return effective_[rule];
  }
  // The rules refining `rule`.
  const std::vector<std::uint32_t>& refinedBy(std::uint32_t rule) const { return refinedBy_[rule]; }

  // Open-set members on one unit (base members plus the extensions applying there).
  OpenSetMembers openSetsOn(std::uint32_t unit) const;
  // Partitions `units` by the members of the open sets that the given rules read.
  std::vector<UnitGroup> groupUnits(const std::vector<std::uint32_t>& units,
                                    const std::vector<std::uint32_t>& rules) const;

  // Replays `witness` (descriptor sited on witness.unit) and checks every claim; on success
  // fills witness.replay and returns true. A failed replay is recorded as an internal error
  // and the caller drops the finding.
  bool confirm(Witness& witness, const std::vector<Claim>& claims, const std::string& context);
  std::vector<std::string> internalErrors() const { return internalErrors_; }

  // A descriptor for the assignment on one unit, with a screening date when one is needed.
  std::string descriptor(const Assignment& assignment, std::uint32_t unit,
                         std::int32_t date = INT32_MIN) const;

  std::string unitCode(std::uint32_t unit) const { return program_.units[unit].code; }
  std::string ruleLabel(std::uint32_t rule) const;  // "province rule JX-K-07"
  std::string levelName(std::uint32_t rule) const;  // "province", "city", "nation"

  // City rules that already carry a finding saying they cannot decide anything (dead,
  // shadowed): later checks do not report them again as redundant.
  void markExplained(std::uint32_t rule) { explained_[rule] = true; }
  bool explained(std::uint32_t rule) const { return explained_[rule]; }

  // Rule pairs from the graph worth comparing: at least one city rule, both analyzable.
  const std::vector<RulePair>& pairs() const { return pairs_; }
  void setPairs(std::vector<RulePair> pairs) { pairs_ = std::move(pairs); }

  // Solver calls, counted (statistics) and with Unknown answers tallied.
  SolveResult satisfiable(std::initializer_list<Literal> literals, std::uint32_t unit);
  SolveResult implies(const sema::TExpr& premise, const sema::TExpr& conclusion,
                      std::uint32_t unit);
  std::size_t queries() const { return queries_.load(); }
  std::size_t undecided() const { return undecided_.load(); }

 private:
  const sema::Program& program_;
  const DependencyGraph& graph_;
  const Solver& solver_;
  Replayer& replayer_;
  std::vector<bool> analyzable_;
  std::vector<sema::TExpr> refusal_;
  std::vector<std::vector<std::uint32_t>> effective_, refinedBy_;
  std::vector<std::vector<std::uint32_t>> ruleOpenSets_;  // open sets each rule reads
  // Per open set: (unit, extra mask) sorted by unit.
  std::vector<std::vector<std::pair<std::uint32_t, std::uint64_t>>> openSetUnits_;
  std::vector<std::string> internalErrors_;
  std::vector<RulePair> pairs_;
  std::vector<bool> explained_;  // per rule
  // Checks may run on two threads (Audit.cpp): the counters and the replay are shared.
  std::atomic<std::size_t> queries_{0}, undecided_{0};
  std::mutex replayMutex_;
};

// Both rules in force on some common day.
bool windowsOverlap(const sema::RuleInfo& a, const sema::RuleInfo& b);
// The windows of `inner` lie within those of `outer`.
bool windowWithin(const sema::RuleInfo& inner, const sema::RuleInfo& outer);
// A screening date on which both rules are in force, or INT32_MIN (no date: every rule applies)
// when neither has effective dates.
std::int32_t screeningDay(const sema::RuleInfo& a, const sema::RuleInfo& b);
// The reasons of an Unknown answer, joined for a report.
std::string inexactText(const SolveResult& result);

// Sorted-vector helpers the checks use on unit lists.
std::vector<std::uint32_t> intersect(const std::vector<std::uint32_t>& a,
                                     const std::vector<std::uint32_t>& b);
bool includes(const std::vector<std::uint32_t>& outer, const std::vector<std::uint32_t>& inner);

}  // namespace zr::audit
