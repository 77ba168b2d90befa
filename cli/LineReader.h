// Reads a file or standard input line by line (JSON Lines input): a regular file in place,
// mapped into memory; standard input and other files in large blocks.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/eval/Descriptor.h"
#include "runtime/util/MappedFile.h"

namespace zr::cli {

class LineReader {
 public:
  // "-" reads standard input. ok() is false when the file cannot be opened.
  explicit LineReader(const std::string& path);
  bool ok() const { return file_ != nullptr || mapped_; }
  // The next line without its "\n" (and a trailing "\r"); false at end of input.
  // The view stays valid until the next call.
  // A line longer than kMaxLine is skipped and returned empty with tooLong() true, so one
  // giant line cannot exhaust memory.
  bool next(std::string_view& line);
  bool tooLong() const { return tooLong_; }
  // The descriptor parser's limit: a longer line could never be screened, so it is not kept.
  static constexpr std::size_t kMaxLine = eval::DescriptorParser::kMaxLine;

 private:
  struct Closer {
    void operator()(std::FILE* f) const {
      if (f && f != stdin) std::fclose(f);
    }
  };
  bool nextMapped(std::string_view& line);

  util::MappedFile map_;
  bool mapped_ = false;
  std::unique_ptr<std::FILE, Closer> owned_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::size_t begin_ = 0, end_ = 0;
  bool eof_ = false;
  bool tooLong_ = false;
  bool skipping_ = false;
};

}  // namespace zr::cli
