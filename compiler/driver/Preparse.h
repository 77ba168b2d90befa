// Parses the files named on the command line on several threads, ahead of the (sequential)
// loader. A file's spans carry its SourceManager id, which is only known once the loader has
// added every file before it (imports included), so each file is parsed under the id it gets
// when no file imports anything; the loader uses a result only when that guess held.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/ast/Ast.h"
#include "compiler/diag/Diagnostic.h"

namespace zr::driver {

struct Preparsed {
  bool read = false;    // the text could be read (else the loader reports it)
  bool parsed = false;  // parsing ran to its end (file and diagnostics are its result)
  std::string text;
  std::uint32_t id = 0;  // the file id the spans carry
  std::optional<ast::File> file;
  DiagnosticSink diagnostics;
};

// One entry per path, file i parsed as id firstId + i. Empty when there is nothing to gain
// (fewer than two files, or a single hardware thread): the loader then parses as it goes.
std::vector<Preparsed> preparse(const std::vector<std::string>& paths, std::uint32_t firstId);

}  // namespace zr::driver
