#include "cli/HtmlReport.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "runtime/geo/SvgMap.h"

namespace zr::cli {
namespace {

struct Labels {
  const char* htmlLang;
  const char* title;
  const char* verdict[4];  // by eval::Verdict
  const char* errors;
  const char* total;
  const char* mapOf;
};

constexpr Labels kEn{"en",
                     "Environmental access screening report",
                     {"permitted", "conditional", "indeterminate", "refused"},
                     "lines that could not be screened",
                     "projects",
                     "Site and the control units it touches"};
constexpr Labels kZh{"zh-CN",
                     "生态环境准入研判报告",
                     {"准予准入", "有条件准入", "无法判定", "不予准入"},
                     "无法研判的行",
                     "项目数",
                     "选址与所涉管控单元"};

const Labels& labels(eval::Lang lang) { return lang == eval::Lang::Zh ? kZh : kEn; }

constexpr const char* kVerdictClass[4] = {"permitted", "conditional", "indeterminate", "refused"};

// Text in HTML element content and attribute values.
void appendEscaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
}

std::string lineLabel(eval::Lang lang, std::size_t line) {
  return lang == eval::Lang::Zh ? fmt::format("第 {} 行", line) : fmt::format("line {}", line);
}

constexpr std::string_view kStyle =
    "body{font-family:sans-serif;margin:2em;max-width:60em}"
    "section{border-left:6px solid #999;padding:0 1em;margin:1.5em 0}"
    "section.refused{border-color:#c62828}section.indeterminate{border-color:#f9a825}"
    "section.conditional{border-color:#1565c0}section.permitted{border-color:#2e7d32}"
    "section.error{border-color:#6a1b9a}"
    "pre{white-space:pre-wrap;font-size:0.9em}figure{margin:0}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:0.2em 0.6em}";

}  // namespace

HtmlReport::HtmlReport(const ir::Bundle& bundle, const geo::GeoContext* context,
                       eval::RecordWriter& writer, eval::Lang lang)
    : bundle_(bundle), context_(context), writer_(writer), lang_(lang) {}

void HtmlReport::begin(std::string& out) const {
  const Labels& l = labels(lang_);
  fmt::format_to(std::back_inserter(out),
                 "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                 "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
                 l.htmlLang, l.title, kStyle, l.title);
}

void HtmlReport::record(std::size_t line, const eval::Facts& facts,
                        const eval::Screening& screening, std::string& out) {
  const int verdict = static_cast<int>(screening.verdict);
  ++verdicts_[verdict];
  fmt::format_to(std::back_inserter(out), "<section class=\"{}\" id=\"line-{}\">\n<h2>{} · ",
                 kVerdictClass[verdict], line, lineLabel(lang_, line));
  appendEscaped(out, facts.project);
  fmt::format_to(std::back_inserter(out), " — {}</h2>\n<pre>", labels(lang_).verdict[verdict]);
  text_.clear();
  writer_.writeRecordText(facts, screening, text_, lang_);
  appendEscaped(out, text_);
  out += "</pre>\n";
  out += siteMap(facts);
  out += "</section>\n";
}

void HtmlReport::error(std::size_t line, const eval::RecordError& error, std::string& out) {
  ++errors_;
  fmt::format_to(std::back_inserter(out), "<section class=\"error\" id=\"line-{}\">\n<pre>", line);
  text_.clear();
  writer_.writeErrorText(line, error, text_, lang_);
  appendEscaped(out, text_);
  out += "</pre>\n</section>\n";
}

void HtmlReport::end(std::string& out) const {
  const Labels& l = labels(lang_);
  std::size_t total = 0;
  for (std::size_t n : verdicts_) total += n;
  fmt::format_to(std::back_inserter(out), "<table>\n<tr><th>{}</th><td>{}</td></tr>\n", l.total,
                 total);
  for (int v = 3; v >= 0; --v)
    fmt::format_to(std::back_inserter(out), "<tr class=\"{}\"><th>{}</th><td>{}</td></tr>\n",
                   kVerdictClass[v], l.verdict[v], verdicts_[v]);
  fmt::format_to(std::back_inserter(out), "<tr><th>{}</th><td>{}</td></tr>\n</table>\n", l.errors,
                 errors_);
  out += "</body>\n</html>\n";
}

std::string HtmlReport::siteMap(const eval::Facts& facts) const {
  if (!context_ || !facts.hasGeometry || facts.units.empty()) return {};
  // The digits after "ZH" that all the site's units share: 6 = one county, 4 = one city.
  std::string_view first = bundle_.units[facts.units.front()].code;
  std::size_t shared = first.size();
  for (std::uint32_t unit : facts.units) {
    std::string_view code = bundle_.units[unit].code;
    std::size_t n = 0;
    while (n < shared && n < code.size() && code[n] == first[n]) ++n;
    shared = n;
  }
  geo::MapRequest request;
  const std::size_t digits = shared >= 8 ? 6 : shared >= 6 ? 4 : 0;
  request.unitPrefix = std::string(first.substr(2, digits));
  request.site = facts.geometry;
  request.zh = lang_ == eval::Lang::Zh;
  request.width = 640;
  std::string svg = geo::renderSvgMap(bundle_, *context_, request);
  if (svg.empty()) return {};
  // Drop an XML declaration: inline SVG in HTML starts at the <svg> element.
  if (auto at = svg.find("<svg"); at != std::string::npos) svg.erase(0, at);
  std::string figure = "<figure>\n";
  figure += svg;
  figure += fmt::format("<figcaption>{}</figcaption>\n</figure>\n", labels(lang_).mapOf);
  return figure;
}

}  // namespace zr::cli
