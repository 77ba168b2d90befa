#include "compiler/syntax/AstBuilder.h"

#include <charconv>
#include <utility>

#include "ZrLexer.h"
#include "ZrParser.h"
#include "compiler/syntax/ParseFile.h"

namespace zr::syntax {

using antlr4::tree::TerminalNode;
using zr_gen::ZrLexer;
using zr_gen::ZrParser;

namespace {

struct DepthGuard {
  explicit DepthGuard(std::size_t& depth) : depth_(depth) { ++depth_; }
  ~DepthGuard() { --depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;
  std::size_t& depth_;
};

template <typename Node>
ast::ExprPtr makeExpr(Node node, SourceSpan span) {
  auto expr = std::make_unique<ast::Expr>();
  expr->node = std::move(node);
  expr->span = span;
  return expr;
}

bool isCondition(const ast::Expr& expr) {
  return std::holds_alternative<ast::Compare>(expr.node) ||
         std::holds_alternative<ast::Membership>(expr.node) ||
         std::holds_alternative<ast::And>(expr.node) ||
         std::holds_alternative<ast::Or>(expr.node) || std::holds_alternative<ast::Not>(expr.node);
}

ast::Level level(ZrParser::LevelNameContext* ctx) {
  if (ctx->NATION()) return ast::Level::Nation;
  if (ctx->CITY()) return ast::Level::City;
  return ast::Level::Province;
}

ast::UnitClass unitClass(ZrParser::ClassNameContext* ctx) {
  if (ctx->PRIORITY()) return ast::UnitClass::Priority;
  if (ctx->KEY()) return ast::UnitClass::Key;
  return ast::UnitClass::General;
}

ast::Dimension dimension(ZrParser::DimensionContext* ctx) {
  if (ctx->EMISSION()) return ast::Dimension::Emission;
  if (ctx->RISK()) return ast::Dimension::Risk;
  if (ctx->RESOURCE()) return ast::Dimension::Resource;
  return ast::Dimension::Layout;
}

std::string dotted(ZrParser::DottedNameContext* ctx) {
  std::string out;
  for (auto* part : ctx->anyName()) {
    if (!out.empty()) out += '.';
    out += part->getText();
  }
  return out;
}

}  // namespace

std::string unquote(const std::string& token) {
  static const std::string open = "\u201C", close = "\u201D";
  if (token.rfind(open, 0) == 0) {
    std::size_t end =
        token.size() >= open.size() + close.size() ? token.size() - close.size() : token.size();
    return token.substr(open.size(), end - open.size());
  }
  std::string out;
  if (token.size() < 2) return out;
  for (std::size_t i = 1; i + 1 < token.size(); ++i) {
    char c = token[i];
    if (c == '\\' && i + 2 < token.size() && (token[i + 1] == '"' || token[i + 1] == '\\')) {
      out += token[++i];
    } else {
      out += c;
    }
  }
  return out;
}

void AstBuilder::fail(const char* code, SourceSpan span, std::string message, std::string hint) {
  if (pc_.claim(statement_)) pc_.error(code, span, std::move(message), std::move(hint));
}

// ---- file and declarations --------------------------------------------------------------------

ast::File AstBuilder::build(ZrParser::FileContext* file) {
  ast::File out;
  ZrParser::DeclContext* first = nullptr;  // the first declaration of the file
  ZrParser::DeclContext* headerAt = nullptr;
  for (auto* decl : file->decl()) {
    statement_ = decl->getStart()->getTokenIndex();
    bool isHeader = decl->otherDecl() && decl->otherDecl()->header() != nullptr;
    if (!first) first = decl;
    if (pc_.failed(statement_)) continue;
    if (isHeader) {
      std::string word = decl->getStart()->getText();
      if (headerAt) {
        if (pc_.claim(statement_)) {
          auto& d = pc_.error("ZR0112", pc_.span(decl->getStart()),
                              "a file has one header; this is a second one",
                              "keep one header at the top of the file; a list spread over "
                              "several files repeats its header once in each file");
          d.notes.push_back({pc_.span(headerAt->getStart()), "the first header is here"});
        }
      } else if (decl != first) {
        if (pc_.claim(statement_)) {
          auto& d = pc_.error("ZR0112", pc_.span(decl->getStart()),
                              singleQuoted(word) + " must be the first declaration of the file",
                              "move this line to the top of the file (only comments may come "
                              "before it)");
          d.notes.push_back({pc_.span(first->getStart()), "the file starts here"});
        }
      } else {
        header(decl->otherDecl()->header(), out);
      }
      headerAt = headerAt ? headerAt : decl;
      continue;
    }
    declaration(decl, out);
  }
  return out;
}

void AstBuilder::declaration(ZrParser::DeclContext* ctx, ast::File& file) {
  if (auto* c = ctx->ruleDecl()) return void(file.decls.emplace_back(rule(c, ast::Scope{})));
  if (auto* c = ctx->refineDecl()) return void(file.decls.emplace_back(refine(c, ast::Scope{})));
  ZrParser::OtherDeclContext* other = ctx->otherDecl();
  if (!other) return;
  if (auto* c = other->importDecl()) return imports(c, file);
  if (auto* c = other->attributeDecl()) return void(file.decls.emplace_back(attribute(c)));
  if (auto* c = other->industryDecl()) return void(file.decls.emplace_back(industry(c)));
  if (auto* c = other->unitDecl()) return void(file.decls.emplace_back(unit(c)));
  if (auto* c = other->regionDecl()) return void(file.decls.emplace_back(region(c)));
  if (auto* c = other->setDecl()) return void(file.decls.emplace_back(set(c)));
  if (auto* c = other->extendDecl()) return void(file.decls.emplace_back(extend(c)));
  if (auto* c = other->defineDecl()) return void(file.decls.emplace_back(define(c)));
  if (auto* c = other->layerDecl()) return void(file.decls.emplace_back(layer(c)));
  if (auto* c = other->scopeBlock()) return scopeBlock(c, file);
}

void AstBuilder::header(ZrParser::HeaderContext* ctx, ast::File& file) {
  if (auto* h = ctx->listHeader()) {
    ast::Header out;
    out.name = unquote(h->STRING(0)->getText());
    out.level = level(h->levelName());
    out.jurisdiction = h->NUMBER()->getText();
    if (h->PARENT()) out.parent = unquote(h->STRING(1)->getText());
    out.span = pc_.span(h);
    file.header = std::move(out);
  } else if (auto* m = ctx->moduleHeader()) {
    ast::ModuleDecl out;
    out.name = dotted(m->dottedName());
    if (m->levelName()) out.level = level(m->levelName());
    out.span = pc_.span(m);
    file.module = std::move(out);
  }
}

void AstBuilder::imports(ZrParser::ImportDeclContext* ctx, ast::File& file) {
  for (auto* name : ctx->dottedName()) {
    ast::ImportDecl out;
    out.module = dotted(name);
    out.span = pc_.span(name);
    file.decls.emplace_back(std::move(out));
  }
}

ast::AttributeDecl AstBuilder::attribute(ZrParser::AttributeDeclContext* ctx) {
  ast::AttributeDecl out;
  out.name = ctx->anyName()->getText();
  out.nameSpan = pc_.span(ctx->anyName());
  out.type = type(ctx->typeExpr());
  if (ctx->LABEL()) {
    auto strings = ctx->STRING();
    if (!strings.empty()) out.labelZh = unquote(strings[0]->getText());
    if (strings.size() > 1) out.labelEn = unquote(strings[1]->getText());
  }
  out.span = pc_.span(ctx);
  return out;
}

ast::TypeExpr AstBuilder::type(ZrParser::TypeExprContext* ctx) {
  using Kind = ast::TypeExpr::Kind;
  ast::TypeExpr out;
  out.span = pc_.span(ctx);
  if (dynamic_cast<ZrParser::BoolTypeContext*>(ctx)) {
    out.kind = Kind::Bool;
  } else if (dynamic_cast<ZrParser::NumberTypeContext*>(ctx)) {
    out.kind = Kind::Number;
  } else if (dynamic_cast<ZrParser::StringTypeContext*>(ctx)) {
    out.kind = Kind::String;
  } else if (dynamic_cast<ZrParser::DateTypeContext*>(ctx)) {
    out.kind = Kind::Date;
  } else if (dynamic_cast<ZrParser::IndustryTypeContext*>(ctx)) {
    out.kind = Kind::Industry;
  } else if (auto* q = dynamic_cast<ZrParser::QuantityTypeContext*>(ctx)) {
    out.kind = Kind::Quantity;
    out.unit = q->unitText()->getText();
  } else if (auto* s = dynamic_cast<ZrParser::SetTypeContext*>(ctx)) {
    out.kind = Kind::Set;
    out.element = std::make_unique<ast::TypeExpr>(type(s->typeExpr()));
  } else if (auto* e = dynamic_cast<ZrParser::EnumTypeContext*>(ctx)) {
    out.kind = Kind::Enum;
    ZrParser::EnumMemberContext* previous = nullptr;
    for (auto* child : e->enumBody()->children) {
      auto* member = dynamic_cast<ZrParser::EnumMemberContext*>(child);
      if (!member) {
        if (dynamic_cast<TerminalNode*>(child)) previous = nullptr;
        continue;
      }
      if (previous)
        fail("ZR0109", pc_.after(previous->getStop()),
             "missing ',' between enum values '" + previous->ident()->getText() + "' and '" +
                 member->ident()->getText() + "'",
             "separate the values with commas: enum { new \"新建\", expansion \"扩建\" }");
      ast::EnumMember m;
      m.name = member->ident()->getText();
      if (member->STRING()) m.alias = unquote(member->STRING()->getText());
      m.span = pc_.span(member);
      out.members.push_back(std::move(m));
      previous = member;
    }
  }
  return out;
}

ast::IndustryDecl AstBuilder::industry(ZrParser::IndustryDeclContext* ctx) {
  ast::IndustryDecl out;
  out.code = ctx->ID()->getText();
  out.codeSpan = pc_.span(ctx->ID()->getSymbol());
  out.name = unquote(ctx->STRING()->getText());
  out.span = pc_.span(ctx);
  return out;
}

ast::UnitDecl AstBuilder::unit(ZrParser::UnitDeclContext* ctx) {
  ast::UnitDecl out;
  out.code = ctx->ID()->getText();
  out.codeSpan = pc_.span(ctx->ID()->getSymbol());
  auto strings = ctx->STRING();
  out.name = unquote(strings[0]->getText());
  out.unitClass = unitClass(ctx->className());
  out.classSpan = pc_.span(ctx->className());
  out.county = ctx->NUMBER()->getText();
  out.countySpan = pc_.span(ctx->NUMBER()->getSymbol());
  if (ctx->KIND() && strings.size() > 1) out.kind = unquote(strings[1]->getText());
  for (auto* region : ctx->ident()) {
    out.regions.push_back(region->getText());
    out.regionSpans.push_back(pc_.span(region));
  }
  out.span = pc_.span(ctx);
  return out;
}

ast::RegionDecl AstBuilder::region(ZrParser::RegionDeclContext* ctx) {
  using By = ast::RegionDecl::By;
  ast::RegionDecl out;
  out.name = ctx->ident()->getText();
  out.nameSpan = pc_.span(ctx->ident());
  if (ctx->STRING()) out.title = unquote(ctx->STRING()->getText());
  std::vector<TerminalNode*> members;
  if (auto* m = ctx->regionMembers()) {
    if (auto* u = dynamic_cast<ZrParser::UnitMembersContext*>(m)) {
      out.by = By::Units;
      members = u->ID();
    } else if (auto* c = dynamic_cast<ZrParser::CountyMembersContext*>(m)) {
      out.by = By::Counties;
      members = c->NUMBER();
    } else if (auto* c2 = dynamic_cast<ZrParser::CityMembersContext*>(m)) {
      out.by = By::Cities;
      members = c2->NUMBER();
    }
  }
  for (auto* member : members) {
    out.members.push_back(member->getText());
    out.memberSpans.push_back(pc_.span(member->getSymbol()));
  }
  out.span = pc_.span(ctx);
  return out;
}

ast::SetDecl AstBuilder::set(ZrParser::SetDeclContext* ctx) {
  ast::SetDecl out;
  out.open = ctx->OPEN() != nullptr;
  out.name = ctx->ident()->getText();
  out.nameSpan = pc_.span(ctx->ident());
  out.ofAttribute = ctx->anyName()->getText();
  if (ctx->setLiteral()) out.elements = setLiteral(ctx->setLiteral());
  if (ctx->STRING()) out.cite = unquote(ctx->STRING()->getText());
  out.span = pc_.span(ctx);
  return out;
}

ast::ExtendDecl AstBuilder::extend(ZrParser::ExtendDeclContext* ctx) {
  ast::ExtendDecl out;
  out.setName = ctx->ident()->getText();
  out.nameSpan = pc_.span(ctx->ident());
  if (ctx->scopeExpr()) out.scope = scope(ctx->scopeExpr());
  out.elements = setLiteral(ctx->setLiteral());
  out.span = pc_.span(ctx);
  return out;
}

ast::DefineDecl AstBuilder::define(ZrParser::DefineDeclContext* ctx) {
  ast::DefineDecl out;
  out.name = ctx->ident()->getText();
  out.nameSpan = pc_.span(ctx->ident());
  out.body = condition(ctx->cond());
  out.span = pc_.span(ctx);
  return out;
}

ast::LayerDecl AstBuilder::layer(ZrParser::LayerDeclContext* ctx) {
  ast::LayerDecl out;
  out.name = ctx->ident()->getText();
  out.nameSpan = pc_.span(ctx->ident());
  if (ctx->STRING()) out.title = unquote(ctx->STRING()->getText());
  out.span = pc_.span(ctx);
  auto fact = [&](std::string name, ast::TypeExpr::Kind kind, std::string zh, std::string en) {
    ast::AttributeDecl a;
    a.name = std::move(name);
    a.type.kind = kind;
    if (kind == ast::TypeExpr::Kind::Quantity) a.type.unit = "m";
    a.type.span = a.span = out.span;
    a.nameSpan = out.nameSpan;
    a.labelZh = std::move(zh);
    a.labelEn = std::move(en);
    return a;
  };
  // The Chinese labels (text reports) use the layer's title when it has one.
  const std::string& shown = out.title.empty() ? out.name : out.title;
  out.distance = fact(ast::distanceFactName(out.name), ast::TypeExpr::Kind::Quantity,
                      "与" + shown + "的距离", "distance to " + out.name);
  out.within = fact(ast::withinFactName(out.name), ast::TypeExpr::Kind::Bool, "位于" + shown + "内",
                    "within " + out.name);
  return out;
}

// ---- scopes and rules -------------------------------------------------------------------------

void AstBuilder::scopeBlock(ZrParser::ScopeBlockContext* ctx, ast::File& file) {
  ast::Scope blockScope = scope(ctx->scopeExpr());
  for (auto* child : ctx->children) {
    auto* r = dynamic_cast<ZrParser::RuleDeclContext*>(child);
    auto* f = dynamic_cast<ZrParser::RefineDeclContext*>(child);
    if (auto* other = dynamic_cast<ZrParser::OtherDeclContext*>(child)) {
      statement_ = other->getStart()->getTokenIndex();
      std::string word = other->getStart()->getText();
      if (!pc_.failed(statement_))
        fail("ZR0100", pc_.span(other->getStart()),
             singleQuoted(word) + " cannot appear inside a scope block",
             "a scope block holds only rules and refinements; move this declaration before or "
             "after the block");
      continue;
    }
    if (!r && !f) continue;
    statement_ = (r ? static_cast<antlr4::ParserRuleContext*>(r) : f)->getStart()->getTokenIndex();
    if (pc_.failed(statement_)) continue;
    file.decls.emplace_back(r ? rule(r, blockScope) : refine(f, blockScope));
  }
}

ast::Scope AstBuilder::scope(ZrParser::ScopeExprContext* ctx) {
  using Kind = ast::ScopeAtom::Kind;
  ast::Scope out;
  out.span = pc_.span(ctx);
  for (auto* a : ctx->scopeAtom()) {
    ast::ScopeAtom atom;
    atom.span = pc_.span(a);
    if (dynamic_cast<ZrParser::AllScopeContext*>(a)) {
      atom.kind = Kind::All;
    } else if (auto* c = dynamic_cast<ZrParser::ClassScopeContext*>(a)) {
      atom.kind = Kind::Class;
      atom.unitClass = unitClass(c->className());
    } else if (auto* r = dynamic_cast<ZrParser::RegionScopeContext*>(a)) {
      atom.kind = Kind::Region;
      atom.name = r->ident()->getText();
    } else if (auto* u = dynamic_cast<ZrParser::UnitScopeContext*>(a)) {
      atom.kind = Kind::Unit;
      atom.name = u->ID()->getText();
    } else if (auto* k = dynamic_cast<ZrParser::CountyScopeContext*>(a)) {
      atom.kind = Kind::County;
      atom.name = k->NUMBER()->getText();
    }
    out.atoms.push_back(std::move(atom));
  }
  return out;
}

ast::RuleDecl AstBuilder::rule(ZrParser::RuleDeclContext* ctx, const ast::Scope& scope) {
  ast::RuleDecl out;
  out.id = ctx->ruleId()->getText();
  out.idSpan = pc_.span(ctx->ruleId());
  out.scope = scope;
  if (ctx->dimension()) {
    out.dimension = dimension(ctx->dimension());
  } else {
    fail("ZR0102", pc_.after(ctx->ruleId()->getStop()), "rule " + out.id + " has no dimension",
         "write the dimension after the id: layout (空间布局约束), emission (污染物排放管控), "
         "risk (环境风险防控) or resource (资源开发效率要求)");
  }
  if (ctx->STRING()) out.title = unquote(ctx->STRING()->getText());
  ruleBody(ctx, ctx->effect(), ctx->ruleClause(), out);
  return out;
}

ast::RuleDecl AstBuilder::refine(ZrParser::RefineDeclContext* ctx, const ast::Scope& scope) {
  ast::RuleDecl out;
  out.isRefine = true;
  auto ids = ctx->ruleId();
  out.refines = ids[0]->getText();
  out.idSpan = pc_.span(ids[0]);
  if (ids.size() > 1) out.id = ids[1]->getText();  // `refine X as Y`; else sema names it
  out.scope = scope;
  if (ctx->dimension()) out.dimension = dimension(ctx->dimension());
  if (ctx->STRING()) out.title = unquote(ctx->STRING()->getText());
  ruleBody(ctx, ctx->effect(), ctx->ruleClause(), out);
  return out;
}

void AstBuilder::ruleBody(antlr4::ParserRuleContext* ctx, ZrParser::EffectContext* effect,
                          const std::vector<ZrParser::RuleClauseContext*>& clauses,
                          ast::RuleDecl& out) {
  out.span = pc_.span(ctx);
  std::string name =
      (out.isRefine ? "refinement " + (out.id.empty() ? out.refines : out.id) : "rule " + out.id);
  if (auto* f = dynamic_cast<ZrParser::ForbidEffectContext*>(effect)) {
    out.effect = ast::Effect::Forbid;
    out.condition = condition(f->cond());
  } else if (auto* r = dynamic_cast<ZrParser::RequireEffectContext*>(effect)) {
    out.effect = ast::Effect::Require;
    out.condition = condition(r->cond());
  } else if (auto* l = dynamic_cast<ZrParser::LimitEffectContext*>(effect)) {
    out.effect = ast::Effect::Limit;
    out.condition = condition(l->cond());
  }
  bool forbid = out.effect == ast::Effect::Forbid;
  bool seenCite = false, seenEffective = false;
  for (auto* clause : clauses) {
    SourceSpan at = pc_.span(clause->getStart());
    std::string word = clause->getStart()->getText();
    if (auto* u = dynamic_cast<ZrParser::UnlessClauseContext*>(clause)) {
      if (!forbid) {
        fail("ZR0100", at,
             singleQuoted(word) + " belongs to forbid rules; " + name + " is a requirement",
             "a require / limit rule states when it applies with when (当)");
      } else if (out.qualifier) {
        fail("ZR0100", at, name + " has two '" + word + "' clauses",
             "join the exceptions with or (或) in one unless (除非) clause");
      }
      out.qualifier = condition(u->cond());
    } else if (auto* w = dynamic_cast<ZrParser::WhenClauseContext*>(clause)) {
      if (forbid) {
        fail("ZR0100", at,
             singleQuoted(word) + " belongs to require and limit rules; " + name +
                 " is a prohibition",
             "put the circumstances into the forbidden condition with and (且); exceptions go "
             "after unless (除非)");
      } else if (out.qualifier) {
        fail("ZR0100", at, name + " has two '" + word + "' clauses",
             "join the circumstances with and (且) or or (或) in one when (当) clause");
      }
      out.qualifier = condition(w->cond());
    } else if (auto* c = dynamic_cast<ZrParser::CiteClauseContext*>(clause)) {
      if (seenCite)
        fail("ZR0100", at, name + " has two '" + word + "' clauses",
             "put all references in one string: cite \"《…》第…条；《…》第…条\"");
      seenCite = true;
      out.cite = unquote(c->STRING()->getText());
      out.citeSpan = pc_.span(clause);
    } else if (auto* e = dynamic_cast<ZrParser::EffectiveClauseContext*>(clause)) {
      if (seenEffective)
        fail("ZR0100", at, name + " has two '" + word + "' clauses",
             "write one: effective from DATE [until DATE]");
      seenEffective = true;
      auto dates = e->DATE();
      if (!dates.empty()) out.effectiveFrom = dates[0]->getText();
      if (dates.size() > 1) out.effectiveUntil = dates[1]->getText();
      out.effectiveSpan = pc_.span(clause);
    }
  }
}

// ---- conditions and values --------------------------------------------------------------------

bool AstBuilder::tooDeep(antlr4::ParserRuleContext* ctx) {
  if (depth_ <= kMaxExpressionDepth) return false;
  fail("ZR0003", pc_.span(ctx ? ctx->getStart() : nullptr),
       "condition too long or too deeply nested (more than " + std::to_string(kMaxExpressionDepth) +
           " levels)",
       "split it: give parts of it a name with define, or use a set with in");
  return true;
}

ast::ExprPtr AstBuilder::condition(ZrParser::CondContext* ctx) {
  DepthGuard guard(depth_);
  if (tooDeep(ctx)) return makeExpr(ast::BoolLit{false}, pc_.span(ctx));
  result_.reset();
  if (ctx) ctx->accept(this);
  if (!result_) result_ = makeExpr(ast::BoolLit{false}, pc_.span(ctx));  // only after an error
  return std::move(result_);
}

ast::ExprPtr AstBuilder::operand(ZrParser::ValueContext* ctx) {
  DepthGuard guard(depth_);
  if (tooDeep(ctx)) return makeExpr(ast::BoolLit{false}, pc_.span(ctx));
  result_.reset();
  if (ctx) ctx->accept(this);
  if (!result_) result_ = makeExpr(ast::BoolLit{false}, pc_.span(ctx));
  ast::ExprPtr out = std::move(result_);
  if (isCondition(*out))
    fail("ZR0100", out->span, "a condition is used here as a value",
         "compare values, e.g. (project.a + project.b) > 3; combine conditions with and / or");
  return out;
}

antlrcpp::Any AstBuilder::visitNotCond(ZrParser::NotCondContext* ctx) {
  if (ctx->BANG())
    fail("ZR0104", pc_.span(ctx->BANG()->getSymbol()),
         "'!' is not an operator of the language: write " + pc_.keyword(ZrLexer::NOT),
         "conditions combine with and (且), or (或) and not (非)");
  ast::Not node;
  node.operand = condition(ctx->cond());
  result_ = makeExpr(std::move(node), pc_.span(ctx));
  return {};
}

ast::ExprPtr AstBuilder::binary(antlr4::ParserRuleContext* ctx, TerminalNode* wrong,
                                std::size_t rightToken, bool isAnd, ZrParser::CondContext* lhs,
                                ZrParser::CondContext* rhs) {
  ast::ExprPtr left = condition(lhs);  // source order: errors on the left are reported first
  if (wrong)
    fail("ZR0104", pc_.span(wrong->getSymbol()),
         singleQuoted(wrong->getText()) + " is not an operator of the language: write " +
             pc_.keyword(rightToken),
         "conditions combine with and (且), or (或) and not (非)");
  ast::ExprPtr right = condition(rhs);
  if (isAnd) return makeExpr(ast::And{std::move(left), std::move(right)}, pc_.span(ctx));
  return makeExpr(ast::Or{std::move(left), std::move(right)}, pc_.span(ctx));
}

antlrcpp::Any AstBuilder::visitAndCond(ZrParser::AndCondContext* ctx) {
  TerminalNode* wrong = ctx->AND_AND() ? ctx->AND_AND() : ctx->AMP();
  result_ = binary(ctx, wrong, ZrLexer::AND, true, ctx->cond(0), ctx->cond(1));
  return {};
}

antlrcpp::Any AstBuilder::visitOrCond(ZrParser::OrCondContext* ctx) {
  TerminalNode* wrong = ctx->OR_OR() ? ctx->OR_OR() : ctx->PIPE();
  result_ = binary(ctx, wrong, ZrLexer::OR, false, ctx->cond(0), ctx->cond(1));
  return {};
}

antlrcpp::Any AstBuilder::visitAtomCond(ZrParser::AtomCondContext* ctx) {
  result_ = atom(ctx->atom());
  return {};
}

ast::ExprPtr AstBuilder::atom(ZrParser::AtomContext* ctx) {
  auto values = ctx->value();
  if (auto* op = ctx->compareOp()) {
    ast::Compare node;
    node.lhs = operand(values[0]);
    if (op->ASSIGN()) {
      fail("ZR0103", pc_.span(op), "'=' is not a comparison: write '==' to test equality",
           "'=' only names things (define, region, set); comparisons are ==, !=, <, <=, >, >=");
      node.op = ast::CompareOp::Eq;
    } else if (op->EQ()) {
      node.op = ast::CompareOp::Eq;
    } else if (op->NE()) {
      node.op = ast::CompareOp::Ne;
    } else if (op->LT()) {
      node.op = ast::CompareOp::Lt;
    } else if (op->LE()) {
      node.op = ast::CompareOp::Le;
    } else if (op->GT()) {
      node.op = ast::CompareOp::Gt;
    } else {
      node.op = ast::CompareOp::Ge;
    }
    node.rhs = operand(values.size() > 1 ? values[1] : nullptr);
    return makeExpr(std::move(node), pc_.span(ctx));
  }
  if (auto* op = ctx->membershipOp()) {
    ast::Membership node;
    node.lhs = operand(values[0]);
    node.negated = op->NOT() != nullptr || op->NOT_IN() != nullptr;
    if (auto* ref = ctx->setRef()) {
      node.setSpan = pc_.span(ref);
      if (ref->setLiteral()) {
        node.elements = setLiteral(ref->setLiteral());
      } else if (ref->ident()) {
        node.setName = ref->ident()->getText();
      }
    }
    return makeExpr(std::move(node), pc_.span(ctx));
  }
  // A value on its own is a condition: a bool attribute, a definition, true / false, or a
  // parenthesised condition.
  result_.reset();
  values[0]->accept(this);
  if (!result_) result_ = makeExpr(ast::BoolLit{false}, pc_.span(ctx));
  return std::move(result_);
}

std::vector<ast::ExprPtr> AstBuilder::setLiteral(ZrParser::SetLiteralContext* ctx) {
  std::vector<ast::ExprPtr> out;
  ZrParser::ElementContext* previous = nullptr;
  for (auto* child : ctx->children) {
    auto* e = dynamic_cast<ZrParser::ElementContext*>(child);
    if (!e) {
      previous = nullptr;  // a comma or a brace
      continue;
    }
    if (previous)
      fail(
          "ZR0109", pc_.after(previous->getStop()),
          "missing ',' between '" + sourceText(previous) + "' and '" + sourceText(e) + "' in a set",
          "separate the elements of a set with commas (ASCII ','): {new, expansion}");
    out.push_back(element(e));
    previous = e;
  }
  return out;
}

ast::ExprPtr AstBuilder::element(ZrParser::ElementContext* ctx) {
  SourceSpan span = pc_.span(ctx);
  if (auto* n = dynamic_cast<ZrParser::NumberElementContext*>(ctx))
    return number(n, n->NUMBER(), n->unitText());
  if (auto* n = dynamic_cast<ZrParser::NameElementContext*>(ctx))
    return makeExpr(ast::NameRef{n->ident()->getText()}, span);
  if (auto* s = dynamic_cast<ZrParser::StringElementContext*>(ctx))
    return makeExpr(ast::StringLit{unquote(s->STRING()->getText())}, span);
  if (auto* d = dynamic_cast<ZrParser::DateElementContext*>(ctx))
    return makeExpr(ast::DateLit{d->DATE()->getText()}, span);
  return makeExpr(ast::NameRef{ctx->getText()}, span);
}

ast::ExprPtr AstBuilder::number(antlr4::ParserRuleContext* ctx, TerminalNode* numberToken,
                                ZrParser::UnitTextContext* unit) {
  ast::NumberLit node;
  std::string digits = numberToken->getText();
  std::from_chars(digits.data(), digits.data() + digits.size(), node.value);
  if (unit) node.unit = unit->getText();
  node.text = sourceText(ctx);
  return makeExpr(std::move(node), pc_.span(ctx));
}

antlrcpp::Any AstBuilder::visitMulValue(ZrParser::MulValueContext* ctx) {
  ast::Arith node;
  node.op = ctx->STAR() ? ast::ArithOp::Mul : ast::ArithOp::Div;
  node.lhs = operand(ctx->value(0));
  node.rhs = operand(ctx->value(1));
  result_ = makeExpr(std::move(node), pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitAddValue(ZrParser::AddValueContext* ctx) {
  ast::Arith node;
  node.op = ctx->PLUS() ? ast::ArithOp::Add : ast::ArithOp::Sub;
  node.lhs = operand(ctx->value(0));
  node.rhs = operand(ctx->value(1));
  result_ = makeExpr(std::move(node), pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitParenValue(ZrParser::ParenValueContext* ctx) {
  result_ = condition(ctx->cond());
  return {};
}

antlrcpp::Any AstBuilder::visitAttrValue(ZrParser::AttrValueContext* ctx) {
  result_ = makeExpr(ast::AttrRef{ctx->anyName()->getText(), "", {}}, pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitDistanceValue(ZrParser::DistanceValueContext* ctx) {
  const std::string layer = ctx->ident()->getText();
  result_ = makeExpr(ast::AttrRef{ast::distanceFactName(layer), layer, pc_.span(ctx->ident())},
                     pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitWithinValue(ZrParser::WithinValueContext* ctx) {
  const std::string layer = ctx->ident()->getText();
  result_ = makeExpr(ast::AttrRef{ast::withinFactName(layer), layer, pc_.span(ctx->ident())},
                     pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitNumberValue(ZrParser::NumberValueContext* ctx) {
  result_ = number(ctx, ctx->NUMBER(), ctx->unitText());
  return {};
}

antlrcpp::Any AstBuilder::visitUnitFirstValue(ZrParser::UnitFirstValueContext* ctx) {
  std::string unit = ctx->unitText()->getText();
  std::string digits = ctx->NUMBER()->getText();
  fail("ZR0111", pc_.span(ctx),
       "the unit of measure comes after the number: write '" + digits + " " + unit + "', not '" +
           sourceText(ctx) + "'",
       "a quantity is a number followed by its unit, e.g. 1 km, 2.5 t/a, 5000 tce/a, 30 %");
  ast::NumberLit node;
  std::from_chars(digits.data(), digits.data() + digits.size(), node.value);
  node.unit = unit;
  node.text = digits + " " + unit;
  result_ = makeExpr(std::move(node), pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitNameValue(ZrParser::NameValueContext* ctx) {
  result_ = makeExpr(ast::NameRef{ctx->ident()->getText()}, pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitStringValue(ZrParser::StringValueContext* ctx) {
  result_ = makeExpr(ast::StringLit{unquote(ctx->STRING()->getText())}, pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitDateValue(ZrParser::DateValueContext* ctx) {
  result_ = makeExpr(ast::DateLit{ctx->DATE()->getText()}, pc_.span(ctx));
  return {};
}

antlrcpp::Any AstBuilder::visitBoolValue(ZrParser::BoolValueContext* ctx) {
  result_ = makeExpr(ast::BoolLit{ctx->TRUE() != nullptr}, pc_.span(ctx));
  return {};
}

}  // namespace zr::syntax
