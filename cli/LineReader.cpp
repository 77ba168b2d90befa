#include "cli/LineReader.h"

#include <cstring>

namespace zr::cli {

namespace {
constexpr std::size_t kBlock = 1 << 20;
}

LineReader::LineReader(const std::string& path) {
  if (path == "-") {
    file_ = stdin;
  } else if (map_.map(path, 0)) {
    mapped_ = true;
    return;
  } else {
    owned_.reset(std::fopen(path.c_str(), "rb"));
    file_ = owned_.get();
  }
  buffer_.resize(kBlock);
}

bool LineReader::nextMapped(std::string_view& line) {
  const std::string_view bytes = map_.bytes();
  if (begin_ >= bytes.size()) return false;
  const char* start = bytes.data() + begin_;
  const std::size_t rest = bytes.size() - begin_;
  const void* nl = std::memchr(start, '\n', rest);
  std::size_t length = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - start) : rest;
  begin_ += nl ? length + 1 : length;
  if (length && start[length - 1] == '\r') --length;
  tooLong_ = length > kMaxLine;  // the same as a line skipped while reading blocks
  line = tooLong_ ? std::string_view() : std::string_view(start, length);
  return true;
}

bool LineReader::next(std::string_view& line) {
  tooLong_ = false;
  if (mapped_) return nextMapped(line);
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
