#include <fmt/format.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "cli/Commands.h"
#include "compiler/audit/DepGraph.h"
#include "compiler/driver/Compiler.h"
#include "compiler/util/Suggest.h"

namespace zr::cli {
namespace {

using audit::EdgeKind;
using audit::VertexKind;

// Why an affected item is listed: its dependency on `via`, read from the item's side.
std::string reason(const audit::ImpactItem& item, const audit::Graph& g) {
  const std::string& via = g[item.via].label;
  switch (item.edge) {
    case EdgeKind::Refines:
      return "refines " + via;
    case EdgeKind::Scope:
      return g[item.vertex].kind == VertexKind::Unit ? "in the scope of " + via
                                                     : "applies to " + via;
    case EdgeKind::ScopeUses:
      return "scope names " + via;
    case EdgeKind::Membership:
      return "contains " + via;
    case EdgeKind::SetUse:
      return "uses set " + via;
    case EdgeKind::DefineUse:
      return "uses " + via;
    case EdgeKind::Reads:
      return "reads project." + via;
    case EdgeKind::Import:
      return "imports " + via;
    case EdgeKind::Parent:
      return "child list of " + via;
    case EdgeKind::SetExtension:
      return "extended by " + via;
    case EdgeKind::Declares:
      return "declares " + via;
  }
  return "";
}

// A unit's name, a rule's or region's title: for the JSON output.
std::string nameOf(const audit::VertexInfo& info, const sema::Program& p) {
  switch (info.kind) {
    case VertexKind::Unit:
      return p.units[info.index].name;
    case VertexKind::Rule:
      return p.rules[info.index].title;
    case VertexKind::Region:
      return p.regions[info.index].decl->title;
    default:
      return "";
  }
}

struct Line {
  std::string kind, label, name, file, reason, edge, via;
  SourceSpan span;
};

class Report {
 public:
  explicit Report(const driver::Compilation& c) : c_(c) {}

  void add(Line line) { lines_.push_back(std::move(line)); }

  std::string file(const SourceSpan& span) const {
    return span.valid() && span.file <= c_.sources.fileCount() ? c_.sources.path(span.file) : "";
  }

  void printText() const {
    for (const auto& l : lines_) {
      std::string where = l.file.empty() ? "-" : fmt::format("{}:{}", l.file, l.span.line);
      fmt::print("{:<9} {}  {}  ({})\n", l.kind, l.label, where, l.reason);
    }
  }

  void printJson(const Line& changed) const {
    nlohmann::ordered_json out;
    out["changed"] = item(changed);
    out["impact"] = nlohmann::ordered_json::array();
    for (const auto& l : lines_) out["impact"].push_back(item(l));
    fmt::print("{}\n", out.dump(2));
  }

 private:
  static nlohmann::ordered_json item(const Line& l) {
    nlohmann::ordered_json j;
    j["kind"] = l.kind;
    j["label"] = l.label;
    if (!l.name.empty()) j["name"] = l.name;
    j["file"] = l.file;
    j["line"] = l.span.line;
    j["column"] = l.span.column;
    if (!l.edge.empty()) {
      j["edge"] = l.edge;
      j["via"] = l.via;
    }
    return j;
  }

  const driver::Compilation& c_;
  std::vector<Line> lines_;
};

template <typename Map>
std::vector<std::string> keysOf(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

}  // namespace

void registerImpact(CLI::App& app, ImpactOptions& options) {
  auto* cmd = app.add_subcommand(
      "impact", "List every unit and rule whose meaning depends on a rule, set or unit");
  auto* target = cmd->add_option_group("target", "What changes (exactly one)");
  target->add_option("--rule", options.rule, "A rule id");
  target->add_option("--set", options.set, "A set name");
  target->add_option("--unit", options.unit, "A unit code");
  target->require_option(1);
  cmd->add_option("files", options.files, "Source files (.zr); imports are followed")->required();
  cmd->add_option("--format", options.format, "text (one line per item) or json")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->footer(
      "Lists what a drafter must re-check, in dependency order (what an item depends on comes\n"
      "before it): for --rule, the rules refining it and the units where it or they apply; for\n"
      "--set, its extensions, the sets, definitions and rules using it and their units; for\n"
      "--unit, the regions holding it, the rules whose scope names it or those regions, and\n"
      "the rules that apply to it.\n"
      "Exit status: 0 listed, 1 errors that prevent the graph, 2 usage (also an unknown name) or "
      "I/O.\n"
      "Example: zr impact --rule JX-K-07 examples/jiangxi/province/*.zr "
      "examples/jiangxi/shangrao/*.zr");
}

int runImpact(const ImpactOptions& options, const CommonOptions& common) {
  driver::Compilation compilation;
  if (int status = loadGraphSources(options.files, common, compilation); status != kExitOk)
    return status;
  const sema::Program& p = compilation.program;
  audit::DependencyGraph graph(p);
  VertexKind kind = !options.rule.empty()  ? VertexKind::Rule
                    : !options.set.empty() ? VertexKind::Set
                                           : VertexKind::Unit;
  const std::string& name = kind == VertexKind::Rule  ? options.rule
                            : kind == VertexKind::Set ? options.set
                                                      : options.unit;
  auto changed = graph.find(kind, name);
  if (!changed) {
    const auto& index = kind == VertexKind::Rule  ? p.ruleIndex
                        : kind == VertexKind::Set ? p.setIndex
                                                  : p.unitIndex;
    fmt::print(stderr, "zr impact: unknown {} '{}'\n", audit::kindName(kind), name);
    if (std::string hint = didYouMean(name, keysOf(index)); !hint.empty())
      fmt::print(stderr, "hint: {}\n", hint);
    return kExitUsage;
  }

  const audit::Graph& g = graph.graph();
  Report report(compilation);
  auto lineOf = [&](audit::Vertex v) {
    const audit::VertexInfo& info = g[v];
    return Line{audit::kindName(info.kind),
                info.label,
                nameOf(info, p),
                report.file(info.span),
                "",
                "",
                "",
                info.span};
  };
  // A set's extensions belong to its meaning: list them first.
  if (kind == VertexKind::Set) {
    for (const auto& extension : p.extensions) {
      if (extension.decl->setName != name || extension.list == sema::kNone) continue;
      const std::string& list = p.lists[extension.list].name;
      report.add(Line{"extension", list, "", report.file(extension.decl->span), "extends " + name,
                      "extends", name, extension.decl->span});
    }
  }
  for (const auto& item : graph.impactDetails(*changed)) {
    Line line = lineOf(item.vertex);
    line.reason = reason(item, g);
    line.edge = audit::edgeKindName(item.edge);
    line.via = g[item.via].label;
    report.add(std::move(line));
  }
  if (options.format == "json") {
    report.printJson(lineOf(*changed));
  } else {
    report.printText();
  }
  return kExitOk;
}

}  // namespace zr::cli
