// SHA-256 (OpenSSL EVP) as lowercase hex.
#pragma once

#include <string>
#include <string_view>

namespace zr::util {

// 64 lowercase hex digits. Throws std::runtime_error if OpenSSL fails.
std::string sha256Hex(std::string_view bytes);

}  // namespace zr::util
