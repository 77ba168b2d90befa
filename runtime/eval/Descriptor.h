// Project descriptors (one JSON object per line) → Facts, against a bundle's schema.
//
//   {"project": "name", "site": {"units": ["ZH36110220001"]}, "date": "2025-06-01",
//    "vocs": "3 t/a", "change": "新建", "industry": ["C2614"], "in_park": true}
//
// The site may also be given as "site": "ZH…", "site": ["ZH…", …] or a top-level "units", or
// by its location: one geometry in the site object (SiteParse.h), kept in Facts::geometry and
// resolved to units by SpatialFacts.
// Every other key is a schema attribute (an optional "project." prefix is allowed); keys that
// start with "_" are comments and ignored. A value of the wrong type or unit makes that fact
// Invalid (listed in Facts::invalid) — not a record error; null means unknown; an unknown key
// gives a warning with a did-you-mean. Record errors: docs/ir.md "Screening record errors".
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "runtime/eval/Facts.h"
#include "runtime/eval/RecordError.h"
#include "runtime/ir/Ir.h"

namespace zr::eval {

class DescriptorParser {
 public:
  // Lines longer than this are refused (ZR1005).
  static constexpr std::size_t kMaxLine = std::size_t{1} << 20;
  // Nesting deeper than this is malformed (ZR1001).
  static constexpr std::size_t kMaxDepth = 64;

  // The bundle must outlive the parser.
  explicit DescriptorParser(const ir::Bundle& bundle);
  ~DescriptorParser();
  DescriptorParser(const DescriptorParser&) = delete;
  DescriptorParser& operator=(const DescriptorParser&) = delete;

  // Parses one line into `out` (reset first). Returns the record error, if the line cannot be
  // screened; `out` is then unspecified. Reuses its buffers: no allocation per line once warm,
  // apart from string facts and messages.
  std::optional<RecordError> parse(std::string_view jsonLine, Facts& out);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zr::eval
