#include "compiler/sema/Sema.h"

namespace zr::sema {

bool analyze(Program& program, DiagnosticSink& sink) {
  bindLists(program, sink);
  if (sink.hasErrors()) return false;  // later passes need every file bound to a list
  collectSymbols(program, sink);
  resolvePlaces(program, sink);
  checkConditions(program, sink);
  return !sink.hasErrors();
}

}  // namespace zr::sema
