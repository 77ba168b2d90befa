// Cycles among imports, parents, sets and definitions: a list or definition that depends on
// itself has no meaning. The graph finds them (strong components); each is reported once with
// every member.
#include "compiler/audit/Checks.h"

namespace zr::audit {

void CycleCheck::run(AuditContext& context, std::vector<Finding>& findings) {
  for (const Cycle& cycle : context.graph().cycles()) {
    if (cycle.members.empty()) continue;
    Finding f;
    f.code = "ZR0550";
    f.severity = FindingSeverity::Error;
    f.check = "cycle";
    f.span = cycle.members.front().span;
    std::string path;
    for (const CycleMember& member : cycle.members) path += member.label + " → ";
    path += cycle.members.front().label;
    const auto& members = cycle.members;
    for (std::size_t i = 1; i < members.size(); ++i)
      f.related.push_back({members[i].span, members[i].label + " refers to " +
                                                members[(i + 1) % members.size()].label});
    const std::string kind = cycle.kind == "define" ? "definition" : cycle.kind;
    f.message = kind + " cycle: " + path;
    if (cycle.kind == "import")
      f.hint = "move what the files share into a third module that imports neither";
    else if (cycle.kind == "parent")
      f.hint = "a list's parent is the list one level above it";
    else
      f.hint = "write one of them in terms of attributes, not of the others";
    findings.push_back(std::move(f));
  }
}

}  // namespace zr::audit
