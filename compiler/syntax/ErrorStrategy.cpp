#include "compiler/syntax/ErrorStrategy.h"

#include <algorithm>
#include <string>
#include <vector>

#include "ZrLexer.h"
#include "ZrParser.h"
#include "compiler/syntax/Keywords.h"
#include "compiler/util/Suggest.h"
#include "runtime/util/Suggest.h"

namespace zr::syntax {

using antlr4::misc::IntervalSet;
using zr_gen::ZrLexer;
using zr_gen::ZrParser;

antlr4::ParserRuleContext* statementOf(antlr4::ParserRuleContext* ctx) {
  for (auto* c = ctx; c; c = dynamic_cast<antlr4::ParserRuleContext*>(c->parent)) {
    if (dynamic_cast<ZrParser::RuleDeclContext*>(c) ||
        dynamic_cast<ZrParser::RefineDeclContext*>(c))
      return c;
    if (dynamic_cast<ZrParser::FileContext*>(c->parent)) return c;
  }
  return nullptr;
}

namespace {

bool has(const IntervalSet& set, std::size_t type) { return set.contains(type); }

// The rule whose header or effect is being parsed (not one whose condition is).
antlr4::ParserRuleContext* ruleHeader(antlr4::ParserRuleContext* ctx) {
  if (dynamic_cast<ZrParser::EffectContext*>(ctx))
    ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent);
  if (dynamic_cast<ZrParser::RuleDeclContext*>(ctx) ||
      dynamic_cast<ZrParser::RefineDeclContext*>(ctx))
    return ctx;
  return nullptr;
}

std::string ruleName(antlr4::ParserRuleContext* rule) {
  ZrParser::RuleIdContext* id = nullptr;
  if (auto* r = dynamic_cast<ZrParser::RuleDeclContext*>(rule)) id = r->ruleId();
  if (auto* r = dynamic_cast<ZrParser::RefineDeclContext*>(rule)) id = r->ruleId(0);
  if (!id || id->getStart() == nullptr || id->exception) return "this rule";
  return (dynamic_cast<ZrParser::RefineDeclContext*>(rule) ? "refinement " : "rule ") +
         id->getText();
}

bool inScopeBlock(antlr4::ParserRuleContext* ctx) {
  for (auto* c = ctx; c; c = dynamic_cast<antlr4::ParserRuleContext*>(c->parent)) {
    if (dynamic_cast<ZrParser::RuleDeclContext*>(c) ||
        dynamic_cast<ZrParser::RefineDeclContext*>(c))
      return false;
    if (dynamic_cast<ZrParser::ScopeBlockContext*>(c)) return true;
  }
  return false;
}

// The last complete declaration when the parser is between declarations (of the file, or of a
// scope block); nullptr elsewhere.
antlr4::ParserRuleContext* previousDeclaration(antlr4::ParserRuleContext* ctx) {
  if (!dynamic_cast<ZrParser::FileContext*>(ctx) &&
      !dynamic_cast<ZrParser::ScopeBlockContext*>(ctx))
    return nullptr;
  for (auto it = ctx->children.rbegin(); it != ctx->children.rend(); ++it) {
    if (dynamic_cast<ZrParser::DeclContext*>(*it) ||
        dynamic_cast<ZrParser::RuleDeclContext*>(*it) ||
        dynamic_cast<ZrParser::RefineDeclContext*>(*it) ||
        dynamic_cast<ZrParser::OtherDeclContext*>(*it))
      return dynamic_cast<antlr4::ParserRuleContext*>(*it);
  }
  return nullptr;
}

// The rule or refinement that `decl` (from previousDeclaration) is, if any.
antlr4::ParserRuleContext* asRule(antlr4::ParserRuleContext* decl) {
  if (auto* d = dynamic_cast<ZrParser::DeclContext*>(decl)) {
    if (d->ruleDecl()) return d->ruleDecl();
    if (d->refineDecl()) return d->refineDecl();
    return nullptr;
  }
  if (dynamic_cast<ZrParser::RuleDeclContext*>(decl) ||
      dynamic_cast<ZrParser::RefineDeclContext*>(decl))
    return decl;
  return nullptr;
}

// Whether a declaration ends with a comma-separated list (import a, b / unit … in r1, r2).
bool endsWithList(antlr4::ParserRuleContext* decl) {
  auto* d = dynamic_cast<ZrParser::DeclContext*>(decl);
  if (!d || !d->otherDecl()) return false;
  if (d->otherDecl()->importDecl()) return true;
  auto* unit = d->otherDecl()->unitDecl();
  return unit && unit->IN();
}

bool isListItem(std::size_t type) {
  return type == ZrLexer::ID || type == ZrLexer::NUMBER || type == ZrLexer::STRING ||
         isIdentLike(type);
}

const std::string kDimensionsHint =
    "a rule's dimension is one of: layout (空间布局约束), emission (污染物排放管控), risk "
    "(环境风险防控), resource (资源开发效率要求)";

const std::string kEffectsHint =
    "after ':' write the effect: forbid C [unless E] (禁止 … 除非 …), require K [when C] "
    "(要求 … 当 …) or limit project.A <= Q [when C] (限制 … 当 …)";

// Spellings of the keywords in `expected` (all keywords when `all`), in the script of `word`.
std::vector<std::string> candidates(std::string_view word, const IntervalSet& expected, bool all) {
  bool han = isHan(word);
  std::vector<std::string> out;
  for (const auto& k : keywordTable()) {
    if (!all && !has(expected, k.token)) continue;
    if (han) {
      for (auto s : k.chinese) out.emplace_back(s);
    } else if (k.english.find(' ') == std::string_view::npos) {
      out.emplace_back(k.english);
    }
  }
  return out;
}

// "当项目" → "当": a Chinese keyword written without a space before a name or keyword.
std::string runTogether(std::string_view word, const IntervalSet& expected) {
  std::string best;
  for (const auto& k : keywordTable()) {
    for (auto s : k.chinese) {
      if (s.size() >= word.size() || word.substr(0, s.size()) != s || s.size() <= best.size())
        continue;
      std::string_view rest = word.substr(s.size());
      bool restIsKeyword = false;
      for (const auto& k2 : keywordTable())
        for (auto s2 : k2.chinese)
          if (rest.substr(0, s2.size()) == s2) restIsKeyword = true;
      if (has(expected, k.token) || restIsKeyword) best = std::string(s);
    }
  }
  return best;
}

// "did you mean 'x'?" for an English keyword within a quarter of the word's length (at least
// one edit): stricter than for expected keywords, since any keyword is a candidate here.
// `clauses`: only the words that continue a condition or start a clause.
std::string closeKeyword(const std::string& word, bool clauses) {
  if (word.size() < 3) return {};
  std::size_t limit = std::max<std::size_t>(1, word.size() / 4);
  std::string best;
  std::size_t bestDistance = limit + 1;
  for (const auto& k : keywordTable()) {
    if (k.english.find(' ') != std::string_view::npos) continue;
    if (clauses && !isClauseStart(k.token) && k.token != ZrLexer::AND && k.token != ZrLexer::OR)
      continue;
    std::size_t distance = util::editDistance(word, k.english);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = std::string(k.english);
    }
  }
  return best.empty() ? std::string() : "did you mean '" + best + "'?";
}

}  // namespace

// ---- ANTLR entry points -----------------------------------------------------------------------

void ErrorStrategy::reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) {
  if (inErrorRecoveryMode(parser)) {
    // Not reported, but the statement must not be built from a broken tree.
    if (auto* stmt = statementOf(parser->getContext()))
      context_.markFailed(stmt->getStart()->getTokenIndex());
    return;
  }
  DefaultErrorStrategy::reportError(parser, e);
}

void ErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                              const antlr4::NoViableAltException& e) {
  handle(parser, e.getOffendingToken(), e.getExpectedTokens());
}

void ErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                        const antlr4::InputMismatchException& e) {
  handle(parser, e.getOffendingToken(), e.getExpectedTokens());
}

void ErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                          const antlr4::FailedPredicateException& e) {
  handle(parser, e.getOffendingToken(), parser->getExpectedTokens());
}

void ErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) {
    if (auto* stmt = statementOf(parser->getContext()))
      context_.markFailed(stmt->getStart()->getTokenIndex());
    return;
  }
  beginErrorCondition(parser);
  handle(parser, parser->getCurrentToken(), getExpectedTokens(parser));
}

void ErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) {
    if (auto* stmt = statementOf(parser->getContext()))
      context_.markFailed(stmt->getStart()->getTokenIndex());
    return;
  }
  beginErrorCondition(parser);
  handle(parser, parser->getCurrentToken(), getExpectedTokens(parser));
}

// Resynchronise like ANTLR, but do not restart at a declaration keyword that is only a name
// (project.industry) or that does not begin its line: statements begin lines, and restarting in
// the middle of a broken one only produces follow-on errors.
void ErrorStrategy::consumeUntil(antlr4::Parser* parser, const IntervalSet& set) {
  antlr4::TokenStream* input = parser->getTokenStream();
  for (;;) {
    std::size_t type = input->LA(1);
    if (type == antlr4::Token::EOF) return;
    if (set.contains(type)) {
      if (!isDeclarationStart(type)) return;
      antlr4::Token* token = input->LT(1);
      antlr4::Token* previous = input->LT(-1);
      if (!previous) return;
      if (previous->getType() != ZrLexer::DOT && token->getLine() > previous->getLine()) return;
    }
    parser->consume();
  }
}

// ANTLR would drop a single unexpected token when the one after it fits; never drop the keyword
// that starts the next declaration or clause on a new line (`forbid a and` + newline + `rule …`
// must not become `forbid a and T-03`).
antlr4::Token* ErrorStrategy::singleTokenDeletion(antlr4::Parser* parser) {
  antlr4::TokenStream* input = parser->getTokenStream();
  antlr4::Token* token = input->LT(1);
  antlr4::Token* previous = input->LT(-1);
  std::size_t type = token->getType();
  if ((isDeclarationStart(type) || isClauseStart(type)) && previous &&
      previous->getType() != ZrLexer::DOT && token->getLine() > previous->getLine())
    return nullptr;
  return DefaultErrorStrategy::singleTokenDeletion(parser);
}

void ErrorStrategy::handle(antlr4::Parser* parser, antlr4::Token* offending,
                           const IntervalSet& expected) {
  if (!offending) offending = parser->getCurrentToken();
  antlr4::ParserRuleContext* stmt = statementOf(parser->getContext());
  if (!stmt || dynamic_cast<ZrParser::ScopeBlockContext*>(parser->getContext())) {
    // Between declarations: the stray text most likely belongs to the one before (a misspelt
    // clause keyword, the rest of a broken line), so it shares that declaration's one error.
    if (auto* previous = previousDeclaration(parser->getContext())) stmt = previous;
  }
  std::size_t key = stmt ? stmt->getStart()->getTokenIndex() : offending->getTokenIndex();
  // An error in a rule of a scope block also counts for the block: when recovery leaves the
  // block early, what follows must not be reported again.
  for (auto* c = stmt ? dynamic_cast<antlr4::ParserRuleContext*>(stmt->parent) : nullptr; c;
       c = dynamic_cast<antlr4::ParserRuleContext*>(c->parent)) {
    auto* decl = dynamic_cast<ZrParser::DeclContext*>(c);
    if (decl && decl->getStart()->getTokenIndex() != key)
      context_.markFailed(decl->getStart()->getTokenIndex());
  }
  if (!context_.claim(key)) return;  // one error per statement
  // Brackets are balanced (the pre-scan checked), so a closing one out of place between
  // declarations only means that recovery from an earlier error left its block early.
  std::size_t type = offending->getType();
  if ((type == ZrLexer::RBRACE || type == ZrLexer::RPAREN) && context_.errorCount() != 0 &&
      (dynamic_cast<ZrParser::FileContext*>(parser->getContext()) ||
       dynamic_cast<ZrParser::ScopeBlockContext*>(parser->getContext())))
    return;
  diagnose(parser, offending, expected);
}

// ---- the messages -----------------------------------------------------------------------------

void ErrorStrategy::diagnose(antlr4::Parser* parser, antlr4::Token* offending,
                             const IntervalSet& expected) {
  ParseContext& pc = context_;
  antlr4::TokenStream* stream = parser->getTokenStream();
  std::size_t index = offending->getTokenIndex();
  antlr4::Token* previous =
      index > 0 && index != static_cast<std::size_t>(-1) ? stream->get(index - 1) : nullptr;
  std::size_t type = offending->getType();
  std::string text = offending->getType() == antlr4::Token::EOF ? "" : offending->getText();
  antlr4::ParserRuleContext* ctx = parser->getContext();
  bool sameLine = previous && previous->getLine() == offending->getLine();
  // Where a missing piece belongs: after the previous token when the offending one is on a
  // later line (so the caret is not put on the next statement).
  SourceSpan missingAt = previous && !sameLine ? pc.after(previous) : pc.span(offending);

  // A Chinese keyword run together with what follows: 禁止项目.x, 当项目.x (ZR0110).
  for (antlr4::Token* word : {offending, previous}) {
    if (!word || word->getType() != ZrLexer::ID || !isHan(word->getText())) continue;
    std::string spelled = word->getText();
    std::string prefix = runTogether(spelled, word == offending ? expected : IntervalSet());
    if (prefix.empty()) continue;
    pc.error("ZR0110", pc.span(word),
             singleQuoted(spelled) + " is read as one name: a keyword needs a space after it",
             "write '" + prefix + " " + spelled.substr(prefix.size()) + "'");
    return;
  }

  // cite without a string (ZR0108).
  if (previous && previous->getType() == ZrLexer::CITE && type != ZrLexer::STRING) {
    pc.error(
        "ZR0108", missingAt,
        singleQuoted(previous->getText()) + " must be followed by the citation in double quotes",
        "write cite \"《…》第…条\" (依据 \"《…》第…条\")");
    return;
  }

  // A misspelt clause keyword after a number is read as its unit (`>= 2 whenn project.b`): the
  // error only shows at the next token.
  if (previous && previous->getType() == ZrLexer::ID && !isHan(previous->getText()) &&
      previous->getTokenIndex() > 0 &&
      stream->get(previous->getTokenIndex() - 1)->getType() == ZrLexer::NUMBER) {
    std::string guess = closeKeyword(previous->getText(), true);
    if (!guess.empty()) {
      pc.error("ZR0110", pc.span(previous), "unknown word '" + previous->getText() + "'", guess);
      return;
    }
  }

  // The header and effect of a rule (ZR0101, ZR0102, ZR0107).
  if (antlr4::ParserRuleContext* rule = ruleHeader(ctx)) {
    std::string name = ruleName(rule);
    if (has(expected, ZrLexer::COLON)) {
      if (isIdentLike(type) && has(expected, ZrLexer::LAYOUT) && !has(expected, ZrLexer::ID)) {
        std::vector<std::string> dims;
        for (std::size_t d : {ZrLexer::LAYOUT, ZrLexer::EMISSION, ZrLexer::RISK, ZrLexer::RESOURCE})
          for (const auto& s : candidates(text, IntervalSet::of(d), false)) dims.push_back(s);
        std::string guess = didYouMean(text, dims);
        pc.error("ZR0102", pc.span(offending), "unknown dimension '" + text + "' in " + name,
                 (guess.empty() ? "" : guess + " ") + kDimensionsHint +
                     "; a rule id is one word (letters, digits, '-', '_')");
        return;
      }
      if (has(expected, ZrLexer::LAYOUT) ||
          !(type == ZrLexer::LAYOUT || type == ZrLexer::EMISSION || type == ZrLexer::RISK ||
            type == ZrLexer::RESOURCE)) {
        pc.error("ZR0101", previous ? pc.after(previous) : pc.span(offending),
                 "missing ':' after the header of " + name,
                 "a rule header ends with ':' before its effect, e.g. rule JX-K-07 emission "
                 "\"…\": require …");
        return;
      }
      pc.error("ZR0100", pc.span(offending),
               "the dimension of " + name + " must come before its title",
               "write: rule ID DIMENSION \"title\": …");
      return;
    }
    if (has(expected, ZrLexer::FORBID)) {
      if (type == ZrLexer::ID) {
        std::string guess = didYouMean(text, candidates(text, expected, false));
        if (!guess.empty()) {
          pc.error("ZR0110", pc.span(offending),
                   "unknown word '" + text + "' where an effect belongs",
                   guess + " " + kEffectsHint);
          return;
        }
      }
      pc.error("ZR0107", missingAt, name + " has no effect", kEffectsHint);
      return;
    }
  }

  // A missing comma between two items of a list on one line (ZR0109).
  bool listBefore = has(expected, ZrLexer::COMMA) || endsWithList(previousDeclaration(ctx));
  if (listBefore && sameLine && isListItem(type) &&
      (isListItem(previous->getType()) || previous->getType() == ZrLexer::RPAREN)) {
    pc.error("ZR0109", pc.after(previous),
             "missing ',' between '" + previous->getText() + "' and '" + text + "'",
             "separate the items of a list with commas (ASCII ',')");
    return;
  }

  // A misspelt keyword, or a Chinese keyword run together with what follows (ZR0110).
  if (type == ZrLexer::ID) {
    std::string guess = didYouMean(text, candidates(text, expected, false));
    if (guess.empty() && !isHan(text) && text.size() >= 5) guess = closeKeyword(text, false);
    if (!guess.empty()) {
      pc.error("ZR0110", pc.span(offending), "unknown word '" + text + "'", guess);
      return;
    }
  }

  // Anything else (ZR0100). A statement cut short (the next line starts a new declaration or
  // clause, or the file ends) is reported where it stops, not on the next statement.
  if (inScopeBlock(ctx) && isDeclarationStart(type)) {
    pc.error("ZR0100", pc.span(offending),
             "syntax error: unexpected " + pc.describe(offending) + " in a scope block, expected " +
                 pc.expected(expected),
             "only rules and refinements may appear inside a scope block");
    return;
  }
  bool cutShort = previous && (type == antlr4::Token::EOF ||
                               (!sameLine && (isDeclarationStart(type) || isClauseStart(type))));
  if (cutShort) {
    std::string message = "syntax error: expected " + pc.expected(expected) + " after " +
                          singleQuoted(previous->getText());
    std::string hint = type == antlr4::Token::EOF
                           ? "the file ends in the middle of a declaration"
                           : "the line after it starts a new " +
                                 std::string(isClauseStart(type) ? "clause" : "declaration") +
                                 ", so this one is incomplete";
    pc.error("ZR0100", pc.after(previous), message, hint);
    return;
  }
  // Stray text after a complete condition, on the same line: the rule could end there, so the
  // parser only finds the problem between declarations; say what may follow a condition.
  if (antlr4::ParserRuleContext* rule = asRule(previousDeclaration(ctx)); rule && sameLine) {
    pc.error("ZR0100", pc.span(offending),
             "syntax error: unexpected " + pc.describe(offending) + " in " + ruleName(rule),
             "a condition continues with and / or (且 / 或), a comparison (==, !=, <, <=, >, >=) "
             "or in (属于); a rule continues with unless, when, cite or effective (除非, 当, "
             "依据, 生效)");
    return;
  }
  std::string message =
      "syntax error: unexpected " + pc.describe(offending) + ", expected " + pc.expected(expected);
  std::string hint;
  if (isKeyword(type) && has(expected, ZrLexer::ID) && !has(expected, ZrLexer::PROJECT)) {
    hint = singleQuoted(text) + " is a keyword and cannot be used as a name here";
  }
  pc.error("ZR0100", type == antlr4::Token::EOF ? missingAt : pc.span(offending), message, hint);
}

}  // namespace zr::syntax
