// An audit finding (LANGUAGE.md §6, docs/audit.md): a stable code, a severity, both source
// locations and, where projects are affected, a witness project that the audit has replayed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/diag/Diagnostic.h"

namespace zr::audit {

enum class FindingSeverity : std::uint8_t { Error, Warning, Info };

// A second place the finding points at (the province rule a city rule relaxes, …).
struct RelatedLocation {
  SourceSpan span;
  std::string message;
};

// A project descriptor demonstrating the finding, and what its replay through the evaluator
// confirmed (e.g. "province alone: JX-K-07 refuses it; province + city: SR-K-07 does not").
struct Witness {
  std::string unit;        // the unit code the witness is sited on
  std::string descriptor;  // one JSON line that `zr screen` accepts as is
  std::string replay;      // the verified claim, in words
};

struct Finding {
  std::string code;  // ZR05xx, listed in docs/audit.md
  FindingSeverity severity = FindingSeverity::Error;
  std::string check;  // relaxation, looser-duplicate, contradiction, dead, shadowed, inventory,
                      // cycle, redundancy
  std::string message;
  SourceSpan span;  // primary location: the city's side where there is one
  std::vector<RelatedLocation> related;
  std::vector<std::string> rules;  // rule ids involved (a contradiction's core)
  std::vector<std::string> units;  // unit codes concerned (first ones, when there are many)
  std::optional<Witness> witness;
  std::string inexact;  // non-empty: not decided exactly, and why
  std::string hint;
};

const char* severityName(FindingSeverity severity);

}  // namespace zr::audit
