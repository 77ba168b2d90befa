// The project's own AST: what compiler/syntax produces from ANTLR parse trees and what every
// later pass (sema, lower, audit) works on. No ANTLR type appears here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/diag/SourceSpan.h"

namespace zr::ast {

enum class Level : std::uint8_t { Nation, Province, City };
enum class UnitClass : std::uint8_t { Priority = 1, Key = 2, General = 3 };
enum class Dimension : std::uint8_t { Layout, Emission, Risk, Resource };
enum class CompareOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
enum class ArithOp : std::uint8_t { Add, Sub, Mul, Div };

// ---- types of schema attributes -------------------------------------------------------------

struct EnumMember {
  std::string name;
  std::string alias;  // optional Chinese alias, e.g. 新建 for new
  SourceSpan span;
};

struct TypeExpr {
  enum class Kind : std::uint8_t { Bool, Enum, Number, Quantity, Industry, String, Date, Set };
  Kind kind = Kind::Bool;
  std::vector<EnumMember> members;    // Enum
  std::string unit;                   // Quantity: canonical unit text, e.g. "t/a"
  std::unique_ptr<TypeExpr> element;  // Set: element type (Enum or Industry)
  SourceSpan span;
};

// ---- expressions ----------------------------------------------------------------------------

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct AttrRef {      // project.NAME, or a spatial fact: distance_to(LAYER) / within(LAYER)
  std::string name;   // for a spatial fact its attribute's name, e.g. "distance_to(长江干流)"
  std::string layer;  // the layer of a spatial fact ("" for project.NAME)
  SourceSpan layerSpan;
};
struct NumberLit {
  double value = 0;
  std::string unit;  // empty: a plain number / ratio
  std::string text;  // as written, for messages
};
struct NameRef {  // a bare identifier: enum value, industry code, define, set (resolved by sema)
  std::string name;
};
struct StringLit {
  std::string value;
};
struct DateLit {
  std::string value;  // YYYY-MM-DD, validated by sema
};
struct BoolLit {
  bool value = false;
};
struct Arith {
  ArithOp op;
  ExprPtr lhs, rhs;
};
struct Compare {
  CompareOp op;
  ExprPtr lhs, rhs;
};
struct Membership {  // lhs [not] in {elems} | lhs [not] in SETNAME
  ExprPtr lhs;
  bool negated = false;
  std::vector<ExprPtr> elements;  // literal set (NameRef / StringLit / NumberLit)
  std::string setName;            // named set when elements is empty and setName non-empty
  SourceSpan setSpan;
};
struct And {
  ExprPtr lhs, rhs;
};
struct Or {
  ExprPtr lhs, rhs;
};
struct Not {
  ExprPtr operand;
};

struct Expr {
  std::variant<AttrRef, NumberLit, NameRef, StringLit, DateLit, BoolLit, Arith, Compare, Membership,
               And, Or, Not>
      node;
  SourceSpan span;
};

// ---- scopes ---------------------------------------------------------------------------------

struct ScopeAtom {
  enum class Kind : std::uint8_t { All, Class, Region, Unit, County };
  Kind kind = Kind::All;
  UnitClass unitClass = UnitClass::Priority;  // Class
  std::string name;                           // Region name, unit code or county code
  SourceSpan span;
};
struct Scope {  // intersection of atoms; empty == all
  std::vector<ScopeAtom> atoms;
  SourceSpan span;
};

// ---- declarations ---------------------------------------------------------------------------

struct Header {
  std::string name;
  Level level = Level::Province;
  std::string jurisdiction;  // 6-digit GB/T 2260 code
  std::string parent;        // parent list name, empty if none
  SourceSpan span;
};
struct ModuleDecl {
  std::string name;  // dotted, e.g. std.nation.yangtze
  std::optional<Level> level;
  SourceSpan span;
};
struct ImportDecl {
  std::string module;  // dotted
  SourceSpan span;
};
struct AttributeDecl {
  std::string name;
  TypeExpr type;
  std::string labelZh, labelEn;
  SourceSpan span;
  SourceSpan nameSpan;  // the attribute's name
};
struct IndustryDecl {
  std::string code;  // letter + 0/2/3/4 digits
  std::string name;
  SourceSpan span;
  SourceSpan codeSpan;  // the code
};
struct UnitDecl {
  std::string code;
  std::string name;
  UnitClass unitClass = UnitClass::General;
  std::string county;
  std::string kind;
  std::vector<std::string> regions;
  std::vector<SourceSpan> regionSpans;
  SourceSpan span, codeSpan, classSpan, countySpan;
};
struct RegionDecl {
  enum class By : std::uint8_t { Declared, Units, Counties, Cities };
  std::string name, title;
  By by = By::Declared;
  std::vector<std::string> members;
  std::vector<SourceSpan> memberSpans;
  SourceSpan span;
  SourceSpan nameSpan;  // the region's name
};
struct SetDecl {
  std::string name;
  bool open = false;
  std::string ofAttribute;
  std::vector<ExprPtr> elements;
  std::string cite;
  SourceSpan span;
  SourceSpan nameSpan;  // the set's name
};
struct ExtendDecl {
  std::string setName;
  Scope scope;
  std::vector<ExprPtr> elements;
  SourceSpan span, nameSpan;
};
struct DefineDecl {
  std::string name;
  ExprPtr body;
  SourceSpan span;
  SourceSpan nameSpan;  // the definition's name
};

// `layer NAME "title"?`: a geometry layer. Declaring it declares its two spatial facts as
// attributes (docs/language.md "Spatial facts"), held here so that sema can point at them.
struct LayerDecl {
  std::string name, title;
  AttributeDecl distance;  // distance_to(NAME) : quantity<m>
  AttributeDecl within;    // within(NAME) : bool
  SourceSpan span, nameSpan;
};

// The attribute names of a layer's spatial facts.
inline std::string distanceFactName(const std::string& layer) {
  return "distance_to(" + layer + ")";
}
inline std::string withinFactName(const std::string& layer) { return "within(" + layer + ")"; }

enum class Effect : std::uint8_t { Forbid, Require, Limit };

struct RuleDecl {
  std::string id;
  std::optional<Dimension> dimension;  // may be absent only for refine (inherited)
  std::string title;
  Effect effect = Effect::Forbid;
  ExprPtr condition;  // forbid: C; require/limit: K (limit: the comparison)
  ExprPtr qualifier;  // forbid: unless E; require/limit: when C (may be null)
  std::string cite;
  std::string effectiveFrom, effectiveUntil;  // YYYY-MM-DD or empty
  Scope scope;                                // from the enclosing scope block
  bool isRefine = false;
  std::string refines;  // id of the refined rule when isRefine
  SourceSpan span, idSpan, citeSpan, effectiveSpan;
};

using Decl = std::variant<ImportDecl, AttributeDecl, IndustryDecl, UnitDecl, RegionDecl, SetDecl,
                          ExtendDecl, DefineDecl, LayerDecl, RuleDecl>;

// One parsed source file. Scope blocks are flattened: each rule carries its scope.
struct File {
  std::string path;
  std::optional<Header> header;
  std::optional<ModuleDecl> module;
  std::vector<Decl> decls;
};

}  // namespace zr::ast
