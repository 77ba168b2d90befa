// The filing registry: tokens, filed lists, their versions and the append-only filing log, in
// one SQLite database (WAL). Every method is one statement or one transaction; a version is
// recorded and activated in the same transaction as its log entry, so a crash leaves the
// active version either the old one or the new one, whole. Thread-safe (one connection, one
// mutex: SQLite serialises writers anyway).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "service/Sqlite.h"

namespace zr::service {

struct TokenInfo {
  std::int64_t id = 0;
  std::string role, jurisdiction, createdAt;
  bool revoked = false;
};

struct VersionInfo {
  std::int64_t id = 0;
  std::string jurisdiction;
  std::int64_t number = 0;
  std::string contentHash;
  std::int64_t filedBy = 0;  // token id
  std::string filedAt;
  std::string auditSummary;  // JSON object
  bool active = false;
};

struct ListInfo {
  std::string jurisdiction, level, name;
  std::int64_t versions = 0;
  std::optional<VersionInfo> active;
};

// Files by name (sorted: the content hash and the compile order depend on it).
using SourceFiles = std::map<std::string, std::string>;

struct ActiveList {
  std::string jurisdiction, level;
  VersionInfo version;
  SourceFiles files;
};

struct FilingRecord {
  std::int64_t id = 0;
  std::string jurisdiction;
  std::int64_t token = 0;
  std::string submittedAt, contentHash, status;
  std::optional<std::int64_t> versionNumber;
  std::string report;  // JSON object
};

// What an accepted filing records.
struct NewVersion {
  std::string jurisdiction, level, name, contentHash;
  std::int64_t token = 0;
  std::string auditSummary, report;  // JSON
  SourceFiles files;
  std::vector<std::pair<std::string, std::string>> rules;  // (id, digest)
};

class Registry {
 public:
  // Opens or creates DIR/registry.sqlite and applies the migrations.
  explicit Registry(const std::string& path);

  int schemaVersion() const { return schemaVersion_; }

  // Returns the new token in clear (shown once) and its id; only its SHA-256 is kept.
  std::pair<std::string, std::int64_t> addToken(std::string_view role,
                                                std::string_view jurisdiction);
  std::optional<TokenInfo> findToken(std::string_view token);  // not revoked
  std::vector<TokenInfo> tokens();
  bool revokeToken(std::int64_t id);

  std::vector<ListInfo> lists();
  std::optional<ListInfo> list(std::string_view jurisdiction);
  std::vector<VersionInfo> versions(std::string_view jurisdiction);
  std::optional<VersionInfo> version(std::string_view jurisdiction, std::int64_t number);
  SourceFiles versionFiles(std::int64_t versionId);
  std::map<std::string, std::string> versionRules(std::int64_t versionId);
  // Every list with an active version, the province first, then by jurisdiction.
  std::vector<ActiveList> activeLists();

  // Appends a rejected attempt to the log; returns the filing id.
  std::int64_t recordRejected(std::string_view jurisdiction, std::int64_t token,
                              std::string_view contentHash, std::string_view report);
  // One transaction: the version, its files and rule digests, the list's active pointer and the
  // log entry. Returns (filing id, version number).
  std::pair<std::int64_t, std::int64_t> recordAccepted(const NewVersion& version);
  std::optional<FilingRecord> filing(std::int64_t id);

 private:
  VersionInfo readVersion(Statement& statement, std::int64_t activeId);

  std::mutex mutex_;
  Database db_;
  int schemaVersion_ = 0;
};

// Current UTC time as 2026-01-31T12:00:00Z.
std::string utcNow();

}  // namespace zr::service
