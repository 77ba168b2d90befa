#include "service/ScreeningEngine.h"

#include <atomic>
#include <nlohmann/json.hpp>
#include <optional>

#include "runtime/eval/Descriptor.h"
#include "runtime/eval/RecordWriter.h"
#include "runtime/eval/SpatialFacts.h"
#include "service/Json.h"

namespace zr::service {

namespace {
std::atomic<std::uint64_t> nextSerial{1};
}

struct ScreeningEngine::ThreadState {
  ThreadState(const ir::Bundle& bundle, const eval::SpatialContext* context)
      : parser(bundle), spatial(bundle, context), writer(bundle) {}
  eval::DescriptorParser parser;
  eval::SpatialFacts spatial;  // sites by coordinates and spatial facts
  eval::RecordWriter writer;
  eval::Facts facts;
  eval::Screening screening;
};

ScreeningEngine::ScreeningEngine(ir::Bundle bundle, std::string hash,
                                 std::unique_ptr<const eval::SpatialContext> spatial)
    : bundle_(std::move(bundle)),
      hash_(std::move(hash)),
      evaluator_(bundle_),
      spatial_(std::move(spatial)),
      serial_(nextSerial++) {}

ScreeningEngine::ThreadState& ScreeningEngine::threadState() const {
  // One cached state per thread: rebuilt when the thread meets a newer engine. The serial (not
  // the address) identifies the engine, since a new engine may reuse a freed one's address.
  thread_local std::uint64_t serial = 0;
  thread_local std::unique_ptr<ThreadState> state;
  if (serial != serial_) {
    state = std::make_unique<ThreadState>(bundle_, spatial_.get());
    serial = serial_;
  }
  return *state;
}

ScreenResult ScreeningEngine::screenJson(std::string_view body, std::int32_t date) const {
  ThreadState& t = threadState();
  auto screenOne = [&](std::string_view descriptor, std::size_t line, std::string& out) {
    std::optional<eval::RecordError> error = t.parser.parse(descriptor, t.facts);
    if (!error) error = t.spatial.apply(t.facts);
    if (error) {
      t.writer.writeErrorJson(line, *error, out);
      out.pop_back();  // the '\n' of the JSON Lines form
      return false;
    }
    if (t.facts.date == INT32_MIN) t.facts.date = date;
    evaluator_.screen(t.facts, t.screening);
    t.writer.writeRecordJson(t.facts, t.screening, out);
    out.pop_back();
    return true;
  };

  std::size_t first = body.find_first_not_of(" \t\r\n");
  ScreenResult result;
  if (first == std::string_view::npos || body[first] != '[') {
    // The hot path: one descriptor goes straight to the descriptor parser, which reports
    // malformed JSON itself (ZR1001).
    if (!screenOne(body, 1, result.body)) result.status = 422;
    return result;
  }
  std::optional<nlohmann::json> array = parseJsonLimited(body);
  if (!array || !array->is_array()) {
    eval::RecordError error{"ZR1001", "malformed JSON array of descriptors"};
    t.writer.writeErrorJson(1, error, result.body);
    result.body.pop_back();
    result.status = 422;
    return result;
  }
  result.body += '[';  // empty here
  std::size_t line = 0;
  for (const auto& element : *array) {
    if (line++) result.body += ',';
    screenOne(element.dump(), line, result.body);
  }
  result.body += ']';
  return result;
}

}  // namespace zr::service
