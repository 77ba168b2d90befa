// Renderers for diagnostics: terminal text (file:line:col, source line, caret) and JSON.
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/Diagnostic.h"
#include "compiler/diag/SourceManager.h"

namespace zr {

// `file:line:col: error[ZR0201]: message` + source line + caret + notes + hint.
std::string renderText(const Diagnostic& diagnostic, const SourceManager& sources);
std::string renderText(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources);
// One JSON array of objects {code, severity, message, file, line, column, end_line,
// end_column, notes:[…], hint}.
std::string renderJson(const std::vector<Diagnostic>& diagnostics, const SourceManager& sources);

// The pieces, for other reports that point into sources (the audit): `file:line:col`, and the
// source line followed by a caret line under the span.
std::string renderLocation(const SourceSpan& span, const SourceManager& sources);
void appendSourceSnippet(std::string& out, const SourceSpan& span, const SourceManager& sources);

}  // namespace zr
