// `zr screen --format html`: one self-contained HTML page for people — each project's text
// report and, when unit boundaries are loaded and the site is a geometry, its map (the SVG of
// `zr map`, drawn over the county or city the site lies in) — and a tally of the verdicts.
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include "runtime/eval/Evaluator.h"
#include "runtime/eval/Facts.h"
#include "runtime/eval/RecordError.h"
#include "runtime/eval/RecordWriter.h"
#include "runtime/geo/GeoContext.h"
#include "runtime/ir/Ir.h"

namespace zr::cli {

class HtmlReport {
 public:
  // `context` may be null (no maps). All must outlive the report.
  HtmlReport(const ir::Bundle& bundle, const geo::GeoContext* context, eval::RecordWriter& writer,
             eval::Lang lang);

  void begin(std::string& out) const;
  void record(std::size_t line, const eval::Facts& facts, const eval::Screening& screening,
              std::string& out);
  void error(std::size_t line, const eval::RecordError& error, std::string& out);
  void end(std::string& out) const;

 private:
  // The map of a geometry site: the smallest of county, city or province holding its units.
  std::string siteMap(const eval::Facts& facts) const;

  const ir::Bundle& bundle_;
  const geo::GeoContext* context_;
  eval::RecordWriter& writer_;
  eval::Lang lang_;
  std::array<std::size_t, 4> verdicts_{};  // by eval::Verdict
  std::size_t errors_ = 0;
  std::string text_;  // one record's text report, reused
};

}  // namespace zr::cli
