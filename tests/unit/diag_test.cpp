// compiler/diag: DiagnosticSink, SourceManager and the text / JSON renderers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "compiler/diag/Diagnostic.h"
#include "compiler/diag/Render.h"
#include "compiler/diag/SourceManager.h"

namespace zr {
namespace {

SourceSpan at(std::uint32_t file, std::uint32_t line, std::uint32_t column, std::uint32_t endLine,
              std::uint32_t endColumn) {
  return SourceSpan{file, line, column, endLine, endColumn};
}

TEST(DiagSourceManager, LinesAndPaths) {
  SourceManager sources;
  std::uint32_t a = sources.add("a.zr", "one\r\ntwo\n\nfour");
  std::uint32_t b = sources.add("b.zr",
                                "\xEF\xBB\xBF"
                                "bom\nnext\n");
  EXPECT_EQ(a, 1u);
  EXPECT_EQ(b, 2u);
  EXPECT_EQ(sources.fileCount(), 2u);
  EXPECT_EQ(sources.path(a), "a.zr");
  EXPECT_EQ(sources.line(a, 1), "one");  // \r dropped
  EXPECT_EQ(sources.line(a, 2), "two");
  EXPECT_EQ(sources.line(a, 3), "");
  EXPECT_EQ(sources.line(a, 4), "four");
  EXPECT_EQ(sources.line(a, 5), "");
  EXPECT_EQ(sources.line(a, 0), "");
  EXPECT_EQ(sources.line(b, 1), "bom");  // the byte-order mark is not text
  EXPECT_EQ(sources.line(b, 3), "");     // after the final newline
  EXPECT_EQ(sources.line(9, 1), "");
  EXPECT_EQ(sources.path(0), "");
  EXPECT_EQ(sources.text(b),
            "\xEF\xBB\xBF"
            "bom\nnext\n");
}

TEST(DiagSink, CountsAndSortsStably) {
  DiagnosticSink sink;
  sink.error("ZR0201", at(2, 1, 1, 1, 2), "c");
  sink.warning("ZR0410", at(1, 5, 3, 5, 4), "b");
  sink.error("ZR0301", at(1, 5, 3, 5, 4), "a2");
  sink.error("ZR0301", at(1, 5, 3, 5, 4), "a1");
  Diagnostic note;
  note.code = "ZR0001";
  note.severity = Severity::Note;
  sink.report(note);
  EXPECT_EQ(sink.errorCount(), 3u);
  EXPECT_TRUE(sink.hasErrors());
  sink.sortByLocation();
  std::vector<std::string> order;
  for (const auto& d : sink.all()) order.push_back(d.message);
  // No file first; then file, line, column, code; ties keep their order.
  EXPECT_EQ(order, (std::vector<std::string>{"", "a2", "a1", "b", "c"}));
  EXPECT_STREQ(severityName(Severity::Error), "error");
  EXPECT_STREQ(severityName(Severity::Warning), "warning");
  EXPECT_STREQ(severityName(Severity::Note), "note");
}

TEST(DiagRender, TextWithCaretNotesAndHint) {
  SourceManager sources;
  std::uint32_t f =
      sources.add("x.zr", "rule T-01 emission \"VOCs\":\n  forbid project.voc > 10 t/a\n");
  Diagnostic d;
  d.code = "ZR0201";
  d.message = "unknown attribute 'project.voc'";
  d.span = at(f, 2, 10, 2, 21);
  d.notes.push_back({at(f, 1, 6, 1, 10), "in rule T-01"});
  d.notes.push_back({SourceSpan{}, "attributes come from std.schema"});
  d.hint = "did you mean 'vocs'?";
  EXPECT_EQ(renderText(d, sources),
            "x.zr:2:10: error[ZR0201]: unknown attribute 'project.voc'\n"
            "  forbid project.voc > 10 t/a\n"
            "         ^~~~~~~~~~~\n"
            "x.zr:1:6: note: in rule T-01\n"
            "note: attributes come from std.schema\n"
            "hint: did you mean 'vocs'?\n");
}

TEST(DiagRender, WideCharactersTabsAndLongSpans) {
  SourceManager sources;
  std::uint32_t f = sources.add("中.zr", "规则 A 污染物排放管控:\n\t禁止 项目.x > 1\n(a\n b)");
  Diagnostic d;
  d.code = "ZR0102";
  d.severity = Severity::Warning;
  d.message = "m";
  d.span = at(f, 1, 6, 1, 13);  // 污染物排放管控: 7 wide characters
  EXPECT_EQ(renderText(d, sources),
            "中.zr:1:6: warning[ZR0102]: m\n"
            "规则 A 污染物排放管控:\n"
            "       ^~~~~~~~~~~~~~\n");
  d.span = at(f, 2, 5, 2, 9);  // 项目.x after a tab and two wide characters
  EXPECT_EQ(renderText(d, sources),
            "中.zr:2:5: warning[ZR0102]: m\n"
            "\t禁止 项目.x > 1\n"
            "\t     ^~~~~~\n");
  d.span = at(f, 3, 1, 4, 3);  // continues on the next line: '~' to the end of this one
  EXPECT_EQ(renderText(d, sources), "中.zr:3:1: warning[ZR0102]: m\n(a\n^~\n");
  d.span = at(f, 4, 4, 4, 5);  // just past the end of the line
  EXPECT_EQ(renderText(d, sources), "中.zr:4:4: warning[ZR0102]: m\n b)\n   ^\n");
}

TEST(DiagRender, InvalidBytesAndNoLocation) {
  SourceManager sources;
  std::uint32_t f = sources.add("bad.zr",
                                "ab\xff"
                                "cd");
  Diagnostic d;
  d.code = "ZR0001";
  d.message = "not UTF-8";
  d.span = at(f, 1, 3, 1, 4);
  EXPECT_EQ(renderText(d, sources),
            "bad.zr:1:3: error[ZR0001]: not UTF-8\nab\xEF\xBF\xBD"
            "cd\n  ^\n");
  Diagnostic none;
  none.code = "ZR0004";
  none.message = "cannot read 'x.zr'";
  EXPECT_EQ(renderText(std::vector<Diagnostic>{none, none}, sources),
            "error[ZR0004]: cannot read 'x.zr'\nerror[ZR0004]: cannot read 'x.zr'\n");
}

TEST(DiagRender, JsonHasFixedKeysInOrder) {
  SourceManager sources;
  std::uint32_t f = sources.add("x.zr", "rule A:\n");
  Diagnostic d;
  d.code = "ZR0102";
  d.message = "rule A has no dimension";
  d.span = at(f, 1, 7, 1, 8);
  d.notes.push_back({at(f, 1, 1, 1, 5), "here"});
  d.notes.push_back({SourceSpan{}, "elsewhere"});
  d.hint = "写 layout";
  Diagnostic bare;
  bare.code = "ZR0004";
  bare.severity = Severity::Warning;
  bare.message = "m";
  std::string json = renderJson({d, bare}, sources);
  EXPECT_EQ(json, R"([
  {
    "code": "ZR0102",
    "severity": "error",
    "message": "rule A has no dimension",
    "file": "x.zr",
    "line": 1,
    "column": 7,
    "end_line": 1,
    "end_column": 8,
    "notes": [
      {
        "file": "x.zr",
        "line": 1,
        "column": 1,
        "message": "here"
      },
      {
        "file": null,
        "line": null,
        "column": null,
        "message": "elsewhere"
      }
    ],
    "hint": "写 layout"
  },
  {
    "code": "ZR0004",
    "severity": "warning",
    "message": "m",
    "file": null,
    "line": null,
    "column": null,
    "end_line": null,
    "end_column": null,
    "notes": [],
    "hint": null
  }
])");
  EXPECT_TRUE(nlohmann::json::accept(json));
  EXPECT_EQ(renderJson({}, sources), "[]");
}

}  // namespace
}  // namespace zr
