// Pass 2: collects every named thing into the Program's tables and reports duplicates.
#include <algorithm>

#include "compiler/sema/Sema.h"
#include "compiler/util/Suggest.h"

namespace zr::sema {
namespace {

ir::Level toIrLevel(ast::Level level) {
  switch (level) {
    case ast::Level::Nation:
      return ir::Level::Nation;
    case ast::Level::Province:
      return ir::Level::Province;
    case ast::Level::City:
      return ir::Level::City;
  }
  return ir::Level::Province;
}

std::vector<std::string> measureSymbols() {
  std::vector<std::string> out;
  for (int d = 0; d <= static_cast<int>(measure::Dim::Duration); ++d)
    for (auto symbol : measure::symbolsOf(static_cast<measure::Dim>(d))) out.emplace_back(symbol);
  return out;
}

bool isIndustryCode(const std::string& code) {
  if (code.empty() || code[0] < 'A' || code[0] > 'T') return false;
  if (code.size() != 1 && code.size() != 3 && code.size() != 4 && code.size() != 5) return false;
  return std::all_of(code.begin() + 1, code.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class Collector {
 public:
  Collector(Program& program, DiagnosticSink& sink) : program_(program), sink_(sink) {}

  void run() {
    for (std::size_t i = 0; i < program_.files.size(); ++i) {
      list_ = program_.fileList[i];
      if (list_ == kNone) continue;
      for (const auto& decl : program_.files[i]->decls) std::visit(*this, decl);
    }
    linkIndustryParents();
  }

  void operator()(const ast::ImportDecl&) {}

  void operator()(const ast::AttributeDecl& decl) {
    if (!claim(program_.attributeIndex, decl.name, program_.attributes.size(), decl.span,
               "attribute", [&](std::uint32_t i) { return program_.attributes[i].decl->span; }))
      return;
    AttributeInfo info;
    info.decl = &decl;
    info.list = list_;
    typeOf(decl.type, info);
    program_.attributes.push_back(std::move(info));
  }

  void operator()(const ast::IndustryDecl& decl) {
    if (!isIndustryCode(decl.code)) {
      sink_.error("ZR0304", decl.span, "'" + decl.code + "' is not a GB/T 4754 code").hint =
          "a section letter A–T followed by 0, 2, 3 or 4 digits, e.g. C26 or C2614";
      return;
    }
    if (!claim(program_.industryIndex, decl.code, program_.industries.size(), decl.span,
               "industry code", [&](std::uint32_t i) { return program_.industries[i].span; }))
      return;
    program_.industries.push_back({decl.code, decl.name, kNone, decl.span});
  }

  void operator()(const ast::UnitDecl& decl) {
    auto [it, inserted] = program_.unitIndex.emplace(decl.code, program_.units.size());
    if (inserted) {
      UnitInfo info;
      info.code = decl.code;
      program_.units.push_back(std::move(info));
    }
    UnitInfo& unit = program_.units[it->second];
    for (std::size_t k = 0; k < unit.decls.size(); ++k) {
      if (unit.declLists[k] == list_) {
        auto& d = sink_.error("ZR0207", decl.codeSpan,
                              "unit " + decl.code + " is declared twice in the same list");
        d.notes.push_back({unit.decls[k]->codeSpan, "first declared here"});
        return;
      }
    }
    unit.decls.push_back(&decl);
    unit.declLists.push_back(list_);
  }

  void operator()(const ast::RegionDecl& decl) {
    if (!claim(program_.regionIndex, decl.name, program_.regions.size(), decl.span, "region",
               [&](std::uint32_t i) { return program_.regions[i].decl->span; }))
      return;
    program_.regions.push_back({&decl, list_});
  }

  void operator()(const ast::SetDecl& decl) {
    if (!claim(program_.setIndex, decl.name, program_.sets.size(), decl.span, "set",
               [&](std::uint32_t i) { return program_.sets[i].decl->span; }))
      return;
    SetInfo info;
    info.decl = &decl;
    info.list = list_;
    if (decl.open) {
      info.openSet = static_cast<std::uint32_t>(program_.openSets.size());
      program_.openSets.push_back(static_cast<std::uint32_t>(program_.sets.size()));
    }
    program_.sets.push_back(std::move(info));
  }

  void operator()(const ast::ExtendDecl& decl) {
    ExtensionInfo info;
    info.decl = &decl;
    info.list = list_;
    program_.extensions.push_back(std::move(info));
  }

  void operator()(const ast::DefineDecl& decl) {
    if (!claim(program_.defineIndex, decl.name, program_.defines.size(), decl.span, "definition",
               [&](std::uint32_t i) { return program_.defines[i].decl->span; }))
      return;
    program_.defines.push_back({&decl, list_});
  }

  // A layer declares its two spatial facts as attributes.
  void operator()(const ast::LayerDecl& decl) {
    if (!claim(program_.layerIndex, decl.name, program_.layers.size(), decl.nameSpan, "layer",
               [&](std::uint32_t i) { return program_.layers[i].decl->nameSpan; }))
      return;
    program_.layers.push_back({&decl, list_});
    for (const auto& [fact, kind] : {std::pair{&decl.distance, ir::Computed::DistanceTo},
                                     std::pair{&decl.within, ir::Computed::Within}}) {
      const std::size_t before = program_.attributes.size();
      (*this)(*fact);
      if (program_.attributes.size() == before) continue;
      program_.attributes.back().computed = kind;
      program_.attributes.back().layer = decl.name;
    }
  }

  void operator()(const ast::RuleDecl& decl) {
    std::string id = decl.id;
    if (decl.isRefine && id.empty()) id = decl.refines + "/" + program_.lists[list_].jurisdiction;
    if (!claim(program_.ruleIndex, id, program_.rules.size(), decl.idSpan, "rule id",
               [&](std::uint32_t i) { return program_.rules[i].decl->idSpan; }))
      return;
    RuleInfo info;
    info.decl = &decl;
    info.id = id;
    info.list = list_;
    info.level = toIrLevel(program_.lists[list_].level);
    info.title = decl.title;
    info.cite = decl.cite;
    info.effect = decl.effect == ast::Effect::Forbid ? ir::Effect::Forbid : ir::Effect::Require;
    if (decl.dimension) info.dimension = static_cast<ir::Dimension>(*decl.dimension);
    program_.rules.push_back(std::move(info));
  }

 private:
  template <typename SpanOf>
  bool claim(std::map<std::string, std::uint32_t>& index, const std::string& name, std::size_t next,
             SourceSpan span, const char* what, SpanOf spanOf) {
    auto [it, inserted] = index.emplace(name, static_cast<std::uint32_t>(next));
    if (!inserted) {
      auto& d = sink_.error("ZR0206", span, std::string("duplicate ") + what + " '" + name + "'");
      d.notes.push_back({spanOf(it->second), "first declared here"});
      d.hint = std::string("each ") + what + " must be unique in the bundle";
    }
    return inserted;
  }

  void typeOf(const ast::TypeExpr& type, AttributeInfo& info) {
    using K = ast::TypeExpr::Kind;
    switch (type.kind) {
      case K::Bool:
        info.type = ir::AttrType::Bool;
        break;
      case K::Number:
        info.type = ir::AttrType::Number;
        break;
      case K::String:
        info.type = ir::AttrType::String;
        break;
      case K::Date:
        info.type = ir::AttrType::Date;
        break;
      case K::Industry:
        info.type = ir::AttrType::Industry;
        break;
      case K::Quantity:
        info.type = ir::AttrType::Quantity;
        info.unit = measure::find(type.unit);
        if (!info.unit) {
          auto& d = sink_.error("ZR0303", type.span, "unknown unit of measure '" + type.unit + "'");
          d.hint = didYouMean(type.unit, measureSymbols());
          info.type = ir::AttrType::Number;
        }
        break;
      case K::Enum:
        info.type = ir::AttrType::Enum;
        enumMembers(type, info);
        break;
      case K::Set:
        if (type.element && type.element->kind == K::Enum) {
          info.type = ir::AttrType::EnumSet;
          enumMembers(*type.element, info);
        } else if (type.element && type.element->kind == K::Industry) {
          info.type = ir::AttrType::IndustrySet;
        } else {
          sink_.error("ZR0301", type.span, "a set attribute holds enum values or industry codes")
              .hint = "write set<industry> or set<enum {a, b}>";
          info.type = ir::AttrType::IndustrySet;
        }
        break;
    }
  }

  void enumMembers(const ast::TypeExpr& type, AttributeInfo& info) {
    if (type.members.size() > 64) {
      sink_.error("ZR0311", type.span, "an enum holds at most 64 values");
    }
    std::map<std::string, SourceSpan> seen;
    for (const auto& member : type.members) {
      for (const std::string* name : {&member.name, &member.alias}) {
        if (name->empty()) continue;
        if (auto [it, inserted] = seen.emplace(*name, member.span); !inserted) {
          auto& d = sink_.error("ZR0206", member.span, "duplicate enum value '" + *name + "'");
          d.notes.push_back({it->second, "first declared here"});
        }
      }
      if (info.enumValues.size() < 64) {
        info.enumValues.push_back(member.name);
        info.enumAliases.push_back(member.alias);
      }
    }
  }

  void linkIndustryParents() {
    for (auto& entry : program_.industries) {
      if (entry.code.size() == 1) continue;
      std::string parent = entry.code.size() == 3 ? entry.code.substr(0, 1)
                                                  : entry.code.substr(0, entry.code.size() - 1);
      auto it = program_.industryIndex.find(parent);
      if (it == program_.industryIndex.end()) {
        sink_.error("ZR0310", entry.span,
                    "industry " + entry.code + " has no declared parent " + parent);
        continue;
      }
      entry.parent = it->second;
    }
  }

  Program& program_;
  DiagnosticSink& sink_;
  std::uint32_t list_ = kNone;
};

}  // namespace

void collectSymbols(Program& program, DiagnosticSink& sink) { Collector(program, sink).run(); }

}  // namespace zr::sema
