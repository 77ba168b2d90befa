// Calendar dates as days since 1970-01-01 (proleptic Gregorian), the representation of `date`
// attributes, effective dates and the screening date.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace zr::util {

// "YYYY-MM-DD" exactly (4-digit year, 2-digit month and day, a real calendar day).
bool parseDate(std::string_view text, std::int32_t& days);
// The inverse of parseDate: "YYYY-MM-DD" (years outside 0000-9999 are printed as they are).
std::string formatDate(std::int32_t days);

}  // namespace zr::util
