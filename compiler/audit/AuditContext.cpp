#include "compiler/audit/AuditContext.h"

#include <algorithm>
#include <map>

#include "runtime/util/Date.h"

namespace zr::audit {

namespace {

void collectOpenSets(const sema::TExpr& e, std::vector<std::uint32_t>& out) {
  if (e.op == ir::NodeOp::OpenSetIn && e.openSet != sema::kNone) out.push_back(e.openSet);
  for (const auto& child : e.children) collectOpenSets(child, out);
}

sema::TExpr negation(const sema::TExpr& e) {
  sema::TExpr out;
  out.op = ir::NodeOp::Not;
  out.span = e.span;
  out.children.push_back(e);
  return out;
}

}  // namespace

std::vector<std::uint32_t> intersect(const std::vector<std::uint32_t>& a,
                                     const std::vector<std::uint32_t>& b) {
  std::vector<std::uint32_t> out;
  const auto& small = a.size() <= b.size() ? a : b;
  const auto& large = a.size() <= b.size() ? b : a;
  if (small.size() * 16 < large.size()) {
    for (std::uint32_t u : small)
      if (std::binary_search(large.begin(), large.end(), u)) out.push_back(u);
    return out;
  }
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

bool includes(const std::vector<std::uint32_t>& outer, const std::vector<std::uint32_t>& inner) {
  if (inner.size() > outer.size()) return false;
  // A unit rule (few units) against a province-wide rule (thousands): search, do not merge.
  if (inner.size() * 16 < outer.size()) {
    return std::all_of(inner.begin(), inner.end(), [&](std::uint32_t u) {
      return std::binary_search(outer.begin(), outer.end(), u);
    });
  }
  return std::includes(outer.begin(), outer.end(), inner.begin(), inner.end());
}

AuditContext::AuditContext(const sema::Program& program, const DependencyGraph& graph,
                           const Solver& solver, Replayer& replayer)
    : program_(program), graph_(graph), solver_(solver), replayer_(replayer) {
  const std::size_t n = program.rules.size();
  analyzable_.assign(n, true);
  explained_.assign(n, false);
  refusal_.resize(n);
  refinedBy_.resize(n);
  effective_.resize(n);
  ruleOpenSets_.resize(n);
  for (std::uint32_t r = 0; r < n; ++r) {
    const sema::RuleInfo& rule = program.rules[r];
    if (rule.effect == ir::Effect::Forbid) {
      refusal_[r] = rule.condition;
    } else {
      sema::TExpr both;
      both.op = ir::NodeOp::And;
      both.span = rule.requirement.span;
      both.children.push_back(rule.condition);
      both.children.push_back(negation(rule.requirement));
      refusal_[r] = std::move(both);
    }
    if (rule.refines != sema::kNone && rule.refines < n) refinedBy_[rule.refines].push_back(r);
    collectOpenSets(rule.condition, ruleOpenSets_[r]);
    collectOpenSets(rule.requirement, ruleOpenSets_[r]);
    std::sort(ruleOpenSets_[r].begin(), ruleOpenSets_[r].end());
    ruleOpenSets_[r].erase(std::unique(ruleOpenSets_[r].begin(), ruleOpenSets_[r].end()),
                           ruleOpenSets_[r].end());
  }
  for (std::uint32_t r = 0; r < n; ++r) {
    std::vector<std::uint32_t> replaced;
    for (std::uint32_t refining : refinedBy_[r]) {
      std::vector<std::uint32_t> merged;
      std::set_union(replaced.begin(), replaced.end(), program.rules[refining].units.begin(),
                     program.rules[refining].units.end(), std::back_inserter(merged));
      replaced = std::move(merged);
    }
    const auto& units = program.rules[r].units;
    std::set_difference(units.begin(), units.end(), replaced.begin(), replaced.end(),
                        std::back_inserter(effective_[r]));
  }
  // Extensions per open set, per unit (several extensions may add to one unit).
  openSetUnits_.resize(program.openSets.size());
  for (std::uint32_t k = 0; k < program.openSets.size(); ++k) {
    std::map<std::uint32_t, std::uint64_t> perUnit;
    for (const auto& extension : program.extensions)
      if (extension.set == program.openSets[k])
        for (std::uint32_t u : extension.units) perUnit[u] |= extension.mask;
    openSetUnits_[k].assign(perUnit.begin(), perUnit.end());
  }
}

bool AuditContext::isCityList(std::uint32_t list) const {
  return list < program_.lists.size() && program_.lists[list].level == ast::Level::City;
}

OpenSetMembers AuditContext::openSetsOn(std::uint32_t unit) const {
  return [this, unit](std::uint32_t openSet) -> std::uint64_t {
    if (openSet >= program_.openSets.size()) return 0;
    std::uint64_t mask = program_.sets[program_.openSets[openSet]].mask;
    const auto& perUnit = openSetUnits_[openSet];
    auto it =
        std::lower_bound(perUnit.begin(), perUnit.end(), std::make_pair(unit, std::uint64_t{0}));
    if (it != perUnit.end() && it->first == unit) mask |= it->second;
    return mask;
  };
}

std::vector<UnitGroup> AuditContext::groupUnits(const std::vector<std::uint32_t>& units,
                                                const std::vector<std::uint32_t>& rules) const {
  std::vector<std::uint32_t> sets;
  for (std::uint32_t r : rules)
    sets.insert(sets.end(), ruleOpenSets_[r].begin(), ruleOpenSets_[r].end());
  std::sort(sets.begin(), sets.end());
  sets.erase(std::unique(sets.begin(), sets.end()), sets.end());
  if (sets.empty()) {
    if (units.empty()) return {};
    return {UnitGroup{units}};
  }
  std::map<std::vector<std::uint64_t>, UnitGroup> groups;
  for (std::uint32_t u : units) {
    auto members = openSetsOn(u);
    std::vector<std::uint64_t> signature;
    for (std::uint32_t k : sets) signature.push_back(members(k));
    groups[signature].units.push_back(u);
  }
  std::vector<UnitGroup> out;
  for (auto& [signature, group] : groups) out.push_back(std::move(group));
  // Deterministic order: by representative unit.
  std::sort(out.begin(), out.end(), [](const UnitGroup& a, const UnitGroup& b) {
    return a.units.front() < b.units.front();
  });
  return out;
}

bool AuditContext::confirm(Witness& witness, const std::vector<Claim>& claims,
                           const std::string& context) {
  std::lock_guard<std::mutex> lock(replayMutex_);  // one evaluator per side, shared
  std::string verified;
  for (const Claim& claim : claims) {
    std::string failure = replayer_.check(witness.descriptor, witness.unit, claim);
    if (!failure.empty()) {
      internalErrors_.push_back(context + ": witness " + witness.descriptor +
                                " failed its replay: " + failure);
      return false;
    }
    if (!verified.empty()) verified += "; ";
    verified += describeClaim(claim);
  }
  witness.replay = verified;
  return true;
}

std::string AuditContext::descriptor(const Assignment& assignment, std::uint32_t unit,
                                     std::int32_t date) const {
  std::string json = witnessJson(program_, assignment, {unitCode(unit)});
  if (date != INT32_MIN && !json.empty() && json.back() == '}') {
    json.pop_back();
    json += ",\"date\":\"" + util::formatDate(date) + "\"}";
  }
  return json;
}

SolveResult AuditContext::satisfiable(std::initializer_list<Literal> literals, std::uint32_t unit) {
  ++queries_;
  std::vector<Literal> list(literals);
  SolveResult result = solver_.satisfiable(list, openSetsOn(unit));
  if (result.answer == Answer::Unknown) ++undecided_;
  return result;
}

SolveResult AuditContext::implies(const sema::TExpr& premise, const sema::TExpr& conclusion,
                                  std::uint32_t unit) {
  ++queries_;
  SolveResult result = solver_.implies(premise, conclusion, openSetsOn(unit));
  if (result.answer == Answer::Unknown) ++undecided_;
  return result;
}

bool windowsOverlap(const sema::RuleInfo& a, const sema::RuleInfo& b) {
  return std::max(a.effectiveFrom, b.effectiveFrom) <= std::min(a.effectiveUntil, b.effectiveUntil);
}

bool windowWithin(const sema::RuleInfo& inner, const sema::RuleInfo& outer) {
  return inner.effectiveFrom >= outer.effectiveFrom && inner.effectiveUntil <= outer.effectiveUntil;
}

std::int32_t screeningDay(const sema::RuleInfo& a, const sema::RuleInfo& b) {
  const bool dated = a.effectiveFrom != INT32_MIN || b.effectiveFrom != INT32_MIN ||
                     a.effectiveUntil != INT32_MAX || b.effectiveUntil != INT32_MAX;
  if (!dated) return INT32_MIN;
  const std::int32_t from = std::max(a.effectiveFrom, b.effectiveFrom);
  return from != INT32_MIN ? from : std::min(a.effectiveUntil, b.effectiveUntil);
}

std::string inexactText(const SolveResult& result) {
  std::string out;
  for (const Inexact& inexact : result.inexact) {
    std::string reason = inexact.reason;
    // The report already says "not decided exactly"; keep only the why.
    const std::string suffix = "; not decided exactly";
    if (reason.size() > suffix.size() && reason.ends_with(suffix))
      reason.resize(reason.size() - suffix.size());
    if (out.find(reason) != std::string::npos) continue;
    if (!out.empty()) out += "; ";
    out += reason;
  }
  return out.empty() ? "outside the exactly decided fragment" : out;
}

std::string AuditContext::levelName(std::uint32_t rule) const {
  switch (program_.rules[rule].level) {
    case ir::Level::Nation:
      return "national";
    case ir::Level::Province:
      return "province";
    case ir::Level::City:
      return "city";
  }
  return "";
}

std::string AuditContext::ruleLabel(std::uint32_t rule) const {
  return levelName(rule) + " rule " + program_.rules[rule].id;
}

}  // namespace zr::audit
