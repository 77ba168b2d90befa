// Semantic analysis: the passes that turn parsed files into a checked Program. Each pass is a
// function of its own file; analyze() composes them in order and stops before a pass whose
// input is broken.
#pragma once

#include "compiler/diag/Diagnostic.h"
#include "compiler/diag/SourceManager.h"
#include "compiler/sema/Program.h"

namespace zr::sema {

// 1. Assigns each file to its access list or module; checks headers and parents (ListBinder).
void bindLists(Program& program, DiagnosticSink& sink);
// 2. Collects attributes, industries, regions, sets, defines, units and rules (Symbols).
void collectSymbols(Program& program, DiagnosticSink& sink);
// 3. Checks unit codes, fills region membership, resolves scopes to units (Places).
void resolvePlaces(Program& program, DiagnosticSink& sink);
// 4. Types every condition and set, resolves refinements and extensions (Conditions).
void checkConditions(Program& program, DiagnosticSink& sink);

// All passes in order. Returns false when there are errors.
bool analyze(Program& program, DiagnosticSink& sink);

// Canonical English text of a typed condition, e.g. `project.vocs > 0 t/a and …`.
std::string conditionText(const Program& program, const TExpr& expr);

}  // namespace zr::sema
