// Internal to compiler/syntax: ANTLR error strategy that reports syntax errors in the project's
// own words (ZR0100–ZR0113) instead of ANTLR's, one per statement, and resynchronises on the
// next declaration that starts a line.
#pragma once

#include "antlr4-runtime.h"
#include "compiler/syntax/ParseContext.h"

namespace zr::syntax {

class ErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit ErrorStrategy(ParseContext& context) : context_(context) {}

  void reportError(antlr4::Parser* parser, const antlr4::RecognitionException& e) override;

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;
  void consumeUntil(antlr4::Parser* parser, const antlr4::misc::IntervalSet& set) override;
  antlr4::Token* singleTokenDeletion(antlr4::Parser* parser) override;

 private:
  void handle(antlr4::Parser* parser, antlr4::Token* offending,
              const antlr4::misc::IntervalSet& expected);
  void diagnose(antlr4::Parser* parser, antlr4::Token* offending,
                const antlr4::misc::IntervalSet& expected);

  ParseContext& context_;
};

// The statement an error belongs to: the innermost rule / refine, else the declaration; nullptr
// between declarations.
antlr4::ParserRuleContext* statementOf(antlr4::ParserRuleContext* ctx);

}  // namespace zr::syntax
