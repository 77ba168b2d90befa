#include "runtime/ir/Ir.h"

namespace zr::ir {

void finalize(Bundle& bundle) {
  const std::size_t n = bundle.industries.size();
  const std::size_t words = (n + 63) / 64;
  std::vector<char> isPrefix(n, 0);
  for (auto& set : bundle.industrySets) {
    set.bits.assign(words, 0);
    for (std::uint32_t p : set.prefixes)
      if (p < n) isPrefix[p] = 1;
    for (std::size_t i = 0; i < n; ++i) {
      // Walk i and its ancestors; the step bound keeps a malformed parent cycle finite.
      std::uint32_t at = static_cast<std::uint32_t>(i);
      for (std::size_t steps = 0; at < n && steps <= n; ++steps) {
        if (isPrefix[at]) {
          set.bits[i >> 6] |= std::uint64_t{1} << (i & 63);
          break;
        }
        at = bundle.industries[at].parent;
      }
    }
    for (std::uint32_t p : set.prefixes)
      if (p < n) isPrefix[p] = 0;
  }
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

const char* unitClassName(UnitClass unitClass) {
  switch (unitClass) {
    case UnitClass::Priority:
      return "priority";
    case UnitClass::Key:
      return "key";
    case UnitClass::General:
      return "general";
  }
  return "?";
}

const char* dimensionName(Dimension dimension) {
  switch (dimension) {
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

const char* effectName(Effect effect) {
  switch (effect) {
    case Effect::Forbid:
      return "forbid";
    case Effect::Require:
      return "require";
  }
  return "?";
}

const char* attrTypeName(AttrType type) {
  switch (type) {
    case AttrType::Bool:
      return "bool";
    case AttrType::Enum:
      return "enum";
    case AttrType::EnumSet:
      return "enum-set";
    case AttrType::Number:
      return "number";
    case AttrType::Quantity:
      return "quantity";
    case AttrType::Industry:
      return "industry";
    case AttrType::IndustrySet:
      return "industry-set";
    case AttrType::String:
      return "string";
    case AttrType::Date:
      return "date";
  }
  return "?";
}

const char* nodeOpName(NodeOp op) {
  switch (op) {
    case NodeOp::True:
      return "true";
    case NodeOp::False:
      return "false";
    case NodeOp::And:
      return "and";
    case NodeOp::Or:
      return "or";
    case NodeOp::Not:
      return "not";
    case NodeOp::BoolAttr:
      return "bool";
    case NodeOp::CmpConst:
      return "cmp";
    case NodeOp::CmpExpr:
      return "cmp-expr";
    case NodeOp::EnumIn:
      return "enum-in";
    case NodeOp::IndustryIn:
      return "industry-in";
    case NodeOp::OpenSetIn:
      return "open-set-in";
    case NodeOp::StringIn:
      return "string-in";
  }
  return "?";
}

const char* cmpName(Cmp cmp) {
  switch (cmp) {
    case Cmp::Eq:
      return "==";
    case Cmp::Ne:
      return "!=";
    case Cmp::Lt:
      return "<";
    case Cmp::Le:
      return "<=";
    case Cmp::Gt:
      return ">";
    case Cmp::Ge:
      return ">=";
  }
  return "?";
}

const char* valueOpName(ValueOp op) {
  switch (op) {
    case ValueOp::Const:
      return "const";
    case ValueOp::Attr:
      return "attr";
    case ValueOp::Add:
      return "+";
    case ValueOp::Sub:
      return "-";
    case ValueOp::Mul:
      return "*";
    case ValueOp::Div:
      return "/";
  }
  return "?";
}

const char* computedName(Computed computed) {
  switch (computed) {
    case Computed::None:
      return "none";
    case Computed::DistanceTo:
      return "distance_to";
    case Computed::Within:
      return "within";
  }
  return "none";
}

}  // namespace zr::ir
