// City rules that cannot matter as written: a condition no project satisfies (dead, ZR0530), a
// requirement every project it applies to already meets (ZR0531), or one no project it applies
// to can meet (ZR0521: a ban written as a requirement).
#include "compiler/audit/Checks.h"

namespace zr::audit {

void DeadRuleCheck::run(AuditContext& context, std::vector<Finding>& findings) {
  const sema::Program& program = context.program();
  for (std::uint32_t r = 0; r < program.rules.size(); ++r) {
    const sema::RuleInfo& rule = program.rules[r];
    if (!context.isCityRule(r) || !context.analyzable(r)) continue;
    const auto& units = context.effectiveUnits(r);
    if (units.empty()) continue;  // sema warns about empty scopes (ZR0315)
    const bool require = rule.effect == ir::Effect::Require;

    bool canApply = false, canRefuse = false;
    bool undecided = false;
    std::optional<SolveResult> unmeetable;
    std::uint32_t unmeetableUnit = 0;
    for (const UnitGroup& group : context.groupUnits(units, {r})) {
      const std::uint32_t unit = group.units.front();
      SolveResult applies = context.satisfiable({Literal{&rule.condition}}, unit);
      if (applies.answer == Answer::Unknown) undecided = true;
      if (applies.answer != Answer::Yes) continue;
      canApply = true;
      if (!require) {
        canRefuse = true;
        break;
      }
      SolveResult refuses = context.satisfiable({Literal{&context.refusal(r)}}, unit);
      SolveResult complies =
          context.satisfiable({Literal{&rule.condition}, Literal{&rule.requirement}}, unit);
      if (refuses.answer == Answer::Unknown || complies.answer == Answer::Unknown) undecided = true;
      if (refuses.answer == Answer::Yes) canRefuse = true;
      if (complies.answer == Answer::No && !unmeetable) {
        unmeetable = std::move(applies);
        unmeetableUnit = unit;
      }
    }
    if (undecided) continue;

    Finding f;
    f.span = rule.decl->idSpan;
    f.rules = {rule.id};
    f.check = "dead";
    f.severity = FindingSeverity::Warning;
    if (!canApply) {
      f.code = "ZR0530";
      f.message = require
                      ? "the condition of " + rule.id + " holds for no project: the rule is dead"
                      : "no project satisfies the condition of " + rule.id + ": the rule is dead";
      f.hint =
          "look for contradictory comparisons (e.g. > 5 and < 3) or a set that excludes "
          "what it should include";
      context.markExplained(r);
      findings.push_back(std::move(f));
    } else if (require && !canRefuse) {
      f.code = "ZR0531";
      f.message = "every project " + rule.id +
                  " applies to already meets its requirement: the "
                  "rule has no effect";
      f.hint = "check the bound and the direction of the comparison";
      context.markExplained(r);
      findings.push_back(std::move(f));
    } else if (require && unmeetable) {
      f.code = "ZR0521";
      f.check = "contradiction";
      f.message = "no project " + rule.id +
                  " applies to can meet its requirement: every such "
                  "project is refused";
      f.hint = "if a ban is meant, write it as a forbid rule; otherwise relax the requirement";
      Witness w;
      w.unit = context.unitCode(unmeetableUnit);
      w.descriptor =
          context.descriptor(unmeetable->witness, unmeetableUnit, screeningDay(rule, rule));
      if (!context.confirm(w, {Claim{Side::Combined, rule.id, true}}, "ZR0521 " + rule.id))
        continue;
      f.witness = std::move(w);
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace zr::audit
