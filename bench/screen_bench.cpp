// Screening throughput on one core (see bench/README.md).
//
//   build/bench/screen_bench [BUNDLE.zrb PROJECTS.jsonl] [--benchmark_* flags]
//   ZR_BENCH_BUNDLE=B.zrb ZR_BENCH_PROJECTS=P.jsonl build/bench/screen_bench
//
// Setup (not timed): read the bundle, read every line of the projects file, parse each
// descriptor into its own Facts. Then:
//   BM_Screen    Evaluator::screen over the pre-parsed Facts, findings collected (the headline
//                "screen_projects_per_s" of bench/run)
//   BM_Parse     FastDescriptorParser::parse (as zr screen reads lines) of the raw lines only
//   BM_EndToEnd  parse + screen + RecordWriter::writeRecordJson into a buffer, i.e. `zr screen`
//                in process without file I/O (diagnosis for the end-to-end figure)
// Each benchmark iteration runs over the whole batch; items_per_second = projects per second.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#if __has_include("runtime/ir/BundleIO.h") && __has_include(                      \
                                                  "runtime/eval/Descriptor.h") && \
                                                  __has_include("runtime/eval/RecordWriter.h")
#define ZR_BENCH_HAVE_RUNTIME 1
#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Evaluator.h"
#include "runtime/eval/Facts.h"
#include "runtime/eval/FastDescriptor.h"
#include "runtime/eval/RecordWriter.h"
#include "runtime/ir/BundleIO.h"
#include "runtime/ir/Ir.h"
#else
#define ZR_BENCH_HAVE_RUNTIME 0
#endif

#if ZR_BENCH_HAVE_RUNTIME
namespace {

using namespace zr;

struct Workload {
  ir::Bundle bundle;
  std::string text;                     // the whole projects file
  std::vector<std::string_view> lines;  // into text
  std::vector<eval::Facts> facts;       // one per line that parsed
  std::size_t parseErrors = 0;
  // Outcome of one screening pass, for the counters.
  std::size_t findings = 0;
  std::size_t ruleVisits = 0;  // (unit, rule) pairs the evaluator has to consider
  std::size_t verdicts[4] = {0, 0, 0, 0};
};

Workload* g_workload = nullptr;

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "screen_bench: cannot read %s\n", path.c_str());
    std::exit(2);
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

void load(const std::string& bundlePath, const std::string& projectsPath) {
  auto* w = new Workload;
  try {
    w->bundle = ir::readBundleFile(bundlePath);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "screen_bench: %s: %s\n", bundlePath.c_str(), error.what());
    std::exit(2);
  }
  w->text = readFile(projectsPath);
  std::string_view rest(w->text);
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    std::string_view line = rest.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!line.empty()) w->lines.push_back(line);
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  eval::DescriptorParser parser(w->bundle);
  w->facts.reserve(w->lines.size());
  for (std::string_view line : w->lines) {
    eval::Facts facts;
    if (parser.parse(line, facts)) {
      ++w->parseErrors;
      continue;
    }
    w->facts.push_back(std::move(facts));
  }
  eval::Evaluator evaluator(w->bundle);
  eval::Screening screening;
  for (const auto& facts : w->facts) {
    evaluator.screen(facts, screening);
    w->findings += screening.findings.size();
    for (std::uint32_t unit : facts.units)
      if (unit + 1 < w->bundle.unitRuleStart.size())
        w->ruleVisits += w->bundle.unitRuleStart[unit + 1] - w->bundle.unitRuleStart[unit];
    ++w->verdicts[static_cast<int>(screening.verdict)];
  }
  g_workload = w;
}

void setCounters(benchmark::State& state, std::size_t perIteration) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * perIteration));
  const Workload& w = *g_workload;
  double n = w.facts.empty() ? 1.0 : static_cast<double>(w.facts.size());
  state.counters["projects"] = static_cast<double>(w.facts.size());
  state.counters["parse_errors"] = static_cast<double>(w.parseErrors);
  state.counters["findings_per_project"] = static_cast<double>(w.findings) / n;
  state.counters["rules_per_project"] = static_cast<double>(w.ruleVisits) / n;
  state.counters["permitted"] = w.verdicts[0] / n;
  state.counters["conditional"] = w.verdicts[1] / n;
  state.counters["indeterminate"] = w.verdicts[2] / n;
  state.counters["refused"] = w.verdicts[3] / n;
  state.counters["rules"] = static_cast<double>(w.bundle.rules.size());
  state.counters["units"] = static_cast<double>(w.bundle.units.size());
}

// The headline: screening pre-parsed descriptors, findings collected into the Screening, as a
// batch (Evaluator::screenBatch: the memory of the descriptors ahead is asked for early).
void BM_Screen(benchmark::State& state) {
  const Workload& w = *g_workload;
  eval::Evaluator evaluator(w.bundle);
  eval::Screening screening;
  std::size_t findings = 0;
  for (auto _ : state) {
    evaluator.screenBatch(w.facts, screening, [&](std::size_t, const eval::Screening& s) {
      findings += s.findings.size();
    });
    benchmark::DoNotOptimize(findings);
  }
  setCounters(state, w.facts.size());
}

// One descriptor after the other with Evaluator::screen, asking for the next one's memory
// (Evaluator::prefetch) before screening each (diagnosis: a caller without batches).
void BM_ScreenLookahead(benchmark::State& state) {
  const Workload& w = *g_workload;
  eval::Evaluator evaluator(w.bundle);
  eval::Screening screening;
  std::size_t findings = 0;
  for (auto _ : state) {
    const std::size_t n = w.facts.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (i + 1 < n) evaluator.prefetch(w.facts[i + 1]);
      evaluator.screen(w.facts[i], screening);
      findings += screening.findings.size();
    }
    benchmark::DoNotOptimize(findings);
  }
  setCounters(state, w.facts.size());
}

// The same, one descriptor after the other without lookahead (diagnosis).
void BM_ScreenNoLookahead(benchmark::State& state) {
  const Workload& w = *g_workload;
  eval::Evaluator evaluator(w.bundle);
  eval::Screening screening;
  std::size_t findings = 0;
  for (auto _ : state) {
    for (const auto& facts : w.facts) {
      evaluator.screen(facts, screening);
      findings += screening.findings.size();
    }
    benchmark::DoNotOptimize(findings);
  }
  setCounters(state, w.facts.size());
}

void BM_Parse(benchmark::State& state) {
  const Workload& w = *g_workload;
  eval::FastDescriptorParser parser(w.bundle);
  eval::Facts facts;
  std::size_t errors = 0;
  for (auto _ : state) {
    for (std::string_view line : w.lines) errors += parser.parse(line, facts) ? 1 : 0;
    benchmark::DoNotOptimize(errors);
  }
  setCounters(state, w.lines.size());
  state.counters["fast_path_share"] = static_cast<double>(parser.fastLines()) /
                                      static_cast<double>(state.iterations() * w.lines.size());
}

// `zr screen` in process: parse, screen, write the JSON record; the buffer is dropped every
// megabyte as the CLI flushes it to stdout.
void BM_EndToEnd(benchmark::State& state) {
  const Workload& w = *g_workload;
  eval::FastDescriptorParser parser(w.bundle);
  eval::Evaluator evaluator(w.bundle);
  eval::RecordWriter writer(w.bundle);
  eval::Facts facts;
  eval::Screening screening;
  std::string out;
  out.reserve(2u << 20);
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::size_t lineNumber = 0;
    for (std::string_view line : w.lines) {
      ++lineNumber;
      if (auto error = parser.parse(line, facts)) {
        writer.writeErrorJson(lineNumber, *error, out);
      } else {
        evaluator.screen(facts, screening);
        writer.writeRecordJson(facts, screening, out);
      }
      if (out.size() >= (1u << 20)) {
        bytes += out.size();
        benchmark::DoNotOptimize(out.data());
        out.clear();
      }
    }
    bytes += out.size();
    out.clear();
  }
  setCounters(state, w.lines.size());
  state.counters["output_bytes_per_project"] =
      static_cast<double>(bytes) / static_cast<double>(state.iterations() * w.lines.size());
}

// No MinTime here: bench/run chooses it with --benchmark_min_time.
BENCHMARK(BM_Screen)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenLookahead)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ScreenNoLookahead)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EndToEnd)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::string bundle, projects;
  if (const char* env = std::getenv("ZR_BENCH_BUNDLE")) bundle = env;
  if (const char* env = std::getenv("ZR_BENCH_PROJECTS")) projects = env;
  if (argc > 1) bundle = argv[1];
  if (argc > 2) projects = argv[2];
  if (bundle.empty() || projects.empty() || argc > 3) {
    std::fprintf(stderr,
                 "usage: screen_bench [BUNDLE.zrb PROJECTS.jsonl] [--benchmark_* …]\n"
                 "   or: ZR_BENCH_BUNDLE=B.zrb ZR_BENCH_PROJECTS=P.jsonl screen_bench\n"
                 "(bench/run generates the workload and runs this)\n");
    return 2;
  }
  load(bundle, projects);
  if (g_workload->facts.empty()) {
    std::fprintf(stderr, "screen_bench: no descriptor of %s could be parsed\n", projects.c_str());
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}

#else  // the runtime's bundle reader, descriptor parser or record writer is not there yet

int main() {
  std::fprintf(stderr,
               "screen_bench: built without runtime/ir/BundleIO.h, runtime/eval/Descriptor.h "
               "or runtime/eval/RecordWriter.h; nothing to measure\n");
  return 2;
}

#endif
