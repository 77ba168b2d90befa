#include "runtime/ir/IrPrinter.h"

#include <fmt/format.h>

#include <iterator>

#include "runtime/util/Date.h"
#include "runtime/util/JsonText.h"

namespace zr::ir {
namespace {

constexpr std::size_t kLineWidth = 100;
constexpr std::size_t kMaxIndustriesListed = 100;

class Printer {
 public:
  explicit Printer(const Bundle& b) : b_(b) {}

  std::string run() {
    line("zhunru bundle (format {})", kFormatVersion);
    lists();
    attributes();
    industries();
    regions();
    units();
    industrySets();
    openSets();
    rules();
    unitRules();
    return std::move(out_);
  }

  std::string predicate(std::uint32_t node) const {
    std::string s;
    inlineNode(node, s);
    return s;
  }

 private:
  template <typename... Args>
  void line(fmt::format_string<Args...> format, Args&&... args) {
    fmt::format_to(std::back_inserter(out_), format, std::forward<Args>(args)...);
    out_ += '\n';
  }

  static std::string quoted(const std::string& s) {
    std::string out;
    util::appendJsonString(out, s);
    return out;
  }

  std::string listName(std::uint32_t i) const {
    return i < b_.lists.size() ? quoted(b_.lists[i].name) : std::string("-");
  }

  std::string enumNames(const Attribute& a, std::uint64_t mask) const {
    std::string s = "{";
    for (unsigned bit = 0; bit < 64; ++bit) {
      if (!(mask >> bit & 1)) continue;
      if (s.size() > 1) s += ' ';
      s += bit < a.enumValues.size() ? a.enumValues[bit] : fmt::format("#{}", bit);
    }
    return s + "}";
  }

  std::string typeText(const Attribute& a) const {
    auto values = [&] {
      std::string s = "{";
      for (std::size_t i = 0; i < a.enumValues.size(); ++i) {
        if (i) s += ", ";
        s += a.enumValues[i];
        if (i < a.enumAliases.size() && !a.enumAliases[i].empty()) {
          s += ' ';
          s += quoted(a.enumAliases[i]);
        }
      }
      return s + "}";
    };
    switch (a.type) {
      case AttrType::Enum:
        return fmt::format("enum {}", values());
      case AttrType::EnumSet:
        return fmt::format("set<enum {}>", values());
      case AttrType::Quantity:
        return fmt::format("quantity<{}>", a.unit);
      case AttrType::IndustrySet:
        return "set<industry>";
      default:
        return attrTypeName(a.type);
    }
  }

  void lists() {
    line("");
    line("lists ({})", b_.lists.size());
    for (std::size_t i = 0; i < b_.lists.size(); ++i) {
      const AccessList& l = b_.lists[i];
      std::string s = fmt::format("  [{}] {} {}", i, quoted(l.name), levelName(l.level));
      if (!l.jurisdiction.empty()) s += " jurisdiction " + l.jurisdiction;
      if (l.parent != kNone) s += " parent " + listName(l.parent);
      line("{}", s);
    }
  }

  void attributes() {
    line("");
    line("attributes ({})", b_.attributes.size());
    for (std::size_t i = 0; i < b_.attributes.size(); ++i) {
      const Attribute& a = b_.attributes[i];
      std::string s = fmt::format("  [{}] {} : {}", i, a.name, typeText(a));
      if (!a.labelZh.empty() || !a.labelEn.empty())
        s += fmt::format(" label {} {}", quoted(a.labelZh), quoted(a.labelEn));
      if (a.computed != Computed::None)
        s += fmt::format(" computed {} layer {}", computedName(a.computed), a.layer);
      line("{}", s);
    }
  }

  void industries() {
    line("");
    const std::size_t n = b_.industries.size();
    std::vector<char> shown(n, n <= kMaxIndustriesListed);
    std::size_t count = n;
    if (n > kMaxIndustriesListed) {
      count = 0;
      for (const auto& set : b_.industrySets)
        for (std::uint32_t p : set.prefixes)
          for (std::uint32_t at = p, steps = 0; at < n && steps <= n;
               at = b_.industries[at].parent, ++steps)
            shown[at] = 1;
      for (char c : shown) count += c;
      line("industries ({}; listing the {} used by industry sets, with their ancestors)", n, count);
    } else {
      line("industries ({})", n);
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (!shown[i]) continue;
      const IndustryEntry& e = b_.industries[i];
      std::string s = fmt::format("  [{}] {} {}", i, e.code, quoted(e.name));
      if (e.parent < n) s += " under " + b_.industries[e.parent].code;
      line("{}", s);
    }
  }

  void regions() {
    line("");
    line("regions ({})", b_.regions.size());
    for (std::size_t i = 0; i < b_.regions.size(); ++i)
      line("  [{}] {} {}", i, b_.regions[i].name, quoted(b_.regions[i].title));
  }

  void units() {
    line("");
    line("units ({})", b_.units.size());
    for (std::size_t i = 0; i < b_.units.size(); ++i) {
      const Unit& u = b_.units[i];
      std::string s = fmt::format("  [{}] {} {} class {} county {}", i, u.code, quoted(u.name),
                                  unitClassName(u.unitClass), u.county.empty() ? "-" : u.county);
      if (!u.kind.empty()) s += " kind " + u.kind;
      s += " list " + listName(u.list);
      if (!u.regions.empty()) {
        s += " regions {";
        for (std::size_t k = 0; k < u.regions.size(); ++k) {
          if (k) s += ' ';
          s += u.regions[k] < b_.regions.size() ? b_.regions[u.regions[k]].name : "?";
        }
        s += '}';
      }
      line("{}", s);
    }
  }

  std::string industryList(const IndustrySet& set) const {
    std::string s = "{";
    for (std::size_t k = 0; k < set.prefixes.size(); ++k) {
      if (k) s += ' ';
      s += set.prefixes[k] < b_.industries.size() ? b_.industries[set.prefixes[k]].code : "?";
    }
    return s + "}";
  }

  void industrySets() {
    line("");
    line("industry sets ({})", b_.industrySets.size());
    for (std::size_t i = 0; i < b_.industrySets.size(); ++i) {
      const IndustrySet& set = b_.industrySets[i];
      line("  [{}] {} {}", i, set.name.empty() ? "(literal)" : set.name, industryList(set));
    }
  }

  void openSets() {
    line("");
    line("open sets ({})", b_.openSets.size());
    for (std::size_t i = 0; i < b_.openSets.size(); ++i) {
      const OpenSet& set = b_.openSets[i];
      if (set.attr >= b_.attributes.size()) continue;
      const Attribute& a = b_.attributes[set.attr];
      line("  [{}] {} of {} base {}", i, set.name, a.name, enumNames(a, set.baseMask));
      for (const auto& [unit, mask] : set.unitMasks)
        line("      {} += {}", unit < b_.units.size() ? b_.units[unit].code : "?",
             enumNames(a, mask));
    }
  }

  // ---- predicates ---------------------------------------------------------------------------

  const char* attrName(std::uint32_t attr) const {
    return attr < b_.attributes.size() ? b_.attributes[attr].name.c_str() : "?";
  }

  std::string constant(std::uint32_t attr, double number) const {
    if (attr < b_.attributes.size()) {
      const Attribute& a = b_.attributes[attr];
      if (a.type == AttrType::Quantity) return fmt::format("{} {}", number, a.unit);
      if (a.type == AttrType::Date && number >= INT32_MIN && number <= INT32_MAX)
        return util::formatDate(static_cast<std::int32_t>(number));
    }
    return fmt::format("{}", number);
  }

  void value(std::uint32_t v, std::string& s) const {
    if (v >= b_.values.size()) {
      s += '?';
      return;
    }
    const ValueNode& n = b_.values[v];
    switch (n.op) {
      case ValueOp::Const:
        s += fmt::format("{}", n.number);
        return;
      case ValueOp::Attr:
        s += attrName(n.attr);
        return;
      default:
        s += '(';
        s += valueOpName(n.op);
        s += ' ';
        value(n.lhs, s);
        s += ' ';
        value(n.rhs, s);
        s += ')';
    }
  }

  static const char* membership(const Node& n) {
    switch (n.op) {
      case NodeOp::EnumIn:
        return n.negated ? "enum-not-in" : "enum-in";
      case NodeOp::IndustryIn:
        return n.negated ? "industry-not-in" : "industry-in";
      case NodeOp::OpenSetIn:
        return n.negated ? "open-set-not-in" : "open-set-in";
      default:
        return n.negated ? "string-not-in" : "string-in";
    }
  }

  void inlineNode(std::uint32_t i, std::string& s) const {
    if (i >= b_.nodes.size()) {
      s += '?';
      return;
    }
    const Node& n = b_.nodes[i];
    switch (n.op) {
      case NodeOp::True:
        s += "true";
        return;
      case NodeOp::False:
        s += "false";
        return;
      case NodeOp::And:
      case NodeOp::Or:
      case NodeOp::Not:
        s += '(';
        s += nodeOpName(n.op);
        for (std::uint32_t k = n.first; k < n.first + n.count && k < b_.children.size(); ++k) {
          s += ' ';
          inlineNode(b_.children[k], s);
        }
        s += ')';
        return;
      case NodeOp::BoolAttr:
        s += fmt::format("(bool {})", attrName(n.attr));
        return;
      case NodeOp::CmpConst:
        s += fmt::format("(cmp {} {} {})", attrName(n.attr), cmpName(n.cmp),
                         constant(n.attr, n.number));
        return;
      case NodeOp::CmpExpr:
        s += "(cmp ";
        if (n.first + 1 < b_.children.size()) {
          value(b_.children[n.first], s);
          s += fmt::format(" {} ", cmpName(n.cmp));
          value(b_.children[n.first + 1], s);
        }
        s += ')';
        return;
      case NodeOp::EnumIn: {
        std::string names =
            n.attr < b_.attributes.size() ? enumNames(b_.attributes[n.attr], n.mask) : "{}";
        s += fmt::format("({} {} {})", membership(n), attrName(n.attr), names);
        return;
      }
      case NodeOp::IndustryIn: {
        std::string set = "?";
        if (n.first < b_.industrySets.size()) {
          const IndustrySet& is = b_.industrySets[n.first];
          set = is.name.empty() ? industryList(is) : is.name;
        }
        s += fmt::format("({} {} {})", membership(n), attrName(n.attr), set);
        return;
      }
      case NodeOp::OpenSetIn:
        s += fmt::format("({} {} {})", membership(n), attrName(n.attr),
                         n.first < b_.openSets.size() ? b_.openSets[n.first].name : "?");
        return;
      case NodeOp::StringIn: {
        std::string list = "{";
        for (std::uint32_t k = n.first; k < n.first + n.count && k < b_.strings.size(); ++k) {
          if (k > n.first) list += ' ';
          list += quoted(b_.strings[k]);
        }
        s += fmt::format("({} {} {}}})", membership(n), attrName(n.attr), list);
        return;
      }
    }
  }

  // A tree: on one line when it fits, else the operator and one child per line.
  void tree(std::uint32_t i, std::size_t indent, std::string& s) const {
    std::string flat;
    inlineNode(i, flat);
    const Node* n = i < b_.nodes.size() ? &b_.nodes[i] : nullptr;
    const bool compound =
        n && (n->op == NodeOp::And || n->op == NodeOp::Or || n->op == NodeOp::Not);
    if (!compound || indent + flat.size() <= kLineWidth) {
      s += flat;
      return;
    }
    s += '(';
    s += nodeOpName(n->op);
    for (std::uint32_t k = n->first; k < n->first + n->count && k < b_.children.size(); ++k) {
      s += '\n';
      s.append(indent + 2, ' ');
      tree(b_.children[k], indent + 2, s);
    }
    s += ')';
  }

  void predicateLine(const char* label, std::uint32_t node) {
    std::string s = fmt::format("    {:<12}", label);
    tree(node, s.size(), s);
    line("{}", s);
  }

  void rules() {
    line("");
    line("rules ({})", b_.rules.size());
    for (std::size_t i = 0; i < b_.rules.size(); ++i) {
      const Rule& r = b_.rules[i];
      line("  [{}] {} {} {} {} {}", i, r.id, levelName(r.level), dimensionName(r.dimension),
           effectName(r.effect), quoted(r.title));
      line("    {:<12}{}", "list", listName(r.list));
      if (!r.scopeText.empty()) line("    {:<12}{}", "scope", r.scopeText);
      if (!r.cite.empty()) line("    {:<12}{}", "cite", r.cite);
      line("    {:<12}{}:{}:{}", "source", r.source.file, r.source.line, r.source.column);
      if (r.effectiveFrom != INT32_MIN || r.effectiveUntil != INT32_MAX)
        line("    {:<12}{} .. {}", "effective",
             r.effectiveFrom == INT32_MIN ? std::string("(always)")
                                          : util::formatDate(r.effectiveFrom),
             r.effectiveUntil == INT32_MAX ? std::string("(open)")
                                           : util::formatDate(r.effectiveUntil));
      if (!r.refines.empty()) line("    {:<12}{}", "refines", r.refines);
      std::string reads;
      for (std::uint32_t a : r.attrs)
        reads += (reads.empty() ? "" : ", ") + std::string(attrName(a));
      line("    {:<12}{}", "reads", reads.empty() ? "-" : reads);
      if (!r.conditionText.empty())
        line("    {:<12}{}", r.effect == Effect::Forbid ? "text" : "when", r.conditionText);
      if (!r.requirementText.empty()) line("    {:<12}{}", "requires", r.requirementText);
      predicateLine(r.effect == Effect::Forbid ? "condition" : "guard", r.condition);
      if (r.effect == Effect::Require) predicateLine("requirement", r.requirement);
    }
  }

  void unitRules() {
    line("");
    line("unit rules (CSR index, {} entries)", b_.unitRuleIds.size());
    for (std::size_t u = 0; u < b_.units.size() && u + 1 < b_.unitRuleStart.size(); ++u) {
      std::string s =
          fmt::format("  {} ({})", b_.units[u].code, b_.unitRuleStart[u + 1] - b_.unitRuleStart[u]);
      for (std::uint32_t k = b_.unitRuleStart[u];
           k < b_.unitRuleStart[u + 1] && k < b_.unitRuleIds.size(); ++k) {
        const std::uint32_t r = b_.unitRuleIds[k];
        s += ' ';
        s += r < b_.rules.size() ? b_.rules[r].id : "?";
      }
      line("{}", s);
    }
  }

  const Bundle& b_;
  std::string out_;
};

}  // namespace

std::string printIr(const Bundle& bundle) { return Printer(bundle).run(); }

std::string printPredicate(const Bundle& bundle, std::uint32_t node) {
  return Printer(bundle).predicate(node);
}

}  // namespace zr::ir
