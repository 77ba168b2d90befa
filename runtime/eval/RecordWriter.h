// Screening records: one JSON line per descriptor (docs/cli.md, docs/ir.md), or a text report
// for people in English or Chinese. Output is a pure function of (bundle, facts, screening):
// byte-identical for the same input.
//
// JSON record (one line):
//   {"project":…,"verdict":"refused|indeterminate|conditional|permitted",
//    "units":[{"code","class","verdict"}],
//    "findings":[{"rule","effect","outcome","level","unit","dimension","cite","source","because"}],
//    "missing":[…],"obligations":[{"rule","unit","requirement"}]}
// plus "invalid":[…] and "warnings":[…] only when non-empty. A finding caused by an evaluation
// error (invalid fact, division by zero) carries "error":true after "because". Sites given as
// geometry add the fields of SpatialRecord.h.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "runtime/eval/Evaluator.h"
#include "runtime/eval/Facts.h"
#include "runtime/eval/RecordError.h"
#include "runtime/ir/Ir.h"

namespace zr::eval {

enum class Lang { En, Zh };

class RecordWriter {
 public:
  // Pre-renders the per-rule, per-unit and per-attribute JSON fragments. The bundle must
  // outlive the writer.
  explicit RecordWriter(const ir::Bundle& bundle);

  // Appends one JSON line (ending in '\n').
  void writeRecordJson(const Facts& facts, const Screening& screening, std::string& out);
  // Appends a report of several lines, ending with an empty line.
  void writeRecordText(const Facts& facts, const Screening& screening, std::string& out, Lang lang);
  // {"line":N,"error":{"code":…,"message":…}} and '\n'.
  void writeErrorJson(std::size_t line, const RecordError& error, std::string& out) const;
  void writeErrorText(std::size_t line, const RecordError& error, std::string& out,
                      Lang lang) const;

 private:
  // A piece of pool_. All pre-rendered text lives in one buffer: each rule's RuleText record
  // followed by its pieces and its attribute list, so writing a finding touches one or two
  // adjacent cache lines instead of a string (and a miss) per fragment.
  struct Text {
    std::uint32_t offset = 0, size = 0;
  };
  struct RuleText {
    Text head;                               // {"rule":…,"effect":…,"outcome":"
    Text mid;                                // ","level":…,"unit":
    Text tail;                               // ,"dimension":…,"cite":…,"source":…,"because":{
    Text id;                                 // "id"
    Text requirement;                        // "requirement text"
    std::uint32_t attrs = 0, attrCount = 0;  // pool_ offset of the uint32 attribute indices
  };
  struct UnitText {
    Text code;  // "code"
    Text json;  // {"code":…,"class":…,"verdict":"
  };

  Text keep(std::string_view text);
  void put(std::string& out, Text text) const { out.append(pool_.data() + text.offset, text.size); }
  RuleText rule(std::uint32_t r) const;
  UnitText unit(std::uint32_t u) const;
  std::uint32_t attrOf(const RuleText& rule, std::uint32_t k) const;
  void because(const RuleText& rule, const Facts& facts, std::string& out) const;
  void factJson(std::uint32_t attr, const Facts& facts, std::string& out) const;
  void factText(std::uint32_t attr, const Facts& facts, std::string& out, Lang lang) const;
  void collectMissing(const Facts& facts, const Screening& screening);
  std::string_view invalidReason(std::uint32_t attr, const Facts& facts) const;

  const ir::Bundle& bundle_;
  std::string pool_;
  std::vector<std::uint32_t> ruleAt_, unitAt_;  // pool_ offsets of RuleText / UnitText records
  std::vector<Text> attrKey_;                   // "name":
  std::vector<Text> attrName_;                  // "name"
  std::vector<std::uint32_t> attrRank_;         // position of the attribute in name order
  std::vector<std::uint32_t> missing_;          // scratch: attribute indices
};

// Convenience wrappers that build a RecordWriter per call (slow: prefer the class in loops).
void writeRecordJson(const ir::Bundle& bundle, const Facts& facts, const Screening& screening,
                     std::string& out);
void writeRecordText(const ir::Bundle& bundle, const Facts& facts, const Screening& screening,
                     std::string& out, Lang lang);
void writeErrorJson(std::size_t line, const RecordError& error, std::string& out);
void writeErrorText(std::size_t line, const RecordError& error, std::string& out, Lang lang);

}  // namespace zr::eval
