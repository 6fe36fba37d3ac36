// `bedrock-cost profile`: the summary of imported usage, one row per model, in every format.

#include "coverage_json.hpp"
#include "grid.hpp"
#include "numbers.hpp"
#include "rows.hpp"

#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_writer.hpp>
#include <bedrock_cost/util/printable.hpp>
#include <bedrock_cost/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace bedrock_cost::report {

namespace {

using nlohmann::ordered_json;

std::vector<const usage::UsageSummary*> rows_of(const usage::UsageReport& report) {
  std::vector<const usage::UsageSummary*> rows;
  for (const auto& summary : report.models) {
    rows.push_back(&summary);
  }
  if (report.total) {
    rows.push_back(&*report.total);
  }
  return rows;
}

std::string minute_text(std::int64_t minute) { return usage::format_timestamp(minute * 60); }

// One "MODEL in REGION: Coverage: ..." line per model, as estimate --usage would price it.
std::vector<std::string> coverage_lines(const usage::UsageReport& report) {
  std::vector<std::string> lines;
  for (const auto& s : report.models) {
    if (s.coverage) {
      lines.push_back(fmt::format("{} in {}: {}", s.model, s.region,
                                  detail::coverage_text(*s.coverage, s.month_factor, report.hours_per_month)));
    }
  }
  return lines;
}

std::string span_text(const usage::UsageSummary& s) {
  return fmt::format("{} + {}", usage::format_timestamp(s.first_minute * 60), detail::duration(s.span_minutes));
}

// The columns of the profile table: for people (table, Markdown) or for scripts (CSV, every figure plain).
std::vector<detail::Column> usage_columns(bool people) {
  detail::Grid grid;
  if (people) {
    grid.columns = {{"Model"},
                    {"Region"},
                    {"From (UTC) + span"},
                    {"Requests", detail::Align::right},
                    {"Input + cache tokens", detail::Align::right},
                    {"Output tokens", detail::Align::right},
                    {"Avg TPM", detail::Align::right},
                    {"p50", detail::Align::right},
                    {"p90", detail::Align::right},
                    {"p99", detail::Align::right},
                    {"Peak TPM", detail::Align::right},
                    {"Peak in/out TPM", detail::Align::right},
                    {"Peak RPM", detail::Align::right},
                    {"Busiest hour (UTC)"},
                    {"Idle minutes (gaps)", detail::Align::right}};
    return grid.columns;
  }
  detail::add_columns(grid, detail::Content::text, {"model", "region", "first_minute"});
  detail::add_columns(grid, detail::Content::number,
                      {"span_minutes",       "requests",       "input_tokens",   "output_tokens",  "cache_read_tokens",
                       "cache_write_tokens", "avg_tpm",        "p50_tpm",        "p90_tpm",        "p99_tpm",
                       "peak_tpm",           "avg_input_tpm",  "p50_input_tpm",  "p90_input_tpm",  "p99_input_tpm",
                       "peak_input_tpm",     "avg_output_tpm", "p50_output_tpm", "p90_output_tpm", "p99_output_tpm",
                       "peak_output_tpm",    "avg_rpm",        "peak_rpm"});
  detail::add_columns(grid, detail::Content::text, {"busiest_hour_utc"});
  detail::add_columns(grid, detail::Content::number,
                      {"busiest_hour_tpm", "idle_minutes", "gaps", "longest_gap_minutes"});
  detail::add_columns(grid, detail::Content::text, {"period_start", "period_end"});
  detail::add_columns(grid, detail::Content::number, {"minutes_with_data", "month_factor"});
  return grid.columns;
}

// One model's row for people: counts grouped, peaks and the busiest hour in words.
std::vector<std::string> people_row(const usage::UsageSummary& s) {
  const auto& t = s.total;
  return {s.model,
          s.region,
          span_text(s),
          s.requests_known ? detail::grouped(static_cast<double>(t.requests)) : "-",
          detail::grouped(static_cast<double>(t.input + t.cache_read + t.cache_write)),
          detail::grouped(static_cast<double>(t.output)),
          detail::grouped(s.tpm.avg),
          detail::grouped(s.tpm.p50),
          detail::grouped(s.tpm.p90),
          detail::grouped(s.tpm.p99),
          detail::grouped(s.tpm.peak),
          fmt::format("{} / {}", detail::grouped(s.input_tpm.peak), detail::grouped(s.output_tpm.peak)),
          s.peak_rpm ? detail::grouped(*s.peak_rpm) : "-",
          s.busiest_hour_tpm > 0 ? usage::hour_of_week_text(s.busiest_hour_of_week) : "-",
          fmt::format("{} ({})", detail::grouped(static_cast<double>(s.idle_minutes)), s.gaps)};
}

// One model's row for scripts: every count and rate plain, empty where it is unknown.
std::vector<std::string> script_row(const usage::UsageSummary& s) {
  const auto& t = s.total;
  const auto num = [](double v) { return detail::plain(v); };
  const auto opt = [](const std::optional<double>& v) { return v ? detail::plain(*v) : std::string(); };
  return {s.model,
          s.region,
          usage::format_timestamp(s.first_minute * 60),
          fmt::format("{}", s.span_minutes),
          s.requests_known ? fmt::format("{}", t.requests) : "",
          fmt::format("{}", t.input),
          fmt::format("{}", t.output),
          fmt::format("{}", t.cache_read),
          fmt::format("{}", t.cache_write),
          num(s.tpm.avg),
          num(s.tpm.p50),
          num(s.tpm.p90),
          num(s.tpm.p99),
          num(s.tpm.peak),
          num(s.input_tpm.avg),
          num(s.input_tpm.p50),
          num(s.input_tpm.p90),
          num(s.input_tpm.p99),
          num(s.input_tpm.peak),
          num(s.output_tpm.avg),
          num(s.output_tpm.p50),
          num(s.output_tpm.p90),
          num(s.output_tpm.p99),
          num(s.output_tpm.peak),
          opt(s.avg_rpm),
          opt(s.peak_rpm),
          s.busiest_hour_tpm > 0 ? usage::hour_of_week_text(s.busiest_hour_of_week) : "",
          num(s.busiest_hour_tpm),
          fmt::format("{}", s.idle_minutes),
          fmt::format("{}", s.gaps),
          fmt::format("{}", s.longest_gap_minutes),
          s.coverage ? minute_text(s.coverage->period_first_minute) : "",
          s.coverage ? minute_text(s.coverage->period_first_minute + s.coverage->period_minutes) : "",
          s.coverage ? fmt::format("{}", s.coverage->minutes_with_data) : "",
          s.coverage ? detail::plain(s.month_factor, 6) : ""};
}

detail::Grid usage_grid(const usage::UsageReport& report, bool people) {
  detail::Grid grid;
  grid.columns = usage_columns(people);
  for (const usage::UsageSummary* s : rows_of(report)) {
    grid.rows.push_back(people ? people_row(*s) : script_row(*s));
  }
  return grid;
}

std::string read_text(const usage::UsageReport& report) {
  const auto& st = report.stats;
  std::string text = fmt::format("Read {} file{}, {} record{}", st.files, st.files == 1 ? "" : "s", st.records,
                                 st.records == 1 ? "" : "s");
  if (st.duplicates > 0) {
    text += fmt::format(", {} repeated", st.duplicates);
  }
  if (st.failed > 0) {
    text += fmt::format(", {} failed calls not counted", st.failed);
  }
  if (st.skipped_invalid > 0) {
    text += fmt::format(", {} invalid skipped", st.skipped_invalid);
  }
  return text + ". Tokens per minute (TPM) over every minute of the span, idle minutes included.";
}

ordered_json stats_json(const usage::RateStats& r) {
  return ordered_json{{"avg", r.avg}, {"p50", r.p50}, {"p90", r.p90}, {"p99", r.p99}, {"peak", r.peak}};
}

void render_json(const usage::UsageReport& report, std::ostream& out) {
  const auto summary = [](const usage::UsageSummary& s) {
    const auto& t = s.total;
    return ordered_json{
        {"model", s.model},
        {"region", s.region},
        {"first_minute", usage::format_timestamp(s.first_minute * 60)},
        {"span_minutes", s.span_minutes},
        {"requests", s.requests_known ? ordered_json(t.requests) : ordered_json(nullptr)},
        {"input_tokens", t.input},
        {"output_tokens", t.output},
        {"cache_read_tokens", t.cache_read},
        {"cache_write_tokens", t.cache_write},
        {"tpm", stats_json(s.tpm)},
        {"input_tpm", stats_json(s.input_tpm)},
        {"output_tpm", stats_json(s.output_tpm)},
        {"avg_rpm", s.avg_rpm ? ordered_json(*s.avg_rpm) : ordered_json(nullptr)},
        {"peak_rpm", s.peak_rpm ? ordered_json(*s.peak_rpm) : ordered_json(nullptr)},
        {"busiest_hour_utc", s.busiest_hour_tpm > 0 ? ordered_json(usage::hour_of_week_text(s.busiest_hour_of_week))
                                                    : ordered_json(nullptr)},
        {"busiest_hour_tpm", s.busiest_hour_tpm},
        {"idle_minutes", s.idle_minutes},
        {"gaps", s.gaps},
        {"longest_gap_minutes", s.longest_gap_minutes},
        {"coverage", s.coverage ? detail::coverage_json(*s.coverage, s.month_factor) : ordered_json(nullptr)}};
  };
  ordered_json models = ordered_json::array();
  for (const auto& s : report.models) {
    models.push_back(summary(s));
  }
  const auto& st = report.stats;
  const ordered_json document{{"schema_version", k_json_schema_version},
                              {"generated_by", fmt::format("bedrock-cost {}", k_version)},
                              {"models", models},
                              {"total", report.total ? summary(*report.total) : ordered_json(nullptr)},
                              {"read",
                               {{"files", st.files},
                                {"records", st.records},
                                {"duplicates", st.duplicates},
                                {"failed_calls", st.failed},
                                {"skipped_invalid", st.skipped_invalid},
                                {"bytes", st.bytes}}},
                              {"warnings", report.warnings},
                              {"notes", report.notes}};
  out << util::dump_json(document, 2) << '\n';
}

} // namespace

} // namespace bedrock_cost::report

namespace bedrock_cost::report::detail {

std::string duration(std::int64_t minutes) { return util::format_duration(minutes); }

} // namespace bedrock_cost::report::detail

namespace bedrock_cost::report {

void render(const usage::UsageReport& report, OutputFormat format, const RenderOptions& options, std::ostream& out) {
  switch (format) {
  case OutputFormat::json: render_json(report, out); return;
  case OutputFormat::csv: detail::write_csv(usage_grid(report, false), out); return;
  case OutputFormat::markdown:
    out << "## Bedrock usage profile\n\n";
    detail::write_markdown(usage_grid(report, true), out);
    out << '\n';
    for (const std::string& line : coverage_lines(report)) {
      out << "- " << util::printable(line) << '\n';
    }
    out << '\n' << read_text(report) << '\n';
    return;
  case OutputFormat::table:
    detail::write_text(usage_grid(report, true), options.color, out);
    out << '\n';
    for (const std::string& line : coverage_lines(report)) {
      out << util::printable(line) << '\n';
    }
    out << '\n' << read_text(report) << '\n';
    return;
  case OutputFormat::focus:
  case OutputFormat::html: throw std::invalid_argument("a usage profile has no focus or html format");
  }
}

} // namespace bedrock_cost::report
