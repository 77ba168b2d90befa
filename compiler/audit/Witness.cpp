// A witness as a project descriptor (runtime/eval/Descriptor.h reads it back).
#include <fmt/format.h>

#include "compiler/audit/Solver.h"
#include "runtime/util/Date.h"
#include "runtime/util/JsonText.h"

namespace zr::audit {
namespace {

// The shortest text that reads back as the same double.
std::string number(double v) { return fmt::format("{}", v + 0.0); }

void enumName(std::string& out, const sema::AttributeInfo& info, unsigned bit) {
  util::appendJsonString(out, bit < info.enumValues.size() ? info.enumValues[bit] : std::string());
}

void industryCode(std::string& out, const sema::Program& program, std::uint32_t code) {
  util::appendJsonString(
      out, code < program.industries.size() ? program.industries[code].code : std::string());
}

void value(std::string& out, const sema::Program& program, const sema::AttributeInfo& info,
           const WitnessValue& v) {
  switch (info.type) {
    case ir::AttrType::Bool:
      out += v.boolean ? "true" : "false";
      return;
    case ir::AttrType::Number:
      out += number(v.number);
      return;
    case ir::AttrType::Quantity:
      if (!info.unit) {
        out += number(v.number);
        return;
      }
      util::appendJsonString(out, number(v.number) + " " + std::string(info.unit->symbol));
      return;
    case ir::AttrType::Date:
      util::appendJsonString(out, util::formatDate(static_cast<std::int32_t>(v.number)));
      return;
    case ir::AttrType::Enum: {
      unsigned bit = 0;
      while (bit < 64 && !(v.mask >> bit & 1)) ++bit;
      enumName(out, info, bit);
      return;
    }
    case ir::AttrType::EnumSet: {
      out += '[';
      bool first = true;
      for (unsigned bit = 0; bit < 64; ++bit) {
        if (!(v.mask >> bit & 1)) continue;
        if (!first) out += ',';
        first = false;
        enumName(out, info, bit);
      }
      out += ']';
      return;
    }
    case ir::AttrType::Industry:
      if (v.industries.empty())
        out += "null";
      else
        industryCode(out, program, v.industries.front());
      return;
    case ir::AttrType::IndustrySet:
      out += '[';
      for (std::size_t k = 0; k < v.industries.size(); ++k) {
        if (k) out += ',';
        industryCode(out, program, v.industries[k]);
      }
      out += ']';
      return;
    case ir::AttrType::String:
      util::appendJsonString(out, v.string);
      return;
  }
  out += "null";
}

}  // namespace

std::string witnessJson(const sema::Program& program, const Assignment& witness,
                        const std::vector<std::string>& unitCodes) {
  std::string out = R"({"site":{"units":[)";
  for (std::size_t k = 0; k < unitCodes.size(); ++k) {
    if (k) out += ',';
    util::appendJsonString(out, unitCodes[k]);
  }
  out += "]}";
  for (const auto& [attr, v] : witness) {  // the map is ordered by attribute: schema order
    if (attr >= program.attributes.size()) continue;
    const sema::AttributeInfo& info = program.attributes[attr];
    out += ',';
    util::appendJsonString(out, info.decl ? info.decl->name : std::string());
    out += ':';
    value(out, program, info, v);
  }
  out += '}';
  return out;
}

}  // namespace zr::audit
