// Civil dates from day counts and back (used by timestamps and the chart axes).

#include <bedrock_cost/util/calendar.hpp>

#include <catch2/catch.hpp>

using namespace bedrock_cost::util;

TEST_CASE("calendar: days since 1970 to dates and back, weekdays, month lengths") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2024, 5, 14) == 19'857);
  CHECK(days_from_civil(1969, 12, 31) == -1);
  const CivilDate date = civil_from_days(19'857);
  CHECK(date.year == 2024);
  CHECK(date.month == 5);
  CHECK(date.day == 14);
  CHECK(civil_from_days(-1).year == 1969);
  for (std::int64_t days = -800; days < 800'000; days += 37) { // round trips, leap years included
    const CivilDate d = civil_from_days(days);
    REQUIRE(days_from_civil(d.year, d.month, d.day) == days);
  }
  CHECK(weekday_from_days(0) == 3);      // Thursday 1 January 1970
  CHECK(weekday_from_days(19'857) == 1); // Tuesday 14 May 2024
  CHECK(weekday_from_days(-4) == 6);     // Sunday 28 December 1969
  CHECK(days_in_month(2024, 2) == 29);
  CHECK(days_in_month(2100, 2) == 28);
  CHECK(days_in_month(2000, 2) == 29);
  CHECK(days_in_month(2023, 12) == 31);
}
