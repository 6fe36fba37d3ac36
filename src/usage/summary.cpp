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

UsageSummary summarise(const ModelUsage& usage) {
  UsageSummary s = summarise_minutes(
      usage.first_minute(), usage.span_minutes(), [&](std::int64_t i) -> const Counts& { return usage.minute(i); },
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
  std::int64_t first = 0;
  std::int64_t last = -1;
  bool requests_known = !usage.models.empty();
  for (const auto& [key, series] : usage.models) {
    if (series.empty()) {
      continue;
    }
    report.models.push_back(summarise(series));
    const std::int64_t series_last = series.first_minute() + series.span_minutes() - 1;
    if (last < first) {
      first = series.first_minute();
      last = series_last;
    } else {
      first = std::min(first, series.first_minute());
      last = std::max(last, series_last);
    }
    requests_known = requests_known && series.requests_known();
  }
  if (report.models.size() > 1) {
    // Every model's minutes added up over the union of the spans.
    std::vector<Counts> minutes(static_cast<std::size_t>(last - first + 1));
    for (const auto& [key, series] : usage.models) {
      for (std::int64_t i = 0; i < series.span_minutes(); ++i) {
        minutes[static_cast<std::size_t>(series.first_minute() - first + i)] += series.minute(i);
      }
    }
    UsageSummary total = summarise_minutes(
        first, last - first + 1, [&](std::int64_t i) -> const Counts& { return minutes[static_cast<std::size_t>(i)]; },
        requests_known);
    total.model = "(all)";
    report.total = total;
  }
  return report;
}

} // namespace bedrock_cost::usage
