// What screen, stats and map share: getting a bundle (from --bundle or .zr sources) and the
// geometry (--geometry UNITS, --layers LAYERS) with its diagnostics printed on stderr.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cli/Commands.h"
#include "runtime/geo/GeoContext.h"
#include "runtime/ir/Ir.h"

namespace zr::cli {

// Reads `bundlePath`, or compiles `sources` when it is empty; prints what went wrong.
// Returns kExitOk or the exit status.
int loadBundle(const std::string& command, const std::string& bundlePath,
               const std::vector<std::string>& sources, const CommonOptions& common,
               ir::Bundle& bundle);

// Loads the geometry for `bundle` and prints its diagnostics ("zr COMMAND: …" on stderr).
// `status` becomes kExitUsage when a file cannot be read, kExitInputErrors when a feature is
// invalid (the context is still returned, without that feature), else stays as it was.
std::unique_ptr<geo::GeoContext> loadGeometry(const std::string& command, const ir::Bundle& bundle,
                                              const std::string& unitsFile,
                                              const std::string& layersFile, int& status);

}  // namespace zr::cli
