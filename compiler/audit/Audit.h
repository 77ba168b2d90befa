// `zr audit`: a city list against its province (LANGUAGE.md §6, docs/audit.md). Compiles the
// province alone and province + city, builds the dependency graph, runs every check and
// replays every witness through the evaluator.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "compiler/audit/Finding.h"
#include "compiler/driver/Compiler.h"

namespace zr::geo {
struct GeometrySet;
}

namespace zr::audit {

struct AuditOptions {
  std::vector<std::string> provincePaths, cityPaths;
  driver::LoadOptions load;
  // Unit boundaries, city territories (kind "boundary") and region layers: enables the
  // geometry checks ZR0570–ZR0572. Loaded (and its diagnostics printed) by the caller.
  std::shared_ptr<const geo::GeometrySet> geometry;
};

struct AuditStats {
  std::size_t rules = 0, cityRules = 0, units = 0;
  std::size_t pairs = 0;      // candidate rule pairs from the graph
  std::size_t queries = 0;    // decision-procedure calls
  std::size_t undecided = 0;  // calls answered "not decided exactly"
  std::size_t replays = 0;    // witness claims replayed through the evaluator
  // Wall time per phase, seconds (for --timings; never part of a report, which must be
  // byte-identical from run to run).
  double compileSeconds = 0, graphSeconds = 0, checkSeconds = 0;
  std::vector<std::pair<std::string, double>> checkTimes;  // per check, in run order
};

struct AuditRun {
  std::unique_ptr<driver::Compilation> province, combined;
  // Errors in the sources stopped the audit; its diagnostics are then the findings (check
  // "compile"), so that every output format shows them.
  const driver::Compilation* stoppedBy = nullptr;
  std::vector<Finding> findings;            // sorted by location, then code
  std::vector<std::string> internalErrors;  // witnesses that failed their replay (not findings)
  AuditStats stats;

  // Sources the findings point into.
  const SourceManager& sources() const {
    return stoppedBy ? stoppedBy->sources : combined->sources;
  }
  std::size_t count(FindingSeverity severity) const;
};

AuditRun runAudit(const AuditOptions& options);

}  // namespace zr::audit
