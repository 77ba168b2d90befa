#include "runtime/ir/BundleIO.h"

#include <fmt/format.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "runtime/ir/BundleCheck.h"
#include "runtime/ir/BundleJson.h"
#include "runtime/util/MappedFile.h"
#include "runtime/util/Sha256.h"

namespace zr::ir {
namespace {

bool parseUnsigned(std::string_view text, std::uint64_t& out) {
  if (text.empty() || text.size() > 19) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

bool isLowerHex(std::string_view text) {
  for (char c : text)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

// Splits "a b c d" on single spaces.
std::vector<std::string_view> words(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= line.size(); ++i)
    if (i == line.size() || line[i] == ' ') {
      out.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

[[noreturn]] void notABundle(const std::string& why) {
  throw BundleError("ZR0901", "not a Zhunru bundle: " + why);
}

}  // namespace

std::string writeBundle(const Bundle& bundle) {
  const std::string body = encodeBundleBody(bundle);
  std::string out = fmt::format("{} {} sha256:{} {}\n", kBundleMagic, kFormatVersion,
                                util::sha256Hex(body), body.size());
  out += body;
  out += '\n';
  return out;
}

std::string bundleHash(const Bundle& bundle) { return util::sha256Hex(encodeBundleBody(bundle)); }

namespace {

// `padded`: kBodyPadding readable bytes follow `bytes`.
Bundle read(std::string_view bytes, bool padded) {
  if (!bytes.starts_with(kBundleMagic) ||
      (bytes.size() > kBundleMagic.size() && bytes[kBundleMagic.size()] != ' '))
    notABundle(fmt::format("the file does not start with '{}'", kBundleMagic));
  const std::size_t newline = bytes.find('\n');
  if (newline == std::string_view::npos) {
    if (bytes.size() < 256)
      throw BundleError("ZR0903", "truncated bundle: the header line is incomplete");
    notABundle("the header line does not end");
  }
  const std::vector<std::string_view> header = words(bytes.substr(0, newline));
  // Check the version first: a future format may have a different header.
  std::uint64_t version = 0;
  if (header.size() < 2 || !parseUnsigned(header[1], version))
    notABundle("the header line has no format version");
  if (version != kFormatVersion)
    throw BundleError("ZR0902",
                      fmt::format("unsupported bundle format version {}: this zr reads version {} "
                                  "only; recompile the sources with this zr",
                                  header[1], kFormatVersion));
  std::uint64_t size = 0;
  if (header.size() != 4 || !header[2].starts_with("sha256:") || header[2].size() != 7 + 64 ||
      !isLowerHex(header[2].substr(7)) || !parseUnsigned(header[3], size))
    notABundle(fmt::format("malformed header line (expected '{} {} sha256:<64 hex> <size>')",
                           kBundleMagic, kFormatVersion));
  std::string_view rest = bytes.substr(newline + 1);
  if (rest.size() < size)
    throw BundleError("ZR0903", fmt::format("truncated bundle: the header announces {} bytes of "
                                            "content, the file holds {}",
                                            size, rest.size()));
  const std::string_view body = rest.substr(0, size);
  const std::string_view trailer = rest.substr(size);
  if (!(trailer.empty() || trailer == "\n" || trailer == "\r\n"))
    throw BundleError("ZR0905", fmt::format("corrupt bundle content: {} unexpected bytes after the "
                                            "announced {} bytes of content",
                                            trailer.size(), size));
  const std::string actual = util::sha256Hex(body);
  if (actual != header[2].substr(7))
    throw BundleError("ZR0904", fmt::format("content hash mismatch: the header says sha256:{} but "
                                            "the content hashes to sha256:{} (the bundle was "
                                            "altered or damaged; recompile it)",
                                            header[2].substr(7), actual));
  Bundle bundle = padded ? decodePaddedBundleBody(body) : decodeBundleBody(body);
  checkBundle(bundle);
  finalize(bundle);
  return bundle;
}

}  // namespace

Bundle readBundle(std::string_view bytes) { return read(bytes, false); }

Bundle readBundleFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw BundleError("ZR0906", fmt::format("cannot read '{}': it is a directory", path));
  // A regular file is read where the kernel keeps it (no copy into fresh memory).
  util::MappedFile mapped;
  if (mapped.map(path, kBodyPadding)) return read(mapped.bytes(), true);
  struct Closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  const std::unique_ptr<std::FILE, Closer> file(std::fopen(path.c_str(), "rb"));
  if (!file)
    throw BundleError("ZR0906", fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  // One buffer, read in place and decoded in place: the body is followed by padding for the
  // JSON parser, so it is never copied (bundles of large provinces are tens of megabytes).
  const auto expected = std::filesystem::file_size(path, ec);
  std::size_t capacity = ec ? (std::size_t{1} << 20) : static_cast<std::size_t>(expected) + 1;
  auto buffer = std::make_unique_for_overwrite<char[]>(capacity + kBodyPadding);
  std::size_t size = 0;
  for (;;) {
    size += std::fread(buffer.get() + size, 1, capacity - size, file.get());
    if (size < capacity) break;  // end of file (or an error, below)
    auto bigger =
        std::make_unique_for_overwrite<char[]>(2 * capacity + kBodyPadding);  // the file grew
    std::memcpy(bigger.get(), buffer.get(), size);
    buffer = std::move(bigger);
    capacity *= 2;
  }
  if (std::ferror(file.get())) throw BundleError("ZR0906", fmt::format("cannot read '{}'", path));
  std::memset(buffer.get() + size, 0, kBodyPadding);
  return read(std::string_view(buffer.get(), size), true);
}

void writeBundleFile(const std::string& path, const Bundle& bundle) {
  const std::string bytes = writeBundle(bundle);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out)
    throw BundleError("ZR0906", fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw BundleError("ZR0906", fmt::format("cannot write '{}': write failed", path));
}

}  // namespace zr::ir
