// Pass 4: types every condition, set and extension; resolves names inside conditions (attributes,
// enum values, industry codes, sets, definitions) and checks units of measure.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "compiler/sema/Sema.h"
#include "compiler/util/Suggest.h"
#include "runtime/util/Date.h"

namespace zr::sema {
namespace {

using measure::Dim;

template <typename Map>
std::vector<std::string> keysOf(const Map& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
}

ir::Cmp toCmp(ast::CompareOp op) { return static_cast<ir::Cmp>(op); }

const char* typeName(ir::AttrType type) {
  switch (type) {
    case ir::AttrType::Bool:
      return "bool";
    case ir::AttrType::Enum:
      return "enum";
    case ir::AttrType::EnumSet:
      return "set of enum values";
    case ir::AttrType::Number:
      return "number";
    case ir::AttrType::Quantity:
      return "quantity";
    case ir::AttrType::Industry:
      return "industry code";
    case ir::AttrType::IndustrySet:
      return "set of industry codes";
    case ir::AttrType::String:
      return "string";
    case ir::AttrType::Date:
      return "date";
  }
  return "?";
}

bool isEnum(ir::AttrType t) { return t == ir::AttrType::Enum || t == ir::AttrType::EnumSet; }
bool isIndustry(ir::AttrType t) {
  return t == ir::AttrType::Industry || t == ir::AttrType::IndustrySet;
}
bool isNumeric(ir::AttrType t) { return t == ir::AttrType::Number || t == ir::AttrType::Quantity; }

// A numeric operand of an arithmetic comparison, in its dimension's base unit.
struct Numeric {
  TValue value;
  Dim dim = Dim::Ratio;
  bool isZeroConstant = false;  // a bare 0 fits any dimension
  bool ok = true;
};

// How a condition names an attribute: project.NAME, or a spatial fact as written
// (distance_to(LAYER), whose attribute name holds the parenthesis).
std::string refText(const std::string& name) {
  return name.find('(') == std::string::npos ? "project." + name : name;
}

class Checker {
 public:
  Checker(Program& program, DiagnosticSink& sink) : program_(program), sink_(sink) {}

  void run() {
    defineState_.assign(program_.defines.size(), 0);
    defineBodies_.resize(program_.defines.size());
    for (auto& set : program_.sets) checkSet(set);
    for (auto& extension : program_.extensions) checkExtension(extension);
    for (std::uint32_t d = 0; d < program_.defines.size(); ++d) define(d, SourceSpan{});
    for (auto& rule : program_.rules) checkRule(rule);
  }

 private:
  // ---- attributes and constants -------------------------------------------------------------

  std::optional<std::uint32_t> attribute(const std::string& name, SourceSpan span) {
    auto it = program_.attributeIndex.find(name);
    if (it != program_.attributeIndex.end()) return it->second;
    if (const auto open = name.find('('); open != std::string::npos && name.back() == ')') {
      // A spatial fact of a layer that is not declared.
      const std::string layer = name.substr(open + 1, name.size() - open - 2);
      auto& d = sink_.error("ZR0214", span, "unknown layer '" + layer + "' in " + name);
      d.hint = didYouMean(layer, keysOf(program_.layerIndex));
      if (d.hint.empty()) d.hint = "declare it: layer " + layer + " (图层 " + layer + ")";
      return std::nullopt;
    }
    auto& d = sink_.error("ZR0201", span, "unknown attribute 'project." + name + "'");
    d.hint = didYouMean(name, keysOf(program_.attributeIndex));
    if (d.hint.empty() && program_.attributes.empty())
      d.hint = "no schema is loaded: add `import std.schema`";
    return std::nullopt;
  }

  std::optional<std::uint32_t> enumValue(const AttributeInfo& attr, const std::string& name,
                                         SourceSpan span) {
    for (std::size_t i = 0; i < attr.enumValues.size(); ++i)
      if (attr.enumValues[i] == name ||
          (!attr.enumAliases[i].empty() && attr.enumAliases[i] == name))
        return static_cast<std::uint32_t>(i);
    std::vector<std::string> candidates = attr.enumValues;
    for (const auto& alias : attr.enumAliases)
      if (!alias.empty()) candidates.push_back(alias);
    auto& d =
        sink_.error("ZR0213", span, "'" + name + "' is not a value of " + refText(attr.decl->name));
    d.hint = didYouMean(name, candidates);
    if (d.hint.empty()) {
      std::string all;
      for (const auto& v : attr.enumValues) all += (all.empty() ? "" : ", ") + v;
      d.hint = "its values are: " + all;
    }
    return std::nullopt;
  }

  std::optional<std::uint32_t> industry(const std::string& code, SourceSpan span) {
    auto it = program_.industryIndex.find(code);
    if (it != program_.industryIndex.end()) return it->second;
    auto& d = sink_.error("ZR0304", span, "unknown industry code '" + code + "'");
    if (program_.industries.empty()) {
      d.hint = "no GB/T 4754 taxonomy is loaded: add `import std.industry`";
    } else {
      // Codes of the same level first: C2615 should suggest the class C2614, not its group.
      std::vector<std::string> sameLevel;
      for (const auto& [candidate, index] : program_.industryIndex)
        if (candidate.size() == code.size()) sameLevel.push_back(candidate);
      d.hint = didYouMean(code, sameLevel);
      if (d.hint.empty()) d.hint = didYouMean(code, keysOf(program_.industryIndex));
      if (d.hint.empty())
        d.hint = "GB/T 4754-2017 codes are a section letter and 2–4 digits, e.g. C26, C2614";
    }
    return std::nullopt;
  }

  // Resolves one set element (a name or string) for an attribute; adds it to the outputs.
  bool element(const AttributeInfo& attr, const ast::Expr& expr, std::uint64_t& mask,
               std::vector<std::uint32_t>& industries, std::vector<std::string>& strings) {
    const std::string* name = nullptr;
    if (const auto* ref = std::get_if<ast::NameRef>(&expr.node)) name = &ref->name;
    if (const auto* str = std::get_if<ast::StringLit>(&expr.node)) name = &str->value;
    if (!name) {
      sink_.error("ZR0301", expr.span,
                  "a set of " + refText(attr.decl->name) + " holds " + typeName(attr.type) +
                      " values, not this");
      return false;
    }
    if (isEnum(attr.type)) {
      auto value = enumValue(attr, *name, expr.span);
      if (!value) return false;
      mask |= std::uint64_t{1} << *value;
    } else if (isIndustry(attr.type)) {
      auto code = industry(*name, expr.span);
      if (!code) return false;
      industries.push_back(*code);
    } else if (attr.type == ir::AttrType::String) {
      strings.push_back(*name);
    } else {
      sink_
          .error("ZR0301", expr.span,
                 "`in` needs an enum, industry or string attribute; " + refText(attr.decl->name) +
                     " is a " + typeName(attr.type))
          .hint = "compare it with <, <=, ==, >=, > instead";
      return false;
    }
    return true;
  }

  // ---- sets and extensions ------------------------------------------------------------------

  void checkSet(SetInfo& set) {
    const ast::SetDecl& decl = *set.decl;
    auto attr = attribute(decl.ofAttribute, decl.span);
    if (!attr) return;
    set.attr = *attr;
    const AttributeInfo& info = program_.attributes[*attr];
    if (decl.open && !isEnum(info.type)) {
      sink_.error("ZR0308", decl.span, "open set '" + decl.name + "' must hold enum values").hint =
          "declare it `of` an enum attribute such as activity";
      return;
    }
    for (const auto& e : decl.elements) element(info, *e, set.mask, set.industries, set.strings);
    normalise(set.industries);
  }

  void checkExtension(ExtensionInfo& extension) {
    const ast::ExtendDecl& decl = *extension.decl;
    auto it = program_.setIndex.find(decl.setName);
    if (it == program_.setIndex.end()) {
      auto& d = sink_.error("ZR0202", decl.nameSpan, "unknown set '" + decl.setName + "'");
      d.hint = didYouMean(decl.setName, keysOf(program_.setIndex));
      return;
    }
    extension.set = it->second;
    const SetInfo& set = program_.sets[it->second];
    if (!set.decl->open) {
      auto& d = sink_.error("ZR0307", decl.nameSpan,
                            "set '" + decl.setName + "' is not open: it cannot be extended");
      d.notes.push_back({set.decl->span, "declared here without `open`"});
      d.hint =
          "only sets a higher level declares `open set` delegate to lower levels; adding to "
          "any other set relaxes the higher list (严禁降低标准)";
      return;
    }
    if (set.attr == kNone) return;
    std::vector<std::uint32_t> industries;
    std::vector<std::string> strings;
    for (const auto& e : decl.elements)
      element(program_.attributes[set.attr], *e, extension.mask, industries, strings);
  }

  // ---- definitions --------------------------------------------------------------------------

  const TExpr* define(std::uint32_t index, SourceSpan use) {
    if (defineState_[index] == 2) return &defineBodies_[index];
    if (defineState_[index] == 1) {
      const auto& decl = *program_.defines[index].decl;
      auto& d = sink_.error("ZR0406", use, "definition '" + decl.name + "' refers to itself");
      d.notes.push_back({decl.span, "'" + decl.name + "' is defined here"});
      d.hint = "a definition may use other definitions, but not in a cycle";
      return nullptr;
    }
    defineState_[index] = 1;
    defineBodies_[index] = condition(*program_.defines[index].decl->body);
    defineState_[index] = 2;
    return &defineBodies_[index];
  }

  // ---- conditions ---------------------------------------------------------------------------

  TExpr constant(bool value, SourceSpan span) {
    TExpr t;
    t.op = value ? ir::NodeOp::True : ir::NodeOp::False;
    t.span = span;
    return t;
  }

  TExpr condition(const ast::Expr& expr) {
    TExpr out;
    out.span = expr.span;
    std::visit(
        [&](const auto& node) {
          using T = std::decay_t<decltype(node)>;
          if constexpr (std::is_same_v<T, ast::And> || std::is_same_v<T, ast::Or>) {
            out.op = std::is_same_v<T, ast::And> ? ir::NodeOp::And : ir::NodeOp::Or;
            for (const ast::Expr* side : {node.lhs.get(), node.rhs.get()}) {
              TExpr child = condition(*side);
              if (child.op == out.op) {  // flatten a and (b and c)
                for (auto& grandchild : child.children)
                  out.children.push_back(std::move(grandchild));
              } else {
                out.children.push_back(std::move(child));
              }
            }
          } else if constexpr (std::is_same_v<T, ast::Not>) {
            out.op = ir::NodeOp::Not;
            out.children.push_back(condition(*node.operand));
          } else if constexpr (std::is_same_v<T, ast::BoolLit>) {
            out = constant(node.value, expr.span);
          } else if constexpr (std::is_same_v<T, ast::AttrRef>) {
            auto attr = attribute(node.name, expr.span);
            if (!attr) return;
            if (program_.attributes[*attr].type != ir::AttrType::Bool) {
              sink_
                  .error("ZR0301", expr.span,
                         refText(node.name) + " is a " + typeName(program_.attributes[*attr].type) +
                             ", not a condition")
                  .hint = "compare it, e.g. " + refText(node.name) + " > …";
              return;
            }
            out.op = ir::NodeOp::BoolAttr;
            out.attr = *attr;
          } else if constexpr (std::is_same_v<T, ast::NameRef>) {
            nameAsCondition(node.name, expr.span, out);
          } else if constexpr (std::is_same_v<T, ast::Compare>) {
            comparison(node, expr.span, out);
          } else if constexpr (std::is_same_v<T, ast::Membership>) {
            membership(node, expr.span, out);
          } else {
            sink_.error("ZR0301", expr.span, "this is a value, not a condition").hint =
                "compare it with an attribute, e.g. project.x >= …";
          }
        },
        expr.node);
    return out;
  }

  void nameAsCondition(const std::string& name, SourceSpan span, TExpr& out) {
    if (auto it = program_.defineIndex.find(name); it != program_.defineIndex.end()) {
      if (const TExpr* body = define(it->second, span)) {
        out = *body;
        out.span = span;
      }
      return;
    }
    auto& d = sink_.error("ZR0203", span, "unknown definition '" + name + "'");
    if (program_.attributeIndex.count(name)) {
      d.hint = "attributes are written with their prefix: project." + name;
    } else {
      d.hint = didYouMean(name, keysOf(program_.defineIndex));
    }
  }

  std::optional<std::uint32_t> attributeOf(const ast::Expr& expr) {
    if (const auto* ref = std::get_if<ast::AttrRef>(&expr.node))
      return attribute(ref->name, expr.span);
    return std::nullopt;
  }

  void comparison(const ast::Compare& node, SourceSpan span, TExpr& out) {
    const ast::Expr* lhs = node.lhs.get();
    const ast::Expr* rhs = node.rhs.get();
    ir::Cmp cmp = toCmp(node.op);
    bool lhsAttr = std::holds_alternative<ast::AttrRef>(lhs->node);
    bool rhsAttr = std::holds_alternative<ast::AttrRef>(rhs->node);
    bool lhsConst = isConstant(*lhs), rhsConst = isConstant(*rhs);
    if (lhsConst && rhsConst) {
      sink_.error("ZR0317", span, "comparison of two constants").hint =
          "one side must be a project attribute, e.g. project.vocs > 0 t/a";
      return;
    }
    if (!lhsAttr && rhsAttr && lhsConst) {
      std::swap(lhs, rhs);
      cmp = ir::mirror(cmp);
      std::swap(lhsAttr, rhsAttr);
      std::swap(lhsConst, rhsConst);
    }
    if (lhsAttr && rhsConst) {
      auto attr = attributeOf(*lhs);
      if (!attr) return;
      attributeVsConstant(*attr, cmp, *rhs, span, out);
      return;
    }
    // Arithmetic: both sides numeric values.
    Numeric left = numeric(*lhs), right = numeric(*rhs);
    if (!left.ok || !right.ok) return;
    if (left.dim != right.dim && !left.isZeroConstant && !right.isZeroConstant) {
      sink_
          .error("ZR0302", span,
                 std::string("cannot compare a ") + std::string(measure::dimName(left.dim)) +
                     " with a " + std::string(measure::dimName(right.dim)))
          .hint = "both sides of a comparison need the same kind of unit";
      return;
    }
    out.op = ir::NodeOp::CmpExpr;
    out.cmp = cmp;
    out.lhs = std::move(left.value);
    out.rhs = std::move(right.value);
  }

  static bool isConstant(const ast::Expr& expr) {
    return std::holds_alternative<ast::NumberLit>(expr.node) ||
           std::holds_alternative<ast::NameRef>(expr.node) ||
           std::holds_alternative<ast::StringLit>(expr.node) ||
           std::holds_alternative<ast::DateLit>(expr.node) ||
           std::holds_alternative<ast::BoolLit>(expr.node);
  }

  void attributeVsConstant(std::uint32_t attrIndex, ir::Cmp cmp, const ast::Expr& value,
                           SourceSpan span, TExpr& out) {
    const AttributeInfo& attr = program_.attributes[attrIndex];
    const std::string& name = attr.decl->name;
    bool equality = cmp == ir::Cmp::Eq || cmp == ir::Cmp::Ne;
    auto mismatch = [&](const std::string& what) {
      sink_.error(
          "ZR0301", value.span,
          refText(name) + " is a " + typeName(attr.type) + " and cannot be compared with " + what);
    };
    out.attr = attrIndex;
    switch (attr.type) {
      case ir::AttrType::Bool: {
        const auto* b = std::get_if<ast::BoolLit>(&value.node);
        if (!b || !equality) return mismatch(b ? "an ordering" : "this value");
        bool positive = b->value == (cmp == ir::Cmp::Eq);
        TExpr test;
        test.op = ir::NodeOp::BoolAttr;
        test.attr = attrIndex;
        test.span = span;
        if (positive) {
          out = std::move(test);
        } else {
          out.op = ir::NodeOp::Not;
          out.children.push_back(std::move(test));
        }
        return;
      }
      case ir::AttrType::Enum:
      case ir::AttrType::EnumSet:
      case ir::AttrType::Industry:
      case ir::AttrType::IndustrySet:
      case ir::AttrType::String: {
        if (!equality) {
          sink_
              .error("ZR0301", span,
                     refText(name) + " is a " + typeName(attr.type) +
                         ": only == and != (or `in`) apply")
              .hint = "values of this kind have no order";
          return;
        }
        std::vector<std::uint32_t> industries;
        std::vector<std::string> strings;
        if (!element(attr, value, out.mask, industries, strings)) return;
        out.negated = cmp == ir::Cmp::Ne;
        if (isEnum(attr.type)) {
          out.op = ir::NodeOp::EnumIn;
        } else if (isIndustry(attr.type)) {
          out.op = ir::NodeOp::IndustryIn;
          out.industries = std::move(industries);
        } else {
          out.op = ir::NodeOp::StringIn;
          out.strings = std::move(strings);
        }
        return;
      }
      case ir::AttrType::Number:
      case ir::AttrType::Quantity: {
        const auto* number = std::get_if<ast::NumberLit>(&value.node);
        if (!number) return mismatch("this value");
        double constant = number->value;
        if (attr.type == ir::AttrType::Number && !number->unit.empty()) {
          sink_
              .error("ZR0302", value.span,
                     refText(name) + " is a plain number but " + number->text +
                         " has a unit of measure")
              .hint = "drop the unit, or declare the attribute as quantity<" + number->unit + ">";
          return;
        }
        if (attr.type == ir::AttrType::Quantity && attr.unit) {
          if (number->unit.empty()) {
            if (constant != 0) {
              sink_
                  .error("ZR0316", value.span,
                         "missing unit of measure: " + refText(name) + " is measured in " +
                             std::string(attr.unit->symbol))
                  .hint = "write " + number->text + " " + std::string(attr.unit->symbol);
              return;
            }
          } else {
            const measure::UnitOfMeasure* unit = measure::find(number->unit);
            if (!unit) {
              unknownMeasure(number->unit, value.span);
              return;
            }
            if (unit->dim != attr.unit->dim) {
              sink_
                  .error("ZR0302", value.span,
                         "cannot compare " + refText(name) + " (" +
                             std::string(measure::dimName(attr.unit->dim)) + ", " +
                             std::string(attr.unit->symbol) + ") with " + number->text + " (" +
                             std::string(measure::dimName(unit->dim)) + ")")
                  .hint = "use a unit of " + std::string(measure::dimName(attr.unit->dim)) +
                          ", e.g. " + std::string(attr.unit->symbol);
              return;
            }
            constant = measure::convert(constant, *unit, *attr.unit);
          }
        }
        out.op = ir::NodeOp::CmpConst;
        out.cmp = cmp;
        out.number = constant;
        return;
      }
      case ir::AttrType::Date: {
        const auto* date = std::get_if<ast::DateLit>(&value.node);
        if (!date) return mismatch("this value");
        std::int32_t days = 0;
        if (!util::parseDate(date->value, days)) {
          sink_.error("ZR0403", value.span, "'" + date->value + "' is not a valid date");
          return;
        }
        out.op = ir::NodeOp::CmpConst;
        out.cmp = cmp;
        out.number = days;
        return;
      }
    }
  }

  void unknownMeasure(const std::string& symbol, SourceSpan span) {
    std::vector<std::string> all;
    for (int d = 0; d <= static_cast<int>(Dim::Duration); ++d)
      for (auto s : measure::symbolsOf(static_cast<Dim>(d))) all.emplace_back(s);
    sink_.error("ZR0303", span, "unknown unit of measure '" + symbol + "'").hint =
        didYouMean(symbol, all);
  }

  Numeric numeric(const ast::Expr& expr) {
    Numeric out;
    if (const auto* ref = std::get_if<ast::AttrRef>(&expr.node)) {
      auto attr = attribute(ref->name, expr.span);
      if (!attr) return {TValue{}, Dim::Ratio, false, false};
      const AttributeInfo& info = program_.attributes[*attr];
      if (!isNumeric(info.type)) {
        sink_.error("ZR0301", expr.span,
                    refText(ref->name) + " is a " + typeName(info.type) +
                        ": arithmetic needs numbers or quantities");
        out.ok = false;
        return out;
      }
      out.value.op = ir::ValueOp::Attr;
      out.value.attr = *attr;
      if (info.type == ir::AttrType::Quantity && info.unit) {
        out.dim = info.unit->dim;
        if (info.unit->toBase != 1) {  // bring the fact to its dimension's base unit
          TValue scaled;
          scaled.op = ir::ValueOp::Mul;
          scaled.operands.push_back(std::move(out.value));
          TValue factor;
          factor.number = info.unit->toBase;
          scaled.operands.push_back(factor);
          out.value = std::move(scaled);
        }
      }
      return out;
    }
    if (const auto* number = std::get_if<ast::NumberLit>(&expr.node)) {
      out.value.number = number->value;
      out.isZeroConstant = number->value == 0 && number->unit.empty();
      if (!number->unit.empty()) {
        const measure::UnitOfMeasure* unit = measure::find(number->unit);
        if (!unit) {
          unknownMeasure(number->unit, expr.span);
          out.ok = false;
          return out;
        }
        out.dim = unit->dim;
        out.value.number = number->value * unit->toBase;
      }
      return out;
    }
    if (const auto* arith = std::get_if<ast::Arith>(&expr.node)) {
      Numeric a = numeric(*arith->lhs), b = numeric(*arith->rhs);
      if (!a.ok || !b.ok) return {TValue{}, Dim::Ratio, false, false};
      static constexpr ir::ValueOp kOps[] = {ir::ValueOp::Add, ir::ValueOp::Sub, ir::ValueOp::Mul,
                                             ir::ValueOp::Div};
      out.value.op = kOps[static_cast<int>(arith->op)];
      bool fits = true;
      switch (arith->op) {
        case ast::ArithOp::Add:
        case ast::ArithOp::Sub:
          fits = a.dim == b.dim || a.isZeroConstant || b.isZeroConstant;
          out.dim = a.isZeroConstant ? b.dim : a.dim;
          break;
        case ast::ArithOp::Mul:
          fits = a.dim == Dim::Ratio || b.dim == Dim::Ratio;
          out.dim = a.dim == Dim::Ratio ? b.dim : a.dim;
          break;
        case ast::ArithOp::Div:
          fits = a.dim == b.dim || b.dim == Dim::Ratio;
          out.dim = a.dim == b.dim ? Dim::Ratio : a.dim;
          break;
      }
      if (!fits) {
        sink_
            .error("ZR0318", expr.span,
                   "cannot combine a " + std::string(measure::dimName(a.dim)) + " and a " +
                       std::string(measure::dimName(b.dim)) + " this way")
            .hint =
            "add or subtract like quantities; multiply or divide by plain numbers, or "
            "divide like quantities to get a ratio";
        out.ok = false;
        return out;
      }
      out.value.operands.push_back(std::move(a.value));
      out.value.operands.push_back(std::move(b.value));
      return out;
    }
    sink_.error("ZR0301", expr.span, "expected a number, a quantity or a numeric attribute");
    out.ok = false;
    return out;
  }

  void membership(const ast::Membership& node, SourceSpan span, TExpr& out) {
    auto attrIndex = attributeOf(*node.lhs);
    if (!attrIndex) {
      if (!std::holds_alternative<ast::AttrRef>(node.lhs->node))
        sink_.error("ZR0301", node.lhs->span, "`in` needs a project attribute on its left").hint =
            "e.g. project.industry in {C26}";
      return;
    }
    const AttributeInfo& attr = program_.attributes[*attrIndex];
    out.attr = *attrIndex;
    out.negated = node.negated;
    if (!node.setName.empty()) {
      auto it = program_.setIndex.find(node.setName);
      if (it == program_.setIndex.end()) {
        auto& d = sink_.error("ZR0202", node.setSpan, "unknown set '" + node.setName + "'");
        d.hint = didYouMean(node.setName, keysOf(program_.setIndex));
        return;
      }
      const SetInfo& set = program_.sets[it->second];
      if (set.attr == kNone) return;  // already reported
      const AttributeInfo& of = program_.attributes[set.attr];
      bool compatible =
          (isIndustry(of.type) && isIndustry(attr.type)) ||
          (isEnum(of.type) && isEnum(attr.type) && of.enumValues == attr.enumValues) ||
          (of.type == ir::AttrType::String && attr.type == ir::AttrType::String);
      if (!compatible) {
        auto& d = sink_.error("ZR0308", node.setSpan,
                              "set '" + node.setName + "' holds values of project." +
                                  of.decl->name + ", not of " + refText(attr.decl->name));
        d.notes.push_back({set.decl->span, "declared here"});
        return;
      }
      out.setName = node.setName;
      if (set.openSet != kNone) {
        out.op = ir::NodeOp::OpenSetIn;
        out.openSet = set.openSet;
      } else if (isEnum(attr.type)) {
        out.op = ir::NodeOp::EnumIn;
        out.mask = set.mask;
      } else if (isIndustry(attr.type)) {
        out.op = ir::NodeOp::IndustryIn;
        out.industries = set.industries;
      } else {
        out.op = ir::NodeOp::StringIn;
        out.strings = set.strings;
      }
      return;
    }
    std::vector<std::uint32_t> industries;
    std::vector<std::string> strings;
    bool ok = true;
    for (const auto& e : node.elements) ok &= element(attr, *e, out.mask, industries, strings);
    if (!ok) return;
    if (isEnum(attr.type)) {
      out.op = ir::NodeOp::EnumIn;
    } else if (isIndustry(attr.type)) {
      out.op = ir::NodeOp::IndustryIn;
      normalise(industries);
      out.industries = std::move(industries);
    } else {
      out.op = ir::NodeOp::StringIn;
      out.strings = std::move(strings);
    }
    (void)span;
  }

  void normalise(std::vector<std::uint32_t>& industries) {
    std::sort(industries.begin(), industries.end());
    industries.erase(std::unique(industries.begin(), industries.end()), industries.end());
  }

  // ---- rules --------------------------------------------------------------------------------

  void checkRule(RuleInfo& rule) {
    const ast::RuleDecl& decl = *rule.decl;
    if (!decl.dimension && !decl.isRefine)
      sink_.error("ZR0102", decl.idSpan, "rule " + rule.id + " has no dimension").hint =
          "after the id write one of: layout 空间布局约束, emission 污染物排放管控, risk "
          "环境风险防控, resource 资源开发效率要求";
    if (decl.effect == ast::Effect::Limit && !isLimitShape(*decl.condition))
      sink_
          .error("ZR0319", decl.condition->span,
                 "`limit` takes one attribute compared with a constant")
          .hint = "e.g. limit project.energy_use <= 5000 tce/a; use `require` for anything else";
    TExpr main = condition(*decl.condition);
    TExpr qualifier = decl.qualifier ? condition(*decl.qualifier) : constant(true, decl.span);
    if (rule.effect == ir::Effect::Forbid) {
      if (decl.qualifier) {
        rule.hasUnless = true;
        TExpr both;
        both.op = ir::NodeOp::And;
        both.span = decl.span;
        both.children.push_back(std::move(main));
        TExpr negation;
        negation.op = ir::NodeOp::Not;
        negation.span = qualifier.span;
        negation.children.push_back(std::move(qualifier));
        both.children.push_back(std::move(negation));
        rule.condition = std::move(both);
      } else {
        rule.condition = std::move(main);
      }
    } else {
      rule.requirement = std::move(main);
      rule.condition = std::move(qualifier);
    }
    if (rule.cite.empty() && !decl.isRefine)
      sink_.warning("ZR0410", decl.idSpan, "rule " + rule.id + " cites no legal text").hint =
          "add cite \"《…》第…条\" so screening results can name their basis";
    if (!decl.effectiveFrom.empty() && !util::parseDate(decl.effectiveFrom, rule.effectiveFrom))
      sink_.error("ZR0403", decl.effectiveSpan, "'" + decl.effectiveFrom + "' is not a valid date");
    if (!decl.effectiveUntil.empty() && !util::parseDate(decl.effectiveUntil, rule.effectiveUntil))
      sink_.error("ZR0403", decl.effectiveSpan,
                  "'" + decl.effectiveUntil + "' is not a valid date");
    if (rule.effectiveFrom > rule.effectiveUntil)
      sink_.error("ZR0404", decl.effectiveSpan, "rule " + rule.id + " ends before it starts");
    collectAttributes(rule.condition, rule.attrs);
    collectAttributes(rule.requirement, rule.attrs);
    std::sort(rule.attrs.begin(), rule.attrs.end());
    rule.attrs.erase(std::unique(rule.attrs.begin(), rule.attrs.end()), rule.attrs.end());
  }

  static bool isLimitShape(const ast::Expr& expr) {
    const auto* cmp = std::get_if<ast::Compare>(&expr.node);
    if (!cmp) return false;
    bool left = std::holds_alternative<ast::AttrRef>(cmp->lhs->node);
    bool right = std::holds_alternative<ast::AttrRef>(cmp->rhs->node);
    return (left && isConstant(*cmp->rhs)) || (right && isConstant(*cmp->lhs));
  }

  static void collectValueAttributes(const TValue& value, std::vector<std::uint32_t>& out) {
    if (value.attr != kNone) out.push_back(value.attr);
    for (const auto& operand : value.operands) collectValueAttributes(operand, out);
  }

  static void collectAttributes(const TExpr& expr, std::vector<std::uint32_t>& out) {
    if (expr.attr != kNone) out.push_back(expr.attr);
    if (expr.op == ir::NodeOp::CmpExpr) {
      collectValueAttributes(expr.lhs, out);
      collectValueAttributes(expr.rhs, out);
    }
    for (const auto& child : expr.children) collectAttributes(child, out);
  }

  Program& program_;
  DiagnosticSink& sink_;
  std::vector<int> defineState_;  // 0 unseen, 1 being checked, 2 done
  std::vector<TExpr> defineBodies_;
};

}  // namespace

void checkConditions(Program& program, DiagnosticSink& sink) { Checker(program, sink).run(); }

}  // namespace zr::sema
