// Printing a compilation's diagnostics in the format the user asked for.
#pragma once

#include <string>

#include "compiler/driver/Compiler.h"

namespace zr::cli {

// Text goes to stderr, JSON to stdout.
// 0 when ok; 2 when a file named on the command line could not be read; else 1.
int exitStatus(const driver::Compilation& compilation, bool ok);

void printDiagnostics(const driver::Compilation& compilation, const std::string& format);

}  // namespace zr::cli
