// FOCUS 1.2 (FinOps Open Cost and Usage Specification) rows for the estimated month: the recommended option of
// every workload, as the charges it would produce. Work in progress (issue 5, point 3).

#include "grid.hpp"
#include "numbers.hpp"

#include <bedrock_cost/report/render.hpp>

#include <fmt/format.h>

#include <set>
#include <string_view>

namespace bedrock_cost::report::focus {

namespace {

const std::vector<std::string> k_columns = {"BilledCost",
                                            "BillingCurrency",
                                            "BillingPeriodStart",
                                            "BillingPeriodEnd",
                                            "ChargeCategory",
                                            "ChargeDescription",
                                            "ChargeFrequency",
                                            "ChargePeriodStart",
                                            "ChargePeriodEnd",
                                            "ConsumedQuantity",
                                            "ConsumedUnit",
                                            "ContractedCost",
                                            "EffectiveCost",
                                            "InvoiceIssuerName",
                                            "ListCost",
                                            "ListUnitPrice",
                                            "PricingCategory",
                                            "PricingQuantity",
                                            "PricingUnit",
                                            "ProviderName",
                                            "PublisherName",
                                            "RegionId",
                                            "ServiceCategory",
                                            "ServiceName",
                                            "SkuId",
                                            "x_Workload",
                                            "x_Model",
                                            "x_Strategy",
                                            "x_Term",
                                            "x_ModelUnits",
                                            "x_ReservedInputTpm",
                                            "x_ReservedOutputTpm",
                                            "x_Estimate"};
// The columns that hold numbers (amounts, quantities, prices); the rest hold text.
const std::set<std::string_view> k_number_columns = {
    "BilledCost",    "ConsumedQuantity", "ContractedCost", "EffectiveCost",      "ListCost",
    "ListUnitPrice", "PricingQuantity",  "x_ModelUnits",   "x_ReservedInputTpm", "x_ReservedOutputTpm"};

struct Row {
  util::Money cost;
  std::string category;
  std::string description;
  std::string frequency;
  std::string consumed_quantity;
  std::string consumed_unit;
  std::string list_unit_price;
  std::string pricing_category;
  std::string pricing_quantity;
  std::string pricing_unit;
  std::string sku;
};

} // namespace

void render(const engine::CostReport& report, const FocusPeriod& period, std::ostream& out) {
  detail::Grid grid;
  for (const auto& name : k_columns) {
    grid.columns.push_back(
        {name, detail::Align::left, k_number_columns.contains(name) ? detail::Content::number : detail::Content::text});
  }
  for (const auto& w : report.workloads) {
    const auto& rec = w.recommendation;
    const engine::OptionResult* option = nullptr;
    for (const auto& o : w.options) {
      if (o.strategy == rec.strategy && o.term == rec.term && o.model_units == rec.model_units) {
        option = &o;
      }
    }
    if (option == nullptr) {
      continue;
    }
    std::vector<Row> rows;
    if (option->strategy == engine::Strategy::on_demand) {
      for (const auto& line : w.on_demand_lines) {
        const std::string dimension{catalog::k_dimension_names.at(static_cast<std::size_t>(line.dimension))};
        rows.push_back({line.monthly, "Usage", fmt::format("{} tokens on-demand", dimension), "Usage-Based",
                        detail::plain(line.tokens_per_month), "Tokens", line.usd_per_million_tokens.to_string(),
                        "Standard", detail::plain(line.tokens_per_month / 1e6, 6), "1M Tokens",
                        fmt::format("{}:{}", w.model_id, dimension)});
      }
    } else {
      const bool units = option->model_units.has_value();
      rows.push_back(
          {option->committed, "Purchase",
           units ? fmt::format("{} model units, {}", *option->model_units, option->term.value_or(""))
                 : fmt::format("Reserved tier, {}", option->term.value_or("")),
           "Recurring", "", "", "", "Committed", "", units ? "Model Units" : "1K TPM-Months",
           fmt::format("{}:{}:{}", w.model_id, engine::to_string(option->strategy), option->term.value_or(""))});
      if (option->on_demand.round_micros() != 0) {
        rows.push_back({option->on_demand, "Usage", "tokens above the commitment, on-demand", "Usage-Based", "", "", "",
                        "Standard", "", "", fmt::format("{}:on_demand", w.model_id)});
      }
    }
    for (const Row& r : rows) {
      const std::string cost = detail::usd_plain(r.cost);
      grid.rows.push_back({cost,
                           "USD",
                           period.start,
                           period.end,
                           r.category,
                           r.description,
                           r.frequency,
                           period.start,
                           period.end,
                           r.consumed_quantity,
                           r.consumed_unit,
                           cost,
                           cost,
                           "Amazon Web Services",
                           cost,
                           r.list_unit_price,
                           r.pricing_category,
                           r.pricing_quantity,
                           r.pricing_unit,
                           "Amazon Web Services",
                           w.provider,
                           w.region,
                           "AI and Machine Learning",
                           "Amazon Bedrock",
                           r.sku,
                           w.name,
                           w.model_id,
                           std::string(engine::to_string(option->strategy)),
                           option->term.value_or(""),
                           option->model_units ? fmt::format("{}", *option->model_units) : "",
                           option->reserved_input_tpm ? detail::plain(*option->reserved_input_tpm) : "",
                           option->reserved_output_tpm ? detail::plain(*option->reserved_output_tpm) : "",
                           "true"});
    }
  }
  detail::write_csv(grid, out);
}

} // namespace bedrock_cost::report::focus
