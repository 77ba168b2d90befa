// util::MappedFile: a regular file's bytes in place, followed by the zero bytes asked for;
// anything that is not a regular file is refused (the caller then reads it).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "runtime/util/MappedFile.h"

namespace zr {
namespace {

std::string temporaryFile(const std::string& name, const std::string& content) {
  const auto path = std::filesystem::temp_directory_path() / ("zr-mapped-" + name);
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

TEST(MappedFile, BytesThenZeroPadding) {
  // Sizes around a page boundary: the padding lies in the file's last page or past it.
  for (const std::size_t size : {std::size_t{1}, std::size_t{100}, std::size_t{4095},
                                 std::size_t{4096}, std::size_t{4097}, std::size_t{8192 - 10}}) {
    std::string content(size, 'x');
    for (std::size_t i = 0; i < size; ++i) content[i] = static_cast<char>('a' + i % 26);
    const std::string path = temporaryFile(std::to_string(size), content);
    util::MappedFile file;
    ASSERT_TRUE(file.map(path, 64)) << size;
    ASSERT_EQ(file.bytes(), content);
    for (std::size_t i = 0; i < 64; ++i)
      ASSERT_EQ(file.bytes().data()[size + i], '\0') << size << " + " << i;
    std::filesystem::remove(path);
  }
}

TEST(MappedFile, EmptyFileIsMappedEmpty) {
  const std::string path = temporaryFile("empty", "");
  util::MappedFile file;
  ASSERT_TRUE(file.map(path, 64));
  EXPECT_TRUE(file.bytes().empty());
  EXPECT_EQ(file.bytes().data()[0], '\0');
  std::filesystem::remove(path);
}

TEST(MappedFile, OnlyRegularFiles) {
  util::MappedFile file;
  EXPECT_FALSE(file.map(std::filesystem::temp_directory_path().string(), 0));  // a directory
  EXPECT_FALSE(file.map("/nonexistent/zr-mapped", 0));
  EXPECT_FALSE(file.map("/dev/null", 0));  // a character device
  EXPECT_TRUE(file.bytes().empty());
}

}  // namespace
}  // namespace zr
