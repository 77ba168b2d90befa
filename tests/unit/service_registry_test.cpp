// The registry (SQLite): migrations, hashed tokens, versions recorded and activated in one
// transaction, the append-only filing log; rule diffs; the JSON depth limit.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "runtime/util/Sha256.h"
#include "service/Filing.h"
#include "service/Json.h"
#include "service/Migrations.h"
#include "service/Registry.h"
#include "service/RuleDigest.h"

namespace fs = std::filesystem;
using namespace zr::service;

namespace {

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ =
        fs::temp_directory_path() /
        ("zr_registry_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "registry.sqlite").string(); }

  NewVersion version(const std::string& text) {
    NewVersion v;
    v.jurisdiction = "360100";
    v.level = "city";
    v.name = "南昌市生态环境准入清单";
    v.files = {{"a.zr", text}};
    v.contentHash = sourcesHash(v.files);
    v.token = 1;
    v.auditSummary = R"({"errors":0})";
    v.report = "{}";
    v.rules = {{"NC-1", "d1"}};
    return v;
  }

  fs::path dir_;
};

}  // namespace

TEST_F(RegistryTest, MigratesOnceAndKeepsTheSchemaVersion) {
  {
    Registry registry(path());
    EXPECT_EQ(registry.schemaVersion(), static_cast<int>(migrations().size()));
  }
  Registry again(path());  // a second open applies nothing and fails nothing
  EXPECT_EQ(again.schemaVersion(), static_cast<int>(migrations().size()));
}

TEST_F(RegistryTest, RefusesANewerSchema) {
  {
    Database db(path());
    db.exec("PRAGMA user_version = 999");
  }
  EXPECT_THROW(Registry registry(path()), SqliteError);
}

TEST_F(RegistryTest, TokensAreStoredHashedAndRevocable) {
  Registry registry(path());
  auto [token, id] = registry.addToken("city-drafter", "360100");
  EXPECT_TRUE(token.starts_with("zr_"));
  EXPECT_EQ(token.size(), 3u + 64u);
  auto found = registry.findToken(token);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->role, "city-drafter");
  EXPECT_EQ(found->jurisdiction, "360100");
  EXPECT_FALSE(registry.findToken(token + "x"));
  {
    Database db(path());
    auto stored = db.prepare("SELECT hash FROM tokens");
    ASSERT_TRUE(stored.step());
    EXPECT_EQ(stored.text(0), zr::util::sha256Hex(token));
  }
  EXPECT_TRUE(registry.revokeToken(id));
  EXPECT_FALSE(registry.revokeToken(id));
  EXPECT_FALSE(registry.findToken(token));
}

TEST_F(RegistryTest, AcceptedFilingsRecordAndActivateAVersion) {
  Registry registry(path());
  auto [filing1, number1] = registry.recordAccepted(version("one"));
  auto [filing2, number2] = registry.recordAccepted(version("two"));
  EXPECT_EQ(number1, 1);
  EXPECT_EQ(number2, 2);
  auto list = registry.list("360100");
  ASSERT_TRUE(list && list->active);
  EXPECT_EQ(list->active->number, 2);
  EXPECT_EQ(list->versions, 2);
  auto versions = registry.versions("360100");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_FALSE(versions[0].active);
  EXPECT_TRUE(versions[1].active);
  EXPECT_EQ(registry.versionFiles(versions[0].id).at("a.zr"), "one");
  auto record = registry.filing(filing2);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, "accepted");
  EXPECT_EQ(record->versionNumber, 2);
  auto active = registry.activeLists();
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].files.at("a.zr"), "two");
}

TEST_F(RegistryTest, RejectedAttemptsAreLoggedAndChangeNothing) {
  Registry registry(path());
  auto id = registry.recordRejected("360100", 1, "abc", R"({"code":"ZR1224"})");
  auto record = registry.filing(id);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->status, "rejected");
  EXPECT_FALSE(record->versionNumber);
  EXPECT_FALSE(registry.list("360100"));
}

TEST_F(RegistryTest, TheFilingLogIsAppendOnly) {
  Registry registry(path());
  registry.recordRejected("360100", 1, "abc", "{}");
  Database db(path());
  EXPECT_THROW(db.exec("UPDATE filings SET status = 'accepted'"), SqliteError);
  EXPECT_THROW(db.exec("DELETE FROM filings"), SqliteError);
}

TEST_F(RegistryTest, AFailedTransactionLeavesNoHalfVersion) {
  Registry registry(path());
  registry.recordAccepted(version("one"));
  NewVersion broken = version("two");
  broken.rules = {{"NC-1", "d1"}, {"NC-1", "d2"}};  // duplicate key: the insert fails midway
  EXPECT_THROW(registry.recordAccepted(broken), SqliteError);
  auto list = registry.list("360100");
  ASSERT_TRUE(list && list->active);
  EXPECT_EQ(list->active->number, 1);
  EXPECT_EQ(registry.versions("360100").size(), 1u);
}

TEST(ServiceDiff, AddedRemovedChanged) {
  auto diff = diffRules({{"A", "1"}, {"B", "2"}, {"C", "3"}}, {{"B", "2"}, {"C", "4"}, {"D", "5"}});
  EXPECT_EQ(diff["added"], nlohmann::json::array({"D"}));
  EXPECT_EQ(diff["removed"], nlohmann::json::array({"A"}));
  EXPECT_EQ(diff["changed"], nlohmann::json::array({"C"}));
}

TEST(ServiceDiff, SourcesHashDependsOnNamesAndTexts) {
  EXPECT_EQ(sourcesHash({{"a.zr", "x"}}), sourcesHash({{"a.zr", "x"}}));
  EXPECT_NE(sourcesHash({{"a.zr", "x"}}), sourcesHash({{"b.zr", "x"}}));
  EXPECT_NE(sourcesHash({{"a.zr", "xy"}}), sourcesHash({{"a.zry", ""}}));
}

TEST(ServiceJson, DepthLimit) {
  std::string ok(kMaxJsonDepth, '['), deep(kMaxJsonDepth + 1, '[');
  ok += std::string(kMaxJsonDepth, ']');
  deep += std::string(kMaxJsonDepth + 1, ']');
  EXPECT_TRUE(parseJsonLimited(ok));
  EXPECT_FALSE(parseJsonLimited(deep));
  EXPECT_FALSE(parseJsonLimited("{\"a\":"));
  EXPECT_FALSE(parseJsonLimited(std::string(100000, '[')));
}
