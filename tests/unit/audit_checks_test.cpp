// Every audit check on its golden case (tests/golden/audit/<case>/): the flawed city must
// produce the case's code, with a replayed witness where the check gives one; the near miss
// must not produce it. Runs the audit through its API so a failure names the case and code.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "compiler/audit/Audit.h"
#include "compiler/audit/AuditRender.h"
#include "compiler/audit/Codes.h"
#include "compiler/driver/Loader.h"

namespace zr::audit {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(ZR_SOURCE_DIR) / "tests" / "golden" / "audit";

std::vector<std::string> caseNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kCases))
    if (fs::exists(entry.path() / "expect")) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string expectedCode(const std::string& name) {
  std::ifstream in(kCases / name / "expect");
  std::string code;
  in >> code;
  return code;
}

AuditRun audit(const std::string& name, const std::string& cityFile) {
  AuditOptions options;
  options.provincePaths = {(kCases / "_province" / "province.zr").string()};
  options.cityPaths = {(kCases / name / cityFile).string()};
  options.load.stdlibDir = driver::defaultStdlibDir();
  return runAudit(options);
}

bool codesWithWitness(std::string_view code) {
  return code == "ZR0501" || code == "ZR0503" || code == "ZR0510" || code == "ZR0520" ||
         code == "ZR0521" || code == "ZR0532";
}

class AuditCase : public ::testing::TestWithParam<std::string> {};

TEST_P(AuditCase, FlawIsReportedWithReplayedWitness) {
  const std::string code = expectedCode(GetParam());
  AuditRun run = audit(GetParam(), "city.zr");
  ASSERT_EQ(run.stoppedBy, nullptr) << renderAuditText(run);
  EXPECT_TRUE(run.internalErrors.empty());
  auto it = std::find_if(run.findings.begin(), run.findings.end(),
                         [&](const Finding& f) { return f.code == code; });
  ASSERT_NE(it, run.findings.end()) << code << " not reported:\n" << renderAuditText(run);
  EXPECT_TRUE(it->span.valid());
  if (codesWithWitness(code)) {
    ASSERT_TRUE(it->witness.has_value()) << renderAuditText(run);
    EXPECT_FALSE(it->witness->replay.empty());
    EXPECT_EQ(it->witness->descriptor.front(), '{');
  }
}

TEST_P(AuditCase, NearMissIsNotReported) {
  const std::string code = expectedCode(GetParam());
  AuditRun run = audit(GetParam(), "near-miss.zr");
  ASSERT_EQ(run.stoppedBy, nullptr) << renderAuditText(run);
  EXPECT_TRUE(run.internalErrors.empty());
  for (const Finding& f : run.findings)
    EXPECT_NE(f.code, code) << "near miss reported:\n" << renderAuditText(run);
}

INSTANTIATE_TEST_SUITE_P(Golden, AuditCase, ::testing::ValuesIn(caseNames()), [](const auto& info) {
  std::string name = info.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

// Every code the audit can emit has a case, and docs/audit.md documents it.
TEST(AuditCodes, EachCodeHasACaseAndDocumentation) {
  std::vector<std::string> covered;
  for (const auto& name : caseNames()) covered.push_back(expectedCode(name));
  std::ifstream in(fs::path(ZR_SOURCE_DIR) / "docs" / "audit.md");
  std::string docs((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto check = [&](std::string_view code) {
    EXPECT_NE(docs.find(std::string(code)), std::string::npos)
        << code << " missing in docs/audit.md";
    EXPECT_NE(std::find(covered.begin(), covered.end(), code), covered.end())
        << code << " has no golden case";
  };
  for (const CodeInfo& info : kCodes) check(info.code);
  check(kRedundancy.code);
}

}  // namespace
}  // namespace zr::audit
