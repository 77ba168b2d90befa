#include "service/RuleDigest.h"

#include <fmt/format.h>

#include "runtime/util/Sha256.h"

namespace zr::service {

std::string ruleDigest(const ir::Bundle&, const ir::Rule& rule) {
  // Each field on its own line, length-prefixed so that no two rules share a text.
  std::string text;
  auto field = [&](std::string_view value) { text += fmt::format("{}:{}\n", value.size(), value); };
  field(ir::levelName(rule.level));
  field(ir::dimensionName(rule.dimension));
  field(ir::effectName(rule.effect));
  field(rule.title);
  field(rule.cite);
  field(rule.conditionText);
  field(rule.requirementText);
  field(rule.scopeText);
  field(rule.refines);
  field(fmt::format("{} {}", rule.effectiveFrom, rule.effectiveUntil));
  return util::sha256Hex(text);
}

nlohmann::json diffRules(const std::map<std::string, std::string>& before,
                         const std::map<std::string, std::string>& after) {
  nlohmann::json added = nlohmann::json::array(), removed = nlohmann::json::array(),
                 changed = nlohmann::json::array();
  for (const auto& [id, digest] : after) {
    auto it = before.find(id);
    if (it == before.end()) {
      added.push_back(id);
    } else if (it->second != digest) {
      changed.push_back(id);
    }
  }
  for (const auto& [id, digest] : before)
    if (!after.contains(id)) removed.push_back(id);
  return {{"added", added}, {"removed", removed}, {"changed", changed}};
}

}  // namespace zr::service
