#include "cli/LineReader.h"

#include <cstring>

namespace zr::cli {

namespace {
constexpr std::size_t kBlock = 1 << 20;
}

LineReader::LineReader(const std::string& path) {
  if (path == "-") {
    file_ = stdin;
  } else {
    owned_.reset(std::fopen(path.c_str(), "rb"));
    file_ = owned_.get();
  }
  buffer_.resize(kBlock);
}

bool LineReader::next(std::string_view& line) {
  tooLong_ = false;
  for (;;) {
    const char* start = buffer_.data() + begin_;
    if (const void* nl = std::memchr(start, '\n', end_ - begin_)) {
      std::size_t length = static_cast<const char*>(nl) - start;
      begin_ += length + 1;
      if (skipping_) {
        skipping_ = false;
        tooLong_ = true;
        line = std::string_view();
        return true;
      }
      if (length && start[length - 1] == '\r') --length;
      line = std::string_view(start, length);
      return true;
    }
    if (eof_) {
      if (skipping_) {
        skipping_ = false;
        tooLong_ = true;
        begin_ = end_;
        line = std::string_view();
        return true;
      }
      if (begin_ == end_) return false;
      std::size_t length = end_ - begin_;
      begin_ = end_;
      if (length && start[length - 1] == '\r') --length;
      line = std::string_view(start, length);
      return true;
    }
    // Move the partial line to the front; grow when one line fills the buffer.
    std::memmove(buffer_.data(), start, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
    if (end_ >= kMaxLine) {  // drop the giant line's bytes; remember to report it
      skipping_ = true;
      end_ = 0;
    }
    if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);
    std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_);
    if (got == 0) eof_ = true;
    end_ += got;
  }
}

}  // namespace zr::cli
