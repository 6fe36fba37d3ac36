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

RateStats rate_stats(std::vector<double> per_minute) {
  RateStats stats;
  if (per_minute.empty()) {
    return stats;
  }
  double sum = 0;
  for (const double v : per_minute) {
    sum += v;
  }
  stats.avg = sum / static_cast<double>(per_minute.size());
  // Nearest rank: the smallest value with at least p of the minutes at or below it.
  const auto rank = [&](double p) {
    const auto n = static_cast<double>(per_minute.size());
    const auto index = static_cast<std::size_t>(std::max(1.0, std::ceil(p * n)) - 1);
    std::nth_element(per_minute.begin(), per_minute.begin() + static_cast<std::ptrdiff_t>(index), per_minute.end());
    return per_minute[index];
  };
  stats.p50 = rank(0.5);
  stats.p90 = rank(0.9);
  stats.p99 = rank(0.99);
  stats.peak = *std::max_element(per_minute.begin(), per_minute.end());
  return stats;
}

// Per-minute counts over a span, from any source of Counts by minute index.
template <typename MinuteAt>
UsageSummary summarise_minutes(std::int64_t first, std::int64_t span, MinuteAt minute_at, bool requests_known) {
  UsageSummary s;
  s.first_minute = first;
  s.span_minutes = span;
  s.requests_known = requests_known;
  std::vector<double> input(static_cast<std::size_t>(span));
  std::vector<double> output(static_cast<std::size_t>(span));
  std::vector<double> both(static_cast<std::size_t>(span));
  std::array<double, 168> hour_tokens{};
  std::array<std::int64_t, 168> hour_minutes{};
  double peak_requests = 0;
  std::int64_t gap = 0;
  for (std::int64_t i = 0; i < span; ++i) {
    const Counts& c = minute_at(i);
    s.total += c;
    const auto in = static_cast<double>(c.input + c.cache_read + c.cache_write);
    const auto out = static_cast<double>(c.output);
    input[static_cast<std::size_t>(i)] = in;
    output[static_cast<std::size_t>(i)] = out;
    both[static_cast<std::size_t>(i)] = in + out;
    peak_requests = std::max(peak_requests, static_cast<double>(c.requests));
    const auto hour = static_cast<std::size_t>(((first + i) / 60 + k_epoch_hour_of_week) % 168);
    hour_tokens.at(hour) += in + out;
    ++hour_minutes.at(hour);
    if (c.tokens() == 0 && c.requests == 0) {
      ++s.idle_minutes;
      if (++gap == 1) {
        ++s.gaps;
      }
      s.longest_gap_minutes = std::max(s.longest_gap_minutes, gap);
    } else {
      gap = 0;
    }
  }
  s.input_tpm = rate_stats(std::move(input));
  s.output_tpm = rate_stats(std::move(output));
  s.tpm = rate_stats(std::move(both));
  if (requests_known && span > 0) {
    s.avg_rpm = static_cast<double>(s.total.requests) / static_cast<double>(span);
    s.peak_rpm = peak_requests;
  }
  // Clock hours cut by the ends of the span are left out (one busy minute is not a busy hour), unless the span
  // has no whole hour at all.
  std::array<double, 168> whole_tokens{};
  std::array<std::int64_t, 168> whole_minutes{};
  bool any_whole = false;
  for (std::int64_t i = 0; i < span; ++i) {
    const std::int64_t minute = first + i;
    const std::int64_t hour_start = minute - minute % 60;
    if (hour_start < first || hour_start + 59 > first + span - 1) {
      continue;
    }
    any_whole = true;
    const Counts& c = minute_at(i);
    const auto hour = static_cast<std::size_t>((minute / 60 + k_epoch_hour_of_week) % 168);
    whole_tokens.at(hour) += static_cast<double>(c.tokens());
    ++whole_minutes.at(hour);
  }
  if (any_whole) {
    hour_tokens = whole_tokens;
    hour_minutes = whole_minutes;
  }
  for (std::size_t h = 0; h < hour_tokens.size(); ++h) {
    if (hour_minutes.at(h) > 0) {
      const double average = hour_tokens.at(h) / static_cast<double>(hour_minutes.at(h));
      if (average > s.busiest_hour_tpm) {
        s.busiest_hour_tpm = average;
        s.busiest_hour_of_week = static_cast<int>(h);
      }
    }
  }
  return s;
}

} // namespace

std::string hour_of_week_text(int hour) {
  constexpr std::array<const char*, 7> k_days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  return fmt::format("{} {:02}:00", k_days.at(static_cast<std::size_t>(hour / 24 % 7)), hour % 24);
}

UsageSummary summarise(const ModelUsage& usage, std::int64_t first, std::int64_t span) {
  const Counts none;
  UsageSummary s = summarise_minutes(
      first, span,
      [&](std::int64_t i) -> const Counts& {
        const std::int64_t at = first + i - usage.first_minute();
        return at >= 0 && at < usage.span_minutes() ? usage.minute(at) : none;
      },
      usage.requests_known());
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
    std::vector<Counts> minutes(static_cast<std::size_t>(span));
    for (const auto& [key, series] : usage.models) {
      for (std::int64_t i = 0; i < series.span_minutes(); ++i) {
        minutes[static_cast<std::size_t>(series.first_minute() - first + i)] += series.minute(i);
      }
    }
    UsageSummary total = summarise_minutes(
        first, span, [&](std::int64_t i) -> const Counts& { return minutes[static_cast<std::size_t>(i)]; },
        requests_known);
    total.model = "(all)";
    report.total = total;
  }
  return report;
}

} // namespace bedrock_cost::usage
