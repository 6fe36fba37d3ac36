#pragma once

#include <bedrock_cost/usage/usage.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bedrock_cost::usage {

// Tokens (or requests) per minute over a span: the mean, nearest-rank percentiles and the busiest minute.
struct RateStats {
  double avg = 0;
  double p50 = 0;
  double p90 = 0;
  double p99 = 0;
  double peak = 0;
};

// What `bedrock-cost profile` reports for one model (or, with model "(all)", for everything).
struct UsageSummary {
  std::string model;
  std::string region;
  std::int64_t first_minute = 0; // minutes since 1970-01-01 UTC
  std::int64_t span_minutes = 0;
  Counts total;
  bool requests_known = false;
  RateStats input_tpm; // input tokens, cache reads and writes included
  RateStats output_tpm;
  RateStats tpm; // input + output
  std::optional<double> avg_rpm;
  std::optional<double> peak_rpm;
  int busiest_hour_of_week = 0;  // 0 = Monday 00:00-01:00 UTC
  double busiest_hour_tpm = 0;   // its average tokens per minute
  std::int64_t idle_minutes = 0; // minutes of the span without traffic
  std::int64_t gaps = 0;         // runs of idle minutes
  std::int64_t longest_gap_minutes = 0;
  // What estimate --usage would price for this model (none for the total): the period, the minutes with data and
  // the factor that brings the period to a month.
  std::optional<workload::Coverage> coverage;
  double month_factor = 0;
};

struct UsageReport {
  std::vector<UsageSummary> models;  // by model and Region
  std::optional<UsageSummary> total; // with more than one model
  ImportStats stats;
  std::vector<std::string> warnings;
  std::vector<std::string> notes;
  util::Fixed9 hours_per_month = util::Fixed9::from_units(730 * util::Fixed9::k_scale); // of the month factors
};

// One model over the minutes [first, first + span) (the period of all the usage read).
UsageSummary summarise(const ModelUsage& usage, std::int64_t first, std::int64_t span);
UsageReport summarise(const UsageSet& usage);

// "Tue 15:00" for an hour of the week (0 = Monday 00:00).
std::string hour_of_week_text(int hour);

} // namespace bedrock_cost::usage
