// Two requirements in force on the same unit contradict when some project meets both guards
// but no project meeting both guards can satisfy both requirements: every such project is
// refused, whatever it does. Requirements are compared in pairs; for requirements that are
// single comparisons (boxes), a set of them is unsatisfiable only if some pair is, so pairs find
// every core. A witness meets both guards and the first requirement, and is refused by the
// second.
#include "compiler/audit/Checks.h"

namespace zr::audit {

void ContradictionCheck::run(AuditContext& context, std::vector<Finding>& findings) {
  const sema::Program& program = context.program();
  for (const RulePair& pair : context.pairs()) {
    const sema::RuleInfo& a = program.rules[pair.first];
    const sema::RuleInfo& b = program.rules[pair.second];
    if (a.effect != ir::Effect::Require || b.effect != ir::Effect::Require) continue;
    if (!windowsOverlap(a, b)) continue;
    const auto units =
        intersect(context.effectiveUnits(pair.first), context.effectiveUnits(pair.second));
    if (units.empty()) continue;
    for (const UnitGroup& group : context.groupUnits(units, {pair.first, pair.second})) {
      const std::uint32_t unit = group.units.front();
      SolveResult both = context.satisfiable({Literal{&a.condition}, Literal{&a.requirement},
                                              Literal{&b.condition}, Literal{&b.requirement}},
                                             unit);
      if (both.answer != Answer::No) continue;
      SolveResult guards =
          context.satisfiable({Literal{&a.condition}, Literal{&b.condition}}, unit);
      if (guards.answer != Answer::Yes) continue;
      // Meet one requirement; the other then refuses. If neither can be met alone on both
      // guards, one rule contradicts itself there: DeadRuleCheck's business.
      std::uint32_t refuser = pair.second;
      SolveResult witness = context.satisfiable(
          {Literal{&a.condition}, Literal{&b.condition}, Literal{&a.requirement}}, unit);
      if (witness.answer != Answer::Yes) {
        refuser = pair.first;
        witness = context.satisfiable(
            {Literal{&a.condition}, Literal{&b.condition}, Literal{&b.requirement}}, unit);
        if (witness.answer != Answer::Yes) continue;
      }
      const std::uint32_t cityRule = context.isCityRule(pair.second) ? pair.second : pair.first;
      const std::uint32_t other = cityRule == pair.first ? pair.second : pair.first;
      Finding f;
      f.code = "ZR0520";
      f.severity = FindingSeverity::Warning;
      f.check = "contradiction";
      f.span = program.rules[cityRule].decl->idSpan;
      f.related.push_back(
          {program.rules[other].decl->idSpan, context.ruleLabel(other) + " is declared here"});
      f.rules = {program.rules[cityRule].id, program.rules[other].id};
      for (std::size_t i = 0; i < group.units.size() && i < 10; ++i)
        f.units.push_back(context.unitCode(group.units[i]));
      f.message = "requirements " + a.id + " and " + b.id +
                  " contradict: no project meeting both of their conditions can satisfy both, "
                  "on " +
                  std::to_string(group.units.size()) + " unit(s)";
      f.hint =
          "such projects are refused whatever they do; if a ban is meant, write a forbid "
          "rule, otherwise relax one requirement";
      Witness w;
      w.unit = context.unitCode(unit);
      w.descriptor = context.descriptor(witness.witness, unit, screeningDay(a, b));
      if (!context.confirm(w, {Claim{Side::Combined, program.rules[refuser].id, true}},
                           "ZR0520 " + a.id + "/" + b.id))
        break;
      f.witness = std::move(w);
      findings.push_back(std::move(f));
      break;  // one finding per pair
    }
  }
}

}  // namespace zr::audit
