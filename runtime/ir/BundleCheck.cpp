#include "runtime/ir/BundleCheck.h"

#include <fmt/format.h>

#include <algorithm>

#include "runtime/ir/BundleError.h"
#include "runtime/measure/Measure.h"

namespace zr::ir {
namespace {

class Checker {
 public:
  explicit Checker(const Bundle& b) : b_(b) {}

  void run() {
    checkLists();
    checkAttributes();
    checkIndustries();
    checkUnits();
    checkValues();
    checkNodes();
    checkSets();
    checkRules();
    checkUnitIndex();
  }

 private:
  template <typename... Args>
  [[noreturn]] void fail(fmt::format_string<Args...> format, Args&&... args) const {
    throw BundleError(
        "ZR0905", "corrupt bundle content: " + fmt::format(format, std::forward<Args>(args)...));
  }

  void index(std::uint32_t i, std::size_t size, const char* what, const char* array, std::size_t at,
             const char* field, bool nullable = false) const {
    if (i == kNone && nullable) return;
    if (i >= size)
      fail("{}[{}].{}: {} index {} out of range ({} entries)", array, at, field, what,
           i == kNone ? std::string("null") : std::to_string(i), size);
  }

  // A chain of parent links must end (no cycle) within `size` steps.
  template <typename Parent>
  void acyclic(std::size_t size, const char* array, Parent parent) const {
    for (std::size_t i = 0; i < size; ++i) {
      std::uint32_t at = parent(i);
      for (std::size_t steps = 0; at != kNone; ++steps) {
        if (steps > size) fail("{}[{}].parent: the parent chain is a cycle", array, i);
        at = parent(at);
      }
    }
  }

  void checkLists() const {
    for (std::size_t i = 0; i < b_.lists.size(); ++i)
      index(b_.lists[i].parent, b_.lists.size(), "list", "lists", i, "parent", true);
    acyclic(b_.lists.size(), "lists", [&](std::size_t i) { return b_.lists[i].parent; });
  }

  void checkAttributes() const {
    for (std::size_t i = 0; i < b_.attributes.size(); ++i) {
      const Attribute& a = b_.attributes[i];
      const bool isEnum = a.type == AttrType::Enum || a.type == AttrType::EnumSet;
      if (isEnum && a.enumValues.size() > 64)
        fail("attributes[{}]: an enum has at most 64 values, not {}", i, a.enumValues.size());
      if (a.enumAliases.size() != a.enumValues.size())
        fail("attributes[{}]: {} enum aliases for {} values", i, a.enumAliases.size(),
             a.enumValues.size());
      if (a.type == AttrType::Quantity && !measure::find(a.unit))
        fail("attributes[{}].unit: unknown unit of measure '{}'", i, a.unit);
      if (a.computed == Computed::DistanceTo && !(a.type == AttrType::Quantity && a.unit == "m"))
        fail("attributes[{}]: a distance_to attribute is a quantity in m", i);
      if (a.computed == Computed::Within && a.type != AttrType::Bool)
        fail("attributes[{}]: a within attribute is a bool", i);
      if (a.computed != Computed::None && a.layer.empty())
        fail("attributes[{}]: a computed attribute without a layer", i);
    }
  }

  void checkIndustries() const {
    for (std::size_t i = 0; i < b_.industries.size(); ++i)
      index(b_.industries[i].parent, b_.industries.size(), "industry", "industries", i, "parent",
            true);
    acyclic(b_.industries.size(), "industries",
            [&](std::size_t i) { return b_.industries[i].parent; });
  }

  void checkUnits() const {
    for (std::size_t i = 0; i < b_.units.size(); ++i) {
      const Unit& u = b_.units[i];
      index(u.list, b_.lists.size(), "list", "units", i, "list", true);
      for (std::uint32_t r : u.regions)
        index(r, b_.regions.size(), "region", "units", i, "regions");
      if (i > 0 && !(b_.units[i - 1].code < u.code))
        fail("units[{}]: units must be sorted by code without duplicates ('{}' after '{}')", i,
             u.code, b_.units[i - 1].code);
    }
  }

  bool numeric(std::uint32_t attr) const {
    const AttrType t = b_.attributes[attr].type;
    return t == AttrType::Number || t == AttrType::Quantity || t == AttrType::Date;
  }

  // Values: operands come before their users (index order), which rules out cycles; depth is
  // bounded.
  void checkValues() {
    valueDepth_.assign(b_.values.size(), 1);
    for (std::size_t i = 0; i < b_.values.size(); ++i) {
      const ValueNode& v = b_.values[i];
      switch (v.op) {
        case ValueOp::Const:
          break;
        case ValueOp::Attr:
          index(v.attr, b_.attributes.size(), "attribute", "values", i, "attr");
          if (!numeric(v.attr))
            fail("values[{}].attr: attribute '{}' is not numeric", i, b_.attributes[v.attr].name);
          break;
        default:
          index(v.lhs, i, "earlier value", "values", i, "lhs");
          index(v.rhs, i, "earlier value", "values", i, "rhs");
          valueDepth_[i] = 1 + std::max(valueDepth_[v.lhs], valueDepth_[v.rhs]);
          if (valueDepth_[i] > kMaxPredicateDepth)
            fail("values[{}]: expression nested too deeply", i);
      }
    }
  }

  void attrOfType(const Node& n, std::size_t i, std::initializer_list<AttrType> types) const {
    index(n.attr, b_.attributes.size(), "attribute", "nodes", i, "attr");
    const AttrType t = b_.attributes[n.attr].type;
    if (std::find(types.begin(), types.end(), t) == types.end())
      fail("nodes[{}]: a '{}' node cannot read attribute '{}' of type {}", i, nodeOpName(n.op),
           b_.attributes[n.attr].name, attrTypeName(t));
  }

  void range(std::uint32_t first, std::uint32_t count, std::size_t size, const char* what,
             std::size_t i) const {
    if (first > size || count > size - first)
      fail("nodes[{}]: {} range [{}, +{}) out of range ({} entries)", i, what, first, count, size);
  }

  // Nodes: children come before their parents (index order), which rules out cycles.
  void checkNodes() {
    std::vector<std::uint32_t> depth(b_.nodes.size(), 1);
    for (std::size_t i = 0; i < b_.nodes.size(); ++i) {
      const Node& n = b_.nodes[i];
      switch (n.op) {
        case NodeOp::True:
        case NodeOp::False:
          break;
        case NodeOp::And:
        case NodeOp::Or:
        case NodeOp::Not:
          range(n.first, n.count, b_.children.size(), "children", i);
          if (n.op == NodeOp::Not && n.count != 1)
            fail("nodes[{}]: 'not' needs exactly one child", i);
          for (std::uint32_t k = n.first; k < n.first + n.count; ++k) {
            const std::uint32_t c = b_.children[k];
            if (c >= i) fail("nodes[{}]: child {} must be an earlier node", i, c);
            depth[i] = std::max(depth[i], depth[c] + 1);
          }
          if (depth[i] > kMaxPredicateDepth) fail("nodes[{}]: predicate nested too deeply", i);
          break;
        case NodeOp::BoolAttr:
          attrOfType(n, i, {AttrType::Bool});
          break;
        case NodeOp::CmpConst:
          attrOfType(n, i, {AttrType::Number, AttrType::Quantity, AttrType::Date});
          break;
        case NodeOp::CmpExpr:
          range(n.first, n.count, b_.children.size(), "children", i);
          if (n.count != 2) fail("nodes[{}]: 'cmp-expr' needs exactly two operands", i);
          for (std::uint32_t k = n.first; k < n.first + 2; ++k)
            if (b_.children[k] >= b_.values.size())
              fail("nodes[{}]: operand value {} out of range ({} values)", i, b_.children[k],
                   b_.values.size());
          break;
        case NodeOp::EnumIn:
          attrOfType(n, i, {AttrType::Enum, AttrType::EnumSet});
          break;
        case NodeOp::IndustryIn:
          attrOfType(n, i, {AttrType::Industry, AttrType::IndustrySet});
          index(n.first, b_.industrySets.size(), "industry set", "nodes", i, "set");
          break;
        case NodeOp::OpenSetIn:
          attrOfType(n, i, {AttrType::Enum, AttrType::EnumSet});
          index(n.first, b_.openSets.size(), "open set", "nodes", i, "set");
          break;
        case NodeOp::StringIn:
          attrOfType(n, i, {AttrType::String});
          range(n.first, n.count, b_.strings.size(), "strings", i);
          break;
      }
    }
  }

  void checkSets() const {
    for (std::size_t i = 0; i < b_.industrySets.size(); ++i)
      for (std::uint32_t p : b_.industrySets[i].prefixes)
        index(p, b_.industries.size(), "industry", "industrySets", i, "prefixes");
    for (std::size_t i = 0; i < b_.openSets.size(); ++i) {
      const OpenSet& s = b_.openSets[i];
      index(s.attr, b_.attributes.size(), "attribute", "openSets", i, "attr");
      const AttrType t = b_.attributes[s.attr].type;
      if (t != AttrType::Enum && t != AttrType::EnumSet)
        fail("openSets[{}].attr: attribute '{}' is not an enum", i, b_.attributes[s.attr].name);
      for (std::size_t k = 0; k < s.unitMasks.size(); ++k) {
        index(s.unitMasks[k].first, b_.units.size(), "unit", "openSets", i, "unitMasks");
        if (k > 0 && s.unitMasks[k - 1].first >= s.unitMasks[k].first)
          fail("openSets[{}].unitMasks: units must be sorted without duplicates", i);
      }
    }
  }

  void checkRules() const {
    for (std::size_t i = 0; i < b_.rules.size(); ++i) {
      const Rule& r = b_.rules[i];
      index(r.list, b_.lists.size(), "list", "rules", i, "list", true);
      index(r.condition, b_.nodes.size(), "node", "rules", i, "condition");
      if (r.effect == Effect::Require)
        index(r.requirement, b_.nodes.size(), "node", "rules", i, "requirement");
      else if (r.requirement != kNone)
        fail("rules[{}].requirement: a forbid rule has no requirement", i);
      for (std::uint32_t a : r.attrs)
        index(a, b_.attributes.size(), "attribute", "rules", i, "attrs");
      if (!std::is_sorted(r.attrs.begin(), r.attrs.end()) ||
          std::adjacent_find(r.attrs.begin(), r.attrs.end()) != r.attrs.end())
        fail("rules[{}].attrs: must be sorted without duplicates", i);
    }
  }

  void checkUnitIndex() const {
    const auto& start = b_.unitRuleStart;
    if (start.size() != b_.units.size() + 1)
      fail("unitRuleStart: {} entries for {} units (expected units + 1)", start.size(),
           b_.units.size());
    if (start.front() != 0) fail("unitRuleStart[0]: must be 0");
    for (std::size_t u = 1; u < start.size(); ++u)
      if (start[u] < start[u - 1]) fail("unitRuleStart[{}]: decreasing", u);
    if (start.back() != b_.unitRuleIds.size())
      fail("unitRuleStart: ends at {} but unitRuleIds has {} entries", start.back(),
           b_.unitRuleIds.size());
    for (std::size_t k = 0; k < b_.unitRuleIds.size(); ++k)
      if (b_.unitRuleIds[k] >= b_.rules.size())
        fail("unitRuleIds[{}]: rule index {} out of range ({} rules)", k, b_.unitRuleIds[k],
             b_.rules.size());
  }

  const Bundle& b_;
  std::vector<std::uint32_t> valueDepth_;
};

}  // namespace

void checkBundle(const Bundle& bundle) { Checker(bundle).run(); }

}  // namespace zr::ir
