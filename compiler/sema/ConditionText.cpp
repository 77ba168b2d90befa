// Canonical English text of typed conditions: used in IR explanations and obligations, and the
// same whichever keyword dialect the source used.
#include <fmt/format.h>

#include "compiler/sema/Sema.h"
#include "runtime/util/Date.h"

namespace zr::sema {
namespace {

const char* cmpText(ir::Cmp cmp) {
  static constexpr const char* kText[] = {"==", "!=", "<", "<=", ">", ">="};
  return kText[static_cast<int>(cmp)];
}

class Printer {
 public:
  explicit Printer(const Program& program) : program_(program) {}

  std::string print(const TExpr& e, int parentPrecedence = 0) const {
    switch (e.op) {
      case ir::NodeOp::True:
        return "true";
      case ir::NodeOp::False:
        return "false";
      case ir::NodeOp::And:
      case ir::NodeOp::Or: {
        int precedence = e.op == ir::NodeOp::Or ? 1 : 2;
        std::string out;
        for (const auto& child : e.children) {
          if (!out.empty()) out += e.op == ir::NodeOp::Or ? " or " : " and ";
          out += print(child, precedence);
        }
        return precedence < parentPrecedence ? "(" + out + ")" : out;
      }
      case ir::NodeOp::Not:
        return "not " + print(e.children.at(0), 3);
      case ir::NodeOp::BoolAttr:
        return attr(e.attr);
      case ir::NodeOp::CmpConst:
        return attr(e.attr) + " " + cmpText(e.cmp) + " " + constant(e);
      case ir::NodeOp::CmpExpr:
        return value(e.lhs) + " " + cmpText(e.cmp) + " " + value(e.rhs);
      case ir::NodeOp::EnumIn:
        return membership(e, enumElements(e));
      case ir::NodeOp::IndustryIn: {
        std::string list;
        for (auto i : e.industries)
          list += (list.empty() ? "" : ", ") + program_.industries[i].code;
        return membership(e, list);
      }
      case ir::NodeOp::OpenSetIn:
        return membership(e, "");
      case ir::NodeOp::StringIn: {
        std::string list;
        for (const auto& s : e.strings) list += (list.empty() ? "\"" : ", \"") + s + "\"";
        return membership(e, list);
      }
    }
    return "?";
  }

 private:
  std::string attr(std::uint32_t index) const {
    const AttributeInfo& info = program_.attributes.at(index);
    return info.computed == ir::Computed::None ? "project." + info.decl->name : info.decl->name;
  }

  std::string constant(const TExpr& e) const {
    const AttributeInfo& info = program_.attributes.at(e.attr);
    if (info.type == ir::AttrType::Date)
      return util::formatDate(static_cast<std::int32_t>(e.number));
    if (info.type == ir::AttrType::Quantity && info.unit)
      return fmt::format("{} {}", e.number, info.unit->symbol);
    return fmt::format("{}", e.number);
  }

  std::string enumElements(const TExpr& e) const {
    const AttributeInfo& info = program_.attributes.at(e.attr);
    std::string list;
    for (std::size_t i = 0; i < info.enumValues.size(); ++i)
      if (e.mask >> i & 1) list += (list.empty() ? "" : ", ") + info.enumValues[i];
    return list;
  }

  std::string membership(const TExpr& e, const std::string& elements) const {
    std::string target = !e.setName.empty() ? e.setName : "{" + elements + "}";
    const AttributeInfo& info = program_.attributes.at(e.attr);
    bool single =
        e.setName.empty() && info.type == ir::AttrType::Enum && __builtin_popcountll(e.mask) == 1;
    if (single) return attr(e.attr) + (e.negated ? " != " : " == ") + elements;
    return attr(e.attr) + (e.negated ? " not in " : " in ") + target;
  }

  std::string value(const TValue& v, int parentPrecedence = 0) const {
    switch (v.op) {
      case ir::ValueOp::Const:
        return fmt::format("{}", v.number);
      case ir::ValueOp::Attr:
        return attr(v.attr);
      default:
        break;
    }
    // Unit scaling introduced by sema (attr × factor) prints as the attribute alone.
    if (v.op == ir::ValueOp::Mul && v.operands[0].op == ir::ValueOp::Attr &&
        v.operands[1].op == ir::ValueOp::Const && program_.attributes.at(v.operands[0].attr).unit &&
        program_.attributes.at(v.operands[0].attr).unit->toBase == v.operands[1].number)
      return attr(v.operands[0].attr);
    int precedence = v.op == ir::ValueOp::Add || v.op == ir::ValueOp::Sub ? 1 : 2;
    static constexpr const char* kOp[] = {"", "", " + ", " - ", " * ", " / "};
    std::string out = value(v.operands[0], precedence) + kOp[static_cast<int>(v.op)] +
                      value(v.operands[1], precedence + 1);
    return precedence < parentPrecedence ? "(" + out + ")" : out;
  }

  const Program& program_;
};

}  // namespace

std::string conditionText(const Program& program, const TExpr& expr) {
  return Printer(program).print(expr);
}

}  // namespace zr::sema
