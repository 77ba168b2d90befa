// Screening records: the exact JSON line, escaping, determinism, the optional arrays, error
// records, and the text report in both languages.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"
#include "runtime/eval/RecordWriter.h"
#include "runtime/ir/IrPrinter.h"
#include "tests/unit/runtime_builder.h"

namespace zr {
namespace {

class Records : public ::testing::Test {
 protected:
  Records()
      : bundle_(testing::sampleBundle()), parser_(bundle_), evaluator_(bundle_), writer_(bundle_) {}

  std::string json(std::string_view line) {
    std::string out;
    if (auto error = parser_.parse(line, facts_)) {
      writer_.writeErrorJson(7, *error, out);
      return out;
    }
    evaluator_.screen(facts_, screening_);
    writer_.writeRecordJson(facts_, screening_, out);
    return out;
  }
  std::string text(std::string_view line, eval::Lang lang) {
    std::string out;
    if (auto error = parser_.parse(line, facts_)) {
      writer_.writeErrorText(7, *error, out, lang);
      return out;
    }
    evaluator_.screen(facts_, screening_);
    writer_.writeRecordText(facts_, screening_, out, lang);
    return out;
  }

  ir::Bundle bundle_;
  eval::DescriptorParser parser_;
  eval::Evaluator evaluator_;
  eval::RecordWriter writer_;
  eval::Facts facts_;
  eval::Screening screening_;
};

TEST_F(Records, ExactJsonLine) {
  const std::string out = json(
      R"({"project":"化工未入园","site":{"units":["ZH36110220001"]},"industry":["C2614"],"change":"扩建","in_park":false,)"
      R"("vocs":"12 t/a","vocs_offset_ratio":3,"distance_to_yangtze":"800 m","park":"九江经开区"})");
  EXPECT_EQ(
      out,
      R"({"project":"化工未入园","verdict":"refused","units":[{"code":"ZH36110220001","class":"key","verdict":"refused"}],)"
      R"("findings":[{"rule":"T-01","effect":"forbid","outcome":"refused","level":"province","unit":"ZH36110220001",)"
      R"("dimension":"layout","cite":"《测试》T-01","source":"test.zr:1:3","because":{"change":"expansion",)"
      R"("industry":["C2614"],"in_park":false}}],"missing":[],"obligations":[]})"
      "\n");
  // T-02 holds (ratio 3 >= 2), T-04 and T-05 do not apply (not new; a listed park).
  const std::string indeterminate =
      json(R"({"project":"x","site":"ZH36110220001","industry":["C2614"],"change":"new"})");
  EXPECT_NE(indeterminate.find(
                R"({"rule":"T-04","effect":"require","outcome":"obligation","level":"province",)"
                R"("unit":"ZH36110220001","dimension":"emission","cite":"《测试》T-04",)"
                R"("source":"test.zr:4:3","because":{"change":"new","energy_use":null}})"),
            std::string::npos)
      << indeterminate;
  EXPECT_NE(indeterminate.find(
                R"("missing":["distance_to_yangtze","in_park","park","vocs","vocs_offset_ratio"])"),
            std::string::npos)
      << indeterminate;
}

TEST_F(Records, ObligationsInvalidAndWarnings) {
  const std::string out = json(
      R"({"project":"p","site":"ZH36110230001","change":"new","energy_use":"6000 km","distance_to_yangtze":0.2,"voc":1})");
  const auto j = nlohmann::json::parse(out);
  // T-05: the requirement fails (0.2 km * 1000 - 500 < 500) but its guard reads the unknown park.
  EXPECT_EQ(j["verdict"], "indeterminate");
  ASSERT_EQ(j["findings"].size(), 2u);
  EXPECT_EQ(j["findings"][0]["rule"], "T-04");
  EXPECT_EQ(j["findings"][0]["outcome"], "indeterminate");
  EXPECT_EQ(j["findings"][0]["error"], true);
  EXPECT_EQ(j["findings"][0]["because"]["energy_use"]["invalid"],
            "'6000 km' is a length, expected an energy rate (tce/a, 万tce/a)");
  EXPECT_EQ(j["findings"][1]["outcome"], "indeterminate");  // park unknown: guard unknown
  EXPECT_EQ(j["findings"][1].count("error"), 0u);
  EXPECT_EQ(j["invalid"],
            nlohmann::json::array(
                {"energy_use: '6000 km' is a length, expected an energy rate (tce/a, 万tce/a)"}));
  EXPECT_EQ(j["warnings"],
            nlohmann::json::array({"unknown key 'voc' ignored (did you mean 'vocs'?)"}));
  EXPECT_EQ(j["missing"], nlohmann::json::array({"park"}));

  const auto k = nlohmann::json::parse(
      json(R"({"site":"ZH36110220001","change":"new","vocs":12,"park":"九江经开区"})"));
  EXPECT_EQ(k["verdict"], "indeterminate");
  bool obligation = false;
  for (const auto& o : k["obligations"])
    if (o["rule"] == "T-02") {
      obligation = true;
      EXPECT_EQ(o["unit"], "ZH36110220001");
      EXPECT_EQ(o["requirement"], "requirement of T-02");
    }
  EXPECT_TRUE(obligation) << k.dump();
  EXPECT_EQ(k.count("invalid"), 0u);
  EXPECT_EQ(k.count("warnings"), 0u);
}

TEST_F(Records, PermittedAndNoUnit) {
  EXPECT_EQ(
      json(R"({"project":"ok","site":"ZH36110230001","change":"renovation","park":"九江经开区"})"),
      R"({"project":"ok","verdict":"permitted","units":[{"code":"ZH36110230001","class":"general","verdict":"permitted"}],)"
      R"("findings":[],"missing":[],"obligations":[]})"
      "\n");
  EXPECT_EQ(
      json(R"({"site":{"units":[]}})"),
      R"({"project":"","verdict":"indeterminate","units":[],"findings":[],"missing":[],"obligations":[],)"
      R"("warnings":["the site resolves to no control unit: no rule could be checked"]})"
      "\n");
}

TEST_F(Records, ErrorRecords) {
  EXPECT_EQ(json("[1,2]"),
            "{\"line\":7,\"error\":{\"code\":\"ZR1002\",\"message\":\"a descriptor is a JSON "
            "object {…}, not a list\"}}\n");
  std::string out;
  eval::writeErrorJson(3, {"ZR1001", "bad \"quote\"\n"}, out);
  EXPECT_EQ(out,
            "{\"line\":3,\"error\":{\"code\":\"ZR1001\",\"message\":\"bad \\\"quote\\\"\\n\"}}\n");
  out.clear();
  eval::writeErrorText(3, {"ZR1001", "malformed"}, out, eval::Lang::Zh);
  EXPECT_EQ(out, "第 3 行：错误 ZR1001：malformed\n\n");
  out.clear();
  eval::writeErrorText(3, {"ZR1001", "malformed"}, out, eval::Lang::En);
  EXPECT_EQ(out, "line 3: error ZR1001: malformed\n\n");
}

TEST_F(Records, EscapingAndUtf8) {
  const auto j = nlohmann::json::parse(
      json("{\"project\":\"名称\\\"引号\\\\ \\n换行\\t\\u0001 "
           "\\ud83d\\ude00\",\"site\":\"ZH36110230001\",\"park\":\"a\\\"b\"}"));
  EXPECT_EQ(j["project"], "名称\"引号\\ \n换行\t\x01 😀");
}

TEST_F(Records, OutputIsValidJsonAndDeterministic) {
  std::mt19937 rng(5);
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };
  const char* units[] = {"ZH36042910001", "ZH36110220001", "ZH36110230001"};
  const char* values[] = {"null",
                          "true",
                          "false",
                          "0",
                          "12",
                          "-3.5",
                          "1e300",
                          "\"800 m\"",
                          "\"3 t/a\"",
                          "\"new\"",
                          "\"扩建\"",
                          "[\"C2614\"]",
                          "[\"research\",\"旅游\"]",
                          "\"2024-01-01\"",
                          "\"C301\"",
                          "{}",
                          "[]"};
  const char* keys[] = {"vocs",
                        "vocs_offset_ratio",
                        "distance_to_yangtze",
                        "change",
                        "industry",
                        "in_park",
                        "activity",
                        "park",
                        "approved",
                        "main_industry",
                        "energy_use",
                        "unknown_key"};
  eval::RecordWriter second(bundle_);
  for (int i = 0; i < 2000; ++i) {
    std::string line = std::string("{\"project\":\"p") + std::to_string(i) + "\",\"site\":[\"" +
                       units[pick(3)] + "\"]";
    for (int k = 0; k < 6; ++k)
      line += std::string(",\"") + keys[pick(12)] + "\":" + values[pick(17)];
    line += "}";
    const std::string a = json(line);
    ASSERT_FALSE(a.starts_with("{\"line\":")) << line << " -> " << a;
    std::string b;
    second.writeRecordJson(facts_, screening_, b);
    ASSERT_EQ(a, b);
    ASSERT_EQ(a.back(), '\n');
    ASSERT_EQ(a.find('\n'), a.size() - 1);
    ASSERT_TRUE(nlohmann::json::accept(a)) << a;
  }
}

TEST_F(Records, FreeFunctionsMatchTheClass) {
  (void)json(R"({"site":"ZH36110220001","industry":"C2614","change":"new"})");
  std::string a, b;
  writer_.writeRecordJson(facts_, screening_, a);
  eval::writeRecordJson(bundle_, facts_, screening_, b);
  EXPECT_EQ(a, b);
  a.clear();
  b.clear();
  writer_.writeRecordText(facts_, screening_, a, eval::Lang::Zh);
  eval::writeRecordText(bundle_, facts_, screening_, b, eval::Lang::Zh);
  EXPECT_EQ(a, b);
}

TEST_F(Records, TextReportEnglish) {
  const std::string out = text(
      R"({"project":"化工未入园","site":"ZH36110220001","industry":["C2614"],"change":"扩建","in_park":false,"vocs":12})",
      eval::Lang::En);
  EXPECT_NE(out.find("Project: 化工未入园 — REFUSED"), std::string::npos) << out;
  EXPECT_NE(out.find("Unit ZH36110220001"), std::string::npos) << out;
  EXPECT_NE(out.find("T-01 [refused (forbidden)] province / spatial layout / 规则 T-01"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("cite: 《测试》T-01; source: test.zr:1:3"), std::string::npos) << out;
  EXPECT_NE(out.find("in a compliant park = no"), std::string::npos) << out;
  EXPECT_NE(out.find("Obligations (the project must show):"), std::string::npos) << out;
  EXPECT_NE(out.find("Missing facts: "), std::string::npos) << out;
  EXPECT_EQ(out.substr(out.size() - 2), "\n\n");
}

TEST_F(Records, TextReportChinese) {
  const std::string out = text(
      R"({"project":"类型错误","site":"ZH36110230001","change":"new","energy_use":"6000 km","voc":1})",
      eval::Lang::Zh);
  EXPECT_NE(out.find("项目：类型错误 — 无法判定（需补充材料）"), std::string::npos) << out;
  EXPECT_NE(out.find("管控单元 ZH36110230001"), std::string::npos) << out;
  EXPECT_NE(out.find("一般管控单元"), std::string::npos) << out;
  EXPECT_NE(out.find("【无法判定】 省级 / 污染物排放管控"), std::string::npos) << out;
  EXPECT_NE(out.find("评估出错"), std::string::npos) << out;
  EXPECT_NE(out.find("无效的事实："), std::string::npos) << out;
  EXPECT_NE(out.find("提示："), std::string::npos) << out;
  EXPECT_NE(out.find("change = 新建"), std::string::npos) << out;  // enum values shown by alias
  const std::string refused =
      text(R"({"site":"ZH36110220001","industry":"C2614","change":"new","in_park":false})",
           eval::Lang::Zh);
  EXPECT_NE(refused.find("不予准入"), std::string::npos);
  EXPECT_NE(refused.find("空间布局约束"), std::string::npos);
  const std::string ok =
      text(R"({"site":"ZH36110230001","change":"renovation","park":"九江经开区"})", eval::Lang::Zh);
  EXPECT_NE(ok.find("准予准入"), std::string::npos);
  EXPECT_NE(ok.find("无适用规则，或所有规则均已满足"), std::string::npos);
}

TEST(IrPrinter, DumpsEverythingDeterministically) {
  const ir::Bundle bundle = testing::sampleBundle();
  const std::string text = ir::printIr(bundle);
  EXPECT_EQ(text, ir::printIr(testing::sampleBundle()));
  for (const char* expected : {
           "zhunru bundle (format 2)\n",
           "lists (2)\n",
           "  [1] \"九江市生态环境准入清单\" city jurisdiction 360400 parent "
           "\"测试省生态环境准入清单\"\n",
           "  [3] change : enum {new \"新建\", expansion \"扩建\", renovation \"改建\"} label \"\" "
           "\"change\"\n",
           "  [6] activity : set<enum {restoration \"生态修复\", research, tourism \"旅游\"}>",
           "  [3] C2614 \"有机化学原料制造\" under C261\n",
           "  [1] ZH36110220001 \"单元0001\" class key county 361102 list "
           "\"测试省生态环境准入清单\" regions {poyang}\n",
           "  [0] chemical {C26}\n",
           "  [0] permitted_activities of activity base {restoration}\n      ZH36042910001 += "
           "{research}\n",
           "  [0] T-01 province layout forbid \"规则 T-01\"\n",
           "    condition   (and\n                  (industry-in industry chemical)\n",
           "    guard       (cmp vocs >= 10 t/a)\n    requirement (cmp vocs_offset_ratio >= 2)\n",
           "    effective   2025-01-01 .. (open)\n",
           "(string-not-in park {\"九江经开区\" \"湖口\\\"高新\\\"区\"})",
           "(cmp (- (* distance_to_yangtze 1000) 500) >= (/ 1000 2))",
           "(cmp approved < 2024-01-01)",
           "(industry-not-in main_industry {C301})",
           "    refines     T-02\n",
           "unit rules (CSR index, 9 entries)\n  ZH36042910001 (3) T-03 T-04 T-06\n",
       })
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n---\n" << text;
  EXPECT_EQ(ir::printPredicate(bundle, bundle.rules[1].condition), "(cmp vocs >= 10 t/a)");
}

}  // namespace
}  // namespace zr
