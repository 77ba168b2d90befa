#include "compiler/audit/Replay.h"

#include <algorithm>

namespace zr::audit {

struct Replayer::Engine {
  explicit Engine(std::unique_ptr<ir::Bundle> owned)
      : bundle(std::move(owned)), evaluator(*bundle), parser(*bundle) {}

  std::unique_ptr<ir::Bundle> bundle;
  eval::Evaluator evaluator;
  eval::DescriptorParser parser;
  eval::Facts facts;
  eval::Screening screening;

  std::uint32_t ruleIndex(const std::string& id) const {
    auto it =
        std::lower_bound(bundle->rules.begin(), bundle->rules.end(), id,
                         [](const ir::Rule& r, const std::string& key) { return r.id < key; });
    if (it == bundle->rules.end() || it->id != id) return ir::kNone;
    return static_cast<std::uint32_t>(it - bundle->rules.begin());
  }
  std::uint32_t unitIndex(const std::string& code) const {
    auto it =
        std::lower_bound(bundle->units.begin(), bundle->units.end(), code,
                         [](const ir::Unit& u, const std::string& key) { return u.code < key; });
    if (it == bundle->units.end() || it->code != code) return ir::kNone;
    return static_cast<std::uint32_t>(it - bundle->units.begin());
  }
};

Replayer::Replayer(std::unique_ptr<ir::Bundle> province, std::unique_ptr<ir::Bundle> combined)
    : province_(std::make_unique<Engine>(std::move(province))),
      combined_(std::make_unique<Engine>(std::move(combined))) {}

Replayer::~Replayer() = default;

std::string Replayer::check(const std::string& descriptor, const std::string& unitCode,
                            const Claim& claim) {
  ++replays_;
  Engine& engine = claim.side == Side::Province ? *province_ : *combined_;
  const std::uint32_t rule = engine.ruleIndex(claim.rule);
  const std::uint32_t unit = engine.unitIndex(unitCode);
  if (rule == ir::kNone) {
    // A rule the side does not have (a city rule, seen from the province) refuses nothing.
    return claim.refuses ? "rule " + claim.rule + " is not in that bundle" : "";
  }
  if (unit == ir::kNone) return "unit " + unitCode + " is not in that bundle";
  if (auto error = engine.parser.parse(descriptor, engine.facts))
    return "the descriptor is refused: " + error->code + " " + error->message;
  engine.evaluator.screen(engine.facts, engine.screening);
  bool refused = false;
  std::string seen = "no finding";
  for (const eval::Finding& f : engine.screening.findings) {
    if (f.rule != rule || f.unit != unit) continue;
    seen = std::string("outcome ") + eval::outcomeName(f.outcome);
    refused = f.outcome == eval::Outcome::Refused || f.outcome == eval::Outcome::NonCompliant;
  }
  if (refused == claim.refuses) return "";
  return describeClaim(claim) + " was expected, but the evaluator gives " + seen;
}

std::string describeClaim(const Claim& claim) {
  std::string side = claim.side == Side::Province ? "province alone" : "province + city";
  return side + ": " + claim.rule + (claim.refuses ? " refuses it" : " does not refuse it");
}

}  // namespace zr::audit
