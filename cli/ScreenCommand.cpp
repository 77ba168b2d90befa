#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "cli/Commands.h"
#include "cli/Diagnostics.h"
#include "cli/GeometryInput.h"
#include "cli/LineReader.h"
#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"
#include "runtime/eval/RecordWriter.h"
#include "runtime/ir/BundleIO.h"
#include "runtime/util/Date.h"

namespace zr::cli {

void registerScreen(CLI::App& app, ScreenOptions& options) {
  auto* cmd = app.add_subcommand(
      "screen", "Screen project descriptors (JSON Lines) and print one verdict record per line");
  cmd->add_option("--bundle", options.bundle, "A compiled bundle (.zrb)");
  cmd->add_option("inputs", options.inputs,
                  "Sources (.zr, instead of --bundle) and the projects file (.jsonl, or - for "
                  "standard input, the default)");
  cmd->add_option("--format", options.format, "json (JSON Lines, default) or text (a report)")
      ->check(CLI::IsMember({"json", "text"}));
  cmd->add_option("--lang", options.lang, "Labels of the text report: en or zh")
      ->check(CLI::IsMember({"en", "zh"}));
  cmd->add_option("--date", options.date,
                  "Screening date YYYY-MM-DD for rules with effective dates (a descriptor's own "
                  "\"date\" wins); without it every rule applies");
  cmd->add_option("--geometry", options.geometry,
                  "Unit boundaries (.geojson or .shp, property \"code\"); see docs/geometry.md");
  cmd->add_option("--layers", options.layers,
                  "Named layers: rivers, lakes, protection zones (.geojson or .shp, property "
                  "\"name\")");
  cmd->footer(
      "Every input line gives exactly one output line, in order. A malformed or invalid line "
      "gives\n  {\"line\": N, \"error\": {\"code\": …, \"message\": …}}\nand screening goes on.\n"
      "Exit status: 0 all lines screened, 1 some lines were errors or the sources/bundle are "
      "invalid, 2 usage or I/O.\n"
      "Example: zr screen --bundle jiangxi.zrb examples/jiangxi/projects/screening.jsonl");
}

namespace {

class Output {
 public:
  ~Output() { flush(); }
  std::string& buffer() { return buffer_; }
  void maybeFlush() {
    if (buffer_.size() >= (1u << 20)) flush();
  }
  void flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
    buffer_.clear();
  }

 private:
  std::string buffer_;
};

}  // namespace

int runScreen(const ScreenOptions& options, const CommonOptions& common) {
  std::vector<std::string> sources;
  std::string projects = "-";
  int projectFiles = 0;
  for (const auto& input : options.inputs) {
    if (input.ends_with(".zr")) {
      sources.push_back(input);
    } else {
      projects = input;
      ++projectFiles;
    }
  }
  if (projectFiles > 1 || (options.bundle.empty() == sources.empty())) {
    fmt::print(stderr,
               "zr screen: give either --bundle B.zrb or .zr sources, and at most one projects "
               "file (see zr help screen)\n");
    return kExitUsage;
  }
  std::int32_t date = INT32_MIN;
  if (!options.date.empty() && !util::parseDate(options.date, date)) {
    fmt::print(stderr, "zr screen: --date '{}' is not a date (YYYY-MM-DD)\n", options.date);
    return kExitUsage;
  }

  ir::Bundle bundle;
  if (int status = loadBundle("screen", options.bundle, sources, common, bundle)) return status;
  // Sites resolve to units and spatial facts are computed only when geometry is given.
  std::unique_ptr<eval::SpatialContext> spatial;
  int geometryStatus = kExitOk;  // kExitInputErrors when invalid features were left out
  if (!options.geometry.empty() || !options.layers.empty()) {
    spatial = loadGeometry("screen", bundle, options.geometry, options.layers, geometryStatus);
    if (geometryStatus == kExitUsage) return geometryStatus;
  }

  LineReader reader(projects);
  if (!reader.ok()) {
    fmt::print(stderr, "zr screen: cannot read '{}'\n", projects);
    return kExitUsage;
  }
  eval::DescriptorParser parser(bundle);
  eval::Evaluator evaluator(bundle);
  eval::RecordWriter writer(bundle);
  eval::Lang lang = options.lang == "zh" ? eval::Lang::Zh : eval::Lang::En;
  bool text = options.format == "text";
  eval::Facts facts;
  eval::Screening screening;
  Output output;
  std::size_t lineNumber = 0, errors = 0;
  std::string_view line;
  while (reader.next(line)) {
    ++lineNumber;
    std::optional<eval::RecordError> error;
    if (reader.tooLong()) {
      error = eval::RecordError{"ZR1005", fmt::format("line is longer than {} bytes",
                                                      LineReader::kMaxLine)};
    } else {
      error = parser.parse(line, facts);
    }
    if (error) {
      ++errors;
      if (text) {
        writer.writeErrorText(lineNumber, *error, output.buffer(), lang);
      } else {
        writer.writeErrorJson(lineNumber, *error, output.buffer());
      }
      output.maybeFlush();
      continue;
    }
    if (facts.date == INT32_MIN) facts.date = date;
    // TODO(spatial): pass to screening
    evaluator.screen(facts, screening);
    if (text) {
      writer.writeRecordText(facts, screening, output.buffer(), lang);
    } else {
      writer.writeRecordJson(facts, screening, output.buffer());
    }
    output.maybeFlush();
  }
  output.flush();
  return errors || geometryStatus != kExitOk ? kExitInputErrors : kExitOk;
}

}  // namespace zr::cli
