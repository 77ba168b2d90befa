// Building the dependency graph from the Program's tables and, where sema may have stopped
// short (a definition whose body failed, a parent cycle it cut), from the ASTs by name.
#include "compiler/audit/DepGraph.h"

#include <algorithm>
#include <tuple>

#include "compiler/audit/GraphRefs.h"

namespace zr::audit {

const char* kindName(VertexKind kind) {
  switch (kind) {
    case VertexKind::List:
      return "list";
    case VertexKind::Unit:
      return "unit";
    case VertexKind::Region:
      return "region";
    case VertexKind::Set:
      return "set";
    case VertexKind::Define:
      return "define";
    case VertexKind::Rule:
      return "rule";
    case VertexKind::Attribute:
      return "attribute";
  }
  return "?";
}

const char* edgeKindName(EdgeKind kind) {
  switch (kind) {
    case EdgeKind::Import:
      return "import";
    case EdgeKind::Parent:
      return "parent";
    case EdgeKind::Declares:
      return "declares";
    case EdgeKind::Membership:
      return "member";
    case EdgeKind::Scope:
      return "applies";
    case EdgeKind::ScopeUses:
      return "scope";
    case EdgeKind::Refines:
      return "refines";
    case EdgeKind::SetUse:
      return "uses set";
    case EdgeKind::SetExtension:
      return "extends";
    case EdgeKind::DefineUse:
      return "uses define";
    case EdgeKind::Reads:
      return "reads";
  }
  return "?";
}

namespace {

constexpr std::size_t kKinds = static_cast<std::size_t>(VertexKind::Attribute) + 1;

std::string dirOf(const std::string& path) {
  auto slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash + 1);
}

// The display path the loader gives the file an import names (see driver/Loader.cpp), so an
// import resolves even when the imported file's module name differs from the import.
std::string importedPath(const std::string& from, const std::string& module) {
  std::string relative;
  for (char c : module) relative += c == '.' ? '/' : c;
  relative += ".zr";
  if (module.starts_with("std.")) return "<std>/" + relative.substr(4);
  return dirOf(from) + relative;
}

class Builder {
 public:
  Builder(const sema::Program& program, Graph& graph, std::vector<std::vector<Vertex>>& byKind)
      : p_(program), g_(graph), byKind_(byKind) {}

  void run() {
    byKind_.assign(kKinds, {});
    addVertices();
    importsAndParents();
    declarations();
    memberships();
    sets();
    defines();
    rules();
  }

 private:
  Vertex vertex(VertexKind kind, std::uint32_t index) const {
    return byKind_[static_cast<std::size_t>(kind)][index];
  }

  void addVertex(VertexKind kind, std::uint32_t index, std::string label, SourceSpan span) {
    Vertex v = boost::add_vertex(VertexInfo{kind, index, std::move(label), span}, g_);
    byKind_[static_cast<std::size_t>(kind)].push_back(v);
  }

  void addVertices() {
    using K = VertexKind;
    for (std::uint32_t i = 0; i < p_.lists.size(); ++i)
      addVertex(K::List, i, p_.lists[i].name, p_.lists[i].span);
    for (std::uint32_t i = 0; i < p_.attributes.size(); ++i)
      addVertex(K::Attribute, i, p_.attributes[i].decl->name, p_.attributes[i].decl->nameSpan);
    for (std::uint32_t i = 0; i < p_.units.size(); ++i) {
      const sema::UnitInfo& unit = p_.units[i];
      SourceSpan span;
      for (std::size_t k = 0; k < unit.decls.size(); ++k)
        if (!span.valid() || unit.declLists[k] == unit.list) span = unit.decls[k]->codeSpan;
      addVertex(K::Unit, i, unit.code, span);
    }
    for (std::uint32_t i = 0; i < p_.regions.size(); ++i)
      addVertex(K::Region, i, p_.regions[i].decl->name, p_.regions[i].decl->nameSpan);
    for (std::uint32_t i = 0; i < p_.sets.size(); ++i)
      addVertex(K::Set, i, p_.sets[i].decl->name, p_.sets[i].decl->nameSpan);
    for (std::uint32_t i = 0; i < p_.defines.size(); ++i)
      addVertex(K::Define, i, p_.defines[i].decl->name, p_.defines[i].decl->nameSpan);
    for (std::uint32_t i = 0; i < p_.rules.size(); ++i) {
      const ast::RuleDecl& decl = *p_.rules[i].decl;
      addVertex(K::Rule, i, p_.rules[i].id, decl.idSpan.valid() ? decl.idSpan : decl.span);
    }
  }

  // Adds `refs` of one dependent vertex, once per (kind, target), keeping the earliest span.
  void addRefs(Vertex from, std::vector<Ref>& refs) {
    std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
      return std::tie(a.edge, a.target) < std::tie(b.edge, b.target) ||
             (std::tie(a.edge, a.target) == std::tie(b.edge, b.target) && spanLess(a.span, b.span));
    });
    for (std::size_t i = 0; i < refs.size(); ++i) {
      if (i > 0 && refs[i].edge == refs[i - 1].edge && refs[i].target == refs[i - 1].target)
        continue;
      boost::add_edge(from, refs[i].target, EdgeInfo{refs[i].edge, refs[i].span}, g_);
    }
    refs.clear();
  }

  void importsAndParents() {
    std::vector<std::vector<Ref>> refs(p_.lists.size());
    for (std::size_t f = 0; f < p_.files.size(); ++f) {
      std::uint32_t list = p_.fileList.size() > f ? p_.fileList[f] : sema::kNone;
      if (list == sema::kNone) continue;
      const ast::File& file = *p_.files[f];
      for (const auto& decl : file.decls) {
        const auto* import = std::get_if<ast::ImportDecl>(&decl);
        if (!import) continue;
        auto [target, targetFile] = importTarget(file.path, import->module);
        if (target == sema::kNone) continue;
        // Two files of one module are one list: only a file importing itself loops.
        if (target == list && targetFile != f) continue;
        refs[list].push_back({vertex(VertexKind::List, target), EdgeKind::Import, import->span});
      }
    }
    for (std::uint32_t l = 0; l < p_.lists.size(); ++l) {
      const sema::ListInfo& list = p_.lists[l];
      // By name: sema cuts the parent link of lists in a parent cycle.
      if (!list.parentName.empty()) {
        auto it = p_.listIndex.find(list.parentName);
        if (it != p_.listIndex.end())
          refs[l].push_back({vertex(VertexKind::List, it->second), EdgeKind::Parent, list.span});
      }
      addRefs(vertex(VertexKind::List, l), refs[l]);
    }
  }

  // The list of the module an import names, and the file it is in (or kNone).
  std::pair<std::uint32_t, std::size_t> importTarget(const std::string& from,
                                                     const std::string& module) const {
    std::string path = importedPath(from, module);
    for (std::size_t f = 0; f < p_.files.size() && f < p_.fileList.size(); ++f)
      if (p_.files[f]->path == path) return {p_.fileList[f], f};
    auto it = p_.listIndex.find(module);
    if (it != p_.listIndex.end()) return {it->second, p_.files.size()};
    return {sema::kNone, p_.files.size()};
  }

  void declarations() {
    auto declares = [&](std::uint32_t list, VertexKind kind, std::uint32_t index, SourceSpan span) {
      if (list == sema::kNone || list >= p_.lists.size()) return;
      boost::add_edge(vertex(VertexKind::List, list), vertex(kind, index),
                      EdgeInfo{EdgeKind::Declares, span}, g_);
    };
    for (std::uint32_t i = 0; i < p_.attributes.size(); ++i)
      declares(p_.attributes[i].list, VertexKind::Attribute, i, p_.attributes[i].decl->span);
    for (std::uint32_t i = 0; i < p_.units.size(); ++i) {
      const sema::UnitInfo& unit = p_.units[i];
      for (std::size_t k = 0; k < unit.decls.size(); ++k) {
        if (std::find(unit.declLists.begin(), unit.declLists.begin() + k, unit.declLists[k]) !=
            unit.declLists.begin() + k)
          continue;
        declares(unit.declLists[k], VertexKind::Unit, i, unit.decls[k]->span);
      }
    }
    for (std::uint32_t i = 0; i < p_.regions.size(); ++i)
      declares(p_.regions[i].list, VertexKind::Region, i, p_.regions[i].decl->span);
    for (std::uint32_t i = 0; i < p_.sets.size(); ++i)
      declares(p_.sets[i].list, VertexKind::Set, i, p_.sets[i].decl->span);
    for (std::uint32_t i = 0; i < p_.defines.size(); ++i)
      declares(p_.defines[i].list, VertexKind::Define, i, p_.defines[i].decl->span);
    for (std::uint32_t i = 0; i < p_.rules.size(); ++i)
      declares(p_.rules[i].list, VertexKind::Rule, i, p_.rules[i].decl->span);
  }

  // Where the membership of `unit` in `region` is written: the unit's `in`, or the region's
  // member list (unit code, county or city code).
  SourceSpan membershipSpan(const sema::UnitInfo& unit, std::uint32_t region) const {
    const ast::RegionDecl& decl = *p_.regions[region].decl;
    for (const ast::UnitDecl* u : unit.decls)
      for (std::size_t k = 0; k < u->regions.size(); ++k)
        if (u->regions[k] == decl.name) return u->regionSpans[k];
    for (std::size_t m = 0; m < decl.members.size(); ++m) {
      const std::string& member = decl.members[m];
      bool match = false;
      switch (decl.by) {
        case ast::RegionDecl::By::Declared:
          break;
        case ast::RegionDecl::By::Units:
          match = member == unit.code;
          break;
        case ast::RegionDecl::By::Counties:
          match = unit.county.starts_with(member);
          break;
        case ast::RegionDecl::By::Cities:
          match = member.size() >= 4 && unit.county.starts_with(member.substr(0, 4));
          break;
      }
      if (match) return decl.memberSpans[m];
    }
    return decl.nameSpan;
  }

  void memberships() {
    for (std::uint32_t u = 0; u < p_.units.size(); ++u)
      for (std::uint32_t r : p_.units[u].regions)
        boost::add_edge(vertex(VertexKind::Region, r), vertex(VertexKind::Unit, u),
                        EdgeInfo{EdgeKind::Membership, membershipSpan(p_.units[u], r)}, g_);
  }

  void sets() {
    std::vector<Ref> refs;
    for (std::uint32_t s = 0; s < p_.sets.size(); ++s) {
      const ast::SetDecl& decl = *p_.sets[s].decl;
      for (const auto& element : decl.elements) {
        const auto* name = std::get_if<ast::NameRef>(&element->node);
        if (!name) continue;
        auto it = p_.setIndex.find(name->name);
        if (it == p_.setIndex.end() || isValueOf(p_.sets[s].attr, name->name)) continue;
        refs.push_back({vertex(VertexKind::Set, it->second), EdgeKind::SetUse, element->span});
      }
      addRefs(vertex(VertexKind::Set, s), refs);
    }
    for (const auto& extension : p_.extensions) {
      std::uint32_t set = extension.set;
      if (set == sema::kNone) {
        auto it = p_.setIndex.find(extension.decl->setName);
        if (it == p_.setIndex.end()) continue;
        set = it->second;
      }
      if (extension.list == sema::kNone) continue;
      boost::add_edge(vertex(VertexKind::Set, set), vertex(VertexKind::List, extension.list),
                      EdgeInfo{EdgeKind::SetExtension, extension.decl->span}, g_);
    }
  }

  // A set element that names a set is a reference to it, unless it is also a value of the
  // set's attribute (an enum value or industry code that happens to share the name).
  bool isValueOf(std::uint32_t attr, const std::string& name) const {
    if (p_.industryIndex.count(name)) return true;
    if (attr == sema::kNone) return false;
    const auto& values = p_.attributes[attr].enumValues;
    const auto& aliases = p_.attributes[attr].enumAliases;
    return std::find(values.begin(), values.end(), name) != values.end() ||
           std::find(aliases.begin(), aliases.end(), name) != aliases.end();
  }

  void defines() {
    std::vector<Ref> refs;
    for (std::uint32_t d = 0; d < p_.defines.size(); ++d) {
      if (p_.defines[d].decl->body)
        collectConditionRefs(p_, byKind_, *p_.defines[d].decl->body, refs);
      addRefs(vertex(VertexKind::Define, d), refs);
    }
  }

  void rules() {
    std::vector<Ref> refs;
    for (std::uint32_t r = 0; r < p_.rules.size(); ++r) {
      const sema::RuleInfo& rule = p_.rules[r];
      const ast::RuleDecl& decl = *rule.decl;
      Vertex self = vertex(VertexKind::Rule, r);
      if (decl.condition) collectConditionRefs(p_, byKind_, *decl.condition, refs);
      if (decl.qualifier) collectConditionRefs(p_, byKind_, *decl.qualifier, refs);
      std::uint32_t refined = rule.refines;
      if (refined == sema::kNone && decl.isRefine) {
        auto it = p_.ruleIndex.find(decl.refines);
        if (it != p_.ruleIndex.end() && it->second != r) refined = it->second;
      }
      if (refined != sema::kNone)
        refs.push_back({vertex(VertexKind::Rule, refined), EdgeKind::Refines, decl.idSpan});
      for (const auto& atom : decl.scope.atoms) {
        if (atom.kind == ast::ScopeAtom::Kind::Region) {
          if (auto it = p_.regionIndex.find(atom.name); it != p_.regionIndex.end())
            refs.push_back(
                {vertex(VertexKind::Region, it->second), EdgeKind::ScopeUses, atom.span});
        } else if (atom.kind == ast::ScopeAtom::Kind::Unit) {
          if (auto it = p_.unitIndex.find(atom.name); it != p_.unitIndex.end())
            refs.push_back({vertex(VertexKind::Unit, it->second), EdgeKind::ScopeUses, atom.span});
        }
      }
      addRefs(self, refs);
      for (std::uint32_t u : rule.units)
        boost::add_edge(vertex(VertexKind::Unit, u), self,
                        EdgeInfo{EdgeKind::Scope, decl.scope.span}, g_);
    }
  }

  const sema::Program& p_;
  Graph& g_;
  std::vector<std::vector<Vertex>>& byKind_;
};

}  // namespace

DependencyGraph::DependencyGraph(const sema::Program& program) : program_(program) {
  Builder(program_, graph_, byKind_).run();
}

std::optional<Vertex> DependencyGraph::vertexOf(VertexKind kind, std::uint32_t index) const {
  const auto& vertices = byKind_[static_cast<std::size_t>(kind)];
  if (index >= vertices.size()) return std::nullopt;
  return vertices[index];
}

std::optional<Vertex> DependencyGraph::find(VertexKind kind, std::string_view label) const {
  const std::map<std::string, std::uint32_t>* index = nullptr;
  switch (kind) {
    case VertexKind::List:
      index = &program_.listIndex;
      break;
    case VertexKind::Unit:
      index = &program_.unitIndex;
      break;
    case VertexKind::Region:
      index = &program_.regionIndex;
      break;
    case VertexKind::Set:
      index = &program_.setIndex;
      break;
    case VertexKind::Define:
      index = &program_.defineIndex;
      break;
    case VertexKind::Rule:
      index = &program_.ruleIndex;
      break;
    case VertexKind::Attribute:
      index = &program_.attributeIndex;
      break;
  }
  auto it = index->find(std::string(label));
  if (it == index->end()) return std::nullopt;
  return vertexOf(kind, it->second);
}

std::optional<Vertex> DependencyGraph::findAny(std::string_view label) const {
  for (VertexKind kind : {VertexKind::Rule, VertexKind::Unit, VertexKind::Set, VertexKind::Region,
                          VertexKind::Define, VertexKind::List, VertexKind::Attribute})
    if (auto v = find(kind, label)) return v;
  return std::nullopt;
}

}  // namespace zr::audit
