// A city requirement whose every applicable project is already refused by a forbid rule in
// force on all the requirement's units can never decide anything (ZR0532).
#include "compiler/audit/Checks.h"

namespace zr::audit {

void ShadowCheck::run(AuditContext& context, std::vector<Finding>& findings) {
  const sema::Program& program = context.program();
  std::vector<bool> reported(program.rules.size(), false);
  for (const RulePair& pair : context.pairs()) {
    for (int side = 0; side < 2; ++side) {
      const std::uint32_t req = side == 0 ? pair.first : pair.second;
      const std::uint32_t ban = side == 0 ? pair.second : pair.first;
      const sema::RuleInfo& requirement = program.rules[req];
      const sema::RuleInfo& forbid = program.rules[ban];
      if (reported[req] || !context.isCityRule(req)) continue;
      if (requirement.effect != ir::Effect::Require || forbid.effect != ir::Effect::Forbid)
        continue;
      const auto& units = context.effectiveUnits(req);
      if (units.empty() || !includes(context.effectiveUnits(ban), units)) continue;
      if (!windowWithin(requirement, forbid)) continue;
      const auto groups = context.groupUnits(units, {req, ban});
      bool shadowed = true;
      for (const UnitGroup& group : groups)
        if (context.implies(requirement.condition, context.refusal(ban), group.units.front())
                .answer != Answer::Yes) {
          shadowed = false;
          break;
        }
      if (!shadowed) continue;
      const std::uint32_t unit = groups.front().units.front();
      SolveResult applies = context.satisfiable({Literal{&requirement.condition}}, unit);
      if (applies.answer != Answer::Yes) continue;  // dead: DeadRuleCheck reports it
      Finding f;
      f.code = "ZR0532";
      f.severity = FindingSeverity::Warning;
      f.check = "shadowed";
      f.span = requirement.decl->idSpan;
      f.related.push_back({forbid.decl->idSpan, context.ruleLabel(ban) + " is declared here"});
      f.rules = {requirement.id, forbid.id};
      for (std::size_t i = 0; i < units.size() && i < 10; ++i)
        f.units.push_back(context.unitCode(units[i]));
      f.message = "requirement " + requirement.id + " only applies to projects that " +
                  context.ruleLabel(ban) + " already refuses: it is shadowed";
      f.hint = "narrow or drop the requirement, or check whether the forbid is too broad";
      Witness w;
      w.unit = context.unitCode(unit);
      w.descriptor = context.descriptor(applies.witness, unit, screeningDay(requirement, forbid));
      if (!context.confirm(w, {Claim{Side::Combined, forbid.id, true}}, "ZR0532 " + requirement.id))
        continue;
      f.witness = std::move(w);
      reported[req] = true;
      context.markExplained(req);
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace zr::audit
