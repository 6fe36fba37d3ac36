#pragma once

// Dates of the proleptic Gregorian calendar, counted in days since 1970-01-01 (H. Hinnant's algorithms).

#include <cstdint>

namespace bedrock_cost::util {

struct CivilDate {
  std::int64_t year = 1970;
  unsigned month = 1; // 1 to 12
  unsigned day = 1;   // 1 to 31
};

// Days since 1970-01-01 of a date (negative before it).
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
// The date `days` days after 1970-01-01.
CivilDate civil_from_days(std::int64_t days);
// The day of the week of `days` since 1970-01-01: 0 for Monday to 6 for Sunday.
int weekday_from_days(std::int64_t days);
// Days in `month` (1 to 12) of `year`.
unsigned days_in_month(std::int64_t year, unsigned month);

} // namespace bedrock_cost::util
