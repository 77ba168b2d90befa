#include "compiler/ast/AstPrinter.h"

#include <type_traits>

namespace zr::ast {
namespace {

std::string quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += c;
    }
  }
  return out + "\"";
}

const char* levelName(Level level) {
  switch (level) {
    case Level::Nation:
      return "nation";
    case Level::Province:
      return "province";
    case Level::City:
      return "city";
  }
  return "?";
}

const char* className(UnitClass c) {
  switch (c) {
    case UnitClass::Priority:
      return "priority";
    case UnitClass::Key:
      return "key";
    case UnitClass::General:
      return "general";
  }
  return "?";
}

const char* dimensionName(Dimension d) {
  switch (d) {
    case Dimension::Layout:
      return "layout";
    case Dimension::Emission:
      return "emission";
    case Dimension::Risk:
      return "risk";
    case Dimension::Resource:
      return "resource";
  }
  return "?";
}

const char* compareName(CompareOp op) {
  switch (op) {
    case CompareOp::Eq:
      return "==";
    case CompareOp::Ne:
      return "!=";
    case CompareOp::Lt:
      return "<";
    case CompareOp::Le:
      return "<=";
    case CompareOp::Gt:
      return ">";
    case CompareOp::Ge:
      return ">=";
  }
  return "?";
}

const char* arithName(ArithOp op) {
  switch (op) {
    case ArithOp::Add:
      return "+";
    case ArithOp::Sub:
      return "-";
    case ArithOp::Mul:
      return "*";
    case ArithOp::Div:
      return "/";
  }
  return "?";
}

// The number as written, without its unit ("2.5 t/a" -> "2.5").
std::string numberText(const NumberLit& n) {
  std::size_t end = 0;
  while (end < n.text.size() && ((n.text[end] >= '0' && n.text[end] <= '9') || n.text[end] == '.'))
    ++end;
  std::string digits = end ? n.text.substr(0, end) : std::to_string(n.value);
  return n.unit.empty() ? digits : digits + "[" + n.unit + "]";
}

std::string expr(const Expr& e);

std::string elements(const std::vector<ExprPtr>& items) {
  std::string out = "{";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ' ';
    out += items[i] ? expr(*items[i]) : "?";
  }
  return out + "}";
}

std::string expr(const Expr& e) {
  auto sub = [](const ExprPtr& p) { return p ? expr(*p) : std::string("?"); };
  return std::visit(
      [&](const auto& n) -> std::string {
        using T = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<T, AttrRef>) {
          return n.layer.empty() ? "project." + n.name : n.name;
        } else if constexpr (std::is_same_v<T, NumberLit>) {
          return numberText(n);
        } else if constexpr (std::is_same_v<T, NameRef>) {
          return n.name;
        } else if constexpr (std::is_same_v<T, StringLit>) {
          return quote(n.value);
        } else if constexpr (std::is_same_v<T, DateLit>) {
          return n.value;
        } else if constexpr (std::is_same_v<T, BoolLit>) {
          return n.value ? "true" : "false";
        } else if constexpr (std::is_same_v<T, Arith>) {
          return std::string("(") + arithName(n.op) + " " + sub(n.lhs) + " " + sub(n.rhs) + ")";
        } else if constexpr (std::is_same_v<T, Compare>) {
          return std::string("(") + compareName(n.op) + " " + sub(n.lhs) + " " + sub(n.rhs) + ")";
        } else if constexpr (std::is_same_v<T, Membership>) {
          std::string set = n.setName.empty() ? elements(n.elements) : n.setName;
          return std::string(n.negated ? "(not-in " : "(in ") + sub(n.lhs) + " " + set + ")";
        } else if constexpr (std::is_same_v<T, And>) {
          return "(and " + sub(n.lhs) + " " + sub(n.rhs) + ")";
        } else if constexpr (std::is_same_v<T, Or>) {
          return "(or " + sub(n.lhs) + " " + sub(n.rhs) + ")";
        } else {
          static_assert(std::is_same_v<T, Not>);
          return "(not " + sub(n.operand) + ")";
        }
      },
      e.node);
}

std::string type(const TypeExpr& t) {
  using Kind = TypeExpr::Kind;
  switch (t.kind) {
    case Kind::Bool:
      return "bool";
    case Kind::Number:
      return "number";
    case Kind::String:
      return "string";
    case Kind::Date:
      return "date";
    case Kind::Industry:
      return "industry";
    case Kind::Quantity:
      return "(quantity " + t.unit + ")";
    case Kind::Set:
      return "(set " + (t.element ? type(*t.element) : std::string("?")) + ")";
    case Kind::Enum: {
      std::string out = "(enum";
      for (const auto& m : t.members) {
        out += m.alias.empty() ? " " + m.name : " (" + m.name + " " + quote(m.alias) + ")";
      }
      return out + ")";
    }
  }
  return "?";
}

std::string scope(const Scope& s) {
  if (s.atoms.empty()) return "all";
  std::string out;
  for (const auto& a : s.atoms) {
    if (!out.empty()) out += ' ';
    switch (a.kind) {
      case ScopeAtom::Kind::All:
        out += "(all)";
        break;
      case ScopeAtom::Kind::Class:
        out += std::string("(class ") + className(a.unitClass) + ")";
        break;
      case ScopeAtom::Kind::Region:
        out += "(region " + a.name + ")";
        break;
      case ScopeAtom::Kind::Unit:
        out += "(unit " + a.name + ")";
        break;
      case ScopeAtom::Kind::County:
        out += "(county " + a.name + ")";
        break;
    }
  }
  return out;
}

std::string list(const std::vector<std::string>& items) {
  std::string out = "(";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? " " : "") + items[i];
  return out + ")";
}

struct Printer {
  std::string out;

  void line(const std::string& text, int indent = 1) {
    out.append(static_cast<std::size_t>(indent) * 2, ' ');
    out += text;
    out += '\n';
  }

  void operator()(const ImportDecl& d) { line("(import " + d.module + ")"); }

  void operator()(const AttributeDecl& d) {
    std::string text = "(attribute " + d.name + " " + type(d.type);
    if (!d.labelZh.empty() || !d.labelEn.empty())
      text += " label " + quote(d.labelZh) + " " + quote(d.labelEn);
    line(text + ")");
  }

  void operator()(const IndustryDecl& d) {
    line("(industry " + d.code + " " + quote(d.name) + ")");
  }

  void operator()(const UnitDecl& d) {
    std::string text = "(unit " + d.code + " " + quote(d.name) + " class " +
                       className(d.unitClass) + " county " + d.county;
    if (!d.kind.empty()) text += " kind " + quote(d.kind);
    if (!d.regions.empty()) text += " in " + list(d.regions);
    line(text + ")");
  }

  void operator()(const RegionDecl& d) {
    std::string text = "(region " + d.name;
    if (!d.title.empty()) text += " " + quote(d.title);
    switch (d.by) {
      case RegionDecl::By::Declared:
        break;
      case RegionDecl::By::Units:
        text += " units " + list(d.members);
        break;
      case RegionDecl::By::Counties:
        text += " counties " + list(d.members);
        break;
      case RegionDecl::By::Cities:
        text += " cities " + list(d.members);
        break;
    }
    line(text + ")");
  }

  void operator()(const SetDecl& d) {
    std::string text =
        std::string(d.open ? "(open-set " : "(set ") + d.name + " of " + d.ofAttribute;
    if (!d.elements.empty()) text += " " + elements(d.elements);
    if (!d.cite.empty()) text += " cite " + quote(d.cite);
    line(text + ")");
  }

  void operator()(const ExtendDecl& d) {
    line("(extend " + d.setName + " (scope " + scope(d.scope) + ") " + elements(d.elements) + ")");
  }

  void operator()(const LayerDecl& d) {
    line("(layer " + d.name + (d.title.empty() ? "" : " " + quote(d.title)) + ")");
  }

  void operator()(const DefineDecl& d) {
    line("(define " + d.name + " " + (d.body ? expr(*d.body) : std::string("?")) + ")");
  }

  void operator()(const RuleDecl& d) {
    std::string head =
        d.isRefine ? "(refine " + d.refines + (d.id.empty() ? "" : " as " + d.id) : "(rule " + d.id;
    head += " @" + std::to_string(d.span.line) + ":" + std::to_string(d.span.column);
    if (d.dimension) head += std::string(" ") + dimensionName(*d.dimension);
    if (!d.title.empty()) head += " " + quote(d.title);
    line(head);
    const char* effect = d.effect == Effect::Forbid    ? "forbid"
                         : d.effect == Effect::Require ? "require"
                                                       : "limit";
    std::vector<std::string> parts;
    parts.push_back("(scope " + scope(d.scope) + ")");
    parts.push_back(std::string("(") + effect + " " +
                    (d.condition ? expr(*d.condition) : std::string("?")) + ")");
    if (d.qualifier)
      parts.push_back(std::string(d.effect == Effect::Forbid ? "(unless " : "(when ") +
                      expr(*d.qualifier) + ")");
    if (!d.cite.empty()) parts.push_back("(cite " + quote(d.cite) + ")");
    if (!d.effectiveFrom.empty())
      parts.push_back("(effective " + d.effectiveFrom +
                      (d.effectiveUntil.empty() ? "" : " " + d.effectiveUntil) + ")");
    for (std::size_t i = 0; i < parts.size(); ++i)
      line(parts[i] + (i + 1 == parts.size() ? ")" : ""), 2);
  }
};

}  // namespace

std::string printAst(const File& file, const SourceManager& /*sources*/) {
  Printer p;
  p.out = "(file\n";
  if (file.header) {
    const Header& h = *file.header;
    std::string text = "(accesslist " + quote(h.name) + " level " + levelName(h.level) +
                       " jurisdiction " + h.jurisdiction;
    if (!h.parent.empty()) text += " parent " + quote(h.parent);
    p.line(text + ")");
  }
  if (file.module) {
    std::string text = "(module " + file.module->name;
    if (file.module->level) text += std::string(" level ") + levelName(*file.module->level);
    p.line(text + ")");
  }
  for (const auto& decl : file.decls) std::visit(p, decl);
  p.out += ")\n";
  return p.out;
}

}  // namespace zr::ast
