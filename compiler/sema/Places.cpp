// Pass 3: units (codes, classes, counties), region membership, and the units every rule and
// set extension applies to.
#include <algorithm>
#include <functional>
#include <regex>
#include <set>

#include "compiler/sema/Sema.h"
#include "compiler/util/Suggest.h"

namespace zr::sema {
namespace {

const char* className(ast::UnitClass c) {
  switch (c) {
    case ast::UnitClass::Priority:
      return "priority";
    case ast::UnitClass::Key:
      return "key";
    case ast::UnitClass::General:
      return "general";
  }
  return "general";
}

template <typename Map>
std::vector<std::string> keysOf(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

class Places {
 public:
  Places(Program& program, DiagnosticSink& sink) : program_(program), sink_(sink) {}

  void run() {
    sortUnits();
    for (auto& unit : program_.units) mergeDeclarations(unit);
    fillRegions();
    for (auto& rule : program_.rules)
      if (!rule.decl->isRefine) rule.units = unitsOf(rule.decl->scope, rule.list, &rule.scopeText);
    for (auto& rule : program_.rules)
      if (rule.decl->isRefine) resolveRefinement(rule);
    for (auto& extension : program_.extensions)
      extension.units = unitsOf(extension.decl->scope, extension.list, nullptr);
    for (const auto& rule : program_.rules) {
      // A library module's rules have no units until a list that has some imports it.
      if (rule.units.empty() && rule.refines == kNone && !rule.decl->isRefine &&
          !program_.lists[rule.list].isModule)
        sink_.warning("ZR0315", rule.decl->idSpan, "rule " + rule.id + " applies to no unit").hint =
            "its scope (" + rule.scopeText + ") selects no unit of " +
            program_.lists[rule.list].name;
    }
  }

 private:
  void sortUnits() {
    std::sort(program_.units.begin(), program_.units.end(),
              [](const UnitInfo& a, const UnitInfo& b) { return a.code < b.code; });
    program_.unitIndex.clear();
    for (std::size_t i = 0; i < program_.units.size(); ++i)
      program_.unitIndex[program_.units[i].code] = static_cast<std::uint32_t>(i);
  }

  int rank(std::uint32_t list) const {
    return program_.lists[list].isModule ? 0 : static_cast<int>(program_.lists[list].level);
  }

  void mergeDeclarations(UnitInfo& unit) {
    static const std::regex kCode("^ZH[0-9]{6}[123][0-9]{4}$");
    // The highest-level declaration is authoritative for the class; the lowest gives details.
    std::size_t top = 0, bottom = 0;
    for (std::size_t k = 1; k < unit.decls.size(); ++k) {
      if (rank(unit.declLists[k]) < rank(unit.declLists[top])) top = k;
      if (rank(unit.declLists[k]) > rank(unit.declLists[bottom])) bottom = k;
    }
    const ast::UnitDecl& authority = *unit.decls[top];
    const ast::UnitDecl& details = *unit.decls[bottom];
    unit.unitClass = authority.unitClass;
    unit.name = details.name.empty() ? authority.name : details.name;
    unit.kind = details.kind.empty() ? authority.kind : details.kind;
    unit.list = unit.declLists[bottom];
    bool wellFormed = std::regex_match(unit.code, kCode);
    unit.county = details.county.empty() && wellFormed ? unit.code.substr(2, 6) : details.county;
    for (std::size_t k = 0; k < unit.decls.size(); ++k) {
      const ast::UnitDecl& decl = *unit.decls[k];
      if (!wellFormed) {
        sink_.error("ZR0305", decl.codeSpan, "malformed unit code '" + unit.code + "'").hint =
            "a unit code is ZH + 6-digit county code + class digit (1 优先保护, 2 重点管控, "
            "3 一般管控) + 4-digit serial, e.g. ZH36110220001";
      } else if (unit.code[8] - '0' != static_cast<int>(decl.unitClass)) {
        auto& d = sink_.error("ZR0306", decl.classSpan,
                              "unit " + unit.code + " is declared " + className(decl.unitClass) +
                                  " but its class digit " + unit.code[8] + " means " +
                                  className(static_cast<ast::UnitClass>(unit.code[8] - '0')));
        d.hint =
            "the 9th character of a unit code is its class: 1 优先保护, 2 重点管控, 3 一般管控";
      } else if (!decl.county.empty() && decl.county != unit.code.substr(2, 6)) {
        sink_.warning("ZR0313", decl.countySpan,
                      "unit " + unit.code + " names county " + decl.county +
                          " but its code carries " + unit.code.substr(2, 6));
      }
      if (k != top && decl.unitClass != authority.unitClass) {
        auto& d = sink_.warning("ZR0312", decl.classSpan,
                                "unit " + unit.code + " is " + className(decl.unitClass) +
                                    " here but " + className(authority.unitClass) + " in " +
                                    program_.lists[unit.declLists[top]].name);
        d.notes.push_back({authority.classSpan, "the authoritative class is declared here"});
      }
      const std::string& prefix = program_.lists[unit.declLists[k]].prefix;
      std::string county = decl.county.empty() ? unit.county : decl.county;
      if (!program_.lists[unit.declLists[k]].isModule && !county.starts_with(prefix))
        sink_.warning("ZR0314", decl.countySpan.valid() ? decl.countySpan : decl.codeSpan,
                      "unit " + unit.code + " lies outside the jurisdiction " +
                          program_.lists[unit.declLists[k]].jurisdiction + " of its list");
      for (std::size_t r = 0; r < decl.regions.size(); ++r) {
        auto it = program_.regionIndex.find(decl.regions[r]);
        if (it == program_.regionIndex.end()) {
          unknownName("ZR0204", "region", decl.regions[r], decl.regionSpans[r],
                      keysOf(program_.regionIndex));
          continue;
        }
        unit.regions.push_back(it->second);
      }
    }
  }

  void fillRegions() {
    for (std::uint32_t r = 0; r < program_.regions.size(); ++r) {
      const ast::RegionDecl& decl = *program_.regions[r].decl;
      for (std::size_t m = 0; m < decl.members.size(); ++m) {
        const std::string& member = decl.members[m];
        switch (decl.by) {
          case ast::RegionDecl::By::Declared:
            break;
          case ast::RegionDecl::By::Units: {
            auto it = program_.unitIndex.find(member);
            if (it == program_.unitIndex.end()) {
              unknownName("ZR0205", "unit", member, decl.memberSpans[m],
                          keysOf(program_.unitIndex));
              break;
            }
            program_.units[it->second].regions.push_back(r);
            break;
          }
          case ast::RegionDecl::By::Counties:
          case ast::RegionDecl::By::Cities: {
            if (member.size() != 6 || member.find_first_not_of("0123456789") != std::string::npos) {
              sink_.error("ZR0401", decl.memberSpans[m],
                          "'" + member + "' is not a 6-digit administrative code");
              break;
            }
            std::string prefix =
                decl.by == ast::RegionDecl::By::Cities ? member.substr(0, 4) : member;
            for (auto& unit : program_.units)
              if (unit.county.starts_with(prefix)) unit.regions.push_back(r);
            break;
          }
        }
      }
    }
    for (auto& unit : program_.units) {
      std::sort(unit.regions.begin(), unit.regions.end());
      unit.regions.erase(std::unique(unit.regions.begin(), unit.regions.end()), unit.regions.end());
    }
  }

  // Units selected by a scope inside the jurisdiction of `list`, sorted.
  std::vector<std::uint32_t> unitsOf(const ast::Scope& scope, std::uint32_t list,
                                     std::string* text) {
    const std::string& prefix = program_.lists[list].prefix;
    std::vector<std::function<bool(const UnitInfo&)>> tests;
    std::string rendered;
    bool broken = false;
    for (const auto& atom : scope.atoms) {
      if (!rendered.empty()) rendered += " & ";
      switch (atom.kind) {
        case ast::ScopeAtom::Kind::All:
          rendered += "all";
          break;
        case ast::ScopeAtom::Kind::Class:
          rendered += std::string("class ") + className(atom.unitClass);
          tests.push_back([c = atom.unitClass](const UnitInfo& u) { return u.unitClass == c; });
          break;
        case ast::ScopeAtom::Kind::Region: {
          rendered += "region " + atom.name;
          auto it = program_.regionIndex.find(atom.name);
          if (it == program_.regionIndex.end()) {
            unknownName("ZR0204", "region", atom.name, atom.span, keysOf(program_.regionIndex));
            broken = true;
            break;
          }
          tests.push_back([r = it->second](const UnitInfo& u) {
            return std::binary_search(u.regions.begin(), u.regions.end(), r);
          });
          break;
        }
        case ast::ScopeAtom::Kind::Unit: {
          rendered += "unit " + atom.name;
          if (!program_.unitIndex.count(atom.name)) {
            unknownName("ZR0205", "unit", atom.name, atom.span, keysOf(program_.unitIndex));
            broken = true;
            break;
          }
          tests.push_back([code = atom.name](const UnitInfo& u) { return u.code == code; });
          break;
        }
        case ast::ScopeAtom::Kind::County:
          rendered += "county " + atom.name;
          if (atom.name.size() != 6 ||
              atom.name.find_first_not_of("0123456789") != std::string::npos)
            sink_.error("ZR0401", atom.span,
                        "'" + atom.name + "' is not a 6-digit administrative code");
          tests.push_back([county = atom.name](const UnitInfo& u) { return u.county == county; });
          break;
      }
    }
    if (text) *text = rendered.empty() ? "all" : rendered;
    std::vector<std::uint32_t> out;
    if (broken) return out;
    // A single-unit scope is by far the most common: look it up instead of scanning.
    std::vector<std::uint32_t> candidates;
    auto unitAtom = std::find_if(scope.atoms.begin(), scope.atoms.end(), [](const auto& a) {
      return a.kind == ast::ScopeAtom::Kind::Unit;
    });
    if (unitAtom != scope.atoms.end()) {
      candidates.push_back(program_.unitIndex.at(unitAtom->name));
    } else {
      candidates.resize(program_.units.size());
      for (std::uint32_t u = 0; u < candidates.size(); ++u) candidates[u] = u;
    }
    for (std::uint32_t u : candidates) {
      const UnitInfo& unit = program_.units[u];
      if (!unit.county.starts_with(prefix)) continue;
      if (std::all_of(tests.begin(), tests.end(), [&](const auto& test) { return test(unit); }))
        out.push_back(u);
    }
    return out;
  }

  void resolveRefinement(RuleInfo& rule) {
    const ast::RuleDecl& decl = *rule.decl;
    auto it = program_.ruleIndex.find(decl.refines);
    if (it == program_.ruleIndex.end()) {
      unknownName("ZR0210", "rule", decl.refines, decl.idSpan, keysOf(program_.ruleIndex));
      return;
    }
    RuleInfo& target = program_.rules[it->second];
    bool ancestor = program_.lists[target.list].isModule && target.list != rule.list;
    for (std::uint32_t l = program_.lists[rule.list].parent; l != kNone && !ancestor;
         l = program_.lists[l].parent)
      ancestor = l == target.list;
    if (!ancestor) {
      auto& d = sink_.error("ZR0212", decl.idSpan,
                            "rule " + rule.id + " refines " + target.id +
                                ", which is not a rule of a higher-level list");
      d.notes.push_back({target.decl->idSpan, target.id + " is declared here"});
      d.hint = "a list refines only rules of its parent lists or of national modules";
      return;
    }
    rule.refines = it->second;
    if (!decl.dimension) rule.dimension = target.dimension;
    if (rule.title.empty()) rule.title = target.title;
    if (rule.cite.empty()) rule.cite = target.cite;
    std::string own;
    auto mine = unitsOf(decl.scope, rule.list, &own);
    rule.units.clear();
    std::set_intersection(mine.begin(), mine.end(), target.units.begin(), target.units.end(),
                          std::back_inserter(rule.units));
    rule.scopeText = own == "all" ? "refines " + target.id : own + " & refines " + target.id;
    if (rule.units.empty())
      sink_.warning("ZR0315", decl.idSpan, "refinement " + rule.id + " applies to no unit").hint =
          target.id + " applies to no unit of " + program_.lists[rule.list].name;
  }

  void unknownName(const char* code, const char* what, const std::string& name, SourceSpan span,
                   const std::vector<std::string>& candidates) {
    auto& d = sink_.error(code, span, std::string("unknown ") + what + " '" + name + "'");
    d.hint = didYouMean(name, candidates);
  }

  Program& program_;
  DiagnosticSink& sink_;
};

}  // namespace

void resolvePlaces(Program& program, DiagnosticSink& sink) { Places(program, sink).run(); }

}  // namespace zr::sema
