#include "compiler/driver/Preparse.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <thread>

#include "compiler/syntax/ParseFile.h"

namespace zr::driver {
namespace {

// Parsing is most of a compilation and files are independent; more threads than this only
// add contention on ANTLR's shared caches.
constexpr unsigned kMaxThreads = 8;

void readInto(const std::string& path, Preparsed& out) {
  std::error_code ec;
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path, ec)) return;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  out.text = buffer.str();
  out.read = true;
}

}  // namespace

std::vector<Preparsed> preparse(const std::vector<std::string>& paths, std::uint32_t firstId) {
  const unsigned threads =
      std::min({std::thread::hardware_concurrency(), kMaxThreads,
                static_cast<unsigned>(std::min<std::size_t>(paths.size(), kMaxThreads))});
  if (threads < 2) return {};
  std::vector<Preparsed> out(paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    readInto(paths[i], out[i]);
    out[i].id = firstId + static_cast<std::uint32_t>(i);
  }
  // Largest first, so that no thread is left with a big file at the end.
  std::vector<std::size_t> order(paths.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return out[x].text.size() > out[y].text.size();
  });
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k; (k = next.fetch_add(1)) < order.size();) {
      Preparsed& p = out[order[k]];
      if (!p.read) continue;
      try {
        p.file = syntax::parseSource(p.id, paths[order[k]], p.text, p.diagnostics);
        p.parsed = true;
      } catch (...) {  // the loader parses it again on its own thread and sees the failure there
        p.file.reset();
        p.diagnostics = DiagnosticSink();
      }
    }
  };
  {
    std::vector<std::jthread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
  }
  return out;
}

}  // namespace zr::driver
