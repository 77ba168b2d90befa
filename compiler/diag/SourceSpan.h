// A location in a source file: file id plus 1-based line/column of the start and end.
#pragma once

#include <cstdint>

namespace zr {

struct SourceSpan {
  std::uint32_t file = 0;    // index into SourceManager; 0 = no file
  std::uint32_t line = 0;    // 1-based; 0 = unknown
  std::uint32_t column = 0;  // 1-based, in Unicode code points
  std::uint32_t endLine = 0;
  std::uint32_t endColumn = 0;  // exclusive

  bool valid() const { return file != 0 && line != 0; }
};

}  // namespace zr
