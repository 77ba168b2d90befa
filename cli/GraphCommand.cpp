#include <fmt/format.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "cli/Commands.h"
#include "cli/Diagnostics.h"
#include "compiler/audit/DepGraph.h"
#include "compiler/audit/GraphInput.h"
#include "compiler/diag/Render.h"
#include "compiler/util/Suggest.h"

namespace zr::cli {

void registerGraph(CLI::App& app, GraphOptions& options) {
  auto* cmd = app.add_subcommand("graph", "Write the dependency graph of sources as Graphviz DOT");
  cmd->add_option("files", options.files, "Source files (.zr); imports are followed")->required();
  cmd->add_option("--focus", options.focus,
                  "Only NAME (a rule id, unit code, set, region, definition or list name), what "
                  "it depends on and what depends on it");
  cmd->footer(
      "Writes DOT on standard output: a cluster per list, units coloured by class, refinements\n"
      "bold red, set extensions dashed. Sources with semantic errors (cycles) are still drawn.\n"
      "Exit status: 0 written, 1 errors that prevent the graph (unreadable or unparsable\n"
      "sources), 2 usage (also an unknown --focus name) or I/O.\n"
      "Example: zr graph examples/jiangxi/province/*.zr examples/jiangxi/shangrao/*.zr "
      "| dot -Tsvg > graph.svg");
}

int loadGraphSources(const std::vector<std::string>& files, const CommonOptions& common,
                     driver::Compilation& compilation) {
  bool usable = audit::loadForGraph(files, {common.stdlibDir}, compilation);
  // Only errors: warnings are `zr check`'s business, and the output is the graph.
  std::vector<Diagnostic> errors;
  for (const auto& d : compilation.diagnostics.all())
    if (d.severity == Severity::Error) errors.push_back(d);
  if (!errors.empty()) {
    std::string text = renderText(errors, compilation.sources);
    std::fwrite(text.data(), 1, text.size(), stderr);
    fmt::print(stderr, "{} error{}\n", errors.size(), errors.size() == 1 ? "" : "s");
  }
  if (usable) return kExitOk;
  return exitStatus(compilation, false);
}

int runGraph(const GraphOptions& options, const CommonOptions& common) {
  driver::Compilation compilation;
  if (int status = loadGraphSources(options.files, common, compilation); status != kExitOk)
    return status;
  audit::DependencyGraph graph(compilation.program);
  std::optional<audit::Vertex> focus;
  if (!options.focus.empty()) {
    focus = graph.findAny(options.focus);
    if (!focus) {
      std::vector<std::string> names;
      const auto& p = compilation.program;
      for (const auto* index : {&p.ruleIndex, &p.unitIndex, &p.setIndex, &p.regionIndex,
                                &p.defineIndex, &p.listIndex, &p.attributeIndex})
        for (const auto& [name, i] : *index) names.push_back(name);
      fmt::print(stderr,
                 "zr graph: no rule, unit, set, region, definition, list or attribute '{}'\n",
                 options.focus);
      if (std::string hint = didYouMean(options.focus, names); !hint.empty())
        fmt::print(stderr, "hint: {}\n", hint);
      return kExitUsage;
    }
  }
  std::ostringstream dot;
  graph.writeDot(dot, focus);
  std::string text = dot.str();
  std::fwrite(text.data(), 1, text.size(), stdout);
  return kExitOk;
}

}  // namespace zr::cli
