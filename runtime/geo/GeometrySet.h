// The geometry screening needs: unit boundaries (keyed by unit code), administrative boundaries
// (features of the units file with kind "boundary", keyed by admin code, e.g. 360100 for a
// city's territory) and named layers (rivers, lakes, protection zones; several features may
// share a name and form one layer).
#pragma once

#include <string>
#include <vector>

#include "runtime/geo/GeoDiagnostic.h"
#include "runtime/geo/GeoTypes.h"

namespace zr::geo {

struct GeometrySet {
  std::vector<Shape> units;
  std::vector<Shape> boundaries;
  std::vector<Shape> layers;
};

// By extension: .shp is a Shapefile, anything else GeoJSON. Invalid features are reported and
// left out; returns false when the file itself could not be read.
bool loadUnitsFile(const std::string& path, GeometrySet& set, GeoDiagnostics& diagnostics);
bool loadLayersFile(const std::string& path, GeometrySet& set, GeoDiagnostics& diagnostics);

}  // namespace zr::geo
