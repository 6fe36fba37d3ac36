#include "coverage_json.hpp"

#include <bedrock_cost/report/notes.hpp>
#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/json_writer.hpp>
#include <bedrock_cost/version.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>

namespace bedrock_cost::report::json {

namespace {

using nlohmann::ordered_json;

// Money as a JSON number: the nearest double to USD rounded to the micro-dollar (which prints as that decimal
// up to about $9 billion; report::read_result reads back the decimal printed).
double money(util::Money amount) { return amount.to_double_micros(); }

ordered_json optional_value(const auto& value) { return value ? ordered_json(*value) : ordered_json(nullptr); }

// A share or rate as the nearest double to its value rounded to `decimals` places, so that the last binary
// digit of a computation (0.7999999999999999 for 0.8) never reaches the output.
double rounded(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::round(value * scale) / scale;
}
ordered_json share(double value) { return rounded(value, 9); }
ordered_json share(const std::optional<double>& value) {
  return value ? ordered_json(rounded(*value, 9)) : ordered_json(nullptr);
}
ordered_json rate(double value) { return rounded(value, 6); }
ordered_json rate(const std::optional<double>& value) {
  return value ? ordered_json(rounded(*value, 6)) : ordered_json(nullptr);
}

ordered_json provenance(const catalog::Provenance& p) {
  return ordered_json{
      {"source", p.source}, {"as_of", p.as_of}, {"third_party_only", p.third_party_only}, {"file", p.origin}};
}

// `catalog update`'s overlay: when and from where, or nothing.
ordered_json price_list_json(const catalog::PriceListDownload& download) {
  ordered_json offers = ordered_json::array();
  for (const catalog::DownloadedOffer& offer : download.offers) {
    offers.push_back({{"offer_code", offer.offer_code},
                      {"version", offer.version},
                      {"publication_date", offer.publication_date},
                      {"url", offer.url}});
  }
  return ordered_json{{"downloaded_at", download.downloaded_at}, {"file", download.file}, {"offers", offers}};
}

// The "catalog" member: the base catalog, `catalog update`'s overlay when one was merged in, the --prices overlays.
ordered_json catalog_json(const catalog::Catalog& catalog) {
  ordered_json result{{"as_of", catalog.as_of}, {"source", catalog.source}};
  if (catalog.price_list) {
    result["price_list"] = price_list_json(*catalog.price_list);
  }
  return result;
}

ordered_json report_catalog_json(const engine::CostReport& report) {
  ordered_json result{
      {"as_of", report.catalog_as_of}, {"source", report.catalog_source}, {"file", report.catalog_origin}};
  if (report.price_list) {
    result["price_list"] = price_list_json(*report.price_list);
  }
  result["overlays"] = report.overlays;
  return result;
}

ordered_json option_json(const engine::OptionResult& o) {
  return ordered_json{{"strategy", engine::to_string(o.strategy)},
                      {"term", optional_value(o.term)},
                      {"model_units", optional_value(o.model_units)},
                      {"reserved_input_tpm", optional_value(o.reserved_input_tpm)},
                      {"reserved_output_tpm", optional_value(o.reserved_output_tpm)},
                      {"committed_usd", money(o.committed)},
                      {"on_demand_usd", money(o.on_demand)},
                      {"monthly_usd", money(o.monthly)},
                      {"savings_vs_on_demand_usd", money(o.savings_vs_on_demand)},
                      {"utilization", share(o.utilization)},
                      {"throttled_share", share(o.throttled_share)},
                      {"overflow_share", share(o.overflow_share)},
                      {"term_commitment_usd", o.term_commitment ? ordered_json(money(*o.term_commitment)) : nullptr},
                      {"assumptions", o.assumptions},
                      {"comparable", o.comparable}};
}

// What imported usage covers (null for traffic described by a rate): the period priced, the data in it and how it
// became a month.
ordered_json coverage_json(const engine::Traffic& traffic) {
  return traffic.coverage ? detail::coverage_json(*traffic.coverage, traffic.month_factor) : ordered_json(nullptr);
}

ordered_json traffic_json(const engine::Traffic& traffic) {
  ordered_json by_dimension = ordered_json::object();
  for (std::size_t d = 0; d < catalog::k_dimension_count; ++d) {
    by_dimension[std::string(catalog::k_dimension_names.at(d))] = traffic.tokens_per_month_by_dimension.at(d);
  }
  return {{"input_tokens_per_month", traffic.input_tokens_per_month},
          {"output_tokens_per_month", traffic.output_tokens_per_month},
          {"tokens_per_month", by_dimension},
          {"avg_tpm", rate(traffic.avg_tpm)},
          {"peak_tpm", rate(traffic.peak_tpm)},
          {"avg_rpm", rate(traffic.avg_rpm)},
          {"peak_rpm", rate(traffic.peak_rpm)},
          {"peak_model_units", optional_value(traffic.peak_model_units)},
          {"shape", traffic.shape},
          {"bucket_minutes", traffic.bucket_minutes},
          {"span_minutes", traffic.span_minutes},
          {"coverage", coverage_json(traffic)}};
}

ordered_json on_demand_json(const std::vector<engine::CostLine>& on_demand_lines) {
  ordered_json lines = ordered_json::array();
  for (const auto& line : on_demand_lines) {
    lines.push_back({{"dimension", catalog::k_dimension_names.at(static_cast<std::size_t>(line.dimension))},
                     {"tokens_per_month", line.tokens_per_month},
                     {"usd_per_million_tokens", line.usd_per_million_tokens.to_double()},
                     {"monthly_usd", money(line.monthly)},
                     {"price", provenance(line.provenance)}});
  }
  return lines;
}

ordered_json break_even_json(const std::vector<engine::BreakEvenRow>& rows) {
  ordered_json break_even = ordered_json::array();
  for (const auto& row : rows) {
    break_even.push_back({{"term", row.term},
                          {"utilization", share(row.utilization)},
                          {"pays_at_full_use", row.utilization ? ordered_json(*row.utilization <= 1.0) : nullptr},
                          {"tpm_per_model_unit", rate(row.tpm_per_model_unit)},
                          {"usd_per_model_unit_hour", row.usd_per_model_unit_hour.to_double()},
                          {"usd_per_model_unit_month", money(row.usd_per_model_unit_month)},
                          {"price", provenance(row.provenance)}});
  }
  return break_even;
}

// A date of the lifecycle, or null where the source gives none.
ordered_json date_or_null(const std::string& date) { return date.empty() ? ordered_json(nullptr) : ordered_json(date); }

ordered_json lifecycle_json(const engine::LifecycleStatus& status) {
  return ordered_json{{"phase", status.phase},
                      {"legacy", date_or_null(status.legacy)},
                      {"extended_access", date_or_null(status.extended_access)},
                      {"end_of_life", status.end_of_life},
                      {"extended_access_price", status.extended_access_price},
                      {"source", provenance(status.provenance)}};
}

ordered_json workload_json(const engine::WorkloadResult& w) {
  ordered_json options = ordered_json::array();
  for (const auto& o : w.options) {
    options.push_back(option_json(o));
  }
  const auto& rec = w.recommendation;
  ordered_json result{{"name", w.name},
                      {"model", w.model_id},
                      {"model_name", w.model_name},
                      {"provider", w.provider},
                      {"requested_model", w.requested_model},
                      {"region", w.region},
                      {"inference_profile", optional_value(w.profile)},
                      {"traffic", traffic_json(w.traffic)},
                      {"on_demand_cost", on_demand_json(w.on_demand_lines)},
                      {"options", options},
                      {"break_even", break_even_json(w.break_even)},
                      {"recommendation",
                       {{"strategy", engine::to_string(rec.strategy)},
                        {"term", optional_value(rec.term)},
                        {"model_units", optional_value(rec.model_units)},
                        {"reserved_input_tpm", optional_value(rec.reserved_input_tpm)},
                        {"reserved_output_tpm", optional_value(rec.reserved_output_tpm)},
                        {"committed_usd", money(rec.committed)},
                        {"monthly_usd", money(rec.monthly)},
                        {"savings_vs_on_demand_usd", money(rec.savings_vs_on_demand)},
                        {"assumptions", assumption_texts(w)}}},
                      {"notes", note_texts(w)},
                      {"warnings", w.warnings}};
  if (w.lifecycle) {
    result["lifecycle"] = lifecycle_json(*w.lifecycle);
  }
  return result;
}

} // namespace

void render(const engine::CostReport& report, const RenderOptions& /*options*/, std::ostream& out) {
  ordered_json workloads = ordered_json::array();
  for (const auto& w : report.workloads) {
    workloads.push_back(workload_json(w));
  }
  ordered_json unpriced = ordered_json::array();
  for (const auto& u : report.unpriced) {
    unpriced.push_back({{"model", u.model},
                        {"region", u.region},
                        {"input_tokens", u.input_tokens},
                        {"output_tokens", u.output_tokens},
                        {"requests", optional_value(u.requests)},
                        {"span_minutes", u.span_minutes},
                        {"reason", gap_reason(u.reason)}});
  }
  const ordered_json document{{"schema_version", k_json_schema_version},
                              {"generated_by", report.generated_by},
                              {"catalog", report_catalog_json(report)},
                              {"hours_per_month", report.hours_per_month.to_double()},
                              {"workloads", workloads},
                              {"total",
                               {{"on_demand_monthly_usd", money(report.total_on_demand)},
                                {"recommended_monthly_usd", money(report.total_recommended)}}},
                              {"unpriced_usage", unpriced},
                              {"warnings", report.warnings},
                              {"notes", report.notes}};
  out << util::dump_json(document, 2) << '\n';
}

void render(const ModelListing& listing, const RenderOptions& /*options*/, std::ostream& out) {
  ordered_json rows = ordered_json::array();
  for (const auto& entry : listing.rows) {
    ordered_json row{
        {"model", entry.model->id},  {"name", entry.model->name},        {"provider", entry.model->provider},
        {"kind", entry.model->kind}, {"regions", ordered_json::array()}, {"profile", nullptr},
        {"variant", nullptr}};
    ordered_json prices = ordered_json::object();
    if (entry.on_demand != nullptr) {
      row["regions"] = entry.on_demand->regions;
      row["profile"] = optional_value(entry.on_demand->profile);
      row["variant"] = entry.on_demand->variant;
      for (std::size_t d = 0; d < catalog::k_dimension_count; ++d) {
        const auto& figure = entry.on_demand->prices.at(d);
        prices[std::string(catalog::k_dimension_names.at(d))] =
            figure ? ordered_json(figure->value.to_double()) : ordered_json(nullptr);
      }
      const auto& input = entry.on_demand->price(catalog::Dimension::input);
      row["price_source"] = input ? provenance(input->provenance) : ordered_json(nullptr);
      row["note"] = entry.on_demand->note;
    }
    row["usd_per_million_tokens"] = prices;
    row["provisioned_terms"] = entry.provisioned_terms;
    rows.push_back(row);
  }
  const ordered_json document{{"schema_version", k_json_schema_version},
                              {"generated_by", fmt::format("bedrock-cost {}", k_version)},
                              {"catalog", catalog_json(*listing.catalog)},
                              {"models", rows}};
  out << util::dump_json(document, 2) << '\n';
}

} // namespace bedrock_cost::report::json

namespace bedrock_cost::report::detail {

nlohmann::ordered_json coverage_json(const workload::Coverage& c, double month_factor) {
  using nlohmann::ordered_json;
  const auto time = [](std::int64_t minute) { return usage::format_timestamp(minute * 60); };
  const bool data = c.minutes_with_data > 0;
  return {{"period_start", time(c.period_first_minute)},
          {"period_end", time(c.period_first_minute + c.period_minutes)},
          {"period_minutes", c.period_minutes},
          {"period_from", c.period_origin.empty() ? ordered_json("data") : ordered_json(c.period_origin)},
          {"first_minute_with_data", data ? ordered_json(time(c.data_first_minute)) : ordered_json(nullptr)},
          {"last_minute_with_data", data ? ordered_json(time(c.data_last_minute)) : ordered_json(nullptr)},
          {"minutes_with_data", c.minutes_with_data},
          {"to_month", c.to_month},
          {"month_factor", month_factor}};
}

} // namespace bedrock_cost::report::detail
