// The IR bundle: everything the runtime needs to screen projects, and nothing of the compiler.
// compiler/lower builds it; runtime/ir serialises and reads it; runtime/eval executes it.
// Format and meaning are documented in docs/ir.md; bump kFormatVersion on any change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace zr::ir {

inline constexpr std::uint32_t kFormatVersion = 2;
inline constexpr std::uint32_t kNone = 0xFFFFFFFFu;

enum class Level : std::uint8_t { Nation, Province, City };
enum class UnitClass : std::uint8_t { Priority = 1, Key = 2, General = 3 };
enum class Dimension : std::uint8_t { Layout, Emission, Risk, Resource };
enum class Effect : std::uint8_t { Forbid, Require };  // `limit` is lowered to Require

// ---- schema ---------------------------------------------------------------------------------

enum class AttrType : std::uint8_t {
  Bool,
  Enum,     // one value; enumValues gives the names (<= 64)
  EnumSet,  // several values of an enum: a bitmask
  Number,
  Quantity,     // number in `unit` (canonical)
  Industry,     // one GB/T 4754 code
  IndustrySet,  // several codes
  String,
  Date,  // YYYY-MM-DD, compared as days since 1970-01-01
};

// A spatial fact (docs/ir.md "Computed attributes"): an attribute the runtime fills from the
// site's geometry through eval::SpatialContext when the descriptor does not give it.
// DistanceTo is a Quantity in "m" named "distance_to(LAYER)"; Within a Bool named "within(LAYER)".
enum class Computed : std::uint8_t { None, DistanceTo, Within };

struct Attribute {
  std::string name;
  AttrType type = AttrType::Bool;
  std::string unit;                      // Quantity: canonical unit, e.g. "t/a"
  std::vector<std::string> enumValues;   // Enum / EnumSet
  std::vector<std::string> enumAliases;  // same length as enumValues; "" when none
  std::string labelZh, labelEn;
  Computed computed = Computed::None;
  std::string layer;  // the layer of a computed attribute
};

// GB/T 4754 entries referenced by the bundle, with every ancestor; `parent` indexes this table.
struct IndustryEntry {
  std::string code;  // section letter + digits, e.g. "C2614"
  std::string name;
  std::uint32_t parent = kNone;
};

// ---- places ---------------------------------------------------------------------------------

struct Region {
  std::string name, title;
};

struct Unit {
  std::string code;  // ZH + 6 + class digit + 4
  std::string name;
  UnitClass unitClass = UnitClass::General;
  std::string county;  // 6-digit admin code
  std::string kind;
  std::uint32_t list = kNone;          // the list that declares the unit's details
  std::vector<std::uint32_t> regions;  // indices into Bundle::regions, sorted
};

struct AccessList {
  std::string name;
  Level level = Level::Province;
  std::string jurisdiction;  // "" for nation-level modules
  std::uint32_t parent = kNone;
};

// ---- predicates -----------------------------------------------------------------------------
// A predicate is a tree stored in Bundle::nodes; children of a node are the contiguous range
// [first, first + count) of Bundle::children (indices into nodes). Values (numbers, dates,
// quantities in canonical units) are doubles.

enum class NodeOp : std::uint8_t {
  True,
  False,
  And,         // children
  Or,          // children
  Not,         // children[0]
  BoolAttr,    // attr is true
  CmpConst,    // attr <cmp> number                     (Number, Quantity, Date)
  CmpExpr,     // value(children[0]) <cmp> value(children[1])  (arithmetic; see ValueNode)
  EnumIn,      // attr (Enum or EnumSet) intersects mask   — `==` and `in` on enums
  IndustryIn,  // some code of attr lies under a prefix of industrySet
  OpenSetIn,   // attr (Enum/EnumSet) intersects openSet's members for the current unit
  StringIn,    // attr equals one of strings[first, first+count)
};

enum class Cmp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

// The comparison with its operands swapped: x <cmp> y is y <mirror(cmp)> x.
constexpr Cmp mirror(Cmp cmp) {
  switch (cmp) {
    case Cmp::Lt:
      return Cmp::Gt;
    case Cmp::Le:
      return Cmp::Ge;
    case Cmp::Gt:
      return Cmp::Lt;
    case Cmp::Ge:
      return Cmp::Le;
    default:
      return cmp;
  }
}

// x <cmp> y, as IEEE 754 compares (every comparison with a NaN is false, but `!=`).
constexpr bool compare(Cmp cmp, double x, double y) {
  switch (cmp) {
    case Cmp::Eq:
      return x == y;
    case Cmp::Ne:
      return x != y;
    case Cmp::Lt:
      return x < y;
    case Cmp::Le:
      return x <= y;
    case Cmp::Gt:
      return x > y;
    case Cmp::Ge:
      return x >= y;
  }
  return false;
}

struct Node {
  NodeOp op = NodeOp::True;
  Cmp cmp = Cmp::Eq;
  bool negated = false;        // EnumIn / IndustryIn / OpenSetIn / StringIn: `not in`
  std::uint32_t attr = kNone;  // schema attribute index
  std::uint32_t first = 0;     // children / strings range start, or set index
  std::uint32_t count = 0;
  double number = 0;       // CmpConst constant
  std::uint64_t mask = 0;  // EnumIn mask
};

// Arithmetic operands of CmpExpr live in Bundle::values.
enum class ValueOp : std::uint8_t { Const, Attr, Add, Sub, Mul, Div };
struct ValueNode {
  ValueOp op = ValueOp::Const;
  std::uint32_t attr = kNone;
  std::uint32_t lhs = kNone, rhs = kNone;  // indices into Bundle::values
  double number = 0;
};

// A named industry prefix set, lowered to a bitmap over Bundle::industries: bit i is set when
// industry i lies under one of the prefixes.
struct IndustrySet {
  std::string name;                     // "" for an anonymous literal set
  std::vector<std::uint32_t> prefixes;  // industry indices, as written
  std::vector<std::uint64_t> bits;      // derived at load time from prefixes (not serialised)
};

// An open set (delegated to lower levels) of enum values: base members plus per-unit additions.
struct OpenSet {
  std::string name;
  std::uint32_t attr = kNone;  // the attribute whose values it holds
  std::uint64_t baseMask = 0;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> unitMasks;  // (unit, extra) sorted by unit
};

// ---- rules ----------------------------------------------------------------------------------

struct Span {
  std::string file;  // path as given to the compiler
  std::uint32_t line = 0, column = 0;
};

struct Rule {
  std::string id;
  std::uint32_t list = kNone;  // declaring list
  Level level = Level::Province;
  Dimension dimension = Dimension::Layout;
  Effect effect = Effect::Forbid;
  std::string title;
  std::string cite;
  std::uint32_t condition = kNone;  // forbid: C ∧ ¬E (lowered); require: the guard C (True if none)
  std::uint32_t requirement = kNone;  // require: K; forbid: kNone
  std::string conditionText;          // readable source text of C (and `unless E`) for explanations
  std::string requirementText;        // readable source text of K, shown in obligations
  std::vector<std::uint32_t> attrs;   // attributes the rule reads, sorted: the `because` facts
  std::int32_t effectiveFrom = INT32_MIN, effectiveUntil = INT32_MAX;  // days since epoch
  std::string refines;    // id of the replaced rule, "" if none
  std::string scopeText;  // readable scope, e.g. "class key & region air_channel"
  Span source;
};

// The whole bundle. unitRules is a CSR index: the rules applying to unit u are
// unitRuleIds[unitRuleStart[u] .. unitRuleStart[u+1]), sorted by rule index.
struct Bundle {
  std::vector<AccessList> lists;
  std::vector<Attribute> attributes;
  std::vector<IndustryEntry> industries;
  std::vector<Region> regions;
  std::vector<Unit> units;  // sorted by code
  std::vector<Node> nodes;
  std::vector<std::uint32_t> children;
  std::vector<ValueNode> values;
  std::vector<std::string> strings;
  std::vector<IndustrySet> industrySets;
  std::vector<OpenSet> openSets;
  std::vector<Rule> rules;                   // sorted by id
  std::vector<std::uint32_t> unitRuleStart;  // units.size() + 1 entries
  std::vector<std::uint32_t> unitRuleIds;
};

// Fill the derived, non-serialised fields (IndustrySet::bits). Called by the reader and by
// the compiler after lowering.
void finalize(Bundle& bundle);

const char* levelName(Level level);
const char* unitClassName(UnitClass unitClass);
const char* dimensionName(Dimension dimension);
const char* effectName(Effect effect);
// Names used by the bundle format (docs/ir.md) and the IR printer.
const char* attrTypeName(AttrType type);  // "bool", "enum", "enum-set", "number", …
const char* nodeOpName(NodeOp op);        // "true", "and", "cmp", "enum-in", …
const char* cmpName(Cmp cmp);             // "==", "!=", "<", "<=", ">", ">="
const char* valueOpName(ValueOp op);
const char* computedName(Computed computed);  // "none", "distance_to", "within"      // "const",
                                              // "attr", "+", "-", "*", "/"

}  // namespace zr::ir
