// A `refine` replaces a higher-level rule inside the city's units, so it must refuse at least
// every project the replaced rule refuses, on every unit and every day the replaced rule is in
// force (省级要求是底线; 严禁降低标准、变通突破).
#include <string>

#include "compiler/audit/Checks.h"
#include "runtime/util/Date.h"

namespace zr::audit {

namespace {

std::string unitsPhrase(std::size_t count) {
  return count == 1 ? "1 unit" : std::to_string(count) + " units";
}

// A day on which `original` is in force and `refining` is not, if any.
std::optional<std::int32_t> dayOutsideRefine(const sema::RuleInfo& original,
                                             const sema::RuleInfo& refining) {
  if (refining.effectiveFrom > original.effectiveFrom) {
    std::int32_t day = refining.effectiveFrom - 1;
    if (day >= original.effectiveFrom && day <= original.effectiveUntil) return day;
  }
  if (refining.effectiveUntil < original.effectiveUntil) {
    std::int32_t day = refining.effectiveUntil + 1;
    if (day >= original.effectiveFrom && day <= original.effectiveUntil) return day;
  }
  return std::nullopt;
}

}  // namespace

void RelaxationCheck::run(AuditContext& context, std::vector<Finding>& findings) {
  const sema::Program& program = context.program();
  for (std::uint32_t r = 0; r < program.rules.size(); ++r) {
    const sema::RuleInfo& refining = program.rules[r];
    if (!context.isCityRule(r) || refining.refines == sema::kNone) continue;
    const std::uint32_t o = refining.refines;
    const sema::RuleInfo& original = program.rules[o];
    if (!context.analyzable(r) || !context.analyzable(o)) continue;

    Finding base;
    base.span = refining.decl->idSpan;
    base.related.push_back({original.decl->idSpan, context.ruleLabel(o) + " is declared here"});
    base.rules = {refining.id, original.id};

    const std::vector<std::uint32_t> replaced = intersect(refining.units, original.units);
    if (replaced.empty()) {
      Finding f = base;
      f.code = "ZR0504";
      f.severity = FindingSeverity::Warning;
      f.check = "relaxation";
      f.message = "refine " + refining.id + " applies on none of the units of " +
                  context.ruleLabel(o) + ", so it replaces nothing";
      f.hint = "give the refine a scope inside the units where " + original.id + " applies";
      findings.push_back(std::move(f));
      continue;
    }

    // What the original refuses and the refine lets through.
    bool reported = false;
    const auto groups = windowsOverlap(original, refining) ? context.groupUnits(replaced, {r, o})
                                                           : std::vector<UnitGroup>{};
    for (const UnitGroup& group : groups) {
      const std::uint32_t unit = group.units.front();
      SolveResult result = context.satisfiable(
          {Literal{&context.refusal(o), true}, Literal{&context.refusal(r), false}}, unit);
      if (result.answer == Answer::No) continue;
      Finding f = base;
      f.check = "relaxation";
      for (std::size_t i = 0; i < group.units.size() && i < 10; ++i)
        f.units.push_back(context.unitCode(group.units[i]));
      if (result.answer == Answer::Unknown) {
        f.code = "ZR0509";
        f.severity = FindingSeverity::Warning;
        f.message = "cannot prove that refine " + refining.id + " is at least as strict as " +
                    context.ruleLabel(o);
        f.inexact = inexactText(result);
        for (const Inexact& inexact : result.inexact)
          if (inexact.span.valid()) f.related.push_back({inexact.span, "not decided exactly here"});
        f.hint =
            "rewrite the conditions as comparisons of attributes with constants, or have "
            "the refine checked by hand";
        findings.push_back(std::move(f));
        reported = true;
        break;
      }
      f.code = "ZR0501";
      f.severity = FindingSeverity::Error;
      f.message = "refine " + refining.id + " is weaker than " + context.ruleLabel(o) +
                  " it replaces: on " + unitsPhrase(group.units.size()) + " a project the " +
                  context.levelName(o) + " rule refuses is let through";
      f.hint = refining.hasUnless && !original.hasUnless
                   ? "the refine adds an exception (unless …) the " + context.levelName(o) +
                         " rule does not have; a city may not add exceptions to a higher-level "
                         "rule (严禁降低标准、变通突破)"
                   : "make the refine at least as strict: every project " + original.id +
                         " refuses must stay refused";
      Witness witness;
      witness.unit = context.unitCode(unit);
      witness.descriptor =
          context.descriptor(result.witness, unit, screeningDay(original, refining));
      if (!context.confirm(
              witness,
              {Claim{Side::Province, original.id, true}, Claim{Side::Combined, refining.id, false},
               Claim{Side::Combined, original.id, false}},
              "ZR0501 " + refining.id))
        break;
      f.witness = std::move(witness);
      findings.push_back(std::move(f));
      reported = true;
      break;
    }
    if (reported) continue;

    // In force for a shorter time than the rule it replaces.
    if (auto day = dayOutsideRefine(original, refining)) {
      const std::uint32_t unit = replaced.front();
      SolveResult result = context.satisfiable({Literal{&context.refusal(o), true}}, unit);
      if (result.answer != Answer::Yes) continue;
      Finding f = base;
      f.code = "ZR0503";
      f.severity = FindingSeverity::Error;
      f.check = "relaxation";
      f.span = refining.decl->effectiveSpan.valid() ? refining.decl->effectiveSpan
                                                    : refining.decl->idSpan;
      f.message = "refine " + refining.id + " is in force for a shorter time than " +
                  context.ruleLabel(o) + " it replaces: on " + util::formatDate(*day) + " the " +
                  context.levelName(o) + " rule applies and the refine does not";
      f.hint = "give the refine effective dates covering those of " + original.id;
      for (std::size_t i = 0; i < replaced.size() && i < 10; ++i)
        f.units.push_back(context.unitCode(replaced[i]));
      Witness witness;
      witness.unit = context.unitCode(unit);
      witness.descriptor = context.descriptor(result.witness, unit, *day);
      if (!context.confirm(
              witness,
              {Claim{Side::Province, original.id, true}, Claim{Side::Combined, refining.id, false},
               Claim{Side::Combined, original.id, false}},
              "ZR0503 " + refining.id))
        continue;
      f.witness = std::move(witness);
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace zr::audit
