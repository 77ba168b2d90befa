// A descriptor line that cannot be screened: a stable code (ZR10xx, docs/ir.md "Screening
// record errors") and a message for people.
#pragma once

#include <string>

namespace zr::eval {

struct RecordError {
  std::string code;  // "ZR1001" … "ZR1009"
  std::string message;
};

}  // namespace zr::eval
