// Diagnostics are data: a stable code, a severity, a message, a primary span, notes and a hint.
// Stages collect them in a DiagnosticSink; only renderers turn them into text or JSON.
#pragma once

#include <string>
#include <vector>

#include "compiler/diag/SourceSpan.h"

namespace zr {

enum class Severity { Error, Warning, Note };

struct DiagnosticNote {
  SourceSpan span;  // may be invalid: a note without a location
  std::string message;
};

struct Diagnostic {
  std::string code;  // stable, e.g. "ZR0201"; listed in docs/diagnostics.md
  Severity severity = Severity::Error;
  std::string message;
  SourceSpan span;
  std::vector<DiagnosticNote> notes;
  std::string hint;  // "did you mean …", or how to fix it; may be empty
};

class DiagnosticSink {
 public:
  Diagnostic& error(std::string code, SourceSpan span, std::string message);
  Diagnostic& warning(std::string code, SourceSpan span, std::string message);
  Diagnostic& report(Diagnostic diagnostic);

  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  std::size_t errorCount() const;
  bool hasErrors() const { return errorCount() != 0; }
  // Sort by file, line, column, code: output order never depends on pass order.
  void sortByLocation();

 private:
  std::vector<Diagnostic> diagnostics_;
};

const char* severityName(Severity severity);

}  // namespace zr
