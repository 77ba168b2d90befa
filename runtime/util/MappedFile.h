// A regular file mapped read-only into memory, followed by zero bytes: readers that scan a
// large file once (bundles, JSON Lines) use its bytes where the kernel keeps them instead of
// copying them into freshly allocated memory. Anything else (a pipe, standard input, a
// directory, a refused mapping) is left to the caller to read.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace zr::util {

class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  // Maps the regular file at `path`, with at least `padding` readable zero bytes after its
  // end; false (and nothing mapped) when it is not a regular file or cannot be mapped.
  bool map(const std::string& path, std::size_t padding);
  std::string_view bytes() const { return {data_, size_}; }

 private:
  void unmap();
  const char* data_ = nullptr;
  std::size_t size_ = 0;
  void* region_ = nullptr;  // the whole reservation: the file, then zero pages
  std::size_t regionSize_ = 0;
};

}  // namespace zr::util
