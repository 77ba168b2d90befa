// Owns the text of every loaded source file so that renderers can show the offending line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace zr {

class SourceManager {
 public:
  // Returns the new file id (>= 1).
  std::uint32_t add(std::string path, std::string text);
  const std::string& path(std::uint32_t file) const;
  const std::string& text(std::uint32_t file) const;
  // The text of 1-based line `line` without its newline; empty when out of range.
  std::string_view line(std::uint32_t file, std::uint32_t line) const;
  std::uint32_t fileCount() const { return static_cast<std::uint32_t>(files_.size()); }

 private:
  struct File {
    std::string path;
    std::string text;
    std::vector<std::size_t> lineStarts;
  };
  std::vector<File> files_;
};

}  // namespace zr
