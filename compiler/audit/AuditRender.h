// Audit reports: text for drafters, JSON and SARIF 2.1.0 for tools. Deterministic: the same
// audit gives the same bytes.
#pragma once

#include <string>

#include "compiler/audit/Audit.h"

namespace zr::audit {

std::string renderAuditText(const AuditRun& run);
std::string renderAuditJson(const AuditRun& run);
std::string renderAuditSarif(const AuditRun& run);

}  // namespace zr::audit
