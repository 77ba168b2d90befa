// Dependency order and impact. Both run Boost.Graph algorithms on filtered views of the graph:
// strong_components to set cycles aside, topological_sort for the order, breadth_first_search
// on the reversed graph for what depends on a vertex.
#include <algorithm>
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <boost/graph/topological_sort.hpp>

#include "compiler/audit/DepGraph.h"
#include "compiler/audit/GraphRefs.h"

namespace zr::audit {
namespace {

using Edge = Graph::edge_descriptor;

// The definition order leaves out Declares (a list "depends" on everything it holds, while its
// sets' extensions point back at lists) and Scope (a unit's rules are derived from the rules'
// scopes, which name the unit): with them almost everything would be one cycle.
struct DefinitionEdges {
  const Graph* graph = nullptr;
  bool operator()(const Edge& e) const {
    EdgeKind kind = (*graph)[e].kind;
    return kind != EdgeKind::Declares && kind != EdgeKind::Scope;
  }
};

// A view without the edges inside strongly connected components (they carry no order).
template <typename Pred>
struct AcyclicEdges {
  Pred pred;
  const Graph* graph = nullptr;
  const std::vector<int>* component = nullptr;
  bool operator()(const Edge& e) const {
    return pred(e) &&
           (*component)[boost::source(e, *graph)] != (*component)[boost::target(e, *graph)];
  }
};

template <typename View>
std::vector<int> componentsOf(const View& view, std::size_t vertexCount, const Graph& graph) {
  std::vector<int> component(vertexCount);
  boost::strong_components(view, boost::make_iterator_property_map(
                                     component.begin(), boost::get(boost::vertex_index, graph)));
  return component;
}

// Impact follows dependencies backwards. A unit reached through a rule's scope is affected (its
// rules changed) but nothing depends on that, so edges into a unit (membership, scopes naming
// it) are followed only from the changed unit itself. Scope edges are not followed from a
// changed unit: a rule whose scope names it is affected on that unit, not on all of its units.
struct ImpactEdges {
  const Graph* graph = nullptr;
  Vertex changed = 0;
  bool operator()(const Edge& e) const {
    const EdgeInfo& info = (*graph)[e];
    if (info.kind == EdgeKind::Declares) return false;
    Vertex target = boost::target(e, *graph);
    bool changedUnit = (*graph)[changed].kind == VertexKind::Unit;
    if ((*graph)[target].kind == VertexKind::Unit && target != changed) return false;
    if (info.kind == EdgeKind::Scope && changedUnit) return false;
    return true;
  }
};

// The edges impact followed, between affected vertices.
struct InsideEdges {
  ImpactEdges follows;
  const std::vector<bool>* affected = nullptr;
  bool operator()(const Edge& e) const {
    const Graph& g = *follows.graph;
    return follows(e) && (*affected)[boost::source(e, g)] && (*affected)[boost::target(e, g)];
  }
};

int kindRank(VertexKind kind) {
  switch (kind) {
    case VertexKind::List:
      return 0;
    case VertexKind::Attribute:
      return 1;
    case VertexKind::Set:
      return 2;
    case VertexKind::Define:
      return 3;
    case VertexKind::Region:
      return 4;
    case VertexKind::Rule:
      return 5;
    case VertexKind::Unit:
      return 6;
  }
  return 7;
}

class ImpactRecorder : public boost::default_bfs_visitor {
 public:
  explicit ImpactRecorder(std::vector<ImpactItem>& items) : items_(items) {}
  template <typename ReverseEdge, typename ReverseGraph>
  void tree_edge(const ReverseEdge& e, const ReverseGraph& g) const {
    // In the reversed view the edge runs from the dependency to its dependent.
    items_.push_back({boost::target(e, g), boost::source(e, g), g[e].kind});
  }

 private:
  std::vector<ImpactItem>& items_;
};

}  // namespace

std::vector<Vertex> DependencyGraph::topologicalOrder() const {
  DefinitionEdges definition{&graph_};
  boost::filtered_graph<Graph, DefinitionEdges> view(graph_, definition);
  std::vector<int> component = componentsOf(view, boost::num_vertices(graph_), graph_);
  using Acyclic = AcyclicEdges<DefinitionEdges>;
  boost::filtered_graph<Graph, Acyclic> acyclic(graph_, Acyclic{definition, &graph_, &component});
  std::vector<Vertex> order;
  order.reserve(boost::num_vertices(graph_));
  // Boost writes each vertex when it finishes: what it depends on has finished before.
  boost::topological_sort(acyclic, std::back_inserter(order));
  return order;
}

std::vector<ImpactItem> DependencyGraph::impactDetails(Vertex changed) const {
  ImpactEdges follows{&graph_, changed};
  boost::filtered_graph<Graph, ImpactEdges> view(graph_, follows);
  std::vector<ImpactItem> items;
  std::vector<boost::default_color_type> colour(boost::num_vertices(graph_));
  boost::breadth_first_search(boost::make_reverse_graph(view), changed,
                              boost::visitor(ImpactRecorder(items))
                                  .color_map(boost::make_iterator_property_map(
                                      colour.begin(), boost::get(boost::vertex_index, graph_))));
  std::vector<bool> affected(boost::num_vertices(graph_), false);
  affected[changed] = true;
  for (const auto& item : items) affected[item.vertex] = true;
  // A changed unit: the rules that apply to it must be re-checked there.
  if (graph_[changed].kind == VertexKind::Unit) {
    for (auto [it, end] = boost::out_edges(changed, graph_); it != end; ++it) {
      Vertex rule = boost::target(*it, graph_);
      if (graph_[*it].kind == EdgeKind::Scope && !affected[rule]) {
        affected[rule] = true;
        items.push_back({rule, changed, EdgeKind::Scope});
      }
    }
  }

  // Depth: the longest chain of same-kind dependencies (a refinement of a refinement, a
  // definition using a definition) over the edges impact follows, in a topological order of
  // the affected part (cycles among sets or definitions set aside).
  InsideEdges inside{follows, &affected};
  boost::filtered_graph<Graph, InsideEdges> part(graph_, inside);
  std::vector<int> component = componentsOf(part, boost::num_vertices(graph_), graph_);
  using Acyclic = AcyclicEdges<InsideEdges>;
  boost::filtered_graph<Graph, Acyclic> acyclic(graph_, Acyclic{inside, &graph_, &component});
  std::vector<Vertex> order;
  boost::topological_sort(acyclic, std::back_inserter(order));
  std::vector<int> depth(boost::num_vertices(graph_), 0);
  for (Vertex v : order) {
    if (!affected[v]) continue;
    for (auto [it, end] = boost::out_edges(v, acyclic); it != end; ++it) {
      Vertex w = boost::target(*it, acyclic);
      if (graph_[w].kind == graph_[v].kind) depth[v] = std::max(depth[v], depth[w] + 1);
    }
  }
  // Dependency order: by kind (along the edges impact follows, each kind depends only on
  // earlier kinds or on its own kind), then depth, then unit code or source position.
  std::stable_sort(items.begin(), items.end(), [&](const ImpactItem& a, const ImpactItem& b) {
    const VertexInfo& x = graph_[a.vertex];
    const VertexInfo& y = graph_[b.vertex];
    if (kindRank(x.kind) != kindRank(y.kind)) return kindRank(x.kind) < kindRank(y.kind);
    if (depth[a.vertex] != depth[b.vertex]) return depth[a.vertex] < depth[b.vertex];
    if (x.kind == VertexKind::Unit) return x.label < y.label;  // by code
    if (spanLess(x.span, y.span) || spanLess(y.span, x.span)) return spanLess(x.span, y.span);
    return x.label < y.label;
  });
  return items;
}

std::vector<Vertex> DependencyGraph::impact(Vertex changed) const {
  std::vector<Vertex> out;
  for (const auto& item : impactDetails(changed)) out.push_back(item.vertex);
  return out;
}

}  // namespace zr::audit
