// The HTML report and its charts: the data the engine computes for them (hand-checked), number formats and
// ticks, determinism and size. Well-formedness and rendering in a browser are checked by tests/html_report.sh.

#include "../../src/report/chart_parts.hpp"
#include "../../src/report/charts.hpp"
#include "../../src/report/time_axis.hpp"
#include "test_helpers.hpp"

#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/report/render.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

using namespace bedrock_cost;
using util::Fixed9;

namespace {

const char* const k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";

// `minutes` one-minute buckets of 100,000 input and 20,000 output tokens, with one spike of 1,000,000 input
// tokens at minute `spike`; MU capacity 100,000 input + 20,000 output tokens per minute (so 1 MU per minute,
// and 10 at the spike).
workload::WorkloadSpec spiky(std::size_t minutes, std::size_t spike) {
  auto profile = std::make_shared<workload::TrafficProfile>();
  profile->buckets.assign(minutes, workload::Bucket{100'000'000, 20'000'000, 0, 0, 0, 0, 0});
  profile->buckets.at(spike).input = 1'000'000'000;
  workload::WorkloadSpec s;
  s.model = s.name = k_haiku;
  s.rate = workload::TrafficRate{100'000, 20'000, std::nullopt, 1};
  s.series = profile;
  s.series_note = "test series";
  s.capacity.mu_input_tpm = Fixed9::parse("100000");
  s.capacity.mu_output_tpm = Fixed9::parse("20000");
  s.origin = s.model_origin = s.region_origin = "--model";
  return s;
}

// The test catalog's Haiku ($0.25 / $1.25 per 1M tokens) with one MU at $1 an hour for a month: $730 a month,
// against $2,190 a month on-demand for the base traffic (4.38B input and 876M output tokens).
const catalog::Catalog& cheap_mu_catalog() {
  static const catalog::Catalog c = [] {
    catalog::Catalog base = test::load(test::k_catalog);
    test::overlay(
        base, R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "anthropic.claude-3-haiku-20240307-v1:0",
      "provisioned": [{"regions": ["us-east-1"], "unit": "per_mu_hour", "terms": {"1_month": 1},
      "source": "test", "as_of": "2026-11-01"}]}]})");
    return base;
  }();
  return c;
}

engine::CostReport estimate(const workload::WorkloadSpec& s, bool charts = true) {
  const catalog::Catalog& c = cheap_mu_catalog();
  engine::EstimateOptions options;
  options.charts = charts;
  return engine::estimate(c, {s}, options);
}

} // namespace

TEST_CASE("chart data: each point keeps the busiest minute of the minutes it covers") {
  const engine::CostReport report = estimate(spiky(10'080, 5'000));
  const auto& charts = report.workloads.at(0).charts;
  REQUIRE(charts);
  const engine::TrafficSeries& s = charts->traffic;
  CHECK(s.span_minutes == 10'080);
  CHECK(s.minutes_per_point == 14); // 10,080 / 720
  REQUIRE(s.input_tpm.size() == 720);
  REQUIRE(s.model_units.size() == 720);
  // Minute 5,000 falls in point 357 (minutes 4,998 to 5,011): its peak is the spike, not the average of 14.
  CHECK(s.input_tpm[357] == 1'000'000.0);
  CHECK(s.model_units[357] == 10.0);
  CHECK(s.input_tpm[356] == 100'000.0);
  CHECK(s.output_tpm[357] == 20'000.0);
  CHECK(s.model_units[0] == 1.0);
  CHECK(*std::max_element(s.input_tpm.begin(), s.input_tpm.end()) == 1'000'000.0);
  // The average of the 14 minutes: what the chart draws as the line (the busiest minute is the pale band).
  REQUIRE(s.input_tpm_average.size() == 720);
  CHECK(s.input_tpm_average[357] == Approx((13 * 100'000.0 + 1'000'000.0) / 14));
  CHECK(s.input_tpm_average[356] == 100'000.0);
  CHECK(s.output_tpm_average[357] == 20'000.0);
  CHECK(s.model_units_average[357] == Approx((13 * 1.0 + 10.0) / 14));
  CHECK(s.origin == engine::TimeOrigin::elapsed); // a series without a start
  // Without charts asked for, none are computed.
  CHECK_FALSE(estimate(spiky(10'080, 5'000), false).workloads.at(0).charts);
}

TEST_CASE("chart data: the cost curve passes through each blended option at N*") {
  const engine::CostReport report = estimate(spiky(10'080, 5'000));
  const engine::WorkloadResult& w = report.workloads.at(0);
  REQUIRE(w.charts->cost_curves.size() == 1);
  const engine::CostCurve& curve = w.charts->cost_curves[0];
  CHECK(curve.term == "1_month");
  const auto blended = std::find_if(w.options.begin(), w.options.end(), [](const engine::OptionResult& o) {
    return o.strategy == engine::Strategy::blended;
  });
  REQUIRE(blended != w.options.end());
  // One MU serves every minute but the spike: N* = 1. The curve runs from 0 to the peak's 10 MUs and one more.
  CHECK(curve.optimal_model_units == 1);
  CHECK(*blended->model_units == 1);
  REQUIRE(curve.points.size() == 12);
  CHECK(curve.points.front().first == 0);
  CHECK(curve.points.back().first == 11);
  for (const auto& [units, cost] : curve.points) {
    if (units == 1) {
      CHECK(cost == blended->monthly);
    }
    if (units == 0) {
      CHECK(cost == w.options.front().monthly); // no MU: all on-demand
    }
    CHECK_FALSE(cost < blended->monthly); // N* is the minimum
  }
  // Each MU costs $730 a month: at 10 MUs nothing overflows.
  CHECK(curve.points[10].second == util::Money::from_usd(Fixed9::parse("7300")));
}

TEST_CASE("chart data: long profiles keep at most 720 points, and curves about 60") {
  const engine::CostReport report = estimate(spiky(525'600, 100'000));
  const engine::TrafficSeries& s = report.workloads.at(0).charts->traffic;
  CHECK(s.minutes_per_point == 730);
  CHECK(s.input_tpm.size() == 720);
  CHECK(s.input_tpm[136] == 1'000'000.0); // 100,000 / 730
}

TEST_CASE("chart numbers: short counts and dollars, nice ticks") {
  using report::detail::nice_ticks;
  using report::detail::short_count;
  using report::detail::short_dollars;
  CHECK(short_count(0) == "0");
  CHECK(short_count(950) == "950");
  CHECK(short_count(250'000) == "250K");
  CHECK(short_count(1'500'000) == "1.5M");
  CHECK(short_count(2'250'000'000) == "2.25B");
  CHECK(short_dollars(0) == "$0");
  CHECK(short_dollars(12.5) == "$12.50");
  CHECK(short_dollars(105'120) == "$105,120");
  CHECK(nice_ticks(523'000) == std::vector<double>{0, 200'000, 400'000, 600'000});
  CHECK(nice_ticks(523'000, 10) == std::vector<double>{0, 100'000, 200'000, 300'000, 400'000, 500'000, 600'000});
  CHECK(nice_ticks(9.45) == std::vector<double>{0, 2, 4, 6, 8, 10});
  CHECK(nice_ticks(0) == std::vector<double>{0, 1});
}

TEST_CASE("the HTML report is self-contained, deterministic and small for a year of minutes") {
  const engine::CostReport report = estimate(spiky(525'600, 100'000));
  std::ostringstream first;
  std::ostringstream second;
  report::html::render(report, first);
  report::html::render(estimate(spiky(525'600, 100'000)), second);
  const std::string html = first.str();
  CHECK(html == second.str());
  CHECK(html.size() < 200'000);
  CHECK(html.starts_with("<!DOCTYPE html>"));
  // No scripts, external fonts, stylesheets or images: nothing to fetch. (The SVG namespace URI is a name.)
  for (const char* banned : {"<script", "<link", "@import", "src=", "url(http", "https://"}) {
    INFO(banned);
    CHECK(html.find(banned) == std::string::npos);
  }
  for (auto at = html.find("http://"); at != std::string::npos; at = html.find("http://", at + 1)) {
    CHECK(html.compare(at, 26, "http://www.w3.org/2000/svg") == 0);
  }
  std::size_t charts = 0;
  for (auto at = html.find("<svg"); at != std::string::npos; at = html.find("<svg", at + 1)) {
    ++charts;
  }
  CHECK(charts == 4); // traffic, model units, cost curve, options
  std::ostringstream svg;
  report::svg::render(report, svg);
  CHECK(svg.str().starts_with("<?xml"));
  CHECK(svg.str().size() < 200'000);
}

TEST_CASE("a constant rate without an MU capacity gets the options chart and says why the others are missing") {
  workload::WorkloadSpec s = spiky(1, 0);
  s.capacity = {};
  std::ostringstream out;
  report::html::render(estimate(s), out);
  const std::string html = out.str();
  CHECK(html.find("A constant rate has no traffic over time to draw") != std::string::npos);
  CHECK(html.find("there is no model-unit chart or cost curve") != std::string::npos);
  CHECK(html.find("-options\"") != std::string::npos);
  CHECK(html.find("-traffic\"") == std::string::npos);
}

TEST_CASE("chart data: a sparse profile averages over every minute it spans, and keeps its start") {
  // Imported usage: 3,000 minutes from 2024-05-14 09:00 UTC with data in two of them.
  auto profile = std::make_shared<workload::TrafficProfile>();
  profile->sparse = true;
  profile->total_buckets = 3'000;
  profile->start_epoch_minute = 28'594'620; // 2024-05-14T09:00:00Z / 60
  profile->buckets = {workload::Bucket{7'000'000, 700'000, 0, 0, 0, 0, 0},
                      workload::Bucket{700'000, 70'000, 0, 0, 0, 0, 0}};
  profile->positions = {3, 2'999};
  workload::WorkloadSpec s = spiky(1, 0);
  s.series = profile;
  const engine::CostReport report = estimate(s);
  const engine::TrafficSeries& series = report.workloads.at(0).charts->traffic;
  CHECK(series.origin == engine::TimeOrigin::epoch);
  CHECK(series.start_epoch_minute == 28'594'620);
  CHECK(series.minutes_per_point == 5); // 3,000 minutes in 600 points
  REQUIRE(series.input_tpm.size() == 600);
  CHECK(series.input_tpm[0] == 7'000.0);
  CHECK(series.input_tpm_average[0] == 7'000.0 / 5); // the four empty minutes count as zero
  CHECK(series.input_tpm_average[599] == 700.0 / 5);
  CHECK(series.input_tpm_average[1] == 0.0);
}

TEST_CASE("chart time axes: dates and weekdays for usage, weekdays for a shaped week, elapsed time otherwise") {
  using report::detail::time_axis;
  engine::TrafficSeries s;
  s.origin = engine::TimeOrigin::epoch;
  s.start_epoch_minute = 28'594'620; // Tue 14 May 2024 09:00 UTC
  s.span_minutes = 5;
  auto axis = time_axis(s);
  CHECK(axis.labels == std::vector<std::string>{"09:00", "09:01", "09:02", "09:03", "09:04", "09:05"});
  CHECK(axis.ticks.front() == 0.0);
  CHECK(axis.title == "time (UTC) from Tue 14 May 2024 09:00");
  s.span_minutes = 1'440; // a day: every 2 hours, the day's start named
  axis = time_axis(s);
  CHECK(axis.labels.front() == "10:00");
  CHECK(axis.ticks.front() == 60.0);
  CHECK(std::find(axis.labels.begin(), axis.labels.end(), "Wed 15 May") != axis.labels.end());
  s.span_minutes = 21 * 1'440; // three weeks: every 2 days from midnight
  axis = time_axis(s);
  CHECK(axis.title == "date (UTC)");
  CHECK(axis.labels.front() == "Wed 15 May");
  CHECK(axis.ticks.front() == 15 * 60.0); // 09:00 to midnight
  CHECK(axis.labels.at(1) == "Fri 17 May");
  s.span_minutes = 300 * 1'440; // months
  axis = time_axis(s);
  CHECK(axis.labels.front() == "Jun 2024");
  CHECK(axis.labels.back() == "Mar 2025");
  s.origin = engine::TimeOrigin::week; // a shaped week: weekdays, no dates
  s.span_minutes = 10'080;
  axis = time_axis(s);
  CHECK(axis.labels == std::vector<std::string>{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Mon"});
  CHECK(axis.title == "day of the shape's week (UTC)");
  s.origin = engine::TimeOrigin::elapsed;
  axis = time_axis(s);
  CHECK(axis.labels == std::vector<std::string>{"0", "1", "2", "3", "4", "5", "6", "7"});
  CHECK(axis.title == "days since the start of the traffic (UTC)");
}

TEST_CASE("the cost chart is scaled to the costs that matter and shows the Reserved option") {
  using report::detail::nice_ticks_between;
  CHECK(nice_ticks_between(89'000, 111'000) ==
        std::vector<double>{85'000, 90'000, 95'000, 100'000, 105'000, 110'000, 115'000});
  CHECK(nice_ticks_between(1'210, 1'790) == std::vector<double>{1'200, 1'400, 1'600, 1'800});
  workload::WorkloadSpec s = spiky(10'080, 5'000);
  s.capacity.reserved["3_month"] = {Fixed9::parse("5"), Fixed9::parse("30")};
  s.capacity.reserved_origin = "--reserved-input-price/--reserved-output-price";
  const engine::WorkloadResult w = estimate(s).workloads.at(0);
  const std::string chart = report::detail::cost_curve_chart(w, "w1-cost");
  INFO(chart);
  // On-demand is $2,190 and a little; N* = 1 costs $730 and a little overflow; the Reserved option lies between.
  // The scale ends at $3,000, not at the $8,030 of the 11 MUs the curve reaches: it is clipped to the plot.
  CHECK(chart.find(">$3,000</text>") != std::string::npos);
  CHECK(chart.find(">$4,000</text>") == std::string::npos);
  CHECK(chart.find("clip-path=\"url(#w1-cost-plot)\"") != std::string::npos);
  CHECK(chart.find("<line class=\"reserved\"") != std::string::npos);
  CHECK(chart.find("reserved, 3 month, ") != std::string::npos);
}

TEST_CASE("when no commitment pays, the model-unit chart shades nothing and says so") {
  workload::WorkloadSpec s = spiky(10'080, 5'000);
  // A tenth of the traffic per MU: $0.30 of tokens per MU-hour, against $1 an hour for the MU.
  s.capacity.mu_input_tpm = Fixed9::parse("10000");
  s.capacity.mu_output_tpm = Fixed9::parse("2000");
  const engine::WorkloadResult w = estimate(s).workloads.at(0);
  REQUIRE(report::detail::no_commitment_pays(w));
  const std::string chart = report::detail::model_unit_chart(w, "w1-units");
  CHECK(chart.find("class=\"overflow\"") == std::string::npos);
  CHECK(chart.find("No commitment pays: N* = 0 MU for every term") != std::string::npos);
  const auto charts = report::detail::workload_charts(w, 1);
  CHECK(std::find_if(charts.notes.begin(), charts.notes.end(), [](const std::string& note) {
          return note.starts_with("No commitment pays for this traffic");
        }) != charts.notes.end());
}
