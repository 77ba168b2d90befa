#include "cli/GeometryInput.h"

#include <fmt/format.h>

#include <cstdio>

#include "cli/Diagnostics.h"
#include "runtime/ir/BundleIO.h"

namespace zr::cli {

int loadBundle(const std::string& command, const std::string& bundlePath,
               const std::vector<std::string>& sources, const CommonOptions& common,
               ir::Bundle& bundle) {
  if (!bundlePath.empty()) {
    try {
      bundle = ir::readBundleFile(bundlePath);
    } catch (const ir::BundleError& error) {
      fmt::print(stderr, "zr {}: {}: error[{}]: {}\n", command, bundlePath, error.code(),
                 error.what());
      return error.code() == "ZR0906" ? kExitUsage : kExitInputErrors;
    }
    return kExitOk;
  }
  driver::Compilation compilation;
  auto compiled = driver::compile(sources, {common.stdlibDir}, compilation);
  printDiagnostics(compilation, "text");
  if (!compiled) return exitStatus(compilation, false);
  bundle = std::move(*compiled);
  return kExitOk;
}

std::unique_ptr<geo::GeoContext> loadGeometry(const std::string& command, const ir::Bundle& bundle,
                                              const std::string& unitsFile,
                                              const std::string& layersFile, int& status) {
  geo::GeoDiagnostics diagnostics;
  auto context = geo::loadSpatialContext(bundle, unitsFile, layersFile, diagnostics);
  for (const auto& diagnostic : diagnostics.items()) {
    fmt::print(stderr, "zr {}: {}\n", command, geo::formatDiagnostic(diagnostic));
  }
  if (!context) {
    status = kExitUsage;
  } else if (diagnostics.hasErrors() && status == kExitOk) {
    status = kExitInputErrors;
  }
  return context;
}

}  // namespace zr::cli
