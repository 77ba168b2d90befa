#include "runtime/util/MappedFile.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace zr::util {

MappedFile::~MappedFile() { unmap(); }

void MappedFile::unmap() {
  if (region_) munmap(region_, regionSize_);
  region_ = nullptr;
  data_ = nullptr;
  size_ = regionSize_ = 0;
}

bool MappedFile::map(const std::string& path, std::size_t padding) {
  unmap();
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  bool mapped = false;
  if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size >= 0) {
    const auto size = static_cast<std::size_t>(info.st_size);
    const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
    const std::size_t total = (size + padding + page - 1) / page * page;
    // Zero pages first, the file over their start: the bytes after its end (the rest of its
    // last page, then the reserved pages) read as zeros.
    void* region = mmap(nullptr, total, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (region != MAP_FAILED) {
      mapped = size == 0 || mmap(region, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE,
                                 fd, 0) != MAP_FAILED;
      if (mapped) {
        region_ = region;
        regionSize_ = total;
        data_ = static_cast<const char*>(region);
        size_ = size;
      } else {
        munmap(region, total);
      }
    }
  }
  close(fd);
  return mapped;
}

}  // namespace zr::util
