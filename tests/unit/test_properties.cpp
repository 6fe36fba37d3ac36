// Invariants of the domain on random traffic (fixed seeds): whatever the profile and prices, the numbers must
// obey them. Each property is checked on every generated case, through the whole estimate (engine::estimate)
// and its renderers.

#include "test_helpers.hpp"

#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/report/render.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <random>
#include <regex>
#include <sstream>

using namespace bedrock_cost;
using util::Fixed9;
using util::Money;

namespace {

const char* const k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";

struct Case {
  catalog::Catalog catalog;
  workload::WorkloadSpec spec;
};

// A random per-minute profile (idle minutes, a busy stretch, spikes, some batch), random Provisioned Throughput
// prices for three terms, a random MU capacity and random Reserved prices.
Case random_case(std::mt19937_64& random, double scale = 1) {
  const auto between = [&](std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(random() % static_cast<std::uint64_t>(high - low + 1));
  };
  auto profile = std::make_shared<workload::TrafficProfile>();
  profile->buckets.resize(static_cast<std::size_t>(between(1, 3000)));
  const std::int64_t base = between(0, 400'000);
  for (auto& b : profile->buckets) {
    const std::int64_t kind = between(0, 9);
    const std::int64_t input = kind == 0 ? 0 : kind == 9 ? between(500'000, 3'000'000) : base + between(0, base + 1);
    b.input = static_cast<std::int64_t>(static_cast<double>(input * 1000) * scale);
    b.output = static_cast<std::int64_t>(static_cast<double>(input * between(50, 300)) * scale);
    if (between(0, 4) == 0) {
      b.batch_input = static_cast<std::int64_t>(static_cast<double>(between(0, 50'000) * 1000) * scale);
      b.batch_output = b.batch_input / 10;
    }
  }
  Case c{test::load(test::k_catalog), {}};
  const auto price = [&] { return fmt::format("{}.{:02}", between(1, 60), between(0, 99)); };
  test::overlay(c.catalog, fmt::format(R"({{"schema_version": 1, "kind": "overlay", "models": [{{"id": "{}",
    "provisioned": [{{"regions": ["us-east-1"], "unit": "per_mu_hour", "terms": {{"no_commitment": {},
    "1_month": {}, "6_month": {}}}, "source": "random", "as_of": "2026-11-01"}}]}}]}})",
                                       k_haiku, price(), price(), price()));
  workload::WorkloadSpec& s = c.spec;
  s.model = s.name = k_haiku;
  s.rate = workload::TrafficRate{1, 1, std::nullopt, 1};
  s.series = profile;
  s.series_note = "random profile";
  s.capacity.mu_input_tpm = Fixed9::parse(std::to_string(between(50'000, 500'000)));
  s.capacity.mu_output_tpm = Fixed9::parse(std::to_string(between(5'000, 50'000)));
  s.capacity.reserved["1_month"] = {Fixed9::parse(price()), Fixed9::parse(price())};
  s.capacity.reserved["3_month"] = {Fixed9::parse(price()), Fixed9::parse(price())};
  s.capacity.reserved_origin = "random";
  s.origin = s.model_origin = s.region_origin = "--model";
  return c;
}

engine::CostReport run(const Case& c, bool charts = false) {
  engine::EstimateOptions options;
  options.charts = charts;
  return engine::estimate(c.catalog, {c.spec}, options);
}

const engine::OptionResult* find(const engine::WorkloadResult& w, engine::Strategy strategy, const std::string& term) {
  for (const auto& o : w.options) {
    if (o.strategy == strategy && o.term == term) {
      return &o;
    }
  }
  return nullptr;
}

Money sum(const std::vector<engine::CostLine>& lines) {
  Money total;
  for (const auto& line : lines) {
    total += line.monthly;
  }
  return total;
}

} // namespace

TEST_CASE("property: blended at N* costs no more than on-demand or provisioned at the peak, nor N* +- 1") {
  std::mt19937_64 random(20261127);
  for (int i = 0; i < 120; ++i) {
    const Case c = random_case(random);
    const engine::WorkloadResult w = run(c, true).workloads.at(0);
    INFO("case " << i << ", " << c.spec.series->buckets.size() << " minutes");
    const Money on_demand = w.options.front().monthly;
    REQUIRE(w.charts);
    for (const std::string term : {"no_commitment", "1_month", "6_month"}) {
      const engine::OptionResult* blended = find(w, engine::Strategy::blended, term);
      const engine::OptionResult* provisioned = find(w, engine::Strategy::provisioned, term);
      REQUIRE(blended != nullptr);
      REQUIRE(provisioned != nullptr);
      // In cents, as options are compared: the on-demand option adds its lines each rounded to the atto-dollar.
      CHECK(blended->monthly.round_cents() <= on_demand.round_cents());
      CHECK(blended->monthly.round_cents() <= provisioned->monthly.round_cents());
      CHECK(provisioned->throttled_share == 0); // sized to the peak
      const auto curve = std::find_if(w.charts->cost_curves.begin(), w.charts->cost_curves.end(),
                                      [&](const engine::CostCurve& cc) { return cc.term == term; });
      REQUIRE(curve != w.charts->cost_curves.end());
      for (const auto& [units, cost] : curve->points) {
        if (units == *blended->model_units) {
          CHECK(cost == blended->monthly);
        }
        if (units == *blended->model_units - 1 || units == *blended->model_units + 1) {
          CHECK(blended->monthly <= cost);
        }
      }
    }
  }
}

TEST_CASE("property: on-demand cost is linear in the traffic") {
  for (std::uint64_t seed = 1; seed <= 60; ++seed) {
    std::mt19937_64 once(seed);
    std::mt19937_64 tripled(seed);
    const Case c = random_case(once);
    const Case c3 = random_case(tripled, 3);
    const Money base = run(c).workloads.at(0).options.front().monthly;
    const Money three = run(c3).workloads.at(0).options.front().monthly;
    INFO("seed " << seed);
    // Exact to the atto-dollar but for the rounding of the month's fraction (at most one atto-dollar per line).
    const util::Int128 difference = three.atto() - base.atto() * 3;
    CHECK(difference <= 8);
    CHECK(difference >= -8);
  }
}

TEST_CASE("property: shares in [0, 1] and totals equal the sum of their parts") {
  std::mt19937_64 random(99);
  for (int i = 0; i < 120; ++i) {
    const Case c = random_case(random);
    const engine::CostReport report = run(c);
    const engine::WorkloadResult& w = report.workloads.at(0);
    INFO("case " << i);
    CHECK(w.options.front().monthly == sum(w.on_demand_lines));
    for (const auto& o : w.options) {
      CHECK(o.monthly == o.committed + o.on_demand);
      CHECK(o.savings_vs_on_demand == w.options.front().monthly - o.monthly);
      CHECK(o.throttled_share >= 0);
      CHECK(o.throttled_share <= 1);
      CHECK(o.overflow_share >= 0);
      CHECK(o.overflow_share <= 1);
      if (o.utilization) {
        CHECK(*o.utilization >= 0);
        CHECK(*o.utilization <= 1);
      }
      CHECK(o.committed >= Money());
      CHECK(o.on_demand >= Money());
    }
    CHECK(report.total_on_demand == w.options.front().monthly);
    CHECK(report.total_recommended == w.recommendation.monthly);
    // The recommendation is an option that throttles nothing, and none cheaper does.
    for (const auto& o : w.options) {
      if (o.throttled_share == 0) {
        CHECK(w.recommendation.monthly.round_cents() <= o.monthly.round_cents());
      }
    }
  }
}

TEST_CASE("property: the JSON, CSV and table of one run carry the same numbers") {
  std::mt19937_64 random(4242);
  for (int i = 0; i < 25; ++i) {
    const Case c = random_case(random);
    const engine::CostReport report = run(c);
    std::ostringstream json_text;
    std::ostringstream csv_text;
    std::ostringstream table_text;
    report::render(report, report::OutputFormat::json, {}, json_text);
    report::render(report, report::OutputFormat::csv, {}, csv_text);
    report::render(report, report::OutputFormat::table, {}, table_text);
    const auto json = nlohmann::json::parse(json_text.str());
    const auto& options = json["workloads"][0]["options"];
    // CSV: the monthly_usd column, one row per option in the same order.
    std::istringstream csv(csv_text.str());
    std::string line;
    std::getline(csv, line);
    std::vector<std::string> header;
    for (std::stringstream cells(line); std::getline(cells, line, ',');) {
      header.push_back(line);
    }
    const auto column =
        static_cast<std::size_t>(std::find(header.begin(), header.end(), "monthly_usd") - header.begin());
    REQUIRE(column < header.size());
    std::vector<double> csv_monthly;
    while (std::getline(csv, line)) {
      std::vector<std::string> cells;
      for (std::stringstream row(line); std::getline(row, line, ',');) {
        cells.push_back(line);
      }
      csv_monthly.push_back(std::stod(cells.at(column)));
    }
    // Table: the option rows (but the blended rows at 0 MU, which repeat on-demand and are left out), "Total $/mo"
    // is the sixth column.
    std::vector<std::string> table_totals;
    const std::regex option_row(R"(^  (on-demand|provisioned|blended|reserved)( \*)?( †)?  .*)");
    const std::regex cells(R"(\S+(?: \S+)*)");
    std::istringstream table(table_text.str());
    while (std::getline(table, line)) {
      if (std::regex_match(line, option_row)) {
        std::vector<std::string> row;
        for (auto it = std::sregex_iterator(line.begin(), line.end(), cells); it != std::sregex_iterator(); ++it) {
          row.push_back(it->str());
        }
        table_totals.push_back(row.at(5));
      }
    }
    INFO("case " << i);
    REQUIRE(options.size() == csv_monthly.size());
    std::size_t shown = 0;
    for (std::size_t o = 0; o < options.size(); ++o) {
      const double monthly = options[o]["monthly_usd"].get<double>();
      CHECK(csv_monthly[o] == monthly);
      const engine::OptionResult& option = report.workloads[0].options[o];
      const Money exact = option.monthly;
      CHECK(monthly == exact.to_double_micros());
      if (option.strategy == engine::Strategy::blended && option.model_units == 0) {
        CHECK(exact.round_micros() == report.workloads[0].options.front().monthly.round_micros());
        continue;
      }
      REQUIRE(shown < table_totals.size());
      CHECK(table_totals[shown++] == fmt::format("${}", util::format_usd_cents(exact)));
    }
    CHECK(shown == table_totals.size());
  }
}
