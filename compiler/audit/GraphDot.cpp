// Graphviz DOT for `zr graph`: a cluster per list, units filled by class (with a legend), rules
// as boxes, refinements bold red, set extensions dashed. Written by hand rather than with
// boost::write_graphviz, which has no clusters. Node ids are ASCII (v0, v1 …); every label is
// a quoted, escaped UTF-8 string, so any list remains valid DOT.
#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <map>
#include <ostream>

#include "compiler/audit/DepGraph.h"

namespace zr::audit {
namespace {

using Edge = Graph::edge_descriptor;

// The body of a DOT quoted string.
std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (static_cast<unsigned char>(c) >= 0x20 || c == '\t') {
      out += c;
    }
  }
  return out;
}

// At most `limit` code points of UTF-8 text, with an ellipsis when cut.
std::string shorten(std::string_view text, std::size_t limit) {
  std::size_t points = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (points++ == limit) return std::string(text.substr(0, i)) + "…";
  }
  return std::string(text);
}

const char* levelName(ast::Level level) {
  switch (level) {
    case ast::Level::Nation:
      return "国家级 nation";
    case ast::Level::Province:
      return "省级 province";
    case ast::Level::City:
      return "市级 city";
  }
  return "";
}

struct ClassStyle {
  const char* zh;
  const char* en;
  const char* fill;
};
constexpr ClassStyle kPriority{"优先保护", "priority", "#a8dba8"};
constexpr ClassStyle kKey{"重点管控", "key", "#f4a3a3"};
constexpr ClassStyle kGeneral{"一般管控", "general", "#a8c8f0"};

const ClassStyle& styleOf(ast::UnitClass c) {
  switch (c) {
    case ast::UnitClass::Priority:
      return kPriority;
    case ast::UnitClass::Key:
      return kKey;
    case ast::UnitClass::General:
      return kGeneral;
  }
  return kGeneral;
}

// What a focus depends on, followed transitively: not containment (drawn as clusters), not a
// unit's rules (a unit's own rules are added one step), not attribute reads.
struct FollowForward {
  const Graph* graph = nullptr;
  bool operator()(const Edge& e) const {
    EdgeKind kind = (*graph)[e].kind;
    return kind != EdgeKind::Declares && kind != EdgeKind::Scope && kind != EdgeKind::Reads;
  }
};

class DotWriter {
 public:
  DotWriter(const DependencyGraph& graph, std::ostream& out)
      : dg_(graph),
        g_(graph.graph()),
        p_(graph.program()),
        out_(out),
        shown_(boost::num_vertices(g_), true) {}

  void focusOn(Vertex focus) {
    focus_ = focus;
    shown_.assign(boost::num_vertices(g_), false);
    // What the focus depends on: forward along definitions; and, for a unit, its rules.
    FollowForward forward{&g_};
    boost::filtered_graph<Graph, FollowForward> view(g_, forward);
    std::vector<boost::default_color_type> colour(boost::num_vertices(g_));
    boost::breadth_first_search(view, focus,
                                boost::color_map(boost::make_iterator_property_map(
                                    colour.begin(), boost::get(boost::vertex_index, g_))));
    for (Vertex v = 0; v < colour.size(); ++v)
      if (colour[v] != boost::white_color) shown_[v] = true;
    // A unit depends on its rules, a list on what it declares: one step of those.
    for (auto [it, end] = boost::out_edges(focus, g_); it != end; ++it)
      if (g_[*it].kind == EdgeKind::Scope || g_[*it].kind == EdgeKind::Declares)
        shown_[boost::target(*it, g_)] = true;
    // What depends on it.
    for (Vertex v : dg_.impact(focus)) shown_[v] = true;
  }

  void write() {
    out_ << "digraph zr {\n"
         << "  graph [rankdir=LR, charset=\"UTF-8\", fontname=\"sans-serif\", fontsize=12, "
            "newrank=true];\n"
         << "  node [fontname=\"sans-serif\", fontsize=10];\n"
         << "  edge [fontname=\"sans-serif\", fontsize=9, color=\"#606060\"];\n";
    legend();
    std::map<std::uint32_t, std::vector<Vertex>> byList;  // kNone: outside every list
    for (Vertex v = 0; v < boost::num_vertices(g_); ++v)
      if (shown_[v] && (focus_ || g_[v].kind != VertexKind::Attribute))
        byList[listOf(v)].push_back(v);
    for (const auto& [list, vertices] : byList) {
      if (list == sema::kNone) {
        for (Vertex v : vertices) node(v, "  ");
        continue;
      }
      const sema::ListInfo& info = p_.lists[list];
      out_ << "  subgraph cluster_" << list << " {\n"
           << "    label=\"" << escape(info.name) << " (" << (info.isModule ? "module" : "")
           << (info.isModule ? ", " : "") << levelName(info.level) << ")\";\n"
           << "    style=rounded; color=\"#808080\";\n";
      for (Vertex v : vertices) node(v, "    ");
      out_ << "  }\n";
    }
    for (auto [it, end] = boost::edges(g_); it != end; ++it) edge(*it);
    out_ << "}\n";
  }

 private:
  std::uint32_t listOf(Vertex v) const {
    const VertexInfo& info = g_[v];
    switch (info.kind) {
      case VertexKind::List:
        return info.index;
      case VertexKind::Unit:
        return p_.units[info.index].list;
      case VertexKind::Region:
        return p_.regions[info.index].list;
      case VertexKind::Set:
        return p_.sets[info.index].list;
      case VertexKind::Define:
        return p_.defines[info.index].list;
      case VertexKind::Rule:
        return p_.rules[info.index].list;
      case VertexKind::Attribute:
        return p_.attributes[info.index].list;
    }
    return sema::kNone;
  }

  // One compact table: the three unit classes in their colours, the shapes, the edge styles.
  void legend() {
    out_ << "  legend [shape=plaintext, label=<<table border=\"0\" cellborder=\"1\" "
            "cellspacing=\"0\" cellpadding=\"4\">"
         << "<tr><td colspan=\"3\"><b>图例 legend</b></td></tr><tr>";
    for (const ClassStyle* s : {&kPriority, &kKey, &kGeneral})
      out_ << "<td bgcolor=\"" << s->fill << "\">" << s->zh << "<br/>" << s->en << " unit</td>";
    out_ << "</tr><tr><td>box: rule 规则</td><td>ellipse: set 集合<br/>(double: open set)</td>"
         << "<td>hexagon: region 区域<br/>note: define 定义</td></tr><tr>"
         << "<td><font color=\"#c00000\"><b>refines 细化</b></font></td>"
         << "<td><font color=\"#2e7d32\">- - extends 扩充</font></td>"
         << "<td>scope 范围, uses 引用</td></tr></table>>];\n";
  }

  void node(Vertex v, const char* indent) {
    const VertexInfo& info = g_[v];
    std::string label, attrs;
    switch (info.kind) {
      case VertexKind::List: {
        const sema::ListInfo& list = p_.lists[info.index];
        label =
            escape(list.name) + "\\n" + (list.isModule ? "module " : "") + levelName(list.level);
        attrs = "shape=tab";
        break;
      }
      case VertexKind::Unit: {
        const sema::UnitInfo& unit = p_.units[info.index];
        const ClassStyle& style = styleOf(unit.unitClass);
        label = escape(unit.code) + "\\n" + escape(shorten(unit.name, 18));
        attrs =
            std::string("shape=box, style=\"rounded,filled\", fillcolor=\"") + style.fill + "\"";
        break;
      }
      case VertexKind::Region: {
        const ast::RegionDecl& decl = *p_.regions[info.index].decl;
        label = "region " + escape(decl.name);
        if (!decl.title.empty()) label += "\\n" + escape(shorten(decl.title, 18));
        attrs = "shape=hexagon";
        break;
      }
      case VertexKind::Set: {
        const ast::SetDecl& decl = *p_.sets[info.index].decl;
        label = std::string(decl.open ? "open set " : "set ") + escape(decl.name);
        attrs = decl.open ? "shape=ellipse, peripheries=2" : "shape=ellipse";
        break;
      }
      case VertexKind::Define:
        label = "define " + escape(info.label);
        attrs = "shape=note";
        break;
      case VertexKind::Rule: {
        const sema::RuleInfo& rule = p_.rules[info.index];
        label = escape(rule.id);
        if (!rule.title.empty()) label += "\\n" + escape(shorten(rule.title, 18));
        if (!rule.scopeText.empty()) label += "\\n[" + escape(rule.scopeText) + "]";
        attrs = rule.decl->isRefine ? "shape=box, color=\"#c00000\"" : "shape=box";
        break;
      }
      case VertexKind::Attribute:
        // Spatial facts (distance_to(LAYER), within(LAYER)) are written without the prefix.
        label = (info.label.find('(') == std::string::npos ? "project." : "") + escape(info.label);
        attrs = "shape=plaintext";
        break;
    }
    if (focus_ && *focus_ == v) attrs += ", penwidth=3";
    out_ << indent << 'v' << v << " [label=\"" << label << "\", " << attrs << "];\n";
  }

  void edge(const Edge& e) {
    Vertex from = boost::source(e, g_), to = boost::target(e, g_);
    if (!shown_[from] || !shown_[to]) return;
    const char* style = nullptr;
    switch (g_[e].kind) {
      case EdgeKind::Import:
        style = "label=\"imports\", style=dashed";
        break;
      case EdgeKind::Parent:
        style = "label=\"parent\", style=bold";
        break;
      case EdgeKind::Membership:
        style = "arrowhead=none, color=\"#b0b0b0\"";
        break;
      case EdgeKind::ScopeUses:
        style = "label=\"scope\", color=\"#808080\"";
        break;
      case EdgeKind::Refines:
        style = "label=\"refines\", color=\"#c00000\", fontcolor=\"#c00000\", style=bold";
        break;
      case EdgeKind::SetUse:
        style = "label=\"uses\", color=\"#1f5fa8\"";
        break;
      case EdgeKind::DefineUse:
        style = "label=\"uses\", color=\"#7b3fa0\"";
        break;
      case EdgeKind::SetExtension:
        // Drawn from the extending list to the set: "list extends set".
        std::swap(from, to);
        style = "label=\"extends\", style=dashed, color=\"#2e7d32\", fontcolor=\"#2e7d32\"";
        break;
      case EdgeKind::Scope:
        if (!focus_) return;
        std::swap(from, to);  // "rule applies to unit"
        style = "label=\"applies\", style=dotted";
        break;
      case EdgeKind::Reads:
        if (!focus_) return;
        style = "label=\"reads\", style=dotted";
        break;
      case EdgeKind::Declares:
        return;
    }
    out_ << "  v" << from << " -> v" << to << " [" << style << "];\n";
  }

  const DependencyGraph& dg_;
  const Graph& g_;
  const sema::Program& p_;
  std::ostream& out_;
  std::vector<bool> shown_;
  std::optional<Vertex> focus_;
};

}  // namespace

void DependencyGraph::writeDot(std::ostream& out, std::optional<Vertex> focus) const {
  DotWriter writer(*this, out);
  if (focus) writer.focusOn(*focus);
  writer.write();
}

}  // namespace zr::audit
