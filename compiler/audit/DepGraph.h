// The dependency graph of a compiled program (LANGUAGE.md §6), on Boost.Graph: lists, units,
// regions, sets, definitions, rules and attributes as vertices; imports, parents, membership,
// scopes, refinements, set use, set extension and definition use as edges. The audit asks it
// for cycles, for the rule pairs worth comparing, for impact and for a topological order; `zr
// graph` draws it. Built from the symbol tables and the ASTs, so it also works on a program in
// which sema found errors (a definition cycle, an import cycle): missing links are left out.
// driver::check stops before sema on an import cycle and after binding on a parent cycle; load
// with audit::loadForGraph (GraphInput.h) to get every symbol table filled in those cases.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/sema/Program.h"

namespace zr::audit {

enum class VertexKind : std::uint8_t { List, Unit, Region, Set, Define, Rule, Attribute };

// An edge points from the dependent to what it depends on (a rule → the set it uses), so a
// topological order lists dependencies first and impact follows edges backwards.
enum class EdgeKind : std::uint8_t {
  Import,        // list → imported list (module)
  Parent,        // city list → its parent list
  Declares,      // list → unit / region / set / define / rule / attribute it declares
  Membership,    // region → unit in it
  Scope,         // unit → rule that applies to it (the unit's meaning depends on the rule)
  ScopeUses,     // rule → region / unit its scope names
  Refines,       // refining rule → refined rule
  SetUse,        // rule / define / set → set it uses
  SetExtension,  // set → extending list (the set's members on some units depend on it)
  DefineUse,     // rule / define → define it uses
  Reads,         // rule / define → attribute it reads
};

struct VertexInfo {
  VertexKind kind = VertexKind::List;
  std::uint32_t index = sema::kNone;  // into the Program vector of that kind
  std::string label;                  // rule id, set name, unit code, list name …
  SourceSpan span;                    // declaration
};

struct EdgeInfo {
  EdgeKind kind = EdgeKind::Declares;
  SourceSpan span;  // where the dependency is written (the import line, the set's use …), if any
};

using Graph =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, VertexInfo, EdgeInfo>;
using Vertex = Graph::vertex_descriptor;

struct CycleMember {
  std::string label;
  SourceSpan span;  // where this member refers to the next one
};

struct Cycle {
  std::string kind;                  // "import", "parent", "set", "define"
  std::vector<CycleMember> members;  // in cycle order, starting at the earliest in the source
};

// Two rules (Program::rules indices, first < second) that apply together on at least one unit
// and read at least one common attribute.
struct RulePair {
  std::uint32_t first = 0, second = 0;
  friend bool operator==(const RulePair&, const RulePair&) = default;
};

// Names for output: "list", "unit", "region", "set", "define", "rule", "attribute"; and
// "import", "parent", "declares", "member", "applies", "scope", "refines", "uses set",
// "extends", "uses define", "reads".
const char* kindName(VertexKind kind);
const char* edgeKindName(EdgeKind kind);

// One entry of impact(): the affected vertex and the edge through which it was reached (`via`
// is the vertex it depends on; edge is the kind of that dependency).
struct ImpactItem {
  Vertex vertex = 0;
  Vertex via = 0;
  EdgeKind edge = EdgeKind::Declares;
};

class DependencyGraph {
 public:
  explicit DependencyGraph(const sema::Program& program);

  const Graph& graph() const { return graph_; }
  const sema::Program& program() const { return program_; }

  // The vertex of a Program entity, if it is in the graph.
  std::optional<Vertex> vertexOf(VertexKind kind, std::uint32_t index) const;
  // A vertex by name: rule id, set, region or definition name, unit code, list name.
  std::optional<Vertex> find(VertexKind kind, std::string_view label) const;

  // Cycles among imports, parents, sets and definitions (strongly connected components), each
  // once, sorted by the location of their first member.
  std::vector<Cycle> cycles() const;

  // Candidate pairs for the audit: sorted, unique. Grows with the rules that share units, never
  // with the square of all rules.
  std::vector<RulePair> candidatePairs() const;

  // Every vertex in dependency order (dependencies first). Edges inside cycles are ignored.
  // Declares and Scope edges are not order constraints (a list "depends" on what it declares
  // while extensions point back at lists; a unit's rules mirror the rules' scopes, which name
  // the unit): the order is definition order — sets before the definitions and rules using
  // them, refined rules before refinements, regions and units before rules scoped by them.
  std::vector<Vertex> topologicalOrder() const;

  // Everything whose meaning depends on `changed` (units and rules included, `changed` itself
  // excluded), in dependency order: by kind (lists, attributes, sets, definitions, regions,
  // rules, units), then by chains within a kind (refinement of a refinement), then units by
  // code and the rest by source position. Follows edges backwards except Declares; a unit
  // reached through a rule's scope is a leaf (its rules changed, nothing depends on that); for
  // a changed unit, the rules that apply to it are included and rules whose scope names it (or
  // a region holding it) are not followed to their other units. docs/cli.md (`zr impact`).
  std::vector<Vertex> impact(Vertex changed) const;
  // The same, with the dependency through which each vertex was reached.
  std::vector<ImpactItem> impactDetails(Vertex changed) const;

  // A vertex by name of any kind, trying rule, unit, set, region, definition, list, attribute.
  std::optional<Vertex> findAny(std::string_view label) const;

  // Graphviz DOT: a cluster per list, units coloured by class, refinements and set extensions
  // drawn distinctly. With `focus`, only the focus and what it depends on or what depends on it.
  void writeDot(std::ostream& out, std::optional<Vertex> focus = std::nullopt) const;

 private:
  const sema::Program& program_;
  Graph graph_;
  std::vector<std::vector<Vertex>> byKind_;  // [kind][index] → vertex
};

}  // namespace zr::audit
