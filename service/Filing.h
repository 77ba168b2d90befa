// Filing: a jurisdiction submits its list sources; they are compiled (a province alone, a city
// with the active province) and a city is audited against the active province version. With
// errors the attempt is logged as rejected and nothing changes. Otherwise the screening bundle
// of every active list with the new one is composed; if it compiles, the version is recorded
// and activated in one transaction and the new screening engine published.
//
// Concurrency: filings for one jurisdiction serialise on its mutex; a province filing excludes
// city filings (they are audited against the province); composing and activating serialise on
// one mutex, so the bundle published always matches the registry's active versions.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <shared_mutex>
#include <string>

#include "service/Registry.h"
#include "service/ScreeningEngine.h"

namespace zr::service {

struct FilingOutcome {
  int status = 200;
  nlohmann::json body;
};

class FilingService {
 public:
  using Publish = std::function<void(std::shared_ptr<const ScreeningEngine>)>;

  // `dataDir` holds sources/ (materialised version files) and bundles/ (the cache).
  // `spatialFor` (may be empty) gives each composed engine its unit boundaries and layers.
  FilingService(Registry& registry, std::string dataDir, std::string stdlibDir,
                SpatialLoader spatialFor, Publish publish);

  // The screening engine of the active versions (from the bundle cache when present); nullptr
  // when nothing is filed yet. Throws std::runtime_error when the active lists do not compile
  // (a registry written by another program).
  std::shared_ptr<const ScreeningEngine> composeActive();

  // POST /v1/filings. `caller` is the authenticated token.
  FilingOutcome file(const TokenInfo& caller, const nlohmann::json& request);

 private:
  struct Composed;
  std::mutex& jurisdictionMutex(const std::string& jurisdiction);
  std::string materialise(const std::string& jurisdiction, const SourceFiles& files);
  // Compiles the lists' sources into a screening engine; on errors fills `report`.
  std::shared_ptr<const ScreeningEngine> compose(const std::vector<ActiveList>& lists,
                                                 nlohmann::json& report);
  FilingOutcome reject(const TokenInfo& caller, const std::string& contentHash, int status,
                       const std::string& code, const std::string& message, nlohmann::json report);
  std::string relativise(std::string text) const;
  std::shared_ptr<const ScreeningEngine> engineFor(ir::Bundle bundle, std::string hash) const;

  Registry& registry_;
  std::string dataDir_, sourcesDir_, bundlesDir_, stdlibDir_;
  SpatialLoader spatialFor_;
  Publish publish_;
  std::mutex mapMutex_, activateMutex_;
  std::map<std::string, std::unique_ptr<std::mutex>> jurisdictionMutexes_;
  std::shared_mutex provinceMutex_;
};

// SHA-256 over the file names and texts (sorted by name), hex.
std::string sourcesHash(const SourceFiles& files);

}  // namespace zr::service
