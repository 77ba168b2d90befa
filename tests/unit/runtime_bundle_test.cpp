// Bundle files: deterministic round trip, every BundleError code, and structural validation of
// hand-edited bundles (a bundle with a valid hash but bad indices must be refused, not crash).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "runtime/ir/BundleCheck.h"
#include "runtime/ir/BundleIO.h"
#include "runtime/ir/IrPrinter.h"
#include "runtime/util/Sha256.h"
#include "tests/unit/runtime_builder.h"

namespace zr {
namespace {

using Json = nlohmann::ordered_json;

std::string codeOf(std::string_view bytes) {
  try {
    ir::readBundle(bytes);
  } catch (const ir::BundleError& error) {
    return error.code();
  }
  return "ok";
}

std::string messageOf(std::string_view bytes) {
  try {
    ir::readBundle(bytes);
  } catch (const ir::BundleError& error) {
    return error.what();
  }
  return "ok";
}

// The body of a bundle file, as JSON.
Json bodyOf(const std::string& file) {
  const std::size_t newline = file.find('\n');
  return Json::parse(file.substr(newline + 1));
}

// A well-formed file (right header and hash) around any body text.
std::string fileWith(const std::string& body) {
  return fmt::format("ZHUNRU-BUNDLE {} sha256:{} {}\n{}\n", ir::kFormatVersion,
                     util::sha256Hex(body), body.size(), body);
}
std::string fileWith(const Json& body) { return fileWith(body.dump()); }

TEST(BundleIO, RoundTripIsByteIdentical) {
  const ir::Bundle bundle = testing::sampleBundle();
  const std::string first = ir::writeBundle(bundle);
  const ir::Bundle read = ir::readBundle(first);
  EXPECT_EQ(ir::writeBundle(read), first);
  EXPECT_EQ(ir::printIr(read), ir::printIr(bundle));
  EXPECT_EQ(read.industrySets[0].bits, bundle.industrySets[0].bits);  // finalize ran
  EXPECT_EQ(ir::bundleHash(read), ir::bundleHash(bundle));
  EXPECT_NE(first.find(ir::bundleHash(bundle)), std::string::npos);
}

TEST(BundleIO, HeaderLineShape) {
  const std::string file = ir::writeBundle(testing::sampleBundle());
  const std::string header = file.substr(0, file.find('\n'));
  const std::string hash = ir::bundleHash(testing::sampleBundle());
  const std::size_t bodySize = file.size() - header.size() - 2;  // minus both newlines
  EXPECT_EQ(header,
            fmt::format("ZHUNRU-BUNDLE {} sha256:{} {}", ir::kFormatVersion, hash, bodySize));
  EXPECT_EQ(hash.size(), 64u);
  EXPECT_EQ(file.back(), '\n');
  EXPECT_EQ(bodyOf(file)["format"], ir::kFormatVersion);
}

TEST(BundleIO, EmptyBundleRoundTrips) {
  ir::Bundle empty;
  empty.unitRuleStart = {0};
  const std::string file = ir::writeBundle(empty);
  EXPECT_EQ(ir::writeBundle(ir::readBundle(file)), file);
}

TEST(BundleIO, SpecialValuesSurvive) {
  testing::BundleBuilder bb;
  const auto q = bb.attr("q\"uote\\d", ir::AttrType::Quantity, "m3/d");
  bb.unit("ZH36110220001");
  bb.forbid("X-01", bb.cmp(q, ir::Cmp::Gt, 0.1 + 0.2));
  bb.forbid("X-02", bb.cmp(q, ir::Cmp::Lt, -1e-300));
  bb.forbid("X-03",
            bb.enumIn(bb.attr("e", ir::AttrType::EnumSet, "", std::vector<std::string>(64, "v")),
                      0xFFFFFFFFFFFFFFFFull));
  bb.ruleAt(0).title = "控制字符\t\n\x01 和 \"引号\"";
  const ir::Bundle bundle = bb.build();
  const ir::Bundle read = ir::readBundle(ir::writeBundle(bundle));
  EXPECT_EQ(read.nodes[0].number, 0.1 + 0.2);
  EXPECT_EQ(read.nodes[1].number, -1e-300);
  EXPECT_EQ(read.nodes[2].mask, 0xFFFFFFFFFFFFFFFFull);
  EXPECT_EQ(read.rules[0].title, bundle.rules[0].title);
  EXPECT_EQ(read.attributes[0].name, "q\"uote\\d");
}

TEST(BundleErrors, NotABundle) {
  EXPECT_EQ(codeOf(""), "ZR0901");
  EXPECT_EQ(codeOf("{\"lists\":[]}"), "ZR0901");
  EXPECT_EQ(codeOf(fmt::format("ZHUNRU-BUNDLEX {} sha256:00 1\n{{}}", ir::kFormatVersion)),
            "ZR0901");
  EXPECT_EQ(codeOf("ZHUNRU-BUNDLE one sha256:00 1\n{}"), "ZR0901");
  EXPECT_EQ(codeOf(fmt::format("ZHUNRU-BUNDLE {} md5:00 1\n{{}}", ir::kFormatVersion)), "ZR0901");
  std::string file = ir::writeBundle(testing::sampleBundle());
  file[0] = 'z';
  EXPECT_EQ(codeOf(file), "ZR0901");
}

TEST(BundleErrors, UnsupportedVersionSaysWhichIsSupported) {
  std::string file = ir::writeBundle(testing::sampleBundle());
  file.replace(0, 16, "ZHUNRU-BUNDLE 999 ");
  file = "ZHUNRU-BUNDLE 999 " + file.substr(18);
  EXPECT_EQ(codeOf(file), "ZR0902");
  const std::string message = messageOf(file);
  EXPECT_NE(message.find("999"), std::string::npos) << message;
  EXPECT_NE(message.find(fmt::format("version {}", ir::kFormatVersion)), std::string::npos)
      << message;
  EXPECT_EQ(codeOf(fmt::format("ZHUNRU-BUNDLE {}\n", ir::kFormatVersion + 1)),
            "ZR0902");  // even when the rest would not parse
}

TEST(BundleErrors, Truncated) {
  const std::string file = ir::writeBundle(testing::sampleBundle());
  EXPECT_EQ(codeOf(file.substr(0, 200)), "ZR0903");
  EXPECT_EQ(codeOf(file.substr(0, file.size() - 2)), "ZR0903");
  EXPECT_EQ(codeOf(file.substr(0, 40)), "ZR0903");           // inside the header line
  EXPECT_EQ(codeOf(file.substr(0, file.size() - 1)), "ok");  // the final newline is optional
}

TEST(BundleErrors, FlippedByteIsAHashMismatch) {
  const std::string file = ir::writeBundle(testing::sampleBundle());
  const std::size_t at = file.find("T-02");
  ASSERT_NE(at, std::string::npos);
  std::string tampered = file;
  tampered[at + 3] = '3';
  EXPECT_EQ(codeOf(tampered), "ZR0904");
  std::string flipped = file;
  flipped[file.size() / 2] ^= 0x01;
  EXPECT_EQ(codeOf(flipped), "ZR0904");
  std::string wrongHash = file;
  wrongHash[30] = wrongHash[30] == 'a' ? 'b' : 'a';
  EXPECT_EQ(codeOf(wrongHash), "ZR0904");
}

TEST(BundleErrors, TrailingGarbageIsCorrupt) {
  EXPECT_EQ(codeOf(ir::writeBundle(testing::sampleBundle()) + "extra"), "ZR0905");
}

TEST(BundleErrors, CorruptContentWithAValidHash) {
  const Json good = bodyOf(ir::writeBundle(testing::sampleBundle()));
  ASSERT_EQ(codeOf(fileWith(good)), "ok");
  auto refused = [&](auto edit, const char* expectInMessage) {
    Json body = good;
    edit(body);
    const std::string file = fileWith(body);
    EXPECT_EQ(codeOf(file), "ZR0905") << expectInMessage;
    EXPECT_NE(messageOf(file).find(expectInMessage), std::string::npos) << messageOf(file);
  };
  refused([](Json& b) { b["children"][0] = 100000; }, "nodes[");
  refused([](Json& b) { b["children"][0] = b["nodes"].size() - 1; }, "earlier node");  // a cycle
  refused([](Json& b) { b["rules"][0]["condition"] = 99999; }, "rules[0].condition");
  refused([](Json& b) { b["rules"][0]["condition"] = nullptr; }, "rules[0].condition");
  refused([](Json& b) { b["rules"][1]["requirement"] = nullptr; }, "rules[1].requirement");
  refused([](Json& b) { b["rules"][0]["attrs"] = {5, 3}; }, "rules[0].attrs");
  refused([](Json& b) { b["rules"][0]["attrs"] = {500}; }, "rules[0].attrs");
  refused([](Json& b) { b["unitRuleStart"].erase(0); }, "unitRuleStart");
  refused([](Json& b) { b["unitRuleIds"][0] = 77; }, "unitRuleIds[0]");
  refused([](Json& b) { b["unitRuleStart"][1] = 1000; }, "unitRuleStart");
  refused([](Json& b) { b["nodes"][0]["attr"] = 5; },
          "cannot read attribute");  // bool attr in an industry node
  refused([](Json& b) { b["nodes"][0]["attr"] = 500; }, "nodes[0].attr");
  refused([](Json& b) { b["nodes"][0]["set"] = 42; }, "nodes[0].set");
  refused([](Json& b) { b["nodes"][0]["op"] = "frobnicate"; }, "unknown name 'frobnicate'");
  refused([](Json& b) { b["nodes"][0].erase("op"); }, "nodes[0].op: missing");
  refused([](Json& b) { b["industries"][0]["parent"] = 3; }, "cycle");
  refused([](Json& b) { b["industries"][1]["parent"] = 1000; }, "industries[1].parent");
  refused([](Json& b) { b["industrySets"][0]["prefixes"] = {1000}; }, "industrySets[0].prefixes");
  refused([](Json& b) { b["openSets"][0]["unitMasks"][0][0] = 9; }, "openSets[0].unitMasks");
  refused([](Json& b) { b["openSets"][0]["attr"] = 0; }, "not an enum");
  refused([](Json& b) { b["units"][0]["regions"] = {4}; }, "units[0].regions");
  refused([](Json& b) { b["units"][0]["code"] = "ZH99999999999"; }, "sorted");
  refused([](Json& b) { b["lists"][0]["parent"] = 1; }, "cycle");
  refused([](Json& b) { b["attributes"][0]["unit"] = "furlong"; }, "unknown unit of measure");
  refused([](Json& b) { b["attributes"][3]["enumAliases"] = Json::array(); }, "enum aliases");
  refused(
      [](Json& b) {
        b["attributes"][6]["enumValues"] = std::vector<std::string>(65, "x");
        b["attributes"][6]["enumAliases"] = std::vector<std::string>(65, "");
      },
      "at most 64");
  auto firstOf = [&](const char* array, const char* op) {
    for (std::size_t i = 0; i < good[array].size(); ++i)
      if (good[array][i]["op"] == op) return i;
    ADD_FAILURE() << "no " << op << " in " << array;
    return std::size_t{0};
  };
  const std::size_t attrValue = firstOf("values", "attr"), subValue = firstOf("values", "-");
  const std::size_t andNode = firstOf("nodes", "and");
  refused([&](Json& b) { b["values"][attrValue]["attr"] = 3; }, "not numeric");
  refused([&](Json& b) { b["values"][subValue]["lhs"] = subValue; }, ".lhs");
  refused([&](Json& b) { b["nodes"][andNode]["count"] = 4000000000u; }, "nodes[");
  refused([](Json& b) { b["format"] = ir::kFormatVersion + 1; }, "format");
  refused([](Json& b) { b["rules"] = 5; }, "rules: expected an array");
  refused([](Json& b) { b.erase("nodes"); }, "nodes: missing");
  refused([](Json& b) { b["rules"][0]["effectiveFrom"] = "2025-01-01"; }, "effectiveFrom");
  refused([](Json& b) { b["rules"][0]["id"] = 5; }, "rules[0].id: expected a string");
  refused([](Json& b) { b["children"][0] = -1; }, "children[0]");
}

TEST(BundleErrors, NotJsonOrTooDeep) {
  EXPECT_EQ(codeOf(fileWith(std::string("{\"lists\":["))), "ZR0905");
  EXPECT_EQ(codeOf(fileWith(std::string("[1,2,3]"))), "ZR0905");
  EXPECT_EQ(codeOf(fileWith(std::string(100000, '[') + std::string(100000, ']'))), "ZR0905");
}

TEST(BundleErrors, DeepPredicatesAreRefused) {
  testing::BundleBuilder bb;
  bb.unit("ZH36110220001");
  std::uint32_t node = bb.T();
  for (std::uint32_t i = 0; i < ir::kMaxPredicateDepth + 5; ++i) node = bb.Not(node);
  bb.forbid("DEEP", node);
  const std::string file = ir::writeBundle(bb.build());
  EXPECT_EQ(codeOf(file), "ZR0905");
  EXPECT_NE(messageOf(file).find("nested too deeply"), std::string::npos);
}

TEST(BundleErrors, CheckBundleAcceptsTheSample) {
  EXPECT_NO_THROW(ir::checkBundle(testing::sampleBundle()));
}

TEST(BundleFiles, WriteAndReadAFile) {
  const auto dir = std::filesystem::temp_directory_path() / "zr-runtime-bundle-test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "b.zrb").string();
  const ir::Bundle bundle = testing::sampleBundle();
  ir::writeBundleFile(path, bundle);
  EXPECT_EQ(ir::writeBundle(ir::readBundleFile(path)), ir::writeBundle(bundle));
  std::filesystem::remove_all(dir);
}

TEST(BundleFiles, IoErrorsAreZR0906) {
  auto code = [](auto f) {
    try {
      f();
    } catch (const ir::BundleError& error) {
      return error.code();
    }
    return std::string("ok");
  };
  EXPECT_EQ(code([] { ir::readBundleFile("/nonexistent/dir/b.zrb"); }), "ZR0906");
  EXPECT_EQ(code([] { ir::readBundleFile(std::filesystem::temp_directory_path().string()); }),
            "ZR0906");
  EXPECT_EQ(code([] { ir::writeBundleFile("/nonexistent/dir/b.zrb", testing::sampleBundle()); }),
            "ZR0906");
}

}  // namespace
}  // namespace zr
