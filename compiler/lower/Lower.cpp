#include "compiler/lower/Lower.h"

#include <algorithm>
#include <map>
#include <set>

#include "compiler/sema/Sema.h"

namespace zr::lower {
namespace {

class Lowering {
 public:
  Lowering(const sema::Program& program, const SourceManager& sources)
      : program_(program), sources_(sources) {}

  ir::Bundle run() {
    lowerLists();
    lowerSchema();
    lowerPlaces();
    lowerOpenSets();
    lowerRules();
    buildUnitIndex();
    ir::finalize(bundle_);
    return std::move(bundle_);
  }

 private:
  void lowerLists() {
    for (const auto& list : program_.lists) {
      ir::AccessList out;
      out.name = list.name;
      out.level = static_cast<ir::Level>(list.level);
      out.jurisdiction = list.jurisdiction;
      out.parent = list.parent;
      bundle_.lists.push_back(std::move(out));
    }
  }

  void lowerSchema() {
    for (const auto& attr : program_.attributes) {
      ir::Attribute out;
      out.name = attr.decl->name;
      out.type = attr.type;
      if (attr.unit) out.unit = std::string(attr.unit->symbol);
      out.enumValues = attr.enumValues;
      out.enumAliases = attr.enumAliases;
      out.labelZh = attr.decl->labelZh;
      out.labelEn = attr.decl->labelEn;
      out.computed = attr.computed;
      out.layer = attr.layer;
      bundle_.attributes.push_back(std::move(out));
    }
    for (const auto& entry : program_.industries)
      bundle_.industries.push_back({entry.code, entry.name, entry.parent});
  }

  void lowerPlaces() {
    for (const auto& region : program_.regions)
      bundle_.regions.push_back({region.decl->name, region.decl->title});
    bundle_.units.resize(program_.units.size());
    for (std::size_t u = 0; u < program_.units.size(); ++u) {
      const sema::UnitInfo& unit = program_.units[u];
      ir::Unit& out = bundle_.units[u];
      out.code = unit.code;
      out.name = unit.name;
      out.unitClass = static_cast<ir::UnitClass>(unit.unitClass);
      out.county = unit.county;
      out.kind = unit.kind;
      out.list = unit.list;
      out.regions = unit.regions;
    }
  }

  void lowerOpenSets() {
    for (std::uint32_t setIndex : program_.openSets) {
      const sema::SetInfo& set = program_.sets[setIndex];
      ir::OpenSet out;
      out.name = set.decl->name;
      out.attr = set.attr;
      out.baseMask = set.mask;
      std::map<std::uint32_t, std::uint64_t> perUnit;
      for (const auto& extension : program_.extensions)
        if (extension.set == setIndex)
          for (std::uint32_t u : extension.units) perUnit[u] |= extension.mask;
      out.unitMasks.assign(perUnit.begin(), perUnit.end());
      bundle_.openSets.push_back(std::move(out));
    }
  }

  std::uint32_t industrySet(const sema::TExpr& e) {
    auto key = std::make_pair(e.setName, e.industries);
    auto [it, inserted] = industrySets_.emplace(key, bundle_.industrySets.size());
    if (inserted) {
      ir::IndustrySet out;
      out.name = e.setName;
      out.prefixes = e.industries;
      bundle_.industrySets.push_back(std::move(out));
    }
    return static_cast<std::uint32_t>(it->second);
  }

  std::uint32_t value(const sema::TValue& v) {
    ir::ValueNode out;
    out.op = v.op;
    out.attr = v.attr;
    out.number = v.number;
    if (v.operands.size() == 2) {
      out.lhs = value(v.operands[0]);
      out.rhs = value(v.operands[1]);
    }
    bundle_.values.push_back(out);
    return static_cast<std::uint32_t>(bundle_.values.size() - 1);
  }

  std::uint32_t node(const sema::TExpr& e) {
    ir::Node out;
    out.op = e.op;
    out.cmp = e.cmp;
    out.negated = e.negated;
    out.attr = e.attr;
    out.number = e.number;
    out.mask = e.mask;
    std::vector<std::uint32_t> kids;
    switch (e.op) {
      case ir::NodeOp::And:
      case ir::NodeOp::Or:
      case ir::NodeOp::Not:
        for (const auto& child : e.children) kids.push_back(node(child));
        break;
      case ir::NodeOp::CmpExpr:
        kids.push_back(value(e.lhs));
        kids.push_back(value(e.rhs));
        break;
      case ir::NodeOp::IndustryIn:
        out.first = industrySet(e);
        break;
      case ir::NodeOp::OpenSetIn:
        out.first = e.openSet;
        break;
      case ir::NodeOp::StringIn:
        out.first = static_cast<std::uint32_t>(bundle_.strings.size());
        out.count = static_cast<std::uint32_t>(e.strings.size());
        bundle_.strings.insert(bundle_.strings.end(), e.strings.begin(), e.strings.end());
        break;
      default:
        break;
    }
    if (!kids.empty()) {
      out.first = static_cast<std::uint32_t>(bundle_.children.size());
      out.count = static_cast<std::uint32_t>(kids.size());
      bundle_.children.insert(bundle_.children.end(), kids.begin(), kids.end());
    }
    bundle_.nodes.push_back(out);
    return static_cast<std::uint32_t>(bundle_.nodes.size() - 1);
  }

  void lowerRules() {
    order_.resize(program_.rules.size());
    for (std::uint32_t i = 0; i < order_.size(); ++i) order_[i] = i;
    std::sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) {
      return program_.rules[a].id < program_.rules[b].id;
    });
    position_.resize(order_.size());
    for (std::uint32_t k = 0; k < order_.size(); ++k) position_[order_[k]] = k;
    for (std::uint32_t index : order_) {
      const sema::RuleInfo& rule = program_.rules[index];
      ir::Rule out;
      out.id = rule.id;
      out.list = rule.list;
      out.level = rule.level;
      out.dimension = rule.dimension;
      out.effect = rule.effect;
      out.title = rule.title;
      out.cite = rule.cite;
      out.condition = node(rule.condition);
      if (rule.effect == ir::Effect::Require) {
        out.requirement = node(rule.requirement);
        out.requirementText = sema::conditionText(program_, rule.requirement);
        out.conditionText = sema::conditionText(program_, rule.condition);
      } else if (rule.hasUnless) {
        out.conditionText = sema::conditionText(program_, rule.condition.children[0]) + " unless " +
                            sema::conditionText(program_, rule.condition.children[1].children[0]);
      } else {
        out.conditionText = sema::conditionText(program_, rule.condition);
      }
      out.attrs = rule.attrs;
      out.effectiveFrom = rule.effectiveFrom;
      out.effectiveUntil = rule.effectiveUntil;
      if (rule.refines != sema::kNone) out.refines = program_.rules[rule.refines].id;
      out.scopeText = rule.scopeText;
      const SourceSpan& span = rule.decl->idSpan;
      out.source = {span.file ? sources_.path(span.file) : "", span.line, span.column};
      bundle_.rules.push_back(std::move(out));
    }
  }

  void buildUnitIndex() {
    std::vector<std::vector<std::uint32_t>> perUnit(program_.units.size());
    std::set<std::pair<std::uint32_t, std::uint32_t>> replaced;  // (unit, rule position)
    for (std::uint32_t k = 0; k < order_.size(); ++k) {
      const sema::RuleInfo& rule = program_.rules[order_[k]];
      for (std::uint32_t u : rule.units) perUnit[u].push_back(k);
      if (rule.refines != sema::kNone)
        for (std::uint32_t u : rule.units) replaced.emplace(u, position_[rule.refines]);
    }
    bundle_.unitRuleStart.push_back(0);
    for (std::uint32_t u = 0; u < perUnit.size(); ++u) {
      for (std::uint32_t k : perUnit[u])
        if (!replaced.count({u, k})) bundle_.unitRuleIds.push_back(k);
      bundle_.unitRuleStart.push_back(static_cast<std::uint32_t>(bundle_.unitRuleIds.size()));
    }
  }

  const sema::Program& program_;
  const SourceManager& sources_;
  ir::Bundle bundle_;
  std::map<std::pair<std::string, std::vector<std::uint32_t>>, std::size_t> industrySets_;
  std::vector<std::uint32_t> order_;     // rule positions in the bundle -> program index
  std::vector<std::uint32_t> position_;  // program index -> position in the bundle
};

}  // namespace

ir::Bundle lower(const sema::Program& program, const SourceManager& sources) {
  return Lowering(program, sources).run();
}

}  // namespace zr::lower
