// Internal to compiler/syntax: builds ast::File from the ANTLR parse tree. Scope blocks are
// flattened (each rule carries its scope); the grammar's error productions (`=`, `&&`, a missing
// comma, a unit before its number, a misplaced header …) are reported here.
#pragma once

#include <cstddef>
#include <string>

#include "ZrParserBaseVisitor.h"
#include "compiler/ast/Ast.h"
#include "compiler/syntax/ParseContext.h"

namespace zr::syntax {

class AstBuilder : public zr_gen::ZrParserBaseVisitor {
 public:
  explicit AstBuilder(ParseContext& context) : pc_(context) {}

  // Declarations with a syntax error (ParseContext::failed) are left out.
  ast::File build(zr_gen::ZrParser::FileContext* file);

  // Conditions and values: each visit leaves its result in result_.
  antlrcpp::Any visitNotCond(zr_gen::ZrParser::NotCondContext* ctx) override;
  antlrcpp::Any visitAndCond(zr_gen::ZrParser::AndCondContext* ctx) override;
  antlrcpp::Any visitOrCond(zr_gen::ZrParser::OrCondContext* ctx) override;
  antlrcpp::Any visitAtomCond(zr_gen::ZrParser::AtomCondContext* ctx) override;
  antlrcpp::Any visitMulValue(zr_gen::ZrParser::MulValueContext* ctx) override;
  antlrcpp::Any visitAddValue(zr_gen::ZrParser::AddValueContext* ctx) override;
  antlrcpp::Any visitParenValue(zr_gen::ZrParser::ParenValueContext* ctx) override;
  antlrcpp::Any visitAttrValue(zr_gen::ZrParser::AttrValueContext* ctx) override;
  antlrcpp::Any visitDistanceValue(zr_gen::ZrParser::DistanceValueContext* ctx) override;
  antlrcpp::Any visitWithinValue(zr_gen::ZrParser::WithinValueContext* ctx) override;
  antlrcpp::Any visitNumberValue(zr_gen::ZrParser::NumberValueContext* ctx) override;
  antlrcpp::Any visitUnitFirstValue(zr_gen::ZrParser::UnitFirstValueContext* ctx) override;
  antlrcpp::Any visitNameValue(zr_gen::ZrParser::NameValueContext* ctx) override;
  antlrcpp::Any visitStringValue(zr_gen::ZrParser::StringValueContext* ctx) override;
  antlrcpp::Any visitDateValue(zr_gen::ZrParser::DateValueContext* ctx) override;
  antlrcpp::Any visitBoolValue(zr_gen::ZrParser::BoolValueContext* ctx) override;

 private:
  void declaration(zr_gen::ZrParser::DeclContext* ctx, ast::File& file);
  void header(zr_gen::ZrParser::HeaderContext* ctx, ast::File& file);
  void imports(zr_gen::ZrParser::ImportDeclContext* ctx, ast::File& file);
  ast::AttributeDecl attribute(zr_gen::ZrParser::AttributeDeclContext* ctx);
  ast::TypeExpr type(zr_gen::ZrParser::TypeExprContext* ctx);
  ast::IndustryDecl industry(zr_gen::ZrParser::IndustryDeclContext* ctx);
  ast::UnitDecl unit(zr_gen::ZrParser::UnitDeclContext* ctx);
  ast::RegionDecl region(zr_gen::ZrParser::RegionDeclContext* ctx);
  ast::SetDecl set(zr_gen::ZrParser::SetDeclContext* ctx);
  ast::ExtendDecl extend(zr_gen::ZrParser::ExtendDeclContext* ctx);
  ast::DefineDecl define(zr_gen::ZrParser::DefineDeclContext* ctx);
  ast::LayerDecl layer(zr_gen::ZrParser::LayerDeclContext* ctx);
  void scopeBlock(zr_gen::ZrParser::ScopeBlockContext* ctx, ast::File& file);
  ast::Scope scope(zr_gen::ZrParser::ScopeExprContext* ctx);
  ast::RuleDecl rule(zr_gen::ZrParser::RuleDeclContext* ctx, const ast::Scope& scope);
  ast::RuleDecl refine(zr_gen::ZrParser::RefineDeclContext* ctx, const ast::Scope& scope);
  void ruleBody(antlr4::ParserRuleContext* ctx, zr_gen::ZrParser::EffectContext* effect,
                const std::vector<zr_gen::ZrParser::RuleClauseContext*>& clauses,
                ast::RuleDecl& rule);

  ast::ExprPtr condition(zr_gen::ZrParser::CondContext* ctx);
  // A value operand: reports a condition used where a value is needed.
  ast::ExprPtr operand(zr_gen::ZrParser::ValueContext* ctx);
  ast::ExprPtr atom(zr_gen::ZrParser::AtomContext* ctx);
  std::vector<ast::ExprPtr> setLiteral(zr_gen::ZrParser::SetLiteralContext* ctx);
  ast::ExprPtr element(zr_gen::ZrParser::ElementContext* ctx);
  ast::ExprPtr number(antlr4::ParserRuleContext* ctx, antlr4::tree::TerminalNode* number,
                      zr_gen::ZrParser::UnitTextContext* unit);
  ast::ExprPtr binary(antlr4::ParserRuleContext* ctx, antlr4::tree::TerminalNode* wrong,
                      std::size_t rightToken, bool isAnd, zr_gen::ZrParser::CondContext* lhs,
                      zr_gen::ZrParser::CondContext* rhs);

  // Reports the first builder error of the current statement; later ones are dropped.
  void fail(const char* code, SourceSpan span, std::string message, std::string hint);
  // The source text of a context as written (with its spaces).
  std::string sourceText(antlr4::ParserRuleContext* ctx) const { return pc_.sourceText(ctx); }
  // Expressions nested deeper than kMaxExpressionDepth: reported once, not built further, so
  // that neither this builder nor later passes recurse too deep.
  bool tooDeep(antlr4::ParserRuleContext* ctx);

  ParseContext& pc_;
  ast::ExprPtr result_;
  std::size_t statement_ = 0;  // key (first token index) of the statement being built
  std::size_t depth_ = 0;      // current expression nesting while building
};

// Unquotes a STRING token: "…" with \" and \\ escapes, or “…”.
std::string unquote(const std::string& token);

}  // namespace zr::syntax
