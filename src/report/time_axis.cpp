#include "time_axis.hpp"

#include <bedrock_cost/util/calendar.hpp>

#include <fmt/format.h>

#include <array>
#include <functional>

namespace bedrock_cost::report::detail {

namespace {

constexpr std::int64_t k_hour = 60;
constexpr std::int64_t k_day = 1440;
constexpr std::int64_t k_most_ticks = 12;
// 1970-01-05 00:00 UTC, a Monday: where a shaped week begins on the clock.
constexpr std::int64_t k_a_monday = 4 * k_day;
constexpr std::array<const char*, 7> k_weekdays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char*, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Where the series sits on the UTC clock: its first minute (minutes since 1970-01-01), and whether that is a real
// date (imported usage) or only a weekday and time (a shaped week).
struct Clock {
  std::int64_t start = 0;
  bool dated = false;
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0); }

std::string weekday(std::int64_t minute) {
  return k_weekdays.at(static_cast<std::size_t>(util::weekday_from_days(floor_div(minute, k_day))));
}

// "Tue 14 May" (dated) or "Tue".
std::string day_label(const Clock& clock, std::int64_t minute) {
  if (!clock.dated) {
    return weekday(minute);
  }
  const util::CivilDate date = util::civil_from_days(floor_div(minute, k_day));
  return fmt::format("{} {} {}", weekday(minute), date.day, k_months.at(date.month - 1));
}

std::string clock_time(std::int64_t minute) {
  const std::int64_t of_day = minute - floor_div(minute, k_day) * k_day;
  return fmt::format("{:02}:{:02}", of_day / k_hour, of_day % k_hour);
}

// "Tue 14 May 2024 09:00" or "Monday 00:00": where the axis starts.
std::string start_text(const Clock& clock) {
  if (!clock.dated) {
    return fmt::format("Monday {}", clock_time(clock.start));
  }
  const util::CivilDate date = util::civil_from_days(floor_div(clock.start, k_day));
  return fmt::format("{} {}", day_label(clock, clock.start), date.year) + " " + clock_time(clock.start);
}

// The clock minutes in [start, start + span] that are `phase` plus a multiple of `step`, the first step of
// `steps` that gives at most k_most_ticks of them.
std::vector<std::int64_t> aligned_ticks(const Clock& clock, std::int64_t span, const std::vector<std::int64_t>& steps,
                                        std::int64_t phase = 0) {
  std::vector<std::int64_t> ticks;
  for (const std::int64_t step : steps) {
    ticks.clear();
    for (std::int64_t t = floor_div(clock.start - phase + step - 1, step) * step + phase; t <= clock.start + span;
         t += step) {
      ticks.push_back(t);
    }
    if (static_cast<std::int64_t>(ticks.size()) <= k_most_ticks) {
      break;
    }
  }
  return ticks;
}

// The first of each month in [start, start + span], every 1, 2, 3, 6 or 12 months.
std::vector<std::int64_t> month_ticks(const Clock& clock, std::int64_t span) {
  std::vector<std::int64_t> ticks;
  for (const unsigned every : {1U, 2U, 3U, 6U, 12U}) {
    ticks.clear();
    util::CivilDate date = util::civil_from_days(floor_div(clock.start, k_day));
    std::int64_t months = date.year * 12 + date.month - 1;
    for (;; ++months) {
      if (months % every != 0) {
        continue;
      }
      const std::int64_t minute = util::days_from_civil(months / 12, static_cast<unsigned>(months % 12) + 1, 1) * k_day;
      if (minute > clock.start + span) {
        break;
      }
      if (minute >= clock.start) {
        ticks.push_back(minute);
      }
    }
    if (static_cast<std::int64_t>(ticks.size()) <= k_most_ticks) {
      break;
    }
  }
  return ticks;
}

TimeAxis clock_axis(const Clock& clock, std::int64_t span) {
  TimeAxis axis;
  std::vector<std::int64_t> ticks;
  std::function<std::string(std::int64_t)> label;
  if (span <= 2 * k_hour) {
    ticks = aligned_ticks(clock, span, {1, 2, 5, 10, 15, 30, 60});
    label = clock_time;
    axis.title = fmt::format("time (UTC) from {}", start_text(clock));
  } else if (span <= 6 * k_day) { // hours, and the date at midnight
    ticks = aligned_ticks(clock, span, {k_hour, 2 * k_hour, 3 * k_hour, 6 * k_hour, 12 * k_hour, k_day});
    label = [&clock](std::int64_t t) { return t % k_day == 0 ? day_label(clock, t) : clock_time(t); };
    axis.title = fmt::format("time (UTC) from {}", start_text(clock));
  } else if (span <= k_most_ticks * 14 * k_day || !clock.dated) {
    ticks = aligned_ticks(clock, span, {k_day, 2 * k_day});
    if (static_cast<std::int64_t>(ticks.size()) > k_most_ticks) { // weeks, from a Monday
      ticks = aligned_ticks(clock, span, {7 * k_day, 14 * k_day}, k_a_monday);
    }
    label = [&clock](std::int64_t t) { return day_label(clock, t); };
    axis.title = clock.dated ? "date (UTC)" : "day of the shape's week (UTC)";
  } else {
    ticks = month_ticks(clock, span);
    label = [](std::int64_t t) {
      const util::CivilDate date = util::civil_from_days(floor_div(t, k_day));
      return fmt::format("{} {}", k_months.at(date.month - 1), date.year);
    };
    axis.title = "date (UTC)";
  }
  for (const std::int64_t t : ticks) {
    axis.ticks.push_back(static_cast<double>(t - clock.start));
    axis.labels.push_back(label(t));
  }
  return axis;
}

// Minutes, hours (up to two days) or days since the start.
TimeAxis elapsed_axis(std::int64_t span) {
  TimeAxis axis;
  std::array<double, 7> steps{};
  double unit = 1;
  if (span <= 2 * k_hour) {
    axis.title = "minutes since the start of the traffic";
    steps = {1, 2, 5, 10, 15, 30, 60};
  } else if (span <= 6 * k_day) { // hours, and the date at midnight
    unit = k_hour;
    axis.title = "hours since the start of the traffic (UTC)";
    steps = {1, 2, 3, 6, 12, 24, 48};
  } else {
    unit = k_day;
    axis.title = "days since the start of the traffic (UTC)";
    steps = {1, 2, 7, 14, 30, 60, 90};
  }
  const double length = static_cast<double>(span) / unit;
  double step = steps.back();
  for (const double candidate : steps) {
    if (length / candidate <= k_most_ticks) {
      step = candidate;
      break;
    }
  }
  for (int k = 0; k * step <= length + 1e-9; ++k) { // the steps are whole numbers: k * step is exact
    axis.ticks.push_back(k * step * unit);
    axis.labels.push_back(fmt::format("{}", static_cast<std::int64_t>(k * step)));
  }
  return axis;
}

} // namespace

TimeAxis time_axis(const engine::TrafficSeries& series) {
  switch (series.origin) {
  case engine::TimeOrigin::epoch: return clock_axis({series.start_epoch_minute, true}, series.span_minutes);
  case engine::TimeOrigin::week: return clock_axis({k_a_monday, false}, series.span_minutes);
  case engine::TimeOrigin::elapsed: break;
  }
  return elapsed_axis(series.span_minutes);
}

} // namespace bedrock_cost::report::detail
