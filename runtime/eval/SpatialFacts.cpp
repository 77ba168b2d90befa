#include "runtime/eval/SpatialFacts.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace zr::eval {
namespace {

// Distances are kept to 0.1 m: finer digits are noise of the method, and rounding keeps the
// records byte-identical across platforms' last-bit differences.
double roundDistance(double metres) { return std::round(metres * 10) / 10; }

}  // namespace

SpatialFacts::SpatialFacts(const ir::Bundle& bundle, const SpatialContext* context)
    : bundle_(bundle), context_(context), wanted_(bundle.attributes.size(), 0) {
  for (std::uint32_t a = 0; a < bundle.attributes.size(); ++a)
    if (bundle.attributes[a].computed != ir::Computed::None) computedAttrs_.push_back(a);
}

bool SpatialFacts::distancesConflict(double given, double computed) {
  return std::fabs(given - computed) >
         std::max(kDistanceToleranceMetres, kDistanceToleranceShare * computed);
}

std::optional<RecordError> SpatialFacts::apply(Facts& facts) {
  if (facts.hasGeometry && context_) {
    if (auto problem = context_->siteProblem(facts.geometry))
      return RecordError{"ZR1008", fmt::format("site: {}", *problem)};
  }
  if (facts.hasGeometry && facts.units.empty()) {
    if (!context_)
      return RecordError{
          "ZR1009",
          "the site is given as coordinates, but no unit geometry is loaded to resolve it: "
          "load the geometry (--geometry UNITS.geojson|.shp), or give the site's units (\"site\": "
          "{\"units\": [\"ZH…\"]})"};
    resolveUnits(facts);
  } else if (facts.hasGeometry && context_) {
    checkGivenUnits(facts);
  }
  // Without a geometry and a context nothing can be computed: given facts are used as they are
  // and missing ones stay unknown (this is the whole cost for sites given by unit codes).
  if (computedAttrs_.empty() || facts.units.empty() || !facts.hasGeometry || !context_)
    return std::nullopt;
  // Only the spatial facts that a rule of the site's units reads are worth computing.
  if (++generation_ == 0) {
    std::fill(wanted_.begin(), wanted_.end(), 0);
    generation_ = 1;
  }
  for (std::uint32_t unit : facts.units) {
    if (unit + 1 >= bundle_.unitRuleStart.size()) continue;
    for (std::uint32_t k = bundle_.unitRuleStart[unit]; k < bundle_.unitRuleStart[unit + 1]; ++k)
      for (std::uint32_t attr : bundle_.rules[bundle_.unitRuleIds[k]].attrs)
        if (attr < wanted_.size()) wanted_[attr] = generation_;
  }
  // A spatial fact the descriptor gives is checked against the geometry even when no rule
  // reads it: a contradicted declaration is worth reporting on its own.
  for (std::uint32_t attr : computedAttrs_)
    if (wanted_[attr] == generation_ || facts.slots[attr].state == Fact::State::Known)
      fill(attr, facts);
  if (!facts.computed.empty() || !facts.conflicts.empty()) facts.spatialMethod = context_->method();
  return std::nullopt;
}

void SpatialFacts::resolveUnits(Facts& facts) const {
  std::vector<UnitHit> hits = context_->resolve(facts.geometry);
  std::sort(hits.begin(), hits.end(),
            [](const UnitHit& a, const UnitHit& b) { return a.unit < b.unit; });
  for (const UnitHit& hit : hits) {
    if (hit.unit >= bundle_.units.size() ||
        (!facts.units.empty() && facts.units.back() == hit.unit))
      continue;
    facts.units.push_back(hit.unit);
    facts.unitHits.push_back(hit);
  }
  facts.outsideUnits = facts.units.empty();
}

// Units and a geometry both given: the units govern, but a geometry reaching units the
// descriptor does not name (or no unit at all) is a declaration worth questioning.
void SpatialFacts::checkGivenUnits(Facts& facts) const {
  std::vector<std::string> elsewhere;
  const std::vector<UnitHit> hits = context_->resolve(facts.geometry);
  for (const UnitHit& hit : hits)
    if (hit.unit < bundle_.units.size() &&
        !std::binary_search(facts.units.begin(), facts.units.end(), hit.unit))
      elsewhere.push_back(bundle_.units[hit.unit].code);
  std::sort(elsewhere.begin(), elsewhere.end());
  elsewhere.erase(std::unique(elsewhere.begin(), elsewhere.end()), elsewhere.end());
  if (hits.empty())
    facts.warnings.push_back(
        "the site's geometry lies outside every control unit; the given units are used");
  else if (!elsewhere.empty())
    facts.warnings.push_back(fmt::format(
        "the site's geometry also reaches {}, which the site's units do not name; the given "
        "units are used",
        fmt::join(elsewhere, ", ")));
}

void SpatialFacts::fill(std::uint32_t attr, Facts& facts) const {
  Fact& fact = facts.slots[attr];
  if (fact.state == Fact::State::Invalid) return;
  const ir::Attribute& a = bundle_.attributes[attr];
  const bool given = fact.state == Fact::State::Known;
  const bool distance = a.computed == ir::Computed::DistanceTo;
  std::optional<double> value;
  if (distance) {
    if (auto metres = context_->distanceTo(a.layer, facts.geometry)) value = roundDistance(*metres);
  } else if (auto inside = context_->within(a.layer, facts.geometry)) {
    value = *inside ? 1 : 0;
  }
  if (!value) {
    if (!given)
      facts.warnings.push_back(
          fmt::format("{}: layer '{}' is not loaded; the fact stays unknown", a.name, a.layer));
    return;
  }
  if (!given) {
    fact.state = Fact::State::Known;
    if (distance)
      fact.number = *value;
    else
      fact.boolean = *value != 0;
    facts.computed.push_back({attr, *value});
    return;
  }
  const double stated = distance ? fact.number : (fact.boolean ? 1 : 0);
  const bool conflict = distance ? distancesConflict(stated, *value) : stated != *value;
  if (!conflict) return;
  // The record's "conflicts" entry names both values (and the text report lists them).
  facts.conflicts.push_back({attr, stated, *value});
}

}  // namespace zr::eval
