// A readable, deterministic dump of an ast::File (`zr compile --emit=ast`): an indented
// S-expression with canonical English keyword names, identical for the English and Chinese
// dialects of the same program. The only positions printed are the line:col of rules.
#pragma once

#include <string>

#include "compiler/ast/Ast.h"
#include "compiler/diag/SourceManager.h"

namespace zr::ast {

std::string printAst(const File& file, const SourceManager& sources);

}  // namespace zr::ast
