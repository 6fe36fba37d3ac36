#include <bedrock_cost/usage/summary.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>

namespace bedrock_cost::usage {

namespace {

// 1970-01-01 was a Thursday: minute 0 is Thursday 00:00, hour-of-week 72 when Monday is 0.
constexpr std::int64_t k_epoch_hour_of_week = 72;

// The minutes with data of a span, in time order.
using Minutes = std::vector<std::pair<std::int64_t, Counts>>;

// Statistics of per-minute rates: `values` of the minutes with data, and `zeros` more minutes of none.
RateStats rate_stats(std::vector<double> values, std::int64_t zeros) {
  RateStats stats;
  const auto n = static_cast<double>(values.size()) + static_cast<double>(zeros);
  if (n == 0) {
    return stats;
  }
  double sum = 0;
  for (const double v : values) {
    sum += v;
  }
  stats.avg = sum / n;
  // Nearest rank: the smallest value with at least p of the minutes at or below it. Rates are never negative, so
  // the minutes without data come first.
  const auto rank = [&](double p) {
    const auto index = static_cast<std::int64_t>(std::max(1.0, std::ceil(p * n)) - 1);
    if (index < zeros) {
      return 0.0;
    }
    const auto at = static_cast<std::ptrdiff_t>(index - zeros);
    std::nth_element(values.begin(), values.begin() + at, values.end());
    return values[static_cast<std::size_t>(at)];
  };
  stats.p50 = rank(0.5);
  stats.p90 = rank(0.9);
  stats.p99 = rank(0.99);
  stats.peak = values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
  return stats;
}

std::size_t hour_of_week(std::int64_t minute) {
  return static_cast<std::size_t>((minute / 60 + k_epoch_hour_of_week) % 168);
}

// The busiest hour of the week: the highest average tokens per minute of an hour of the week over the span.
// Clock hours cut by the ends of the span are left out (one busy minute is not a busy hour), unless the span has
// no whole hour at all.
void busiest_hour(const Minutes& minutes, std::int64_t first, std::int64_t span, UsageSummary& s) {
  const std::int64_t last = first + span - 1;
  std::array<double, 168> tokens{};
  std::array<std::int64_t, 168> counted{};
  bool any_whole = false;
  for (std::int64_t hour = first / 60; hour <= last / 60; ++hour) {
    any_whole = any_whole || (hour * 60 >= first && hour * 60 + 59 <= last);
  }
  const auto counts_hour = [&](std::int64_t minute) {
    const std::int64_t start = minute - minute % 60;
    return !any_whole || (start >= first && start + 59 <= last);
  };
  for (std::int64_t hour = first / 60; hour <= last / 60; ++hour) {
    const std::int64_t from = std::max(first, hour * 60);
    if (counts_hour(from)) {
      counted.at(hour_of_week(from)) += std::min(last, hour * 60 + 59) - from + 1;
    }
  }
  for (const auto& [minute, c] : minutes) {
    if (counts_hour(minute)) {
      tokens.at(hour_of_week(minute)) += static_cast<double>(c.tokens());
    }
  }
  for (std::size_t h = 0; h < tokens.size(); ++h) {
    if (counted.at(h) > 0) {
      const double average = tokens.at(h) / static_cast<double>(counted.at(h));
      if (average > s.busiest_hour_tpm) {
        s.busiest_hour_tpm = average;
        s.busiest_hour_of_week = static_cast<int>(h);
      }
    }
  }
}

// Idle minutes (no tokens and no requests) and the runs they form.
void gaps(const Minutes& minutes, std::int64_t first, std::int64_t span, UsageSummary& s) {
  std::int64_t previous = first - 1; // the last busy minute so far
  const auto idle_run = [&](std::int64_t length) {
    if (length > 0) {
      s.idle_minutes += length;
      ++s.gaps;
      s.longest_gap_minutes = std::max(s.longest_gap_minutes, length);
    }
  };
  for (const auto& [minute, c] : minutes) {
    if (c.tokens() != 0 || c.requests != 0) {
      idle_run(minute - previous - 1);
      previous = minute;
    }
  }
  idle_run(first + span - 1 - previous);
}

UsageSummary summarise_minutes(const Minutes& minutes, std::int64_t first, std::int64_t span, bool requests_known) {
  UsageSummary s;
  s.first_minute = first;
  s.span_minutes = span;
  s.requests_known = requests_known;
  std::vector<double> input;
  std::vector<double> output;
  std::vector<double> both;
  input.reserve(minutes.size());
  output.reserve(minutes.size());
  both.reserve(minutes.size());
  double peak_requests = 0;
  for (const auto& [minute, c] : minutes) {
    s.total += c;
    const auto in = static_cast<double>(c.input + c.cache_read + c.cache_write);
    const auto out = static_cast<double>(c.output);
    input.push_back(in);
    output.push_back(out);
    both.push_back(in + out);
    peak_requests = std::max(peak_requests, static_cast<double>(c.requests));
  }
  const std::int64_t without_data = span - static_cast<std::int64_t>(minutes.size());
  s.input_tpm = rate_stats(std::move(input), without_data);
  s.output_tpm = rate_stats(std::move(output), without_data);
  s.tpm = rate_stats(std::move(both), without_data);
  if (requests_known && span > 0) {
    s.avg_rpm = static_cast<double>(s.total.requests) / static_cast<double>(span);
    s.peak_rpm = peak_requests;
  }
  if (span > 0) {
    busiest_hour(minutes, first, span, s);
    gaps(minutes, first, span, s);
  }
  return s;
}

Minutes counts_of(const ModelUsage& usage) {
  Minutes minutes;
  for (const auto& [minute, data] : usage.minutes()) {
    minutes.emplace_back(minute, data.counts);
  }
  return minutes;
}

} // namespace

std::string hour_of_week_text(int hour) {
  constexpr std::array<const char*, 7> k_days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return fmt::format("{} {:02}:00", k_days.at(static_cast<std::size_t>(hour / 24 % 7)), hour % 24);
}

UsageSummary summarise(const ModelUsage& usage, std::int64_t first, std::int64_t span) {
  Minutes minutes = counts_of(usage);
  std::erase_if(minutes, [&](const auto& entry) { return entry.first < first || entry.first >= first + span; });
  UsageSummary s = summarise_minutes(minutes, first, span, usage.requests_known());
  s.model = usage.model();
  s.region = usage.region();
  return s;
}

UsageReport summarise(const UsageSet& usage) {
  UsageReport report;
  report.stats = usage.stats;
  report.warnings = usage.warnings;
  report.notes = usage.notes;
  if (usage.span_minutes() <= 0) {
    return report;
  }
  // Every model over the same period, the one all the usage covers: its minutes without traffic count.
  const std::int64_t first = usage.first_minute;
  const std::int64_t span = usage.span_minutes();
  bool requests_known = true;
  for (const auto& [key, series] : usage.models) {
    if (!series.empty()) {
      report.models.push_back(summarise(series, first, span));
      requests_known = requests_known && series.requests_known();
    }
  }
  if (report.models.size() > 1) {
    Minutes all;
    for (const auto& [key, series] : usage.models) {
      const Minutes minutes = counts_of(series);
      all.insert(all.end(), minutes.begin(), minutes.end());
    }
    std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Minutes merged;
    for (const auto& [minute, counts] : all) {
      if (merged.empty() || merged.back().first != minute) {
        merged.emplace_back(minute, counts);
      } else {
        merged.back().second += counts;
      }
    }
    UsageSummary total = summarise_minutes(merged, first, span, requests_known);
    total.model = "(all)";
    report.total = total;
  }
  return report;
}

} // namespace bedrock_cost::usage
