#include "compiler/syntax/Keywords.h"

#include <algorithm>

#include "ZrLexer.h"
#include "compiler/syntax/TokenFactory.h"

namespace zr::syntax {

// Keep in step with grammar/ZrLexer.g4 (a unit test lexes every spelling listed here).
const std::vector<Keyword>& keywordTable() {
  static const std::vector<Keyword> table = {
      {zr_gen::ZrLexer::ACCESSLIST, "accesslist", {"准入清单"}},
      {zr_gen::ZrLexer::MODULE, "module", {"模块"}},
      {zr_gen::ZrLexer::LEVEL, "level", {"层级"}},
      {zr_gen::ZrLexer::NATION, "nation", {"国家级"}},
      {zr_gen::ZrLexer::PROVINCE, "province", {"省级"}},
      {zr_gen::ZrLexer::CITY, "city", {"市级"}},
      {zr_gen::ZrLexer::JURISDICTION, "jurisdiction", {"辖区"}},
      {zr_gen::ZrLexer::PARENT, "parent", {"上级"}},
      {zr_gen::ZrLexer::IMPORT, "import", {"导入"}},
      {zr_gen::ZrLexer::ATTRIBUTE, "attribute", {"属性"}},
      {zr_gen::ZrLexer::LABEL, "label", {"标签"}},
      {zr_gen::ZrLexer::INDUSTRY, "industry", {"行业"}},
      {zr_gen::ZrLexer::UNITS, "units", {"单元集"}},
      {zr_gen::ZrLexer::UNIT, "unit", {"单元"}},
      {zr_gen::ZrLexer::CLASS, "class", {"类别"}},
      {zr_gen::ZrLexer::PRIORITY, "priority", {"优先保护", "优先"}},
      {zr_gen::ZrLexer::KEY, "key", {"重点管控", "重点"}},
      {zr_gen::ZrLexer::GENERAL, "general", {"一般管控", "一般"}},
      {zr_gen::ZrLexer::COUNTIES, "counties", {"区县集"}},
      {zr_gen::ZrLexer::COUNTY, "county", {"区县"}},
      {zr_gen::ZrLexer::KIND, "kind", {"子类"}},
      {zr_gen::ZrLexer::REGION, "region", {"区域"}},
      {zr_gen::ZrLexer::CITIES, "cities", {"城市集"}},
      {zr_gen::ZrLexer::OPEN, "open", {"开放"}},
      {zr_gen::ZrLexer::SET, "set", {"集合"}},
      {zr_gen::ZrLexer::OF, "of", {"元素"}},
      {zr_gen::ZrLexer::EXTEND, "extend", {"扩充"}},
      {zr_gen::ZrLexer::FOR, "for", {"于"}},
      {zr_gen::ZrLexer::DEFINE, "define", {"定义"}},
      {zr_gen::ZrLexer::SCOPE, "scope", {"范围"}},
      {zr_gen::ZrLexer::ALL, "all", {"全部"}},
      {zr_gen::ZrLexer::RULE, "rule", {"规则"}},
      {zr_gen::ZrLexer::REFINE, "refine", {"细化"}},
      {zr_gen::ZrLexer::AS, "as", {"作为"}},
      {zr_gen::ZrLexer::FORBID, "forbid", {"禁止"}},
      {zr_gen::ZrLexer::UNLESS, "unless", {"除非"}},
      {zr_gen::ZrLexer::REQUIRE, "require", {"要求"}},
      {zr_gen::ZrLexer::WHEN, "when", {"当"}},
      {zr_gen::ZrLexer::LIMIT, "limit", {"限制"}},
      {zr_gen::ZrLexer::CITE, "cite", {"依据"}},
      {zr_gen::ZrLexer::EFFECTIVE, "effective", {"生效"}},
      {zr_gen::ZrLexer::FROM, "from", {"自"}},
      {zr_gen::ZrLexer::UNTIL, "until", {"至"}},
      {zr_gen::ZrLexer::AND, "and", {"且"}},
      {zr_gen::ZrLexer::OR, "or", {"或"}},
      {zr_gen::ZrLexer::NOT_IN, "not in", {"不属于"}},
      {zr_gen::ZrLexer::NOT, "not", {"非"}},
      {zr_gen::ZrLexer::IN, "in", {"属于"}},
      {zr_gen::ZrLexer::TRUE, "true", {"真"}},
      {zr_gen::ZrLexer::FALSE, "false", {"假"}},
      {zr_gen::ZrLexer::PROJECT, "project", {"项目"}},
      {zr_gen::ZrLexer::LAYOUT, "layout", {"空间布局约束", "区域布局管控", "空间布局引导"}},
      {zr_gen::ZrLexer::EMISSION, "emission", {"污染物排放管控"}},
      {zr_gen::ZrLexer::RISK, "risk", {"环境风险防控"}},
      {zr_gen::ZrLexer::RESOURCE, "resource", {"资源开发效率要求", "能源资源利用", "资源利用效率"}},
      {zr_gen::ZrLexer::BOOL, "bool", {"布尔"}},
      {zr_gen::ZrLexer::ENUM, "enum", {"枚举"}},
      {zr_gen::ZrLexer::NUMBER_TYPE, "number", {"数值"}},
      {zr_gen::ZrLexer::QUANTITY, "quantity", {"数量"}},
      {zr_gen::ZrLexer::STRING_TYPE, "string", {"文本"}},
      {zr_gen::ZrLexer::DATE_TYPE, "date", {"日期"}},
      {zr_gen::ZrLexer::LAYER, "layer", {"图层"}},
      {zr_gen::ZrLexer::DISTANCE_TO, "distance_to", {"距离"}},
      {zr_gen::ZrLexer::WITHIN, "within", {"位于"}},
  };
  return table;
}

const Keyword* findKeyword(std::size_t tokenType) {
  const auto& table = keywordTable();
  auto it = std::find_if(table.begin(), table.end(),
                         [&](const Keyword& k) { return k.token == tokenType; });
  return it == table.end() ? nullptr : &*it;
}

std::vector<std::size_t> lexTokenTypes(const std::string& text) {
  CodePointStream input(lexerInput(text));
  zr_gen::ZrLexer lexer(&input);
  lexer.removeErrorListeners();
  std::vector<std::size_t> types;
  for (auto token = lexer.nextToken(); token->getType() != antlr4::Token::EOF;
       token = lexer.nextToken())
    types.push_back(token->getType());
  return types;
}

}  // namespace zr::syntax
