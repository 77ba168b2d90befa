// compiler/syntax: grammar, parser, AST builder, error messages and limits; AstPrinter.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compiler/ast/AstPrinter.h"
#include "compiler/diag/Render.h"
#include "compiler/syntax/Keywords.h"
#include "compiler/syntax/ParseFile.h"

namespace zr {
namespace {

struct Parsed {
  SourceManager sources;
  DiagnosticSink sink;
  std::optional<ast::File> file;

  std::string text() const { return renderText(sink.all(), sources); }
  std::vector<std::string> codes() const {
    std::vector<std::string> out;
    for (const auto& d : sink.all()) out.push_back(d.code);
    return out;
  }
};

std::unique_ptr<Parsed> parse(const std::string& text, const std::string& path = "input.zr") {
  auto p = std::make_unique<Parsed>();
  p->file = syntax::parseText(p->sources, path, text, p->sink);
  return p;
}

std::string printed(const std::string& text) {
  auto p = parse(text);
  EXPECT_TRUE(p->file.has_value()) << p->text();
  return p->file ? ast::printAst(*p->file, p->sources) : std::string();
}

const ast::RuleDecl& ruleAt(const ast::File& file, std::size_t index) {
  std::size_t seen = 0;
  for (const auto& decl : file.decls) {
    if (const auto* rule = std::get_if<ast::RuleDecl>(&decl)) {
      if (seen++ == index) return *rule;
    }
  }
  throw std::out_of_range("no such rule");
}

const std::string kHeaderEn = "accesslist \"测试\" level province jurisdiction 360000\n";
const std::string kHeaderZh = "准入清单 \"测试\" 层级 省级 辖区 360000\n";

// ---- keywords ---------------------------------------------------------------------------------

TEST(SyntaxKeywords, EverySpellingLexesAsItsToken) {
  for (const auto& keyword : syntax::keywordTable()) {
    std::vector<std::string> spellings;
    if (keyword.english.find(' ') == std::string_view::npos)
      spellings.emplace_back(keyword.english);
    for (auto s : keyword.chinese) spellings.emplace_back(s);
    for (const auto& spelling : spellings) {
      EXPECT_EQ(syntax::lexTokenTypes(spelling), std::vector<std::size_t>{keyword.token})
          << "'" << spelling << "' should lex as the keyword '" << keyword.english << "'";
    }
  }
}

TEST(SyntaxKeywords, IdentifiersAndLiterals) {
  auto id = syntax::lexTokenTypes("JX-K-07")[0];
  EXPECT_EQ(syntax::lexTokenTypes("JX-K-07").size(), 1u);
  EXPECT_EQ(syntax::lexTokenTypes("ZH36110220001"), std::vector<std::size_t>{id});
  EXPECT_EQ(syntax::lexTokenTypes("鄱阳湖流域"), std::vector<std::size_t>{id});
  EXPECT_EQ(syntax::lexTokenTypes("自然保护区"), std::vector<std::size_t>{id});  // not 自 + …
  EXPECT_EQ(syntax::lexTokenTypes("C2614"), std::vector<std::size_t>{id});
  EXPECT_EQ(syntax::lexTokenTypes("a - b").size(), 3u);       // subtraction needs spaces
  EXPECT_EQ(syntax::lexTokenTypes("2025-01-01").size(), 1u);  // DATE, not NUMBER - NUMBER …
  EXPECT_EQ(syntax::lexTokenTypes("2.5 t/a").size(), 4u);
  EXPECT_EQ(syntax::lexTokenTypes("\"a\\\"b\" “中文”").size(), 2u);
  EXPECT_EQ(syntax::lexTokenTypes("// c\n/* d\n e */ x").size(), 1u);
}

// ---- the two dialects -------------------------------------------------------------------------

const char* kEnglish = R"(// every construct, English keywords
accesslist "测试市生态环境准入清单" level city jurisdiction 361100 parent "测试省生态环境准入清单"
import std.schema, std.industry
attribute flag : bool label "标志" "flag"
attribute change : enum { new "新建", expansion "扩建", renovation } label "建设性质" "change"
attribute ratio : number
attribute vocs : quantity<t/a>
attribute code : industry
attribute industries : set<industry>
attribute activity : set<enum { research "科研", tourism }>
attribute name : string
attribute opened : date
industry C2614 "有机化学原料制造"
unit ZH36110210001 "单元一" class priority county 361102 kind "生态保护红线" in basin, corridor
unit ZH36110220001 "单元二" class key county 361102
unit ZH36110230001 "单元三" class general county 361102
region basin "流域" = units(ZH36110210001, ZH36110220001)
region corridor = counties(361102, 361103)
region channel "通道城市" = cities(361100)
region declared
open set permitted of activity
set chemical of industries = {C26, C2614} cite "《指南》"
set changes of change = {new, expansion}
extend permitted for unit ZH36110210001 & class priority += {research, tourism}
define emits = project.vocs > 0 t/a or project.ratio * 2 + 1 >= 3 %
scope class key & region corridor & county 361102 & unit ZH36110220001 & all {
rule T-01 layout "布局":
  forbid project.industries in chemical and not project.flag
  unless project.change not in {new, expansion} or project.name == "甲"
  cite "《条例》第一条"
  effective from 2025-01-01 until 2030-12-31
rule T-02 emission "排放":
  require project.ratio >= 2.0 when emits and project.opened < 2024-06-30
}
rule T-03 risk:
  limit project.vocs <= 5 t/a when true
rule T-04 resource "资源":
  forbid (project.ratio - 1) / 2 > 0.5 and false
refine JX-K-07 as T-05 emission "细化":
  require project.ratio >= 2.5
refine JX-K-08:
  forbid project.flag
)";

const char* kChinese = R"(// every construct, Chinese keywords
准入清单 "测试市生态环境准入清单" 层级 市级 辖区 361100 上级 "测试省生态环境准入清单"
导入 std.schema, std.industry
属性 flag : 布尔 标签 "标志" "flag"
属性 change : 枚举 { new “新建”, expansion "扩建", renovation } 标签 "建设性质" "change"
属性 ratio : 数值
属性 vocs : 数量<t/a>
属性 code : 行业
属性 industries : 集合<行业>
属性 activity : 集合<枚举 { research "科研", tourism }>
属性 name : 文本
属性 opened : 日期
行业 C2614 "有机化学原料制造"
单元 ZH36110210001 "单元一" 类别 优先保护 区县 361102 子类 "生态保护红线" 属于 basin, corridor
单元 ZH36110220001 "单元二" 类别 重点 区县 361102
单元 ZH36110230001 "单元三" 类别 一般管控 区县 361102
区域 basin "流域" = 单元集(ZH36110210001, ZH36110220001)
区域 corridor = 区县集(361102, 361103)
区域 channel "通道城市" = 城市集(361100)
区域 declared
开放 集合 permitted 元素 activity
集合 chemical 元素 industries = {C26, C2614} 依据 “《指南》”
集合 changes 元素 change = {new, expansion}
扩充 permitted 于 单元 ZH36110210001 & 类别 优先 += {research, tourism}
定义 emits = 项目.vocs > 0 t/a 或 项目.ratio * 2 + 1 >= 3 %
范围 类别 重点管控 & 区域 corridor & 区县 361102 & 单元 ZH36110220001 & 全部 {
规则 T-01 空间布局约束 "布局":
  禁止 项目.industries 属于 chemical 且 非 项目.flag
  除非 项目.change 不属于 {new, expansion} 或 项目.name == "甲"
  依据 "《条例》第一条"
  生效 自 2025-01-01 至 2030-12-31
规则 T-02 污染物排放管控 "排放":
  要求 项目.ratio >= 2.0 当 emits 且 项目.opened < 2024-06-30
}
规则 T-03 环境风险防控:
  限制 项目.vocs <= 5 t/a 当 真
规则 T-04 资源开发效率要求 "资源":
  禁止 (项目.ratio - 1) / 2 > 0.5 且 假
细化 JX-K-07 作为 T-05 污染物排放管控 "细化":
  要求 项目.ratio >= 2.5
细化 JX-K-08:
  禁止 项目.flag
)";

const char* kExpected = R"((file
  (accesslist "测试市生态环境准入清单" level city jurisdiction 361100 parent "测试省生态环境准入清单")
  (import std.schema)
  (import std.industry)
  (attribute flag bool label "标志" "flag")
  (attribute change (enum (new "新建") (expansion "扩建") renovation) label "建设性质" "change")
  (attribute ratio number)
  (attribute vocs (quantity t/a))
  (attribute code industry)
  (attribute industries (set industry))
  (attribute activity (set (enum (research "科研") tourism)))
  (attribute name string)
  (attribute opened date)
  (industry C2614 "有机化学原料制造")
  (unit ZH36110210001 "单元一" class priority county 361102 kind "生态保护红线" in (basin corridor))
  (unit ZH36110220001 "单元二" class key county 361102)
  (unit ZH36110230001 "单元三" class general county 361102)
  (region basin "流域" units (ZH36110210001 ZH36110220001))
  (region corridor counties (361102 361103))
  (region channel "通道城市" cities (361100))
  (region declared)
  (open-set permitted of activity)
  (set chemical of industries {C26 C2614} cite "《指南》")
  (set changes of change {new expansion})
  (extend permitted (scope (unit ZH36110210001) (class priority)) {research tourism})
  (define emits (or (> project.vocs 0[t/a]) (>= (+ (* project.ratio 2) 1) 3[%])))
  (rule T-01 @27:1 layout "布局"
    (scope (class key) (region corridor) (county 361102) (unit ZH36110220001) (all))
    (forbid (and (in project.industries chemical) (not project.flag)))
    (unless (or (not-in project.change {new expansion}) (== project.name "甲")))
    (cite "《条例》第一条")
    (effective 2025-01-01 2030-12-31))
  (rule T-02 @32:1 emission "排放"
    (scope (class key) (region corridor) (county 361102) (unit ZH36110220001) (all))
    (require (>= project.ratio 2.0))
    (when (and emits (< project.opened 2024-06-30))))
  (rule T-03 @35:1 risk
    (scope all)
    (limit (<= project.vocs 5[t/a]))
    (when true))
  (rule T-04 @37:1 resource "资源"
    (scope all)
    (forbid (and (> (/ (- project.ratio 1) 2) 0.5) false)))
  (refine JX-K-07 as T-05 @39:1 emission "细化"
    (scope all)
    (require (>= project.ratio 2.5)))
  (refine JX-K-08 @41:1
    (scope all)
    (forbid project.flag))
)
)";

TEST(SyntaxDialects, EveryConstructGivesTheSameAst) {
  std::string english = printed(kEnglish);
  std::string chinese = printed(kChinese);
  EXPECT_EQ(english, kExpected);
  EXPECT_EQ(chinese, english);
}

TEST(SyntaxDialects, MixedKeywordsAndAliases) {
  // Both dialects in one file; the long and short class names; dimension aliases; 非 属于.
  std::string mixed = printed(kHeaderEn +
                              "规则 A 区域布局管控: forbid project.a 非 属于 {x}\n"
                              "rule B 能源资源利用: 禁止 项目.a not in s\n"
                              "规则 C 资源利用效率: 禁止 项目.a 不属于 s\n"
                              "rule D 空间布局引导: forbid 项目.a\n");
  EXPECT_NE(mixed.find("(rule A @2:1 layout\n    (scope all)\n    (forbid (not-in project.a {x}))"),
            std::string::npos)
      << mixed;
  EXPECT_NE(mixed.find("(rule B @3:1 resource"), std::string::npos);
  EXPECT_NE(mixed.find("(forbid (not-in project.a s))"), std::string::npos);
  EXPECT_NE(mixed.find("(rule C @4:1 resource"), std::string::npos);
  EXPECT_NE(mixed.find("(rule D @5:1 layout"), std::string::npos);
  std::string classes = printed(kHeaderZh +
                                "单元 A \"a\" 类别 优先 区县 361102\n"
                                "单元 B \"b\" 类别 一般 区县 361102\n");
  EXPECT_NE(classes.find("class priority"), std::string::npos);
  EXPECT_NE(classes.find("class general"), std::string::npos);
}

// ---- the AST ----------------------------------------------------------------------------------

TEST(SyntaxAst, PrecedenceOrAndNotComparisonArithmetic) {
  std::string out = printed(kHeaderEn +
                            "rule A layout: forbid not project.a or project.b and project.c + "
                            "project.d * 2 > 3 - 1 - 1\n");
  EXPECT_NE(out.find("(forbid (or (not project.a) (and project.b (> (+ project.c (* project.d 2)) "
                     "(- (- 3 1) 1)))))"),
            std::string::npos)
      << out;
  out =
      printed(kHeaderEn + "rule A layout: forbid not project.a > 1 and (project.b or project.c)\n");
  EXPECT_NE(out.find("(forbid (and (not (> project.a 1)) (or project.b project.c)))"),
            std::string::npos)
      << out;
}

TEST(SyntaxAst, FieldsAndSpans) {
  auto p = parse(kEnglish);
  ASSERT_TRUE(p->file) << p->text();
  const ast::File& file = *p->file;
  ASSERT_TRUE(file.header);
  EXPECT_EQ(file.header->level, ast::Level::City);
  EXPECT_EQ(file.header->jurisdiction, "361100");
  EXPECT_EQ(file.header->span.line, 2u);
  EXPECT_EQ(file.path, "input.zr");

  const ast::RuleDecl& t01 = ruleAt(file, 0);
  EXPECT_EQ(t01.id, "T-01");
  EXPECT_EQ(t01.dimension, ast::Dimension::Layout);
  EXPECT_EQ(t01.effect, ast::Effect::Forbid);
  ASSERT_TRUE(t01.qualifier);
  EXPECT_EQ(t01.cite, "《条例》第一条");
  EXPECT_EQ(t01.effectiveFrom, "2025-01-01");
  EXPECT_EQ(t01.effectiveUntil, "2030-12-31");
  ASSERT_EQ(t01.scope.atoms.size(), 5u);  // flattened from the scope block
  EXPECT_EQ(t01.scope.atoms[0].kind, ast::ScopeAtom::Kind::Class);
  EXPECT_EQ(t01.scope.atoms[0].unitClass, ast::UnitClass::Key);
  EXPECT_EQ(t01.scope.atoms[2].name, "361102");
  EXPECT_EQ(t01.idSpan.file, 1u);
  EXPECT_EQ(t01.idSpan.line, 27u);
  EXPECT_EQ(t01.idSpan.column, 6u);
  EXPECT_EQ(t01.idSpan.endColumn, 10u);
  EXPECT_EQ(t01.span.line, 27u);
  EXPECT_EQ(t01.span.endLine, 31u);
  EXPECT_EQ(t01.citeSpan.line, 30u);
  EXPECT_EQ(t01.effectiveSpan.line, 31u);

  const ast::RuleDecl& t03 = ruleAt(file, 2);
  EXPECT_TRUE(t03.scope.atoms.empty());
  EXPECT_EQ(t03.effect, ast::Effect::Limit);
  const auto& compare = std::get<ast::Compare>(t03.condition->node);
  const auto& number = std::get<ast::NumberLit>(compare.rhs->node);
  EXPECT_DOUBLE_EQ(number.value, 5.0);
  EXPECT_EQ(number.unit, "t/a");
  EXPECT_EQ(number.text, "5 t/a");

  const ast::RuleDecl& t05 = ruleAt(file, 4);
  EXPECT_TRUE(t05.isRefine);
  EXPECT_EQ(t05.refines, "JX-K-07");
  EXPECT_EQ(t05.id, "T-05");
  const ast::RuleDecl& t06 = ruleAt(file, 5);
  EXPECT_EQ(t06.refines, "JX-K-08");
  EXPECT_EQ(t06.id, "");
  EXPECT_FALSE(t06.dimension);
}

TEST(SyntaxAst, ColumnsCountCodePoints) {
  auto p = parse(kHeaderZh + "规则 T-01 污染物排放管控 \"标题\": 禁止 项目.vocs > 10 t/a\n");
  ASSERT_TRUE(p->file) << p->text();
  const ast::RuleDecl& rule = ruleAt(*p->file, 0);
  EXPECT_EQ(rule.idSpan.column, 4u);
  const auto& compare = std::get<ast::Compare>(rule.condition->node);
  EXPECT_EQ(rule.condition->span.column, 26u);  // 项目 is two code points, not six bytes
  EXPECT_EQ(compare.lhs->span.endColumn, 33u);
  EXPECT_EQ(std::get<ast::AttrRef>(compare.lhs->node).name, "vocs");
}

TEST(SyntaxAst, StringsAndNames) {
  auto p = parse(kHeaderEn +
                 "set s of project = {\"a\\\"b\\\\c\", “中文”, 2025-01-01, 1.5 km, x}\n"
                 "attribute as : bool\n"
                 "attribute industry : set<industry>\n"
                 "rule A layout: forbid project.industry in s and project.as and project.rule\n"
                 "module std.nation.yangtze level nation\n");
  // (the misplaced module line is an error; see below — here only the strings matter)
  EXPECT_FALSE(p->file);
  p = parse(
      "module std.nation.yangtze level nation\n"
      "set s of project = {\"a\\\"b\\\\c\", “中文”, 2025-01-01, 1.5 km, x}\n"
      "attribute as : bool\n"
      "rule A layout: forbid project.industry in s and project.as and project.rule\n");
  ASSERT_TRUE(p->file) << p->text();
  ASSERT_TRUE(p->file->module);
  EXPECT_EQ(p->file->module->name, "std.nation.yangtze");
  EXPECT_EQ(p->file->module->level, ast::Level::Nation);
  const auto& set = std::get<ast::SetDecl>(p->file->decls[0]);
  ASSERT_EQ(set.elements.size(), 5u);
  EXPECT_EQ(std::get<ast::StringLit>(set.elements[0]->node).value, "a\"b\\c");
  EXPECT_EQ(std::get<ast::StringLit>(set.elements[1]->node).value, "中文");
  EXPECT_EQ(std::get<ast::DateLit>(set.elements[2]->node).value, "2025-01-01");
  EXPECT_EQ(std::get<ast::NumberLit>(set.elements[3]->node).unit, "km");
  EXPECT_EQ(std::get<ast::NameRef>(set.elements[4]->node).name, "x");
  EXPECT_EQ(std::get<ast::AttributeDecl>(p->file->decls[1]).name, "as");
}

TEST(SyntaxAst, RepositorySourcesParse) {
  namespace fs = std::filesystem;
  std::size_t files = 0;
  for (const char* dir : {"stdlib-rules", "examples", "tests/golden"}) {
    fs::path root = fs::path(ZR_SOURCE_DIR) / dir;
    if (!fs::exists(root)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (entry.path().extension() != ".zr") continue;
      if (entry.path().string().find("/golden/parse/") != std::string::npos) continue;  // mistakes
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream buffer;
      buffer << in.rdbuf();
      auto p = parse(buffer.str(), entry.path().string());
      EXPECT_TRUE(p->file) << p->text();
      ++files;
    }
  }
  EXPECT_GT(files, 0u);
}

// ---- input limits -----------------------------------------------------------------------------

TEST(SyntaxLimits, InvalidUtf8) {
  struct Case {
    std::string text;
    std::uint32_t line, column;
  };
  const std::vector<Case> cases = {
      {"rule \xff", 1, 6},          {"// 中文\nab\xc3(", 2, 3},  // truncated two-byte sequence
      {"a\n\xc0\x80", 2, 1},                                     // overlong NUL
      {"\xed\xa0\x80", 1, 1},                                    // UTF-16 surrogate
      {"中\xf4\x90\x80\x80", 1, 2},                              // beyond U+10FFFF
      {"x \xe4\xb8", 1, 3},                                      // cut off at the end
  };
  for (const auto& c : cases) {
    auto p = parse(c.text);
    EXPECT_FALSE(p->file);
    ASSERT_EQ(p->codes(), std::vector<std::string>{"ZR0001"}) << p->text();
    EXPECT_EQ(p->sink.all()[0].span.line, c.line);
    EXPECT_EQ(p->sink.all()[0].span.column, c.column);
  }
}

TEST(SyntaxLimits, ByteOrderMark) {
  auto p = parse("\xEF\xBB\xBF" + kHeaderEn + "rule A layout: forbid project.a\n");
  ASSERT_TRUE(p->file) << p->text();
  EXPECT_EQ(p->file->header->span.column, 1u);
}

TEST(SyntaxLimits, FileOver16MiB) {
  std::string text = kHeaderEn + "// " + std::string(syntax::kMaxFileBytes, 'x') + "\n";
  auto p = parse(text);
  EXPECT_FALSE(p->file);
  EXPECT_EQ(p->codes(), std::vector<std::string>{"ZR0002"});
}

TEST(SyntaxLimits, HundredThousandNestedParentheses) {
  std::string text = kHeaderEn + "rule A layout \"x\":\n  forbid " + std::string(100000, '(') +
                     "project.a" + std::string(100000, ')') + "\n";
  auto p = parse(text);
  EXPECT_FALSE(p->file);
  ASSERT_EQ(p->codes(), std::vector<std::string>{"ZR0003"});
  EXPECT_EQ(p->sink.all()[0].span.line, 3u);
  EXPECT_EQ(p->sink.all()[0].span.column, 10u + 256u);  // the 257th '('
}

TEST(SyntaxLimits, NestingLimitIsExact) {
  auto nested = [](std::size_t depth) {
    return kHeaderEn + "rule A layout: forbid " + std::string(depth, '(') + "project.a" +
           std::string(depth, ')') + "\n";
  };
  // The rule body adds no level; 256 parentheses are accepted, 257 are not.
  EXPECT_TRUE(parse(nested(syntax::kMaxNesting))->file);
  EXPECT_EQ(parse(nested(syntax::kMaxNesting + 1))->codes(), std::vector<std::string>{"ZR0003"});
}

TEST(SyntaxLimits, OtherDeepNesting) {
  std::string nots;
  for (int i = 0; i < 100000; ++i) nots += "not ";
  EXPECT_EQ(parse(kHeaderEn + "rule A layout: forbid " + nots + "project.a\n")->codes(),
            std::vector<std::string>{"ZR0003"});
  std::string types;
  for (int i = 0; i < 100000; ++i) types += "set<";
  EXPECT_EQ(
      parse(kHeaderEn + "attribute x : " + types + "industry" + std::string(100000, '>'))->codes(),
      std::vector<std::string>{"ZR0003"});
  EXPECT_EQ(parse(kHeaderEn + "set s of x = " + std::string(100000, '{') + std::string(100000, '}'))
                ->codes(),
            std::vector<std::string>{"ZR0003"});
  // Many `not`s in sequence are not nested.
  std::string flat = "project.a";
  for (int i = 0; i < 1000; ++i) flat += " and not project.b";
  EXPECT_TRUE(parse(kHeaderEn + "rule A layout: forbid " + flat + "\n")->file);
}

TEST(SyntaxLimits, VeryLongConditionIsRefusedNotCrashed) {
  std::string chain = "project.a";
  for (int i = 0; i < 100000; ++i) chain += " or project.b";
  auto p = parse(kHeaderEn + "rule A layout: forbid " + chain + "\n");
  EXPECT_FALSE(p->file);
  EXPECT_EQ(p->codes(), std::vector<std::string>{"ZR0003"});
  std::string shorter = "project.a";
  for (int i = 0; i < 1000; ++i) shorter += " or project.b";
  EXPECT_TRUE(parse(kHeaderEn + "rule A layout: forbid " + shorter + "\n")->file);
}

TEST(SyntaxLimits, TenMegabyteFile) {
  const std::string rule =
      "rule R-%d emission \"传输通道城市新建涉VOCs项目倍量替代\":\n"
      "  require project.vocs_offset_ratio >= 2.0\n"
      "    when project.vocs > 0 t/a and project.change in {new, expansion, renovation}\n"
      "  cite \"《关于深入打好污染防治攻坚战的实施意见》(十二)\"\n";
  std::string text = kHeaderEn;
  text.reserve(10u * 1024u * 1024u + 1024u);
  int count = 0;
  while (text.size() < 10u * 1024u * 1024u) {
    std::string r = rule;
    r.replace(r.find("%d"), 2, std::to_string(count++));
    text += r;
  }
  auto start = std::chrono::steady_clock::now();
  auto p = parse(text);
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(p->file) << p->text();
  EXPECT_EQ(p->file->decls.size(), static_cast<std::size_t>(count));
  RecordProperty("parse_seconds", std::to_string(seconds));
  // The last rule is where it should be: spans stay exact over a long file.
  const auto& last = std::get<ast::RuleDecl>(p->file->decls.back());
  EXPECT_EQ(last.span.line, 2u + 4u * static_cast<std::uint32_t>(count - 1));
}

// ---- drafting mistakes ------------------------------------------------------------------------

struct Mistake {
  const char* code;
  const char* english;  // after the header line
  const char* chinese;
  std::uint32_t line, column;  // of the diagnostic (the header is line 1)
  std::uint32_t zhColumn;
};

const std::vector<Mistake> kMistakes = {
    {"ZR0101", "rule T-01 emission \"VOCs\"\n  forbid project.vocs > 10 t/a\n",
     "规则 T-01 污染物排放管控 \"VOCs\"\n  禁止 项目.vocs > 10 t/a\n", 2, 26, 23},
    {"ZR0102", "rule T-01 \"VOCs\":\n  forbid project.vocs > 10 t/a\n",
     "规则 T-01 \"VOCs\":\n  禁止 项目.vocs > 10 t/a\n", 2, 10, 8},
    {"ZR0102", "rule T-01 emision \"VOCs\":\n  forbid project.vocs > 10 t/a\n",
     "规则 T-01 污染物排放 \"VOCs\":\n  禁止 项目.vocs > 10 t/a\n", 2, 11, 9},
    {"ZR0103", "rule T-01 layout \"x\":\n  forbid project.change = new\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.change = new\n", 3, 25, 16},
    {"ZR0104", "rule T-01 layout \"x\":\n  forbid project.a && project.b\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.a && 项目.b\n", 3, 20, 11},
    {"ZR0104", "rule T-01 layout \"x\":\n  forbid project.a || project.b\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.a || 项目.b\n", 3, 20, 11},
    {"ZR0104", "rule T-01 layout \"x\":\n  forbid !project.a\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 !项目.a\n", 3, 10, 6},
    {"ZR0105", "rule T-01 layout \"x:\n  forbid project.a\n",
     "规则 T-01 空间布局约束 “x:\n  禁止 项目.a\n", 2, 18, 16},
    {"ZR0106", "rule T-01 layout \"x\":\n  forbid (project.a or project.b\n  cite \"c\"\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 (项目.a 或 项目.b\n  依据 \"c\"\n", 3, 10, 6},
    {"ZR0106", "scope class key {\n  rule T-01 layout \"x\":\n    forbid project.a\n",
     "范围 类别 重点管控 {\n  规则 T-01 空间布局约束 \"x\":\n    禁止 项目.a\n", 2, 17, 12},
    {"ZR0106", "rule T-01 layout \"x\":\n  forbid project.a)\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.a)\n", 3, 19, 10},
    {"ZR0107", "rule T-01 layout \"x\":\n  cite \"c\"\n",
     "规则 T-01 空间布局约束 \"x\":\n  依据 \"c\"\n", 2, 22, 20},
    {"ZR0108", "rule T-01 layout \"x\":\n  forbid project.a\n  cite 《条例》\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.a\n  依据 《条例》\n", 4, 8, 6},
    {"ZR0108", "rule T-01 layout \"x\":\n  forbid project.a\n  cite\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.a\n  依据\n", 4, 7, 5},
    {"ZR0109", "rule T-01 layout \"x\":\n  forbid project.change in {new expansion}\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.change 属于 {new expansion}\n", 3, 32, 23},
    {"ZR0109", "import std.schema std.industry\n", "导入 std.schema std.industry\n", 2, 18, 14},
    {"ZR0110", "rule T-01 layout \"x\":\n  forbidd project.a\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁至 项目.a\n", 3, 3, 3},
    {"ZR0110", "rulle T-01 layout \"x\":\n  forbid project.a\n",
     "规责 T-01 空间布局约束 \"x\":\n  禁止 项目.a\n", 2, 1, 1},
    {"ZR0110", "rule T-01 layout \"x\":\n  require project.a >= 2 whenn project.b\n",
     "规则 T-01 空间布局约束 \"x\":\n  要求 项目.a >= 2 当项目.b\n", 3, 26, 16},
    {"ZR0111", "rule T-01 layout \"x\":\n  forbid project.distance < km 1\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.distance < km 1\n", 3, 29, 20},
    {"ZR0112", "rule T-01 layout \"x\":\n  forbid project.a\nmodule std.x\n",
     "规则 T-01 空间布局约束 \"x\":\n  禁止 项目.a\n模块 std.x\n", 4, 1, 1},
    {"ZR0113", "rule T-01 layout \"x\"：\n  forbid project.a\n",
     "规则 T-01 空间布局约束 \"x\"：\n  禁止 项目.a\n", 2, 21, 19},
};

TEST(SyntaxMistakes, EachHasItsCodeInBothDialects) {
  for (const auto& m : kMistakes) {
    for (bool chinese : {false, true}) {
      std::string text = (chinese ? kHeaderZh : kHeaderEn) + (chinese ? m.chinese : m.english);
      auto p = parse(text);
      SCOPED_TRACE(text);
      EXPECT_FALSE(p->file);
      ASSERT_EQ(p->codes(), std::vector<std::string>{m.code}) << p->text();
      const Diagnostic& d = p->sink.all()[0];
      EXPECT_EQ(d.span.line, m.line) << p->text();
      EXPECT_EQ(d.span.column, chinese ? m.zhColumn : m.column) << p->text();
      EXPECT_FALSE(d.hint.empty()) << p->text();
    }
  }
}

TEST(SyntaxMistakes, MessagesAreOurOwn) {
  const std::vector<std::string> inputs = {
      "rule A layout: forbid project.a > > 3\n",
      "rule A layout: forbid project.a and\nrule B layout: forbid project.b\n",
      "rule A layout: forbid project.a\n  unles project.b\n",
      "set s of x = {a, b} cite\n",
      "attribute x : integer\n",
      "region r = counties(360100 360200)\n",
      "unit U \"u\" class keyy county 361102\n",
      "scope class key { rule A layout: forbid project.a set s of x }\n",
      "rule A layout: forbid project.a } \n",
      "rule A layout: forbid project.a;\n",
      "rule A layout: forbid project.a when project.b\n",
      "rule A layout: require project.a unless project.b\n",
      "rule A layout: forbid project.a cite \"x\" cite \"y\"\n",
      "rule A layout: forbid (project.a > 1) + 2 > 3\n",
      "accesslist \"a\" level province jurisdiction 360000\n",
      "rule",
      "rule A",
      "define = 3",
      "extend s += {a}} ",
  };
  for (const auto& input : inputs) {
    auto p = parse(kHeaderEn + input);
    SCOPED_TRACE(input);
    EXPECT_FALSE(p->file);
    ASSERT_FALSE(p->sink.all().empty());
    for (const auto& d : p->sink.all()) {
      for (const char* antlr : {"extraneous", "mismatched", "viable", "token recognition", "<EOF>",
                                "expecting", " at '"}) {
        EXPECT_EQ(d.message.find(antlr), std::string::npos) << d.message;
      }
      EXPECT_TRUE(d.code.rfind("ZR01", 0) == 0) << d.code << " " << d.message;
    }
  }
}

TEST(SyntaxMistakes, OneErrorPerStatement) {
  // Two errors in one rule: one report. Errors in two rules: two reports.
  auto p = parse(kHeaderEn + "rule A layout: forbid project.a = 1 && project.b = 2\n");
  EXPECT_EQ(p->codes(), std::vector<std::string>{"ZR0103"});
  p = parse(kHeaderEn +
            "rule A layout: forbid project.a > > 1\n"
            "rule B layout: forbid project.b = 1\n"
            "rule C layout: forbid project.c\n"
            "rule D layout \"x\"\n  forbid project.d\n");
  EXPECT_EQ(p->codes(), (std::vector<std::string>{"ZR0100", "ZR0103", "ZR0101"})) << p->text();
  // Error recovery does not restart at project.industry (a keyword used as a name).
  p = parse(kHeaderEn + "rule A layout: forbid project.a > > project.industry in x\n");
  EXPECT_EQ(p->codes(), std::vector<std::string>{"ZR0100"}) << p->text();
}

TEST(SyntaxMistakes, ExpectedTokensInPlainWords) {
  auto p = parse(kHeaderEn + "rule A layout: forbid project.a > > 3\n");
  ASSERT_EQ(p->sink.all().size(), 1u);
  EXPECT_EQ(p->sink.all()[0].message, "syntax error: unexpected '>', expected a value");
  p = parse(kHeaderEn + "unit U \"u\" class important county 361102\n");
  ASSERT_EQ(p->sink.all().size(), 1u);
  EXPECT_EQ(p->sink.all()[0].message,
            "syntax error: unexpected name 'important', expected 'priority', 'key' or 'general'");
  p = parse(kHeaderZh + "单元 U \"u\" 类别 甲类 区县 361102\n");
  ASSERT_EQ(p->sink.all().size(), 1u);
  EXPECT_EQ(p->sink.all()[0].message,
            "syntax error: unexpected name '甲类', expected '优先保护', '重点管控' or '一般管控'");
  // A close word is a misspelling (ZR0110).
  p = parse(kHeaderEn + "unit U \"u\" class keyy county 361102\n");
  ASSERT_EQ(p->codes(), std::vector<std::string>{"ZR0110"});
  EXPECT_EQ(p->sink.all()[0].hint, "did you mean 'key'?");
}

TEST(SyntaxMistakes, RenderedMissingColon) {
  auto p = parse(kHeaderEn + "rule T-01 emission \"VOCs\"\n  forbid project.vocs > 10 t/a\n");
  EXPECT_EQ(p->text(),
            "input.zr:2:26: error[ZR0101]: missing ':' after the header of rule T-01\n"
            "rule T-01 emission \"VOCs\"\n"
            "                         ^\n"
            "hint: a rule header ends with ':' before its effect, e.g. rule JX-K-07 emission "
            "\"…\": require …\n");
}

}  // namespace
}  // namespace zr
