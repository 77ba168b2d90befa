// A rule's digest: SHA-256 of everything that decides what the rule does and says (not its
// source position), so that a version diff reports a rule as changed only when it is.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "runtime/ir/Ir.h"

namespace zr::service {

std::string ruleDigest(const ir::Bundle& bundle, const ir::Rule& rule);

// Rules added, removed and changed from `before` to `after` (id → digest maps), as
// {"added": […], "removed": […], "changed": […]} with ids sorted.
nlohmann::json diffRules(const std::map<std::string, std::string>& before,
                         const std::map<std::string, std::string>& after);

}  // namespace zr::service
