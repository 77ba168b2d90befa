#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#if defined(__GLIBC__)
#include <malloc.h>
#include <sys/mman.h>
#endif

#include <fmt/format.h>

#include "cli/Commands.h"
#include "cli/Diagnostics.h"
#include "cli/GeometryInput.h"
#include "cli/HtmlReport.h"
#include "cli/LineReader.h"
#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"
#include "runtime/eval/FastDescriptor.h"
#include "runtime/eval/RecordWriter.h"
#include "runtime/eval/SpatialFacts.h"
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
  cmd->add_option("--format", options.format,
                  "json (JSON Lines, default), text (a report) or html (a report page with a map "
                  "of each site when --geometry is given)")
      ->check(CLI::IsMember({"json", "text", "html"}));
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
  // Written out every 64 KiB: a larger buffer would push the program's gates and rules out of
  // the core's cache while it fills.
  void maybeFlush() {
    if (buffer_.size() >= kFlushAt) flush();
  }
  void flush() {
    std::fwrite(buffer_.data(), 1, buffer_.size(), stdout);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kFlushAt = std::size_t{64} << 10;
  std::string buffer_;
};

}  // namespace

namespace {

// Reading a bundle allocates and frees tens of megabytes (the file, the JSON parser's buffers)
// just before the runtime structures are built: keeping freed memory in the heap instead of
// returning it to the system lets them reuse it rather than fault in fresh pages.
void keepFreedMemory() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 32 << 20);  // glibc's largest
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

// The bundle's tables are hundreds of thousands of small blocks, tens of megabytes in all,
// carved from the top of the heap: advising that stretch into huge pages before it is first
// written saves thousands of page faults. The block is freed at once and stays in the heap
// (keepFreedMemory) for them. Advice only: nothing changes where the system does not follow it.
void adviseHeapHugePages(std::size_t bytes) {
#if defined(__GLIBC__) && defined(MADV_HUGEPAGE)
  constexpr std::size_t kHuge = std::size_t{2} << 20;
  bytes = std::min(bytes, std::size_t{30} << 20);  // below M_MMAP_THRESHOLD: from the heap
  if (bytes < 2 * kHuge) return;
  void* block = std::malloc(bytes);
  if (!block) return;
  const auto start = reinterpret_cast<std::uintptr_t>(block);
  const std::uintptr_t first = (start + kHuge - 1) & ~(kHuge - 1),
                       last = (start + bytes) & ~(kHuge - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
  std::free(block);
#else
  (void)bytes;
#endif
}

}  // namespace

int runScreen(const ScreenOptions& options, const CommonOptions& common) {
  keepFreedMemory();
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

  if (!options.bundle.empty()) {
    std::error_code ignored;
    const auto size = std::filesystem::file_size(options.bundle, ignored);
    if (!ignored) adviseHeapHugePages(2 * static_cast<std::size_t>(size));
  }
  ir::Bundle bundle;
  if (int status = loadBundle("screen", options.bundle, sources, common, bundle)) return status;
  // Sites resolve to units and spatial facts are computed only when geometry is given.
  std::unique_ptr<geo::GeoContext> spatialContext;
  int geometryStatus = kExitOk;  // kExitInputErrors when invalid features were left out
  if (!options.geometry.empty() || !options.layers.empty()) {
    spatialContext =
        loadGeometry("screen", bundle, options.geometry, options.layers, geometryStatus);
    if (geometryStatus == kExitUsage) return geometryStatus;
  }

  LineReader reader(projects);
  if (!reader.ok()) {
    fmt::print(stderr, "zr screen: cannot read '{}'\n", projects);
    return kExitUsage;
  }
  eval::FastDescriptorParser parser(bundle);
  eval::Evaluator evaluator(bundle);
  eval::RecordWriter writer(bundle);
  // Without unit boundaries and layers (a null context) sites must be given by unit codes and
  // spatial facts stay unknown unless the descriptor gives them.
  eval::SpatialFacts spatial(bundle, spatialContext.get());
  eval::Lang lang = options.lang == "zh" ? eval::Lang::Zh : eval::Lang::En;
  bool text = options.format == "text";
  std::optional<HtmlReport> html;
  if (options.format == "html") html.emplace(bundle, spatialContext.get(), writer, lang);
  eval::Screening screening;
  Output output;
  if (html) html->begin(output.buffer());
  // Descriptors are screened in batches of up to kBatch (Evaluator::screenBatch asks for the
  // memory of the next few while it screens one); an error line first screens and writes the
  // batch before it. Records come out in input order.
  constexpr std::size_t kBatch = 16;
  std::vector<eval::Facts> batch(kBatch);
  std::size_t batchLines[kBatch];
  std::size_t pending = 0;
  auto screenPending = [&] {
    if (pending == 0) return;
    evaluator.screenBatch(std::span<const eval::Facts>(batch.data(), pending), screening,
                          [&](std::size_t i, const eval::Screening& result) {
                            if (html) {
                              html->record(batchLines[i], batch[i], result, output.buffer());
                            } else if (text) {
                              writer.writeRecordText(batch[i], result, output.buffer(), lang);
                            } else {
                              writer.writeRecordJson(batch[i], result, output.buffer());
                            }
                            output.maybeFlush();
                          });
    pending = 0;
  };
  std::size_t lineNumber = 0, errors = 0;
  std::string_view line;
  while (reader.next(line)) {
    ++lineNumber;
    eval::Facts& facts = batch[pending];
    std::optional<eval::RecordError> error;
    if (reader.tooLong()) {
      error = eval::RecordError{"ZR1005",
                                fmt::format("line is longer than {} bytes", LineReader::kMaxLine)};
    } else {
      error = parser.parse(line, facts);
      if (!error) error = spatial.apply(facts);
    }
    if (error) {
      screenPending();
      ++errors;
      if (html) {
        html->error(lineNumber, *error, output.buffer());
      } else if (text) {
        writer.writeErrorText(lineNumber, *error, output.buffer(), lang);
      } else {
        writer.writeErrorJson(lineNumber, *error, output.buffer());
      }
      output.maybeFlush();
      continue;
    }
    if (facts.date == INT32_MIN) facts.date = date;
    batchLines[pending++] = lineNumber;
    if (pending == kBatch) screenPending();
  }
  screenPending();
  if (html) html->end(output.buffer());
  output.flush();
  // The process ends here: leave the bundle and the runtime's tables to the system instead of
  // freeing their hundreds of thousands of blocks one by one (tens of milliseconds).
  std::fflush(stdout);
  std::_Exit(errors || geometryStatus != kExitOk ? kExitInputErrors : kExitOk);
}

}  // namespace zr::cli
