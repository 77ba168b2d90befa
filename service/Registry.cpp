#include "service/Registry.h"

#include <fmt/format.h>
#include <openssl/rand.h>

#include <chrono>
#include <ctime>

#include "runtime/util/Sha256.h"
#include "service/Migrations.h"

namespace zr::service {

std::string utcNow() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

Registry::Registry(const std::string& path) : db_(path) { schemaVersion_ = migrate(db_); }

std::pair<std::string, std::int64_t> Registry::addToken(std::string_view role,
                                                        std::string_view jurisdiction) {
  unsigned char random[32];
  if (RAND_bytes(random, sizeof random) != 1) throw SqliteError("no randomness for a token");
  std::string token = "zr_";
  for (unsigned char byte : random) token += fmt::format("{:02x}", byte);
  std::lock_guard lock(mutex_);
  db_.prepare("INSERT INTO tokens (hash, role, jurisdiction, created_at) VALUES (?1, ?2, ?3, ?4)")
      .bind(1, util::sha256Hex(token))
      .bind(2, role)
      .bind(3, jurisdiction)
      .bind(4, utcNow())
      .run();
  return {token, db_.lastInsertId()};
}

std::optional<TokenInfo> Registry::findToken(std::string_view token) {
  std::string hash = util::sha256Hex(token);
  std::lock_guard lock(mutex_);
  auto statement = db_.prepare(
      "SELECT id, role, jurisdiction, created_at FROM tokens WHERE hash = ?1 AND revoked_at IS "
      "NULL");
  statement.bind(1, hash);
  if (!statement.step()) return std::nullopt;
  return TokenInfo{statement.integer(0), statement.text(1), statement.text(2), statement.text(3),
                   false};
}

std::vector<TokenInfo> Registry::tokens() {
  std::lock_guard lock(mutex_);
  auto statement = db_.prepare(
      "SELECT id, role, jurisdiction, created_at, revoked_at IS NOT NULL FROM tokens ORDER BY id");
  std::vector<TokenInfo> out;
  while (statement.step())
    out.push_back({statement.integer(0), statement.text(1), statement.text(2), statement.text(3),
                   statement.integer(4) != 0});
  return out;
}

bool Registry::revokeToken(std::int64_t id) {
  std::lock_guard lock(mutex_);
  db_.prepare("UPDATE tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
      .bind(1, id)
      .bind(2, utcNow())
      .run();
  auto changed = db_.prepare("SELECT changes()");
  changed.step();
  return changed.integer(0) > 0;
}

namespace {
constexpr const char* kVersionColumns =
    "id, jurisdiction, number, content_hash, filed_by, filed_at, audit_summary";
}

VersionInfo Registry::readVersion(Statement& s, std::int64_t activeId) {
  VersionInfo v{s.integer(0), s.text(1), s.integer(2), s.text(3),
                s.integer(4), s.text(5), s.text(6),    false};
  v.active = v.id == activeId;
  return v;
}

std::vector<ListInfo> Registry::lists() {
  std::vector<std::string> jurisdictions;
  {
    std::lock_guard lock(mutex_);
    auto statement =
        db_.prepare("SELECT jurisdiction FROM lists ORDER BY level <> 'province', jurisdiction");
    while (statement.step()) jurisdictions.push_back(statement.text(0));
  }
  std::vector<ListInfo> out;
  for (const auto& j : jurisdictions)
    if (auto info = list(j)) out.push_back(std::move(*info));
  return out;
}

std::optional<ListInfo> Registry::list(std::string_view jurisdiction) {
  std::lock_guard lock(mutex_);
  auto statement = db_.prepare(
      "SELECT jurisdiction, level, name, active_version, (SELECT count(*) FROM versions v WHERE "
      "v.jurisdiction = lists.jurisdiction) FROM lists WHERE jurisdiction = ?1");
  statement.bind(1, jurisdiction);
  if (!statement.step()) return std::nullopt;
  ListInfo info{statement.text(0), statement.text(1), statement.text(2), statement.integer(4),
                std::nullopt};
  std::int64_t active = statement.isNull(3) ? 0 : statement.integer(3);
  auto version = db_.prepare(fmt::format("SELECT {} FROM versions WHERE id = ?1", kVersionColumns));
  version.bind(1, active);
  if (version.step()) info.active = readVersion(version, active);
  return info;
}

std::vector<VersionInfo> Registry::versions(std::string_view jurisdiction) {
  std::lock_guard lock(mutex_);
  auto statement = db_.prepare(fmt::format(
      "SELECT {}, (SELECT active_version FROM lists l WHERE l.jurisdiction = ?1) FROM versions "
      "WHERE jurisdiction = ?1 ORDER BY number",
      kVersionColumns));
  statement.bind(1, jurisdiction);
  std::vector<VersionInfo> out;
  while (statement.step()) out.push_back(readVersion(statement, statement.integer(7)));
  return out;
}

std::optional<VersionInfo> Registry::version(std::string_view jurisdiction, std::int64_t number) {
  std::lock_guard lock(mutex_);
  auto statement = db_.prepare(fmt::format(
      "SELECT {}, (SELECT active_version FROM lists l WHERE l.jurisdiction = ?1) FROM versions "
      "WHERE jurisdiction = ?1 AND number = ?2",
      kVersionColumns));
  statement.bind(1, jurisdiction).bind(2, number);
  if (!statement.step()) return std::nullopt;
  return readVersion(statement, statement.integer(7));
}

SourceFiles Registry::versionFiles(std::int64_t versionId) {
  std::lock_guard lock(mutex_);
  auto statement = db_.prepare("SELECT name, text FROM version_files WHERE version = ?1");
  statement.bind(1, versionId);
  SourceFiles out;
  while (statement.step()) out.emplace(statement.text(0), statement.text(1));
  return out;
}

std::map<std::string, std::string> Registry::versionRules(std::int64_t versionId) {
  std::lock_guard lock(mutex_);
  auto statement = db_.prepare("SELECT rule, digest FROM version_rules WHERE version = ?1");
  statement.bind(1, versionId);
  std::map<std::string, std::string> out;
  while (statement.step()) out.emplace(statement.text(0), statement.text(1));
  return out;
}

std::vector<ActiveList> Registry::activeLists() {
  std::vector<ActiveList> out;
  for (auto& info : lists()) {
    if (!info.active) continue;
    ActiveList active{info.jurisdiction, info.level, *info.active, {}};
    active.files = versionFiles(info.active->id);
    out.push_back(std::move(active));
  }
  return out;
}

std::int64_t Registry::recordRejected(std::string_view jurisdiction, std::int64_t token,
                                      std::string_view contentHash, std::string_view report) {
  std::lock_guard lock(mutex_);
  db_.prepare(
         "INSERT INTO filings (jurisdiction, token, submitted_at, content_hash, status, report) "
         "VALUES (?1, ?2, ?3, ?4, 'rejected', ?5)")
      .bind(1, jurisdiction)
      .bind(2, token)
      .bind(3, utcNow())
      .bind(4, contentHash)
      .bind(5, report)
      .run();
  return db_.lastInsertId();
}

std::pair<std::int64_t, std::int64_t> Registry::recordAccepted(const NewVersion& v) {
  std::lock_guard lock(mutex_);
  Transaction transaction(db_);
  auto next =
      db_.prepare("SELECT coalesce(max(number), 0) + 1 FROM versions WHERE jurisdiction = ?1");
  next.bind(1, v.jurisdiction);
  next.step();
  std::int64_t number = next.integer(0);
  std::string now = utcNow();
  db_.prepare(
         "INSERT INTO versions (jurisdiction, number, content_hash, filed_by, filed_at, "
         "audit_summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
      .bind(1, v.jurisdiction)
      .bind(2, number)
      .bind(3, v.contentHash)
      .bind(4, v.token)
      .bind(5, now)
      .bind(6, v.auditSummary)
      .run();
  std::int64_t versionId = db_.lastInsertId();
  auto file = db_.prepare("INSERT INTO version_files (version, name, text) VALUES (?1, ?2, ?3)");
  for (const auto& [name, text] : v.files) {
    file.bind(1, versionId).bind(2, name).bind(3, text).run();
    file.reset();
  }
  auto rule = db_.prepare("INSERT INTO version_rules (version, rule, digest) VALUES (?1, ?2, ?3)");
  for (const auto& [id, digest] : v.rules) {
    rule.bind(1, versionId).bind(2, id).bind(3, digest).run();
    rule.reset();
  }
  db_.prepare(
         "INSERT INTO lists (jurisdiction, level, name, active_version) VALUES (?1, ?2, ?3, ?4) "
         "ON CONFLICT (jurisdiction) DO UPDATE SET name = ?3, active_version = ?4")
      .bind(1, v.jurisdiction)
      .bind(2, v.level)
      .bind(3, v.name)
      .bind(4, versionId)
      .run();
  db_.prepare(
         "INSERT INTO filings (jurisdiction, token, submitted_at, content_hash, status, version, "
         "report) VALUES (?1, ?2, ?3, ?4, 'accepted', ?5, ?6)")
      .bind(1, v.jurisdiction)
      .bind(2, v.token)
      .bind(3, now)
      .bind(4, v.contentHash)
      .bind(5, versionId)
      .bind(6, v.report)
      .run();
  std::int64_t filingId = db_.lastInsertId();
  transaction.commit();
  return {filingId, number};
}

std::optional<FilingRecord> Registry::filing(std::int64_t id) {
  std::lock_guard lock(mutex_);
  auto statement = db_.prepare(
      "SELECT f.id, f.jurisdiction, f.token, f.submitted_at, f.content_hash, f.status, v.number, "
      "f.report FROM filings f LEFT JOIN versions v ON v.id = f.version WHERE f.id = ?1");
  statement.bind(1, id);
  if (!statement.step()) return std::nullopt;
  FilingRecord record{statement.integer(0), statement.text(1), statement.integer(2),
                      statement.text(3),    statement.text(4), statement.text(5),
                      std::nullopt,         statement.text(7)};
  if (!statement.isNull(6)) record.versionNumber = statement.integer(6);
  return record;
}

}  // namespace zr::service
