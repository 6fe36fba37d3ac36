// FOCUS 1.2 (FinOps Open Cost and Usage Specification) rows for the estimated month: the recommended option of
// every workload, as the charges it would produce. How the cost columns are filled: docs/output-formats.md.

#include "grid.hpp"
#include "numbers.hpp"

#include <bedrock_cost/report/render.hpp>

#include <fmt/format.h>

#include <algorithm>
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
                                            "CommitmentDiscountId",
                                            "CommitmentDiscountStatus",
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

// One charge. ListCost is what the row's usage costs at list (on-demand) prices, and ContractedCost the same (no
// negotiated discount is known); BilledCost is what the invoice shows; EffectiveCost spreads a commitment over the
// usage it serves.
struct Charge {
  util::Money billed;
  util::Money effective;
  util::Money list;
  std::string category; // ChargeCategory: "Usage" or "Purchase"
  std::string description;
  std::string frequency;
  std::string consumed_quantity;
  std::string consumed_unit;
  std::string list_unit_price;
  std::string pricing_category;
  std::string pricing_quantity;
  std::string pricing_unit;
  std::string sku;
  std::string commitment_id;
  std::string commitment_status; // "Used", "Unused", or none
};

const engine::OptionResult* recommended_option(const engine::WorkloadResult& w) {
  const auto& rec = w.recommendation;
  const engine::OptionResult* option = nullptr;
  for (const auto& o : w.options) {
    if (o.strategy == rec.strategy && o.term == rec.term && o.model_units == rec.model_units) {
      option = &o;
    }
  }
  return option;
}

// Every priced dimension of the on-demand bill: billed, effective and list cost alike.
std::vector<Charge> on_demand_charges(const engine::WorkloadResult& w) {
  std::vector<Charge> charges;
  for (const auto& line : w.on_demand_lines) {
    const std::string dimension{catalog::k_dimension_names.at(static_cast<std::size_t>(line.dimension))};
    charges.push_back({line.monthly, line.monthly, line.monthly, "Usage", fmt::format("{} tokens on-demand", dimension),
                       "Usage-Based", detail::plain(line.tokens_per_month), "Tokens",
                       line.usd_per_million_tokens.to_string(), "Standard",
                       detail::plain(line.tokens_per_month / 1e6, 6), "1M Tokens",
                       fmt::format("{}:{}", w.model_id, dimension), "", ""});
  }
  return charges;
}

std::string purchase_description(const engine::OptionResult& option, const engine::CommitmentLine& line) {
  const std::string term = option.term.value_or("");
  if (option.model_units) {
    return fmt::format("{} model units, {}", *option.model_units, term);
  }
  return fmt::format("Reserved tier, {}: {}", term, line.unit);
}

// The purchase of the commitment, one row per thing it buys (model units; reserved input and output TPM), at its
// price: billed in full, effective 0 (it is spread over the usage it serves), list cost its price.
void add_purchases(std::vector<Charge>& charges, const engine::OptionResult& option, const std::string& commitment_id) {
  for (const engine::CommitmentLine& line : option.commitment_lines) {
    const std::string sku = option.model_units                             ? commitment_id
                            : line.unit.find("input") != std::string::npos ? commitment_id + ":input"
                                                                           : commitment_id + ":output";
    charges.push_back({line.monthly, util::Money{}, line.monthly, "Purchase", purchase_description(option, line),
                       "Recurring", "", "", line.usd_per_unit.to_string(), "Standard", line.quantity.to_string(),
                       line.unit, sku, commitment_id, ""});
  }
}

// `share` (in [0, 1]) of a non-negative `amount`, rounded to the atto-dollar.
util::Money share_of(util::Money amount, double share) {
  const long double part =
      static_cast<long double>(amount.atto()) * static_cast<long double>(std::clamp(share, 0.0, 1.0));
  return util::Money::from_atto(static_cast<util::Int128>(part + 0.5L));
}

// The usage the commitment serves (billed 0, effective its used part, list cost those tokens on-demand), its unused
// part, and the tokens it does not serve, paid on-demand.
void add_commitment_usage(std::vector<Charge>& charges, const engine::WorkloadResult& w,
                          const engine::OptionResult& option, const std::string& commitment_id) {
  const util::Money used = share_of(option.committed, option.utilization.value_or(1.0));
  const util::Money list_served = w.options.front().monthly - option.on_demand; // the same tokens on-demand
  charges.push_back({util::Money{}, used, list_served, "Usage", "tokens the commitment serves", "Usage-Based", "", "",
                     "", "Committed", "", "", commitment_id, commitment_id, "Used"});
  if (const util::Money unused = option.committed - used; unused.round_micros() != 0) {
    charges.push_back({util::Money{}, unused, util::Money{}, "Usage", "unused part of the commitment", "Usage-Based",
                       "", "", "", "Committed", "", "", commitment_id, commitment_id, "Unused"});
  }
  if (option.on_demand.round_micros() != 0) {
    charges.push_back({option.on_demand, option.on_demand, option.on_demand, "Usage",
                       "tokens the commitment does not serve, on-demand", "Usage-Based", "", "", "", "Standard", "", "",
                       fmt::format("{}:on_demand", w.model_id), "", ""});
  }
}

std::vector<Charge> commitment_charges(const engine::WorkloadResult& w, const engine::OptionResult& option) {
  const std::string commitment_id =
      fmt::format("{}:{}:{}", w.model_id, engine::to_string(option.strategy), option.term.value_or(""));
  std::vector<Charge> charges;
  add_purchases(charges, option, commitment_id);
  add_commitment_usage(charges, w, option, commitment_id);
  return charges;
}

std::vector<std::string> cells(const Charge& c, const engine::WorkloadResult& w, const engine::OptionResult& option,
                               const FocusPeriod& period) {
  const std::string list = detail::usd_plain(c.list);
  return {detail::usd_plain(c.billed),
          "USD",
          period.start,
          period.end,
          c.category,
          c.description,
          c.frequency,
          period.start,
          period.end,
          c.commitment_id,
          c.commitment_status,
          c.consumed_quantity,
          c.consumed_unit,
          list,
          detail::usd_plain(c.effective),
          "Amazon Web Services",
          list,
          c.list_unit_price,
          c.pricing_category,
          c.pricing_quantity,
          c.pricing_unit,
          "Amazon Web Services",
          w.provider,
          w.region,
          "AI and Machine Learning",
          "Amazon Bedrock",
          c.sku,
          w.name,
          w.model_id,
          std::string(engine::to_string(option.strategy)),
          option.term.value_or(""),
          option.model_units ? fmt::format("{}", *option.model_units) : "",
          option.reserved_input_tpm ? detail::plain(*option.reserved_input_tpm) : "",
          option.reserved_output_tpm ? detail::plain(*option.reserved_output_tpm) : "",
          "true"};
}

} // namespace

void render(const engine::CostReport& report, const FocusPeriod& period, std::ostream& out) {
  detail::Grid grid;
  for (const auto& name : k_columns) {
    grid.columns.push_back(
        {name, detail::Align::left, k_number_columns.contains(name) ? detail::Content::number : detail::Content::text});
  }
  for (const auto& w : report.workloads) {
    const engine::OptionResult* option = recommended_option(w);
    if (option == nullptr) {
      continue;
    }
    const std::vector<Charge> charges =
        option->strategy == engine::Strategy::on_demand ? on_demand_charges(w) : commitment_charges(w, *option);
    for (const Charge& charge : charges) {
      grid.rows.push_back(cells(charge, w, *option, period));
    }
  }
  detail::write_csv(grid, out);
}

} // namespace bedrock_cost::report::focus
