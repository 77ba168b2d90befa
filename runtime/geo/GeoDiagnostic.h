// Diagnostics of geometry input (ZR1100–ZR1149, docs/geometry.md). Each names the file, the
// feature (index and key) and the position inside it (ring / part and vertex).
#pragma once

#include <string>
#include <vector>

namespace zr::geo {

enum class GeoSeverity { Warning, Error };

struct GeoDiagnostic {
  std::string code;  // "ZR11xx"
  GeoSeverity severity = GeoSeverity::Error;
  std::string file;
  long feature = -1;     // feature index (0-based), -1 for the whole file
  std::string key;       // unit code or layer name, "" when unknown
  std::string position;  // e.g. "polygon 0 ring 1 vertex 7", "" when not applicable
  std::string message;
};

class GeoDiagnostics {
 public:
  void add(GeoDiagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
  const std::vector<GeoDiagnostic>& items() const { return items_; }
  bool hasErrors() const;
  std::size_t errorCount() const;
  // Orders the diagnostics from `first` on by feature index (stable): a file's diagnostics then
  // read in file order although reading and validating report at different times.
  void sortByFeature(std::size_t first);
  // One line each: "FILE: feature N (KEY) POSITION: severity[CODE]: message".
  std::string format() const;
  // A JSON array of objects with the fields above.
  std::string formatJson() const;

 private:
  std::vector<GeoDiagnostic> items_;
};

std::string formatDiagnostic(const GeoDiagnostic& diagnostic);

}  // namespace zr::geo
