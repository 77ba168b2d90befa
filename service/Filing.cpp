#include "service/Filing.h"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "compiler/audit/Audit.h"
#include "compiler/audit/AuditRender.h"
#include "compiler/diag/Render.h"
#include "compiler/driver/Compiler.h"
#include "runtime/ir/BundleIO.h"
#include "runtime/util/Sha256.h"
#include "service/RuleDigest.h"

namespace zr::service {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxFiles = 64;

void writeAtomically(const fs::path& path, std::string_view text) {
  // A name of its own per write: two filings may materialise the same files at once.
  static std::atomic<std::uint64_t> serial{0};
  fs::path temp = path;
  temp += fmt::format(".{}.{}.tmp", ::getpid(), serial++);
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) throw std::runtime_error(fmt::format("cannot write '{}'", temp.string()));
  }
  fs::rename(temp, path);
}

const char* levelOfRole(const std::string& role) {
  return role == "province-admin" ? "province" : "city";
}

}  // namespace

std::string sourcesHash(const SourceFiles& files) {
  std::string all;
  for (const auto& [name, text] : files) {
    all += fmt::format("{}\n{}\n", name, text.size());
    all += text;
  }
  return util::sha256Hex(all);
}

FilingService::FilingService(Registry& registry, std::string dataDir, std::string stdlibDir,
                             SpatialLoader spatialFor, Publish publish)
    : registry_(registry),
      dataDir_(std::move(dataDir)),
      sourcesDir_(dataDir_ + "/sources"),
      bundlesDir_(dataDir_ + "/bundles"),
      stdlibDir_(std::move(stdlibDir)),
      spatialFor_(std::move(spatialFor)),
      publish_(std::move(publish)) {
  fs::create_directories(sourcesDir_);
  fs::create_directories(bundlesDir_);
}

std::mutex& FilingService::jurisdictionMutex(const std::string& jurisdiction) {
  std::lock_guard lock(mapMutex_);
  auto& slot = jurisdictionMutexes_[jurisdiction];
  if (!slot) slot = std::make_unique<std::mutex>();
  return *slot;
}

std::string FilingService::materialise(const std::string& jurisdiction, const SourceFiles& files) {
  // One directory per content hash: its files never change once written.
  fs::path dir = fs::path(sourcesDir_) / jurisdiction / sourcesHash(files);
  fs::create_directories(dir);
  for (const auto& [name, text] : files)
    if (!fs::exists(dir / name)) writeAtomically(dir / name, text);
  return dir.string();
}

std::string FilingService::relativise(std::string text) const {
  // Reports name files as <jurisdiction>/<hash>/<name>, not by the server's paths.
  std::string prefix = sourcesDir_ + "/";
  for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
    text.erase(at, prefix.size());
  return text;
}

std::shared_ptr<const ScreeningEngine> FilingService::engineFor(ir::Bundle bundle,
                                                                std::string hash) const {
  auto spatial = spatialFor_ ? spatialFor_(bundle) : nullptr;
  return std::make_shared<const ScreeningEngine>(std::move(bundle), std::move(hash),
                                                 std::move(spatial));
}

std::shared_ptr<const ScreeningEngine> FilingService::compose(const std::vector<ActiveList>& lists,
                                                              nlohmann::json& report) {
  if (lists.empty()) return nullptr;
  std::string key;
  for (const auto& list : lists) key += list.jurisdiction + ":" + list.version.contentHash + "\n";
  key = util::sha256Hex(key);
  fs::path cached = fs::path(bundlesDir_) / (key + ".zrb");
  if (fs::exists(cached)) {
    try {
      ir::Bundle bundle = ir::readBundleFile(cached.string());
      std::string hash = ir::bundleHash(bundle);
      return engineFor(std::move(bundle), std::move(hash));
    } catch (const ir::BundleError&) {
      // A damaged cache entry is rebuilt from the sources below.
    }
  }
  std::vector<std::string> paths;
  for (const auto& list : lists) {
    std::string dir = materialise(list.jurisdiction, list.files);
    for (const auto& [name, text] : list.files) paths.push_back(dir + "/" + name);
  }
  driver::Compilation compilation;
  auto bundle = driver::compile(paths, {stdlibDir_}, compilation);
  if (!bundle) {
    report["diagnostics"] = nlohmann::json::parse(
        relativise(renderJson(compilation.diagnostics.all(), compilation.sources)));
    return nullptr;
  }
  for (auto& rule : bundle->rules) rule.source.file = relativise(rule.source.file);
  std::string hash = ir::bundleHash(*bundle);
  writeAtomically(cached, ir::writeBundle(*bundle));
  return engineFor(std::move(*bundle), std::move(hash));
}

std::shared_ptr<const ScreeningEngine> FilingService::composeActive() {
  std::lock_guard lock(activateMutex_);
  nlohmann::json report = nlohmann::json::object();
  auto engine = compose(registry_.activeLists(), report);
  if (!engine && report.contains("diagnostics"))
    throw std::runtime_error("the active lists of the registry do not compile together");
  return engine;
}

FilingOutcome FilingService::reject(const TokenInfo& caller, const std::string& contentHash,
                                    int status, const std::string& code, const std::string& message,
                                    nlohmann::json report) {
  report["code"] = code;
  report["message"] = message;
  std::int64_t id =
      registry_.recordRejected(caller.jurisdiction, caller.id, contentHash, report.dump());
  nlohmann::json body = {
      {"filing", id}, {"status", "rejected"}, {"jurisdiction", caller.jurisdiction}};
  body["error"] = {{"code", code}, {"message", message}};
  for (auto& [key, value] : report.items())
    if (key != "code" && key != "message") body[key] = value;
  return {status, std::move(body)};
}

FilingOutcome FilingService::file(const TokenInfo& caller, const nlohmann::json& request) {
  // A body of the wrong shape is an attempt too: logged, under the hash of its JSON text.
  auto bad = [&](const std::string& code, const std::string& message) {
    return reject(caller, util::sha256Hex(request.dump()), 400, code, message,
                  nlohmann::json::object());
  };
  if (!request.is_object() || !request.contains("files") || !request["files"].is_object())
    return bad("ZR1226", "the body must be an object with \"files\": {name: source text}");
  if (request.contains("jurisdiction") &&
      (!request["jurisdiction"].is_string() || request["jurisdiction"] != caller.jurisdiction)) {
    std::string line =
        fmt::format("zr serve: 403 POST /v1/filings: token {} ({} {}) filed for jurisdiction {}\n",
                    caller.id, caller.role, caller.jurisdiction, request["jurisdiction"].dump());
    std::fwrite(line.data(), 1, line.size(), stderr);
    return FilingOutcome{403, {{"error", {{"code", "ZR1203"}, {"message", "forbidden"}}}}};
  }
  static const std::regex kName(R"([A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\.zr)");
  SourceFiles files;
  for (const auto& [name, text] : request["files"].items()) {
    if (!std::regex_match(name, kName))
      return bad("ZR1211", fmt::format("file name '{}' is not a plain name ending in .zr", name));
    if (!text.is_string())
      return bad("ZR1226", fmt::format("file '{}': the source text must be a string", name));
    files.emplace(name, text.get<std::string>());
  }
  if (files.empty() || files.size() > kMaxFiles)
    return bad("ZR1212", fmt::format("a filing holds 1 to {} files", kMaxFiles));

  const std::string level = levelOfRole(caller.role);
  const std::string contentHash = sourcesHash(files);
  std::lock_guard jurisdictionLock(jurisdictionMutex(caller.jurisdiction));
  std::unique_lock<std::shared_mutex> provinceExclusive(provinceMutex_, std::defer_lock);
  std::shared_lock<std::shared_mutex> provinceShared(provinceMutex_, std::defer_lock);
  if (level == "province") {
    provinceExclusive.lock();
  } else {
    provinceShared.lock();
  }

  // The active province, for a city filing and for the jurisdiction check of a province one.
  std::optional<ActiveList> province;
  for (auto& list : registry_.activeLists())
    if (list.level == "province") province = std::move(list);
  if (level == "province" && province && province->jurisdiction != caller.jurisdiction)
    return reject(
        caller, contentHash, 409, "ZR1221",
        fmt::format("this registry holds the province list of {}", province->jurisdiction),
        nlohmann::json::object());
  if (level == "city" && !province)
    return reject(caller, contentHash, 409, "ZR1220",
                  "no province version is active: the province files first",
                  nlohmann::json::object());

  // Compile: a province alone, a city with its province.
  std::vector<std::string> paths;
  std::string provinceDir;
  if (level == "city") {
    provinceDir = materialise(province->jurisdiction, province->files);
    for (const auto& [name, text] : province->files) paths.push_back(provinceDir + "/" + name);
  }
  std::string dir = materialise(caller.jurisdiction, files);
  std::vector<std::string> ownPaths;
  for (const auto& [name, text] : files) ownPaths.push_back(dir + "/" + name);
  paths.insert(paths.end(), ownPaths.begin(), ownPaths.end());
  driver::Compilation compilation;
  auto bundle = driver::compile(paths, {stdlibDir_}, compilation);
  if (!bundle) {
    nlohmann::json report;
    report["diagnostics"] = nlohmann::json::parse(
        relativise(renderJson(compilation.diagnostics.all(), compilation.sources)));
    return reject(caller, contentHash, 422, "ZR1222", "the sources do not compile",
                  std::move(report));
  }

  // The sources must declare the caller's list, at the caller's level.
  std::string listName;
  std::uint32_t listIndex = ir::kNone;
  for (std::uint32_t i = 0; i < bundle->lists.size(); ++i) {
    const auto& list = bundle->lists[i];
    if (list.jurisdiction == caller.jurisdiction && levelName(list.level) == level) {
      listName = list.name;
      listIndex = i;
    }
  }
  if (listIndex == ir::kNone)
    return reject(caller, contentHash, 422, "ZR1223",
                  fmt::format("the sources declare no {} list of jurisdiction {}", level,
                              caller.jurisdiction),
                  nlohmann::json::object());

  nlohmann::json summary = {{"errors", 0}, {"warnings", 0}, {"notes", 0}};
  nlohmann::json report = nlohmann::json::object();
  if (level == "city") {
    audit::AuditOptions options;
    for (const auto& [name, text] : province->files)
      options.provincePaths.push_back(provinceDir + "/" + name);
    options.cityPaths = ownPaths;
    options.load.stdlibDir = stdlibDir_;
    audit::AuditRun run = audit::runAudit(options);
    report["audit"] = nlohmann::json::parse(relativise(audit::renderAuditJson(run)));
    summary = {{"errors", run.count(audit::FindingSeverity::Error)},
               {"warnings", run.count(audit::FindingSeverity::Warning)},
               {"notes", run.count(audit::FindingSeverity::Info)},
               {"province_version", province->version.number}};
    report["summary"] = summary;
    if (run.stoppedBy || run.count(audit::FindingSeverity::Error) > 0 ||
        !run.internalErrors.empty())
      return reject(caller, contentHash, 422, "ZR1224",
                    "the audit against the active province version found errors",
                    std::move(report));
  }

  // Compose the screening bundle of the active lists with this one, then activate.
  std::lock_guard activateLock(activateMutex_);
  std::vector<ActiveList> lists;
  for (auto& list : registry_.activeLists())
    if (list.jurisdiction != caller.jurisdiction) lists.push_back(std::move(list));
  ActiveList self{caller.jurisdiction, level, {}, files};
  self.version.contentHash = contentHash;
  lists.insert(level == "province" ? lists.begin() : lists.end(), std::move(self));
  nlohmann::json composeReport = nlohmann::json::object();
  auto engine = compose(lists, composeReport);
  if (!engine) {
    report["diagnostics"] = composeReport["diagnostics"];
    return reject(caller, contentHash, 422, "ZR1225",
                  "the list does not compile together with the other active lists",
                  std::move(report));
  }

  NewVersion version{caller.jurisdiction, level,         listName, contentHash, caller.id,
                     summary.dump(),      report.dump(), files,    {}};
  for (const auto& rule : bundle->rules)
    if (rule.list == listIndex) version.rules.emplace_back(rule.id, ruleDigest(*bundle, rule));
  auto [filingId, number] = registry_.recordAccepted(version);
  publish_(engine);
  return {201,
          {{"filing", filingId},
           {"status", "accepted"},
           {"jurisdiction", caller.jurisdiction},
           {"version", number},
           {"content_hash", contentHash},
           {"bundle_hash", engine->hash()},
           {"summary", summary},
           {"audit", report.contains("audit") ? report["audit"] : nlohmann::json(nullptr)}}};
}

}  // namespace zr::service
