// Test helper: builds small IR bundles by hand (no compiler), for the runtime's unit tests.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

#include "runtime/eval/Facts.h"
#include "runtime/ir/Ir.h"

namespace zr::testing {

class BundleBuilder {
 public:
  BundleBuilder() {
    b_.lists.push_back({"测试省生态环境准入清单", ir::Level::Province, "360000", ir::kNone});
  }

  // ---- schema and places --------------------------------------------------------------------
  std::uint32_t attr(const std::string& name, ir::AttrType type, const std::string& unit = "",
                     std::vector<std::string> values = {}, std::vector<std::string> aliases = {}) {
    ir::Attribute a;
    a.name = name;
    a.type = type;
    a.unit = unit;
    if (aliases.empty()) aliases.assign(values.size(), "");
    a.enumValues = std::move(values);
    a.enumAliases = std::move(aliases);
    a.labelEn = name;
    b_.attributes.push_back(std::move(a));
    return static_cast<std::uint32_t>(b_.attributes.size() - 1);
  }
  std::uint32_t industry(const std::string& code, const std::string& name,
                         std::uint32_t parent = ir::kNone) {
    b_.industries.push_back({code, name, parent});
    return static_cast<std::uint32_t>(b_.industries.size() - 1);
  }
  std::uint32_t region(const std::string& name) {
    b_.regions.push_back({name, name});
    return static_cast<std::uint32_t>(b_.regions.size() - 1);
  }
  // Units must be added in code order.
  std::uint32_t unit(const std::string& code, ir::UnitClass unitClass = ir::UnitClass::Key) {
    ir::Unit u;
    u.code = code;
    u.name = "单元" + code.substr(code.size() - 4);
    u.unitClass = unitClass;
    u.county = code.substr(2, 6);
    u.list = 0;
    b_.units.push_back(std::move(u));
    perUnit_.emplace_back();
    return static_cast<std::uint32_t>(b_.units.size() - 1);
  }

  // ---- predicates ---------------------------------------------------------------------------
  std::uint32_t node(ir::Node n) {
    b_.nodes.push_back(n);
    return static_cast<std::uint32_t>(b_.nodes.size() - 1);
  }
  std::uint32_t T() { return node({ir::NodeOp::True}); }
  std::uint32_t F() { return node({ir::NodeOp::False}); }
  std::uint32_t group(ir::NodeOp op, const std::vector<std::uint32_t>& kids) {
    ir::Node n;
    n.op = op;
    n.first = static_cast<std::uint32_t>(b_.children.size());
    n.count = static_cast<std::uint32_t>(kids.size());
    b_.children.insert(b_.children.end(), kids.begin(), kids.end());
    return node(n);
  }
  std::uint32_t And(std::initializer_list<std::uint32_t> kids) {
    return group(ir::NodeOp::And, kids);
  }
  std::uint32_t Or(std::initializer_list<std::uint32_t> kids) {
    return group(ir::NodeOp::Or, kids);
  }
  std::uint32_t Not(std::uint32_t kid) { return group(ir::NodeOp::Not, {kid}); }
  std::uint32_t boolAttr(std::uint32_t attr) {
    ir::Node n;
    n.op = ir::NodeOp::BoolAttr;
    n.attr = attr;
    return node(n);
  }
  std::uint32_t cmp(std::uint32_t attr, ir::Cmp c, double number) {
    ir::Node n;
    n.op = ir::NodeOp::CmpConst;
    n.cmp = c;
    n.attr = attr;
    n.number = number;
    return node(n);
  }
  std::uint32_t enumIn(std::uint32_t attr, std::uint64_t mask, bool negated = false) {
    ir::Node n;
    n.op = ir::NodeOp::EnumIn;
    n.attr = attr;
    n.mask = mask;
    n.negated = negated;
    return node(n);
  }
  std::uint32_t industryIn(std::uint32_t attr, std::vector<std::uint32_t> prefixes,
                           bool negated = false, const std::string& name = "") {
    ir::IndustrySet set;
    set.name = name;
    set.prefixes = std::move(prefixes);
    b_.industrySets.push_back(std::move(set));
    ir::Node n;
    n.op = ir::NodeOp::IndustryIn;
    n.attr = attr;
    n.first = static_cast<std::uint32_t>(b_.industrySets.size() - 1);
    n.negated = negated;
    return node(n);
  }
  std::uint32_t openSet(const std::string& name, std::uint32_t attr, std::uint64_t base,
                        std::vector<std::pair<std::uint32_t, std::uint64_t>> perUnit = {}) {
    b_.openSets.push_back({name, attr, base, std::move(perUnit)});
    return static_cast<std::uint32_t>(b_.openSets.size() - 1);
  }
  std::uint32_t openSetIn(std::uint32_t attr, std::uint32_t set, bool negated = false) {
    ir::Node n;
    n.op = ir::NodeOp::OpenSetIn;
    n.attr = attr;
    n.first = set;
    n.negated = negated;
    return node(n);
  }
  std::uint32_t stringIn(std::uint32_t attr, const std::vector<std::string>& strings,
                         bool negated = false) {
    ir::Node n;
    n.op = ir::NodeOp::StringIn;
    n.attr = attr;
    n.first = static_cast<std::uint32_t>(b_.strings.size());
    n.count = static_cast<std::uint32_t>(strings.size());
    n.negated = negated;
    b_.strings.insert(b_.strings.end(), strings.begin(), strings.end());
    return node(n);
  }
  std::uint32_t value(ir::ValueNode v) {
    b_.values.push_back(v);
    return static_cast<std::uint32_t>(b_.values.size() - 1);
  }
  std::uint32_t vConst(double x) {
    return value({ir::ValueOp::Const, ir::kNone, ir::kNone, ir::kNone, x});
  }
  std::uint32_t vAttr(std::uint32_t attr) {
    return value({ir::ValueOp::Attr, attr, ir::kNone, ir::kNone, 0});
  }
  std::uint32_t vOp(ir::ValueOp op, std::uint32_t l, std::uint32_t r) {
    return value({op, ir::kNone, l, r, 0});
  }
  std::uint32_t cmpExpr(std::uint32_t lhs, ir::Cmp c, std::uint32_t rhs) {
    ir::Node n;
    n.op = ir::NodeOp::CmpExpr;
    n.cmp = c;
    n.first = static_cast<std::uint32_t>(b_.children.size());
    n.count = 2;
    b_.children.push_back(lhs);
    b_.children.push_back(rhs);
    return node(n);
  }

  // ---- rules --------------------------------------------------------------------------------
  // Rules should be added in id order; `units` empty = every unit.
  std::uint32_t forbid(const std::string& id, std::uint32_t condition,
                       std::vector<std::uint32_t> units = {}) {
    return rule(id, ir::Effect::Forbid, condition, ir::kNone, std::move(units));
  }
  std::uint32_t require(const std::string& id, std::uint32_t guard, std::uint32_t requirement,
                        std::vector<std::uint32_t> units = {}) {
    return rule(id, ir::Effect::Require, guard, requirement, std::move(units));
  }
  ir::Rule& ruleAt(std::uint32_t r) { return b_.rules[r]; }
  ir::Bundle& raw() { return b_; }

  ir::Bundle build() {
    ir::Bundle out = b_;
    out.unitRuleStart.assign(1, 0);
    out.unitRuleIds.clear();
    for (std::size_t u = 0; u < perUnit_.size(); ++u) {
      std::vector<std::uint32_t> ids = perUnit_[u];
      for (std::uint32_t r = 0; r < everyUnit_.size(); ++r)
        if (everyUnit_[r]) ids.push_back(r);
      std::sort(ids.begin(), ids.end());
      out.unitRuleIds.insert(out.unitRuleIds.end(), ids.begin(), ids.end());
      out.unitRuleStart.push_back(static_cast<std::uint32_t>(out.unitRuleIds.size()));
    }
    ir::finalize(out);
    return out;
  }

 private:
  std::uint32_t rule(const std::string& id, ir::Effect effect, std::uint32_t condition,
                     std::uint32_t requirement, std::vector<std::uint32_t> units) {
    ir::Rule r;
    r.id = id;
    r.list = 0;
    r.level = ir::Level::Province;
    r.dimension = effect == ir::Effect::Forbid ? ir::Dimension::Layout : ir::Dimension::Emission;
    r.effect = effect;
    r.title = "规则 " + id;
    r.cite = "《测试》" + id;
    r.condition = condition;
    r.requirement = requirement;
    r.conditionText = "condition of " + id;
    if (effect == ir::Effect::Require) r.requirementText = "requirement of " + id;
    std::vector<char> seen(b_.nodes.size(), 0);
    collect(condition, r.attrs, seen);
    if (requirement != ir::kNone) collect(requirement, r.attrs, seen);
    std::sort(r.attrs.begin(), r.attrs.end());
    r.attrs.erase(std::unique(r.attrs.begin(), r.attrs.end()), r.attrs.end());
    r.source = {"test.zr", static_cast<std::uint32_t>(b_.rules.size() + 1), 3};
    b_.rules.push_back(std::move(r));
    const auto index = static_cast<std::uint32_t>(b_.rules.size() - 1);
    everyUnit_.push_back(units.empty());
    for (std::uint32_t u : units) perUnit_.at(u).push_back(index);
    return index;
  }

  // The attributes a tree reads (tolerates the broken references robustness tests build).
  void collectValue(std::uint32_t v, std::vector<std::uint32_t>& out) const {
    if (v >= b_.values.size()) return;
    const ir::ValueNode& n = b_.values[v];
    if (n.op == ir::ValueOp::Attr) out.push_back(n.attr);
    if (n.lhs != ir::kNone) collectValue(n.lhs, out);
    if (n.rhs != ir::kNone) collectValue(n.rhs, out);
  }

  void collect(std::uint32_t node, std::vector<std::uint32_t>& out, std::vector<char>& seen) const {
    if (node >= b_.nodes.size() || seen[node]) return;  // shared subtrees are visited once
    seen[node] = 1;
    const ir::Node& n = b_.nodes[node];
    switch (n.op) {
      case ir::NodeOp::And:
      case ir::NodeOp::Or:
      case ir::NodeOp::Not:
        for (std::uint32_t k = n.first; k < n.first + n.count && k < b_.children.size(); ++k)
          if (b_.children[k] < node) collect(b_.children[k], out, seen);
        break;
      case ir::NodeOp::CmpExpr:
        for (std::uint32_t k = n.first; k < n.first + n.count && k < b_.children.size(); ++k)
          collectValue(b_.children[k], out);
        break;
      case ir::NodeOp::True:
      case ir::NodeOp::False:
        break;
      default:
        if (n.attr < b_.attributes.size()) out.push_back(n.attr);
    }
  }

  ir::Bundle b_;
  std::vector<std::vector<std::uint32_t>> perUnit_;
  std::vector<bool> everyUnit_;
};

// Fact setters for hand-made Facts.
inline void setBool(eval::Facts& f, std::uint32_t attr, bool value) {
  f.slots[attr] = {};
  f.slots[attr].state = eval::Fact::State::Known;
  f.slots[attr].boolean = value;
}
inline void setNumber(eval::Facts& f, std::uint32_t attr, double value) {
  f.slots[attr] = {};
  f.slots[attr].state = eval::Fact::State::Known;
  f.slots[attr].number = value;
}
inline void setBits(eval::Facts& f, std::uint32_t attr, std::uint64_t bits) {
  f.slots[attr] = {};
  f.slots[attr].state = eval::Fact::State::Known;
  f.slots[attr].bits = bits;
}
inline void setIndustries(eval::Facts& f, std::uint32_t attr,
                          const std::vector<std::uint32_t>& codes) {
  f.slots[attr] = {};
  f.slots[attr].state = eval::Fact::State::Known;
  f.slots[attr].first = static_cast<std::uint32_t>(f.industries.size());
  f.slots[attr].count = static_cast<std::uint32_t>(codes.size());
  f.industries.insert(f.industries.end(), codes.begin(), codes.end());
}
inline void setString(eval::Facts& f, std::uint32_t attr, const std::string& text) {
  f.slots[attr] = {};
  f.slots[attr].state = eval::Fact::State::Known;
  f.slots[attr].first = static_cast<std::uint32_t>(f.strings.size());
  f.slots[attr].count = 1;
  f.strings.push_back(text);
}
inline void setInvalid(eval::Facts& f, std::uint32_t attr, const std::string& why,
                       const std::string& name) {
  f.slots[attr] = {};
  f.slots[attr].state = eval::Fact::State::Invalid;
  f.invalid.push_back(name + ": " + why);
}
inline void setUnknown(eval::Facts& f, std::uint32_t attr) { f.slots[attr] = {}; }

// A bundle that uses every kind of IR element: two lists, every attribute type, a taxonomy,
// regions, three units, named and literal industry sets, an open set extended in one unit,
// string sets, arithmetic, effective dates and a refinement. Attribute indices:
//   0 vocs quantity<t/a>, 1 vocs_offset_ratio number, 2 distance_to_yangtze quantity<km>,
//   3 change enum, 4 industry set<industry>, 5 in_park bool, 6 activity set<enum>,
//   7 park string, 8 approved date, 9 main_industry industry, 10 energy_use quantity<tce/a>
inline ir::Bundle sampleBundle() {
  BundleBuilder bb;
  bb.raw().lists.push_back({"九江市生态环境准入清单", ir::Level::City, "360400", 0});
  const auto vocs = bb.attr("vocs", ir::AttrType::Quantity, "t/a");
  const auto ratio = bb.attr("vocs_offset_ratio", ir::AttrType::Number);
  const auto distance = bb.attr("distance_to_yangtze", ir::AttrType::Quantity, "km");
  const auto change = bb.attr("change", ir::AttrType::Enum, "", {"new", "expansion", "renovation"},
                              {"新建", "扩建", "改建"});
  const auto industry = bb.attr("industry", ir::AttrType::IndustrySet);
  const auto inPark = bb.attr("in_park", ir::AttrType::Bool);
  const auto activity = bb.attr("activity", ir::AttrType::EnumSet, "",
                                {"restoration", "research", "tourism"}, {"生态修复", "", "旅游"});
  const auto park = bb.attr("park", ir::AttrType::String);
  const auto approved = bb.attr("approved", ir::AttrType::Date);
  const auto mainIndustry = bb.attr("main_industry", ir::AttrType::Industry);
  const auto energy = bb.attr("energy_use", ir::AttrType::Quantity, "tce/a");
  bb.raw().attributes[vocs].labelZh = "VOCs排放量";
  bb.raw().attributes[vocs].labelEn = "VOCs emissions";
  bb.raw().attributes[inPark].labelZh = "位于合规园区";
  bb.raw().attributes[inPark].labelEn = "in a compliant park";
  const auto c = bb.industry("C", "制造业");
  const auto c26 = bb.industry("C26", "化学原料和化学制品制造业", c);
  const auto c261 = bb.industry("C261", "基础化学原料制造", c26);
  bb.industry("C2614", "有机化学原料制造", c261);
  const auto c30 = bb.industry("C30", "非金属矿物制品业", c);
  const auto c301 = bb.industry("C301", "水泥、石灰和石膏制造", c30);
  bb.industry("C3011", "水泥制造", c301);
  const auto poyang = bb.region("poyang");
  const auto u0 = bb.unit("ZH36042910001", ir::UnitClass::Priority);
  const auto u1 = bb.unit("ZH36110220001", ir::UnitClass::Key);
  const auto u2 = bb.unit("ZH36110230001", ir::UnitClass::General);
  bb.raw().units[u1].regions = {poyang};
  bb.raw().units[u0].list = 1;
  const auto permitted = bb.openSet("permitted_activities", activity, 0b001, {{u0, 0b010}});

  // T-01 forbid chemical new/expansion unless in park
  bb.forbid("T-01",
            bb.And({bb.industryIn(industry, {c26}, false, "chemical"), bb.enumIn(change, 0b011),
                    bb.Not(bb.boolAttr(inPark))}),
            {u1});
  // T-02 require ratio >= 2 when vocs >= 10 t/a, effective from 2025-01-01
  const auto t02 =
      bb.require("T-02", bb.cmp(vocs, ir::Cmp::Ge, 10), bb.cmp(ratio, ir::Cmp::Ge, 2.0), {u1});
  bb.ruleAt(t02).effectiveFrom = 20089;
  // T-03 forbid cement or chemical in priority units unless a permitted activity
  bb.forbid(
      "T-03",
      bb.And({bb.industryIn(industry, {c26, c30}), bb.Not(bb.openSetIn(activity, permitted))}),
      {u0});
  // T-04 limit energy_use <= 5000 tce/a when change == new
  bb.require("T-04", bb.enumIn(change, 0b001), bb.cmp(energy, ir::Cmp::Le, 5000));
  // T-05 require distance*1000 - 500 >= 500 (arithmetic) when not in some parks, until 2030
  const auto t05 =
      bb.require("T-05", bb.Or({bb.stringIn(park, {"九江经开区", "湖口\"高新\"区"}, true), bb.F()}),
                 bb.cmpExpr(bb.vOp(ir::ValueOp::Sub,
                                   bb.vOp(ir::ValueOp::Mul, bb.vAttr(distance), bb.vConst(1000)),
                                   bb.vConst(500)),
                            ir::Cmp::Ge, bb.vOp(ir::ValueOp::Div, bb.vConst(1000), bb.vConst(2))),
                 {u1, u2});
  bb.ruleAt(t05).effectiveUntil = 21914;  // 2029-12-31
  // T-06 refines T-02 in the city; reads a date and the main industry
  const auto t06 = bb.forbid("T-06",
                             bb.And({bb.cmp(approved, ir::Cmp::Lt, 19723),
                                     bb.industryIn(mainIndustry, {c301}, true), bb.T()}),
                             {u0});
  bb.ruleAt(t06).level = ir::Level::City;
  bb.ruleAt(t06).list = 1;
  bb.ruleAt(t06).refines = "T-02";
  bb.ruleAt(t06).dimension = ir::Dimension::Risk;
  bb.ruleAt(t06).scopeText = "unit ZH36042910001";
  bb.ruleAt(0).scopeText = "class key & region poyang";
  return bb.build();
}

}  // namespace zr::testing
