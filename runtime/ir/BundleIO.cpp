#include "runtime/ir/BundleIO.h"

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "runtime/ir/BundleCheck.h"
#include "runtime/ir/BundleJson.h"
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

Bundle readBundle(std::string_view bytes) {
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
  Bundle bundle = decodeBundleBody(body);
  checkBundle(bundle);
  finalize(bundle);
  return bundle;
}

Bundle readBundleFile(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw BundleError("ZR0906", fmt::format("cannot read '{}': it is a directory", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw BundleError("ZR0906", fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  std::string bytes;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) bytes.reserve(size);
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) bytes.append(buffer, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw BundleError("ZR0906", fmt::format("cannot read '{}'", path));
  return readBundle(bytes);
}

void writeBundleFile(const std::string& path, const Bundle& bundle) {
  const std::string bytes = writeBundle(bundle);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw BundleError("ZR0906", fmt::format("cannot write '{}': {}", path, std::strerror(errno)));
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) throw BundleError("ZR0906", fmt::format("cannot write '{}': write failed", path));
}

}  // namespace zr::ir
