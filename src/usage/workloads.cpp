#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/usage/workloads.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <bit>
#include <map>

namespace bedrock_cost::usage {

namespace {

constexpr std::int64_t k_week = std::int64_t{7} * 1440;
constexpr std::array<ToMonth, 3> k_to_month = {ToMonth::scale, ToMonth::whole_weeks, ToMonth::as_is};

// "2024-05-13T00:00:00Z..2024-05-20T00:00:00Z" for minutes [first, end).
std::string range_text(std::int64_t first, std::int64_t end) {
  return fmt::format("{}..{}", format_timestamp(first * 60), format_timestamp(end * 60));
}

std::string kinds_text(std::uint8_t kinds) {
  std::vector<std::string> names;
  for (const SourceKind kind : {SourceKind::metrics, SourceKind::invocation_logs, SourceKind::csv}) {
    if ((kinds & static_cast<std::uint8_t>(kind)) != 0) {
      names.emplace_back(describe(kind));
    }
  }
  return fmt::format("{}", fmt::join(names, " and "));
}

// The files of one kind of source of a series, at most three named.
std::string files_text(const ModelUsage& series, SourceKind kind) {
  std::vector<std::string> files;
  for (const auto& [file_kind, file] : series.files()) {
    if (file_kind == kind) {
      files.push_back(file);
    }
  }
  if (files.size() > 3) {
    const std::size_t more = files.size() - 3;
    files.resize(3);
    files.push_back(fmt::format("{} more", more));
  }
  return fmt::format("{}", fmt::join(files, ", "));
}

// Two kinds of source describing the same minutes of a model count its traffic twice: an error naming the model,
// the kinds, their files and the minutes.
void check_sources(const ModelUsage& series) {
  if (std::popcount(series.sources()) < 2) {
    return;
  }
  std::int64_t overlap = 0;
  std::int64_t first = 0;
  std::int64_t last = 0;
  std::uint8_t kinds = 0;
  for (const auto& [minute, data] : series.minutes()) {
    if (std::popcount(data.sources) >= 2) {
      first = overlap == 0 ? minute : first;
      last = minute;
      kinds |= data.sources;
      ++overlap;
    }
  }
  if (overlap == 0) {
    return; // e.g. metrics for one week and logs for the next
  }
  std::vector<std::string> sources;
  for (const SourceKind kind : {SourceKind::metrics, SourceKind::invocation_logs, SourceKind::csv}) {
    if ((kinds & static_cast<std::uint8_t>(kind)) != 0) {
      sources.push_back(fmt::format("{} ({})", describe(kind), files_text(series, kind)));
    }
  }
  throw InputError(fmt::format("{} in {}: {} both describe {} minute{} ({}): the same traffic would be counted "
                               "twice. Give one kind of source per model, or --mixed-sources if they describe "
                               "different traffic",
                               series.model(), series.region(), fmt::join(sources, " and "), overlap,
                               overlap == 1 ? "" : "s", range_text(first, last + 1)));
}

// A model whose data starts or stops far inside the period (fetched for other dates, say) is priced as idle for
// the rest of it: worth a warning. "Far" is more than a day and more than a tenth of the period.
std::optional<std::string> partial_warning(const ModelUsage& series, std::int64_t first, std::int64_t last,
                                           std::int64_t data_first, std::int64_t data_last, std::string_view origin) {
  const std::int64_t span = last - first + 1;
  const std::int64_t far = std::max<std::int64_t>(1440, span / 10);
  if (data_first - first <= far && last - data_last <= far) {
    return std::nullopt;
  }
  const std::string advice = origin.empty()
                                 ? "if it was fetched for other dates than the other models', read the "
                                   "same period for each (or state it with --period)"
                                 : fmt::format("check that the usage read covers the whole period ({})", origin);
  return fmt::format("{} in {}: its usage covers only {} ({}) of the {} priced ({}), and is priced as idle for the "
                     "rest; {}",
                     series.model(), series.region(), util::format_duration(data_last - data_first + 1),
                     range_text(data_first, data_last + 1), util::format_duration(span), range_text(first, last + 1),
                     advice);
}

// " (--period)", or nothing for the data's own period.
std::string origin_text(std::string_view origin) {
  return origin.empty() ? std::string() : fmt::format(", {}", origin);
}

struct Period {
  std::int64_t first = 0;
  std::int64_t last = -1;
  std::int64_t minutes() const { return last - first + 1; }
};

// The period priced: the usage's, or its last whole weeks.
Period priced_period(const UsageSet& usage, ToMonth to_month, std::vector<std::string>& notes) {
  Period period{usage.first_minute, usage.last_minute};
  if (to_month != ToMonth::whole_weeks) {
    return period;
  }
  const std::int64_t weeks = period.minutes() / k_week;
  if (weeks == 0) {
    throw InputError(fmt::format("--to-month whole-weeks: the usage covers {} ({}), less than a week",
                                 util::format_duration(period.minutes()), range_text(period.first, period.last + 1)));
  }
  const std::int64_t left_out = period.minutes() - weeks * k_week;
  period.first = period.last + 1 - weeks * k_week;
  if (left_out > 0) {
    notes.push_back(fmt::format(
        "{} of the usage ({}) {} priced; the {} before {} left out (--to-month whole-weeks)",
        weeks == 1 ? std::string("the last whole week") : fmt::format("the last {} whole weeks", weeks),
        range_text(period.first, period.last + 1), weeks == 1 ? "is" : "are", util::format_duration(left_out), "is"));
  }
  return period;
}

workload::WorkloadSpec workload_of(const ModelUsage& series, const Period& period, const std::string& name,
                                   const UsageSet& usage, const WorkloadOptions& options) {
  workload::WorkloadSpec spec;
  spec.model = series.model();
  spec.region = series.region();
  spec.region_given = true;
  spec.name = name;
  auto profile = std::make_shared<workload::TrafficProfile>(series.profile(period.first, period.minutes(), true));
  profile->month_as_is = options.to_month == ToMonth::as_is;
  workload::Coverage coverage;
  coverage.period_first_minute = period.first;
  coverage.period_minutes = period.minutes();
  coverage.period_origin = usage.period_origin;
  coverage.to_month = std::string(to_string(options.to_month));
  for (std::size_t i = 0; i < profile->buckets.size(); ++i) {
    const std::int64_t minute = period.first + profile->position(i);
    coverage.data_first_minute = i == 0 ? minute : coverage.data_first_minute;
    coverage.data_last_minute = minute;
  }
  coverage.minutes_with_data = static_cast<std::int64_t>(profile->buckets.size());
  spec.series_note =
      fmt::format("traffic: imported usage of {}, {} one-minute buckets over {} ({} {}; minutes without data are idle)",
                  kinds_text(series.sources()), period.minutes(), util::format_duration(period.minutes()),
                  range_text(period.first, period.last + 1), origin_text(usage.period_origin));
  spec.series = std::move(profile);
  if (auto warning = partial_warning(series, period.first, period.last, coverage.data_first_minute,
                                     coverage.data_last_minute, usage.period_origin)) {
    spec.warnings.push_back(std::move(*warning));
  }
  spec.coverage = coverage;
  spec.origin = fmt::format("usage of {} in {}", series.model(), series.region());
  spec.model_origin = spec.origin;
  spec.region_origin = spec.origin;
  return spec;
}

} // namespace

std::string_view to_string(ToMonth to_month) {
  switch (to_month) {
  case ToMonth::scale: return "scale";
  case ToMonth::whole_weeks: return "whole-weeks";
  case ToMonth::as_is: return "as-is";
  }
  return "scale";
}

std::optional<ToMonth> to_month_from_name(std::string_view name) {
  for (const ToMonth to_month : k_to_month) {
    if (to_string(to_month) == name) {
      return to_month;
    }
  }
  return std::nullopt;
}

std::vector<std::string> coverage_warnings(std::int64_t first_minute, std::int64_t minutes, std::string_view origin) {
  std::vector<std::string> warnings;
  const std::string covered = fmt::format("the usage covers {} ({}{})", util::format_duration(minutes),
                                          range_text(first_minute, first_minute + minutes), origin_text(origin));
  if (minutes < k_week) {
    warnings.push_back(fmt::format("{}, less than a week: it is scaled to a month as if every week were like it, and "
                                   "the week's pattern (nights, weekends) is not seen; give a week or more of usage, "
                                   "or state the period it stands for with --period",
                                   covered));
  } else if (minutes % k_week != 0) {
    warnings.push_back(fmt::format("{}, not a whole number of weeks: the days of the week it holds once more than the "
                                   "others weigh more; give whole weeks (--period, --since/--until) or price the last "
                                   "whole weeks (--to-month whole-weeks)",
                                   covered));
  }
  return warnings;
}

UsageWorkloads workloads(const UsageSet& usage, const WorkloadOptions& options) {
  UsageWorkloads result;
  if (usage.span_minutes() <= 0) {
    return result;
  }
  const Period period = priced_period(usage, options.to_month, result.notes);
  std::map<std::string, int> regions_of_model;
  for (const auto& [key, series] : usage.models) {
    if (!series.empty() && (!options.keep || options.keep(series))) {
      ++regions_of_model[series.model()];
      if (!options.mixed_sources) {
        check_sources(series);
      }
    }
  }
  for (const auto& [key, series] : usage.models) {
    if (series.empty() || (options.keep && !options.keep(series))) {
      continue;
    }
    const std::string name =
        regions_of_model[series.model()] > 1 ? fmt::format("{} ({})", series.model(), series.region()) : series.model();
    workload::WorkloadSpec spec = workload_of(series, period, name, usage, options);
    if (spec.coverage->minutes_with_data == 0) { // all its data lies before the whole weeks priced
      result.warnings.push_back(fmt::format("{} in {}: no usage in the whole weeks priced ({}); left out",
                                            series.model(), series.region(),
                                            range_text(period.first, period.last + 1)));
      continue;
    }
    result.workloads.push_back(std::move(spec));
  }
  if (!result.workloads.empty()) {
    if (options.to_month == ToMonth::as_is) {
      if (period.minutes() < std::int64_t{28} * 1440 || period.minutes() > std::int64_t{31} * 1440) {
        result.warnings.push_back(fmt::format("--to-month as-is prices {} of usage ({}) as a month",
                                              util::format_duration(period.minutes()),
                                              range_text(period.first, period.last + 1)));
      }
    } else {
      const auto warnings = coverage_warnings(period.first, period.minutes(), usage.period_origin);
      result.warnings.insert(result.warnings.end(), warnings.begin(), warnings.end());
    }
  }
  return result;
}

} // namespace bedrock_cost::usage
