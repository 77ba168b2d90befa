// A city rule that refuses nothing a province (or national) rule in force on all its units
// does not already refuse adds nothing. When it also restricts the same attributes with a looser
// bound, it is almost always a drafting error: the city meant to set its own limit, but the
// higher rule governs (ZR0510). Otherwise it is redundant (ZR0560, informational).
#include <algorithm>
#include <map>

#include "compiler/audit/Checks.h"

namespace zr::audit {

namespace {

bool sameShape(const sema::RuleInfo& a, const sema::RuleInfo& b) {
  return a.effect == b.effect && a.attrs == b.attrs;
}

}  // namespace

void DuplicateCheck::run(AuditContext& context, std::vector<Finding>& findings) {
  const sema::Program& program = context.program();
  std::map<std::uint32_t, bool> reported;  // city rule → already has a finding
  for (const RulePair& pair : context.pairs()) {
    for (int side = 0; side < 2; ++side) {
      const std::uint32_t c = side == 0 ? pair.first : pair.second;
      const std::uint32_t p = side == 0 ? pair.second : pair.first;
      const sema::RuleInfo& city = program.rules[c];
      const sema::RuleInfo& higher = program.rules[p];
      if (!context.isCityRule(c) || context.isCityRule(p) || city.refines != sema::kNone) continue;
      if (reported.count(c) || context.explained(c)) continue;
      const auto& units = context.effectiveUnits(c);
      if (units.empty() || !includes(context.effectiveUnits(p), units)) continue;
      if (!windowWithin(city, higher)) continue;

      const auto groups = context.groupUnits(units, {c, p});
      bool implied = true;
      for (const UnitGroup& group : groups)
        if (context.implies(context.refusal(c), context.refusal(p), group.units.front()).answer !=
            Answer::Yes) {
          implied = false;
          break;
        }
      if (!implied) continue;

      // Is the city rule strictly looser? A counterexample is the witness.
      std::optional<SolveResult> looser;
      std::uint32_t looserUnit = 0;
      for (const UnitGroup& group : groups) {
        SolveResult back =
            context.implies(context.refusal(p), context.refusal(c), group.units.front());
        if (back.answer == Answer::No) {
          looser = std::move(back);
          looserUnit = group.units.front();
          break;
        }
      }

      Finding f;
      f.span = city.decl->idSpan;
      f.related.push_back({higher.decl->idSpan, context.ruleLabel(p) + " is declared here"});
      f.rules = {city.id, higher.id};
      for (std::size_t i = 0; i < units.size() && i < 10; ++i)
        f.units.push_back(context.unitCode(units[i]));
      if (looser && sameShape(city, higher)) {
        f.code = "ZR0510";
        f.severity = FindingSeverity::Warning;
        f.check = "looser-duplicate";
        f.message = "city rule " + city.id + " is looser than " + context.ruleLabel(p) +
                    " on the same units; the " + context.levelName(p) +
                    " rule governs, so the city rule has no effect";
        f.hint = "a city may only be stricter: tighten " + city.id + " or delete it";
        Witness witness;
        witness.unit = context.unitCode(looserUnit);
        witness.descriptor = context.descriptor(looser->witness, looserUnit);
        if (!context.confirm(
                witness,
                {Claim{Side::Combined, higher.id, true}, Claim{Side::Combined, city.id, false}},
                "ZR0510 " + city.id))
          continue;
        f.witness = std::move(witness);
      } else {
        f.code = "ZR0560";
        f.severity = FindingSeverity::Info;
        f.check = "redundancy";
        f.message = looser ? "city rule " + city.id + " is implied by " + context.ruleLabel(p) +
                                 ": every project it refuses is already refused"
                           : "city rule " + city.id + " repeats " + context.ruleLabel(p);
        f.hint = "the city rule can be removed, or kept as a reminder with a comment";
      }
      reported[c] = true;
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace zr::audit
