// Cycles among imports, parents, sets and definitions: the strongly connected components
// (Tarjan, boost::strong_components) of the graph restricted to those edges, each turned into
// one readable cycle that names every member.
#include <algorithm>
#include <boost/graph/filtered_graph.hpp>
#include <boost/graph/strong_components.hpp>
#include <deque>
#include <map>
#include <set>

#include "compiler/audit/DepGraph.h"
#include "compiler/audit/GraphRefs.h"

namespace zr::audit {
namespace {

using Edge = Graph::edge_descriptor;

bool isCycleVertex(VertexKind kind) {
  return kind == VertexKind::List || kind == VertexKind::Set || kind == VertexKind::Define;
}

struct CycleEdges {
  const Graph* graph = nullptr;
  bool operator()(const Edge& e) const {
    EdgeKind kind = (*graph)[e].kind;
    if (kind != EdgeKind::Import && kind != EdgeKind::Parent && kind != EdgeKind::SetUse &&
        kind != EdgeKind::DefineUse)
      return false;
    return isCycleVertex((*graph)[boost::source(e, *graph)].kind) &&
           isCycleVertex((*graph)[boost::target(e, *graph)].kind);
  }
};

// One component's members and, for each ordered pair, the earliest edge between them.
class Component {
 public:
  Component(const Graph& graph, std::vector<Vertex> members,
            const std::map<std::pair<Vertex, Vertex>, const EdgeInfo*>& edges)
      : graph_(graph), members_(std::move(members)), edges_(edges) {}

  Cycle toCycle() {
    Cycle cycle;
    cycle.kind = kindOf();
    std::vector<Vertex> order = hamiltonian();
    if (order.empty()) order = closedWalk();
    for (std::size_t i = 0; i < order.size(); ++i) {
      const EdgeInfo* edge = edges_.at({order[i], order[(i + 1) % order.size()]});
      cycle.members.push_back({graph_[order[i]].label, edge->span});
    }
    auto first = std::min_element(
        cycle.members.begin(), cycle.members.end(),
        [](const CycleMember& a, const CycleMember& b) { return spanLess(a.span, b.span); });
    std::rotate(cycle.members.begin(), first, cycle.members.end());
    return cycle;
  }

 private:
  std::string kindOf() const {
    switch (graph_[members_.front()].kind) {
      case VertexKind::Set:
        return "set";
      case VertexKind::Define:
        return "define";
      default:
        break;
    }
    for (const auto& [ends, edge] : edges_)
      if (edge->kind == EdgeKind::Import) return "import";
    return "parent";
  }

  std::vector<Vertex> successors(Vertex v) const {
    std::vector<Vertex> out;
    for (auto it = edges_.lower_bound({v, 0}); it != edges_.end() && it->first.first == v; ++it)
      out.push_back(it->first.second);
    std::sort(out.begin(), out.end(), [&](Vertex a, Vertex b) {
      return spanLess(edges_.at({v, a})->span, edges_.at({v, b})->span);
    });
    return out;
  }

  // A cycle through every member once, if a bounded search finds one (components are small).
  std::vector<Vertex> hamiltonian() const {
    std::vector<Vertex> path{members_.front()};
    std::vector<bool> used(members_.size(), false);
    used[0] = true;
    std::size_t budget = 100000;
    return extend(path, used, budget) ? path : std::vector<Vertex>{};
  }

  bool extend(std::vector<Vertex>& path, std::vector<bool>& used, std::size_t& budget) const {
    if (budget-- == 0) return false;
    if (path.size() == members_.size()) return edges_.count({path.back(), path.front()}) != 0;
    for (Vertex next : successors(path.back())) {
      std::size_t k = indexOf(next);
      if (used[k]) continue;
      used[k] = true;
      path.push_back(next);
      if (extend(path, used, budget)) return true;
      path.pop_back();
      used[k] = false;
    }
    return false;
  }

  // Otherwise a closed walk that visits every member (some more than once).
  std::vector<Vertex> closedWalk() const {
    std::vector<Vertex> walk{members_.front()};
    std::vector<bool> seen(members_.size(), false);
    seen[0] = true;
    auto goTo = [&](Vertex target) {
      std::vector<Vertex> path = shortestPath(walk.back(), target);
      for (std::size_t i = 1; i < path.size(); ++i) {
        walk.push_back(path[i]);
        seen[indexOf(path[i])] = true;
      }
    };
    for (std::size_t k = 1; k < members_.size(); ++k)
      if (!seen[k]) goTo(members_[k]);
    std::vector<Vertex> back = shortestPath(walk.back(), walk.front());
    walk.insert(walk.end(), back.begin() + 1, back.end() - 1);
    return walk;
  }

  // Breadth-first; `to` may be `from` itself (the way back to the start).
  std::vector<Vertex> shortestPath(Vertex from, Vertex to) const {
    std::map<Vertex, Vertex> previous;
    std::set<Vertex> visited{from};
    std::deque<Vertex> queue{from};
    while (!queue.empty()) {
      Vertex v = queue.front();
      queue.pop_front();
      for (Vertex next : successors(v)) {
        if (next == to) {
          std::vector<Vertex> path{to, v};
          while (path.back() != from) path.push_back(previous.at(path.back()));
          std::reverse(path.begin(), path.end());
          return path;
        }
        if (visited.insert(next).second) {
          previous[next] = v;
          queue.push_back(next);
        }
      }
    }
    return {from, to};  // not reached: members of a component reach each other
  }

  std::size_t indexOf(Vertex v) const {
    return static_cast<std::size_t>(std::find(members_.begin(), members_.end(), v) -
                                    members_.begin());
  }

  const Graph& graph_;
  std::vector<Vertex> members_;  // first: the earliest declared
  const std::map<std::pair<Vertex, Vertex>, const EdgeInfo*>& edges_;
};

}  // namespace

std::vector<Cycle> DependencyGraph::cycles() const {
  boost::filtered_graph<Graph, CycleEdges> view(graph_, CycleEdges{&graph_});
  std::vector<int> component(boost::num_vertices(graph_));
  int count = boost::strong_components(
      view, boost::make_iterator_property_map(component.begin(),
                                              boost::get(boost::vertex_index, graph_)));
  std::vector<std::vector<Vertex>> members(static_cast<std::size_t>(count));
  for (Vertex v = 0; v < boost::num_vertices(graph_); ++v)
    if (isCycleVertex(graph_[v].kind)) members[static_cast<std::size_t>(component[v])].push_back(v);
  std::vector<std::map<std::pair<Vertex, Vertex>, const EdgeInfo*>> inside(members.size());
  for (auto [it, end] = boost::edges(view); it != end; ++it) {
    Vertex s = boost::source(*it, view), t = boost::target(*it, view);
    if (component[s] != component[t]) continue;
    auto& slot = inside[static_cast<std::size_t>(component[s])][{s, t}];
    if (!slot || spanLess(graph_[*it].span, slot->span)) slot = &graph_[*it];
  }
  std::vector<Cycle> out;
  for (std::size_t c = 0; c < members.size(); ++c) {
    if (members[c].empty() || inside[c].empty()) continue;  // a lone vertex without a self-loop
    std::sort(members[c].begin(), members[c].end(), [&](Vertex a, Vertex b) {
      return spanLess(graph_[a].span, graph_[b].span) ||
             (!spanLess(graph_[b].span, graph_[a].span) && a < b);
    });
    out.push_back(Component(graph_, members[c], inside[c]).toCycle());
  }
  std::sort(out.begin(), out.end(), [](const Cycle& a, const Cycle& b) {
    return spanLess(a.members.front().span, b.members.front().span);
  });
  return out;
}

}  // namespace zr::audit
