// A fast path in front of DescriptorParser for the lines `zr screen` usually gets: one flat JSON
// object of schema attributes with plain values, a "project" name, a "date" and a site given as
// {"units": [codes]}. Such a line is read in a single pass over its bytes, without building a
// JSON document. Whatever else the line holds — an error of any kind, a value that would make a
// fact invalid or a warning, an escape sequence, an unknown or repeated key, a site in any other
// form (geometry, a bare code, a top-level "units"), a number outside the plain forms — makes the
// fast path give up, and the line goes to DescriptorParser, which stays the reference: records
// are the same byte for byte whichever path read the line
// (tests/unit/runtime_fast_descriptor_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "runtime/eval/Descriptor.h"
#include "runtime/eval/Facts.h"
#include "runtime/eval/RecordError.h"
#include "runtime/ir/Ir.h"
#include "runtime/measure/Measure.h"
#include "runtime/util/NameIndex.h"

namespace zr::eval {

class FastDescriptorParser {
 public:
  // The bundle must outlive the parser.
  explicit FastDescriptorParser(const ir::Bundle& bundle);

  // DescriptorParser::parse's contract and results.
  std::optional<RecordError> parse(std::string_view jsonLine, Facts& out);

  // Lines the fast path read on its own (for tests and benchmarks).
  std::size_t fastLines() const { return fastLines_; }

 private:
  class Scanner;
  bool tryParse(std::string_view line, Facts& out);  // false: left to the reference
  // The key's index (keys_); descriptors of a batch usually list their keys in the same order,
  // so the key found at the same position of the previous line is tried first.
  std::uint32_t lookupKey(std::string_view key, std::size_t position);
  bool attribute(std::uint32_t attr, Scanner& in, Facts& out);
  bool site(Scanner& in, Facts& out);
  bool industry(std::string_view code, Facts& out) const;

  const ir::Bundle& bundle_;
  DescriptorParser reference_;
  util::NameIndex keys_, units_, industries_, industryDigits_;
  std::vector<util::NameIndex> enumIndex_;  // per attribute: names and aliases → bit
  std::vector<const measure::UnitOfMeasure*> canonical_;  // per attribute: its unit, if known
  std::vector<std::pair<std::string_view, std::uint32_t>> keyAt_;  // see lookupKey
  std::vector<std::uint32_t> seen_;  // generation an attribute was last given in
  std::uint32_t generation_ = 0;
  std::size_t fastLines_ = 0;
};

}  // namespace zr::eval
