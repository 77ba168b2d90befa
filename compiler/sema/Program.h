// The checked program: every source file's AST plus the symbol tables and typed conditions that
// sema derives from it. Lowering (IR bundle) and the audit both read this, never raw syntax.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/ast/Ast.h"
#include "compiler/diag/SourceSpan.h"
#include "runtime/ir/Ir.h"
#include "runtime/measure/Measure.h"

namespace zr::sema {

inline constexpr std::uint32_t kNone = ir::kNone;

// A resolved, typed condition. It mirrors the IR predicate form (one node kind per IR NodeOp)
// but keeps source spans, so the audit can reason about it and point at it.
struct TValue {
  ir::ValueOp op = ir::ValueOp::Const;
  std::uint32_t attr = kNone;
  double number = 0;             // Const: in the dimension's base unit (see measure::UnitOfMeasure)
  std::vector<TValue> operands;  // Add/Sub/Mul/Div: two
};

struct TExpr {
  ir::NodeOp op = ir::NodeOp::True;
  ir::Cmp cmp = ir::Cmp::Eq;
  bool negated = false;
  std::uint32_t attr = kNone;
  double number = 0;                      // CmpConst: constant in the attribute's canonical unit
  std::uint64_t mask = 0;                 // EnumIn
  std::vector<std::uint32_t> industries;  // IndustryIn: prefix codes (indices into industries)
  std::string setName;               // IndustryIn / EnumIn from a named set: its name (for text)
  std::uint32_t openSet = kNone;     // OpenSetIn
  std::vector<std::string> strings;  // StringIn
  std::vector<TExpr> children;       // And / Or / Not
  TValue lhs, rhs;                   // CmpExpr: both sides in base units
  SourceSpan span;
};

struct ListInfo {
  std::string name;
  ast::Level level = ast::Level::Province;
  std::string jurisdiction;  // 6 digits; "" for a module
  std::string prefix;        // jurisdiction without trailing "00" pairs; "" = everywhere
  std::string parentName;
  std::uint32_t parent = kNone;
  bool isModule = false;
  SourceSpan span;
};

struct AttributeInfo {
  const ast::AttributeDecl* decl = nullptr;
  ir::AttrType type = ir::AttrType::Bool;
  const measure::UnitOfMeasure* unit = nullptr;  // Quantity
  std::vector<std::string> enumValues, enumAliases;
  std::uint32_t list = kNone;
  ir::Computed computed = ir::Computed::None;  // a layer's spatial fact
  std::string layer;
};

struct LayerInfo {
  const ast::LayerDecl* decl = nullptr;
  std::uint32_t list = kNone;
};

struct IndustryInfo {
  std::string code, name;
  std::uint32_t parent = kNone;
  SourceSpan span;
};

struct RegionInfo {
  const ast::RegionDecl* decl = nullptr;
  std::uint32_t list = kNone;
};

struct SetInfo {
  const ast::SetDecl* decl = nullptr;
  std::uint32_t list = kNone;
  std::uint32_t attr = kNone;             // element attribute
  std::uint64_t mask = 0;                 // enum sets
  std::vector<std::uint32_t> industries;  // industry sets (prefixes)
  std::vector<std::string> strings;       // string sets
  std::uint32_t openSet = kNone;          // index into Program::openSets when open
};

struct ExtensionInfo {
  const ast::ExtendDecl* decl = nullptr;
  std::uint32_t list = kNone;
  std::uint32_t set = kNone;  // index into Program::sets
  std::uint64_t mask = 0;
  std::vector<std::uint32_t> units;  // units it applies to (scope ∩ list jurisdiction)
};

struct DefineInfo {
  const ast::DefineDecl* decl = nullptr;
  std::uint32_t list = kNone;
};

struct UnitInfo {
  std::string code, name, county, kind;
  ast::UnitClass unitClass = ast::UnitClass::General;
  std::vector<std::uint32_t> regions;       // sorted
  std::uint32_t list = kNone;               // list holding the authoritative declaration
  std::vector<const ast::UnitDecl*> decls;  // every declaration (province inventory, city …)
  std::vector<std::uint32_t> declLists;
};

struct RuleInfo {
  const ast::RuleDecl* decl = nullptr;
  std::string id;
  std::uint32_t list = kNone;
  ir::Level level = ir::Level::Province;
  ir::Dimension dimension = ir::Dimension::Layout;
  ir::Effect effect = ir::Effect::Forbid;
  std::string title, cite;
  TExpr condition;    // forbid: C ∧ ¬E; require: the guard (True when absent)
  TExpr requirement;  // require only
  bool hasUnless = false;
  std::uint32_t refines = kNone;     // index into Program::rules
  std::vector<std::uint32_t> units;  // units the rule applies to, sorted
  std::vector<std::uint32_t> attrs;  // attributes read, sorted
  std::int32_t effectiveFrom = INT32_MIN, effectiveUntil = INT32_MAX;
  std::string scopeText;
};

struct Program {
  std::vector<std::unique_ptr<ast::File>> files;  // stable addresses: infos point into them
  std::vector<std::uint32_t> fileIds;             // SourceManager id of files[i]
  std::vector<std::uint32_t> fileList;            // list index of files[i]
  std::vector<ListInfo> lists;
  std::vector<AttributeInfo> attributes;
  std::vector<IndustryInfo> industries;
  std::vector<RegionInfo> regions;
  std::vector<SetInfo> sets;
  std::vector<std::uint32_t> openSets;  // indices into sets
  std::vector<ExtensionInfo> extensions;
  std::vector<DefineInfo> defines;
  std::vector<LayerInfo> layers;
  std::vector<UnitInfo> units;  // sorted by code
  std::vector<RuleInfo> rules;  // in source order

  std::map<std::string, std::uint32_t> attributeIndex, industryIndex, regionIndex, setIndex,
      defineIndex, unitIndex, ruleIndex, listIndex, layerIndex;
};

}  // namespace zr::sema
