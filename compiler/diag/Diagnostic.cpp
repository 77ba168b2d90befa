#include "compiler/diag/Diagnostic.h"

#include <algorithm>
#include <tuple>
#include <utility>

namespace zr {

Diagnostic& DiagnosticSink::error(std::string code, SourceSpan span, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.severity = Severity::Error;
  diagnostic.span = span;
  diagnostic.message = std::move(message);
  return report(std::move(diagnostic));
}

Diagnostic& DiagnosticSink::warning(std::string code, SourceSpan span, std::string message) {
  Diagnostic diagnostic;
  diagnostic.code = std::move(code);
  diagnostic.severity = Severity::Warning;
  diagnostic.span = span;
  diagnostic.message = std::move(message);
  return report(std::move(diagnostic));
}

Diagnostic& DiagnosticSink::report(Diagnostic diagnostic) {
  diagnostics_.push_back(std::move(diagnostic));
  return diagnostics_.back();
}

std::size_t DiagnosticSink::errorCount() const {
  return static_cast<std::size_t>(
      std::count_if(diagnostics_.begin(), diagnostics_.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

void DiagnosticSink::sortByLocation() {
  // Stable: diagnostics at the same place with the same code keep the order they were reported.
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.span.file, a.span.line, a.span.column, a.code) <
                            std::tie(b.span.file, b.span.line, b.span.column, b.code);
                   });
}

const char* severityName(Severity severity) {
  switch (severity) {
    case Severity::Error:
      return "error";
    case Severity::Warning:
      return "warning";
    case Severity::Note:
      return "note";
  }
  return "error";
}

}  // namespace zr
