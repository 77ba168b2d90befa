#include "compiler/audit/Audit.h"

#include <algorithm>
#include <chrono>
#include <exception>
#include <functional>
#include <set>
#include <thread>
#include <tuple>

#include "compiler/audit/AuditContext.h"
#include "compiler/audit/Checks.h"
#include "compiler/audit/DepGraph.h"
#include "compiler/audit/GraphInput.h"
#include "compiler/audit/Replay.h"
#include "compiler/audit/Solver.h"
#include "compiler/lower/Lower.h"

namespace zr::audit {

namespace {

// Sema errors that are the audit's own business: the audit reports them as findings and goes
// on. An extension of a set that is not open is a relaxation; a definition cycle is a cycle; a
// class digit that disagrees with the city's declared class is, when the province declares the
// unit, a class that differs from the province's (ZR0541).
// An import cycle (ZR0209) is a cycle: the graph reports it with every member.
bool auditOwned(const Diagnostic& d) {
  return d.code == "ZR0307" || d.code == "ZR0406" || d.code == "ZR0306" || d.code == "ZR0209";
}

// The checks in two independent chains, run on two threads: the decisions dominate the audit's
// time and the solver is thread-safe. Within a chain the order matters: dead and shadowed rules
// first, so that a rule that cannot decide anything is not also reported as redundant.
std::vector<std::unique_ptr<Check>> mainChain(const AuditOptions& options) {
  std::vector<std::unique_ptr<Check>> checks;
  checks.push_back(std::make_unique<InventoryCheck>());
  if (options.geometry) checks.push_back(std::make_unique<GeometryCheck>(options.geometry));
  checks.push_back(std::make_unique<CycleCheck>());
  checks.push_back(std::make_unique<RelaxationCheck>());
  checks.push_back(std::make_unique<DeadRuleCheck>());
  checks.push_back(std::make_unique<ShadowCheck>());
  checks.push_back(std::make_unique<DuplicateCheck>());
  return checks;
}

std::vector<std::unique_ptr<Check>> secondChain() {
  std::vector<std::unique_ptr<Check>> checks;
  checks.push_back(std::make_unique<ContradictionCheck>());
  return checks;
}

Finding extensionFinding(const Diagnostic& d) {
  Finding f;
  f.code = "ZR0502";
  f.severity = FindingSeverity::Error;
  f.check = "relaxation";
  f.span = d.span;
  f.message = "extension of a set the province did not delegate: " + d.message;
  for (const auto& note : d.notes) f.related.push_back({note.span, note.message});
  f.hint =
      "only `open set`s are delegated to cities; ask the province to open the set, or "
      "write a stricter city rule instead";
  return f;
}

// Rules whose conditions use a definition in a cycle: sema could not build them.
void markCyclicDefinitionUsers(AuditContext& context) {
  const DependencyGraph& graph = context.graph();
  for (const Cycle& cycle : graph.cycles()) {
    if (cycle.kind != "define") continue;
    for (const CycleMember& member : cycle.members) {
      auto vertex = graph.find(VertexKind::Define, member.label);
      if (!vertex) continue;
      for (Vertex dependent : graph.impact(*vertex)) {
        const VertexInfo& info = graph.graph()[dependent];
        if (info.kind == VertexKind::Rule && info.index < context.program().rules.size())
          context.markUnanalyzable(info.index);
      }
    }
  }
}

// A compiler diagnostic shown among the findings.
Finding compileFinding(const Diagnostic& d) {
  Finding f;
  f.code = d.code;
  f.severity = d.severity == Severity::Error     ? FindingSeverity::Error
               : d.severity == Severity::Warning ? FindingSeverity::Warning
                                                 : FindingSeverity::Info;
  f.check = "compile";
  f.message = d.message;
  f.span = d.span;
  for (const auto& note : d.notes) f.related.push_back({note.span, note.message});
  f.hint = d.hint;
  return f;
}

bool coveredByClassFinding(const Diagnostic& d, const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
    return f.code == "ZR0541" && f.span.file == d.span.file && f.span.line == d.span.line;
  });
}

void stop(AuditRun& run, const driver::Compilation& compilation) {
  run.stoppedBy = &compilation;
  for (const Diagnostic& d : compilation.diagnostics.all())
    run.findings.push_back(compileFinding(d));
}

}  // namespace

std::size_t AuditRun::count(FindingSeverity severity) const {
  return static_cast<std::size_t>(std::count_if(
      findings.begin(), findings.end(), [&](const Finding& f) { return f.severity == severity; }));
}

AuditRun runAudit(const AuditOptions& options) {
  using Clock = std::chrono::steady_clock;
  auto seconds = [](Clock::time_point since) {
    return std::chrono::duration<double>(Clock::now() - since).count();
  };
  const auto start = Clock::now();
  AuditRun run;
  run.province = std::make_unique<driver::Compilation>();
  run.combined = std::make_unique<driver::Compilation>();

  auto provinceBundle = driver::compile(options.provincePaths, options.load, *run.province);
  if (!provinceBundle) {
    stop(run, *run.province);
    return run;
  }
  std::vector<std::string> all = options.provincePaths;
  all.insert(all.end(), options.cityPaths.begin(), options.cityPaths.end());
  driver::Compilation& combined = *run.combined;
  // Loaded for the graph: an import cycle does not stop the analysis, so the audit can report
  // it (and everything else) instead of only the loader's diagnostic.
  const bool complete = loadForGraph(all, options.load, combined);
  const auto& diagnostics = combined.diagnostics.all();
  const bool otherErrors = std::any_of(
      diagnostics.begin(), diagnostics.end(),
      [](const Diagnostic& d) { return d.severity == Severity::Error && !auditOwned(d); });
  if (!complete || otherErrors) {
    stop(run, combined);
    return run;
  }

  const sema::Program& program = combined.program;
  auto combinedBundle = std::make_unique<ir::Bundle>(lower::lower(program, combined.sources));
  Replayer replayer(std::make_unique<ir::Bundle>(std::move(*provinceBundle)),
                    std::move(combinedBundle));
  run.stats.compileSeconds = seconds(start);
  const auto graphStart = Clock::now();
  DependencyGraph graph(program);
  Solver solver(program);
  AuditContext context(program, graph, solver, replayer);
  markCyclicDefinitionUsers(context);

  std::vector<RulePair> pairs;
  for (const RulePair& pair : graph.candidatePairs())
    if ((context.isCityRule(pair.first) || context.isCityRule(pair.second)) &&
        context.analyzable(pair.first) && context.analyzable(pair.second))
      pairs.push_back(pair);
  run.stats.pairs = pairs.size();
  context.setPairs(std::move(pairs));
  run.stats.graphSeconds = seconds(graphStart);

  const auto checkStart = Clock::now();
  struct ChainResult {
    std::vector<Finding> findings;
    std::vector<std::pair<std::string, double>> times;
    std::exception_ptr failure;
  };
  auto runChain = [&](std::vector<std::unique_ptr<Check>> checks, ChainResult& out) {
    try {
      for (const auto& check : checks) {
        const auto started = Clock::now();
        check->run(context, out.findings);
        out.times.emplace_back(check->name(), seconds(started));
      }
    } catch (...) {
      out.failure = std::current_exception();
    }
  };
  ChainResult first, second;
  {
    std::jthread worker(runChain, secondChain(), std::ref(second));
    runChain(mainChain(options), first);
  }
  for (ChainResult* chain : {&first, &second}) {
    if (chain->failure) std::rethrow_exception(chain->failure);
    run.findings.insert(run.findings.end(), chain->findings.begin(), chain->findings.end());
    run.stats.checkTimes.insert(run.stats.checkTimes.end(), chain->times.begin(),
                                chain->times.end());
  }
  run.stats.checkSeconds = seconds(checkStart);
  for (const Diagnostic& d : diagnostics) {
    if (d.code == "ZR0307") run.findings.push_back(extensionFinding(d));
    if (d.code == "ZR0306" && !coveredByClassFinding(d, run.findings))
      run.findings.push_back(compileFinding(d));
  }

  const SourceManager& sources = combined.sources;
  std::stable_sort(
      run.findings.begin(), run.findings.end(), [&](const Finding& a, const Finding& b) {
        auto key = [&](const Finding& f) {
          return std::make_tuple(f.span.valid() ? sources.path(f.span.file) : std::string(),
                                 f.span.line, f.span.column, f.code, f.message);
        };
        return key(a) < key(b);
      });

  run.internalErrors = context.internalErrors();
  run.stats.rules = program.rules.size();
  for (std::uint32_t r = 0; r < program.rules.size(); ++r)
    run.stats.cityRules += context.isCityRule(r);
  run.stats.units = program.units.size();
  run.stats.queries = context.queries();
  run.stats.undecided = context.undecided();
  run.stats.replays = replayer.replays();
  return run;
}

}  // namespace zr::audit
