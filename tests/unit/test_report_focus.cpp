// The FOCUS export: how each charge fills BilledCost, EffectiveCost, ListCost, ContractedCost and the price columns
// (FOCUS 1.2; docs/output-formats.md), checked on the sums a FinOps tool computes from them.

#include "test_helpers.hpp"

#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/report/render.hpp>

#include <catch2/catch.hpp>

#include <map>
#include <sstream>

using namespace bedrock_cost;
using util::Fixed9;

namespace {

using Row = std::map<std::string, std::string>;

// RFC 4180 records of `text` (CRLF line ends, quoted fields) as maps from the header's names.
std::vector<Row> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> records(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      records.back().push_back(std::move(field));
      field.clear();
    } else if (c == '\n') {
      records.back().push_back(std::move(field));
      field.clear();
      records.emplace_back();
    } else if (c != '\r') {
      field += c;
    }
  }
  records.pop_back(); // after the last line end
  std::vector<Row> rows;
  for (std::size_t r = 1; r < records.size(); ++r) {
    Row row;
    for (std::size_t i = 0; i < records[0].size(); ++i) {
      row[records[0][i]] = records[r].at(i);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

double number(const Row& row, const std::string& column) { return std::stod(row.at(column)); }

// A week of minutes cycling through 2, 4 and 6 million tokens (75% input), on an MU of 2 million tokens a minute
// at $20.50 an hour (the test catalog's 1-month Haiku term): an MU-hour carries $60 of tokens, so the first two
// MUs pay and the third (busy a third of the time, $20) does not. N* = 2 (blended), with overflow.
workload::WorkloadSpec cycling(const std::string& name) {
  auto profile = std::make_shared<workload::TrafficProfile>();
  for (int minute = 0; minute < 10'080; ++minute) {
    const std::int64_t tokens = std::int64_t{2'000'000'000} * (minute % 3 + 1); // milli-tokens
    profile->buckets.push_back({tokens / 4 * 3, tokens / 4, 0, 0, 0, 0, 0});
  }
  workload::WorkloadSpec s;
  s.model = "anthropic.claude-3-haiku-20240307-v1:0";
  s.name = name;
  s.series = profile;
  s.series_note = "test series";
  s.capacity.mu_tpm = Fixed9::parse("2000000");
  s.capacity.mu_origin = "--mu-tpm";
  s.origin = s.model_origin = s.region_origin = "--model";
  return s;
}

engine::CostReport focus_report() {
  static const catalog::Catalog c = test::load(test::k_catalog);
  workload::WorkloadSpec reserved = cycling("reserved");
  reserved.capacity = {};
  // Cheap enough to reserve the busiest minute's 4.5M input and 1.5M output TPM (a reserved TPM-month carries
  // $10.95 of input or $54.75 of output tokens, and each is busy a third of the time).
  reserved.capacity.reserved["3_month"] = {Fixed9::parse("2"), Fixed9::parse("10")};
  reserved.capacity.reserved_origin = "--reserved-input-price/--reserved-output-price";
  return engine::estimate(c, {cycling("blended"), reserved}, engine::EstimateOptions{});
}

std::vector<Row> focus_rows(const engine::CostReport& report) {
  std::ostringstream out;
  report::focus::render(report, {"2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"}, out);
  return parse_csv(out.str());
}

} // namespace

TEST_CASE("FOCUS: billed and effective cost add up to the recommended option, list cost to on-demand") {
  const engine::CostReport report = focus_report();
  REQUIRE(report.workloads.size() == 2);
  CHECK(report.workloads[0].recommendation.strategy == engine::Strategy::blended);
  CHECK(report.workloads[0].recommendation.model_units == 2);
  CHECK(report.workloads[1].recommendation.strategy == engine::Strategy::reserved);
  const std::vector<Row> rows = focus_rows(report);
  for (const engine::WorkloadResult& w : report.workloads) {
    INFO(w.name);
    double billed = 0;
    double effective = 0;
    double list_of_usage = 0;
    for (const Row& row : rows) {
      if (row.at("x_Workload") != w.name) {
        continue;
      }
      billed += number(row, "BilledCost");
      effective += number(row, "EffectiveCost");
      list_of_usage += row.at("ChargeCategory") == "Usage" ? number(row, "ListCost") : 0;
      CHECK(row.at("ContractedCost") == row.at("ListCost")); // no negotiated discount is known
    }
    const double monthly = w.recommendation.monthly.to_double_micros();
    const double on_demand = w.options.front().monthly.to_double_micros();
    CHECK(billed == Approx(monthly).margin(1e-5));
    CHECK(effective == Approx(monthly).margin(1e-5));
    // The saving a FinOps tool sees (list cost of the usage less its effective cost) is the estimate's.
    CHECK(list_of_usage == Approx(on_demand).margin(1e-5));
    CHECK(list_of_usage - effective == Approx(w.recommendation.savings_vs_on_demand.to_double_micros()).margin(1e-5));
    CHECK(list_of_usage > effective + 1);
  }
}

TEST_CASE("FOCUS: a commitment is a purchase spread over the usage it serves, with its unused part") {
  const std::vector<Row> rows = focus_rows(focus_report());
  std::vector<Row> blended;
  for (const Row& row : rows) {
    if (row.at("x_Workload") == "blended") {
      blended.push_back(row);
    }
  }
  REQUIRE(blended.size() == 4);
  // The purchase: 2 MUs x 730 hours at $20.50, billed in full, effective 0 (spread over the usage), list its price.
  const Row& purchase = blended[0];
  CHECK(purchase.at("ChargeCategory") == "Purchase");
  CHECK(purchase.at("ChargeFrequency") == "Recurring");
  CHECK(purchase.at("PricingCategory") == "Standard"); // FOCUS: the purchase of a commitment is Standard
  CHECK(purchase.at("PricingQuantity") == "1460");
  CHECK(purchase.at("PricingUnit") == "MU-hours");
  CHECK(purchase.at("ListUnitPrice") == "20.5");
  CHECK(purchase.at("BilledCost") == "29930");
  CHECK(purchase.at("ListCost") == "29930");
  CHECK(purchase.at("EffectiveCost") == "0");
  CHECK(purchase.at("CommitmentDiscountId") == "anthropic.claude-3-haiku-20240307-v1:0:blended:1_month");
  CHECK(purchase.at("CommitmentDiscountStatus").empty());
  // The usage it serves: billed 0, effective the used part, list those tokens on-demand.
  const Row& used = blended[1];
  CHECK(used.at("CommitmentDiscountStatus") == "Used");
  CHECK(used.at("PricingCategory") == "Committed");
  CHECK(used.at("BilledCost") == "0");
  // Of 1 + 2 + 2 MU-minutes in every 3 on 2 MUs, 5/6 are used: $24,941.67 of the $29,930.
  CHECK(number(used, "EffectiveCost") == Approx(29'930.0 * 5 / 6).margin(1e-5));
  // The minutes of 2 and 4 million tokens in full and 4 of the 6 million: $5 of every $6 of the on-demand bill
  // ($1, $2, $3 a minute: 43,800 x $2 = $87,600 a month), $73,000.
  CHECK(number(used, "ListCost") == Approx(73'000.0).margin(1e-5));
  const Row& unused = blended[2];
  CHECK(unused.at("CommitmentDiscountStatus") == "Unused");
  CHECK(unused.at("BilledCost") == "0");
  CHECK(unused.at("ListCost") == "0");
  CHECK(number(unused, "EffectiveCost") == Approx(29'930.0 / 6).margin(1e-5));
  // The third MU's share of the busiest minutes, on-demand: billed, effective and list alike.
  const Row& overflow = blended[3];
  CHECK(overflow.at("PricingCategory") == "Standard");
  CHECK(overflow.at("CommitmentDiscountId").empty());
  CHECK(number(overflow, "BilledCost") == Approx(14'600.0).margin(1e-5));
  CHECK(overflow.at("EffectiveCost") == overflow.at("BilledCost"));
  CHECK(overflow.at("ListCost") == overflow.at("BilledCost"));
}

TEST_CASE("FOCUS: a reservation is one purchase per side, each its quantity times its price") {
  std::vector<Row> purchases;
  for (const Row& row : focus_rows(focus_report())) {
    if (row.at("x_Workload") == "reserved" && row.at("ChargeCategory") == "Purchase") {
      purchases.push_back(row);
    }
  }
  REQUIRE(purchases.size() == 2);
  for (const Row& row : purchases) {
    CHECK(number(row, "ListUnitPrice") * number(row, "PricingQuantity") == Approx(number(row, "ListCost")));
    CHECK(row.at("EffectiveCost") == "0");
  }
  CHECK(purchases[0].at("PricingUnit") == "1K input TPM-months");
  CHECK(purchases[0].at("ListUnitPrice") == "2");
  CHECK(purchases[1].at("PricingUnit") == "1K output TPM-months");
  CHECK(purchases[1].at("ListUnitPrice") == "10");
  CHECK(purchases[0].at("SkuId").ends_with(":reserved:3_month:input"));
  CHECK(purchases[1].at("SkuId").ends_with(":reserved:3_month:output"));
}
