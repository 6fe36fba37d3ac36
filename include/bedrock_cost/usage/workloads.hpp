#pragma once

// Imported usage as workloads for the engine: each model and Region with data becomes a workload whose traffic is
// its measured minutes over the period the usage stands for, with what that period covers and the checks a reader
// needs to trust the total: a period too short or uneven to stand for a month, a model seen over only part of it,
// and the same minutes described by two kinds of source (counted twice).

#include <bedrock_cost/usage/usage.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::usage {

// How the period of the usage becomes a month.
enum class ToMonth {
  scale,       // the period's traffic times M / |P| (DESIGN.md "Coverage")
  whole_weeks, // the last whole weeks of the period only, times M / |P| (each day of the week weighed alike)
  as_is,       // the period's traffic is a month's, priced as it is (k = 1)
};

// "scale", "whole-weeks", "as-is".
std::string_view to_string(ToMonth to_month);
std::optional<ToMonth> to_month_from_name(std::string_view name);

struct WorkloadOptions {
  ToMonth to_month = ToMonth::scale;
  // Two kinds of source (CloudWatch metrics, invocation logs, a CSV) may describe the same minutes of one model:
  // the user says they are different traffic. Otherwise that is an error.
  bool mixed_sources = false;
  // Only the series it keeps (--model); every series when empty.
  std::function<bool(const ModelUsage&)> keep;
};

struct UsageWorkloads {
  std::vector<workload::WorkloadSpec> workloads;
  std::vector<std::string> warnings; // about the whole usage: its period (each workload has its own too)
  std::vector<std::string> notes;
};

// The workloads of the usage, one per model and Region with data, in model order; each carries its coverage and
// the warnings about it. Throws InputError when two kinds of source describe the same minutes of a model (naming
// the model, the files and the minutes) unless options.mixed_sources, and when whole_weeks finds less than a week.
UsageWorkloads workloads(const UsageSet& usage, const WorkloadOptions& options);

// The warnings about the period [first_minute, first_minute + minutes) standing for a month: under a week, or not
// whole weeks. `origin` says where the period came from ("--period"; empty: the data).
std::vector<std::string> coverage_warnings(std::int64_t first_minute, std::int64_t minutes, std::string_view origin);

} // namespace bedrock_cost::usage
