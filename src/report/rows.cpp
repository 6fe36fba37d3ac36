#include "rows.hpp"

#include "numbers.hpp"

#include <bedrock_cost/report/notes.hpp>
#include <bedrock_cost/usage/timestamp.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace bedrock_cost::report::detail {

std::string strategy_label(engine::Strategy strategy) {
  std::string text{engine::to_string(strategy)};
  std::replace(text.begin(), text.end(), '_', '-');
  return text;
}

std::string term_label(const std::optional<std::string>& term) {
  if (!term) {
    return "-";
  }
  std::string text = *term;
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::string location(const engine::WorkloadResult& workload) {
  return workload.profile ? fmt::format("{} via {}. profile", workload.region, *workload.profile) : workload.region;
}

// A profile row that names its source Regions says how many: a global row is sold from 30 Regions and more.
std::string row_location(const catalog::OnDemandRow& row) {
  std::string text = row.regions.empty() ? "" : fmt::format("{}", fmt::join(row.regions, ", "));
  if (row.profile) {
    const std::size_t n = row.regions.size();
    text = n == 0 ? fmt::format("{}. profile", *row.profile)
                  : fmt::format("{}. profile, from {} Region{}", *row.profile, n, n == 1 ? "" : "s");
  }
  if (row.variant != "standard") {
    text += fmt::format(" [{}]", row.variant);
  }
  return text;
}

std::string traffic_text(const engine::Traffic& traffic) {
  std::string peak;
  if (traffic.span_minutes > traffic.bucket_minutes) {
    peak = fmt::format(", {} peak ({})", grouped(traffic.peak_tpm), traffic.shape);
  }
  std::string requests;
  if (traffic.avg_rpm) {
    requests = fmt::format(", {} requests/min", plain(*traffic.avg_rpm, 2));
  }
  std::string units;
  if (traffic.peak_model_units) {
    units = fmt::format("; the peak needs {} MU", grouped(static_cast<double>(*traffic.peak_model_units)));
    if (traffic.model_units_with_headroom) {
      units += fmt::format(", {} with {}% headroom", grouped(static_cast<double>(*traffic.model_units_with_headroom)),
                           util::Fixed9::from_units(traffic.headroom.units() * 100).to_string());
    }
  }
  return fmt::format("Traffic: {} tokens/min average{} ({} input + {} output tokens/month){}{}",
                     grouped(traffic.avg_tpm), peak, grouped(traffic.input_tokens_per_month),
                     grouped(traffic.output_tokens_per_month), requests, units);
}

std::string commitment_text(const engine::OptionResult& option) {
  if (option.model_units) {
    return fmt::format("{} MU", grouped(static_cast<double>(*option.model_units)));
  }
  if (option.reserved_input_tpm) {
    return fmt::format("{} in + {} out TPM", grouped(*option.reserved_input_tpm),
                       grouped(option.reserved_output_tpm.value_or(0)));
  }
  return "-";
}

std::string recommendation_text(const engine::WorkloadResult& workload) {
  const auto& rec = workload.recommendation;
  std::string what{strategy_label(rec.strategy)};
  if (rec.term) {
    what += ", " + term_label(rec.term);
  }
  const auto chosen = std::find_if(workload.options.begin(), workload.options.end(), [&](const auto& o) {
    return o.strategy == rec.strategy && o.term == rec.term && o.model_units == rec.model_units;
  });
  if (chosen != workload.options.end() && commitment_text(*chosen) != "-") {
    what += ", " + commitment_text(*chosen);
  }
  std::string saving;
  if (rec.savings_vs_on_demand.round_cents() > 0) {
    const auto on_demand = workload.options.front().monthly;
    const double share = static_cast<double>(rec.savings_vs_on_demand.round_micros()) /
                         static_cast<double>(std::max<std::int64_t>(on_demand.round_micros(), 1));
    saving = fmt::format(", saving {} ({}) against on-demand", usd(rec.savings_vs_on_demand), percent(share));
  }
  return fmt::format("Recommended: {} at {}/month{}", what, usd(rec.monthly), saving);
}

std::string coverage_text(const workload::Coverage& c, double month_factor, util::Fixed9 hours_per_month) {
  const auto time = [](std::int64_t minute) { return usage::format_timestamp(minute * 60); };
  const std::string period =
      fmt::format("{}..{} ({}{})", time(c.period_first_minute), time(c.period_first_minute + c.period_minutes),
                  duration(c.period_minutes), c.period_origin.empty() ? "" : ", " + c.period_origin);
  const std::string data =
      c.minutes_with_data == 0
          ? std::string("no minute with data")
          : fmt::format("{} minute{} with data, {} to {}", grouped(static_cast<double>(c.minutes_with_data)),
                        c.minutes_with_data == 1 ? "" : "s", time(c.data_first_minute), time(c.data_last_minute));
  const std::string month =
      c.to_month == "as-is"
          ? std::string("taken as a month's traffic as it is (--to-month as-is)")
          : fmt::format("x {} to a {}-hour month{}", plain(month_factor, 4), hours_per_month.to_string(),
                        c.to_month == "whole-weeks" ? " (--to-month whole-weeks)" : "");
  return fmt::format("Coverage: {}; {}; {}", period, data, month);
}

std::string coverage_text(const engine::Traffic& traffic, util::Fixed9 hours_per_month) {
  return traffic.coverage ? coverage_text(*traffic.coverage, traffic.month_factor, hours_per_month) : std::string();
}

std::string unpriced_text(const engine::UnpricedUsage& u) {
  return fmt::format(
      "{} in {}: {} input + {} output tokens{} over {}: {}", u.model, u.region,
      grouped(static_cast<double>(u.input_tokens)), grouped(static_cast<double>(u.output_tokens)),
      u.requests ? fmt::format(", {} request{}", grouped(static_cast<double>(*u.requests)), *u.requests == 1 ? "" : "s")
                 : "",
      duration(u.span_minutes), gap_reason(u.reason));
}

std::string footer_text(const engine::CostReport& report) {
  std::string prices = fmt::format("{} as of {}", report.catalog_origin, report.catalog_as_of);
  if (report.price_list) {
    prices += " + " + catalog::download_text(*report.price_list);
  }
  for (const auto& overlay : report.overlays) {
    prices += " + " + overlay;
  }
  return fmt::format("Month = {} hours. Prices: {}.", report.hours_per_month.to_string(), prices);
}

std::string listing_catalog_text(const catalog::Catalog& catalog) {
  return fmt::format("Catalog as of {}{}.", catalog.as_of,
                     catalog.price_list ? " + " + catalog::download_text(*catalog.price_list) : std::string());
}

Grid cost_line_grid(const engine::WorkloadResult& workload) {
  Grid grid;
  grid.columns = {{"Priced as"},
                  {"Tokens/month", Align::right},
                  {"$/1M tokens", Align::right},
                  {"$/month", Align::right},
                  {"Price source (as of)"}};
  for (const auto& line : workload.on_demand_lines) {
    std::string dimension{catalog::k_dimension_names.at(static_cast<std::size_t>(line.dimension))};
    std::replace(dimension.begin(), dimension.end(), '_', ' ');
    grid.rows.push_back({dimension, grouped(line.tokens_per_month), line.usd_per_million_tokens.to_string(),
                         usd(line.monthly),
                         fmt::format("{} ({}){}", line.provenance.source, line.provenance.as_of,
                                     line.provenance.third_party_only ? " [third-party only]" : "")});
  }
  return grid;
}

namespace {

// The break-even utilisation of a term for people: "76.4%", or "never pays (137.5%)" above 100%.
std::string break_even_text(const engine::BreakEvenRow& row) {
  if (row.utilization) {
    return *row.utilization > 1.0 ? fmt::format("never pays ({})", percent(*row.utilization))
                                  : percent(*row.utilization);
  }
  return row.tpm_per_model_unit ? "needs MU capacity" : "- (no on-demand cost)";
}

constexpr std::string_view k_never_pays_note =
    "never pays: even used in full, an MU of this term costs more than the same tokens on-demand at this MU "
    "capacity (its break-even utilisation is above 100%).";

} // namespace

NotedGrid break_even_table(std::span<const engine::WorkloadResult> workloads, bool with_workload_column) {
  NotedGrid table;
  Grid& grid = table.grid;
  if (with_workload_column) {
    grid.columns.push_back({"Workload"});
  }
  grid.columns.insert(grid.columns.end(), {{"Term"},
                                           {"$/MU-hour", Align::right},
                                           {"$/MU-month", Align::right},
                                           {"Break-even utilisation", Align::right},
                                           {"Break-even tokens/min per MU", Align::right},
                                           {"Price source (as of)"}});
  bool never_pays = false;
  for (const auto& workload : workloads) {
    for (const auto& row : workload.break_even) {
      std::vector<std::string> cells;
      if (with_workload_column) {
        cells.push_back(workload.name);
      }
      cells.insert(cells.end(),
                   {term_label(row.term), row.usd_per_model_unit_hour.to_string(), usd(row.usd_per_model_unit_month),
                    break_even_text(row), row.tpm_per_model_unit ? grouped(*row.tpm_per_model_unit) : "-",
                    fmt::format("{} ({})", row.provenance.source, row.provenance.as_of)});
      grid.rows.push_back(std::move(cells));
      never_pays = never_pays || row.utilization.value_or(0) > 1.0;
    }
  }
  if (never_pays) {
    table.notes.emplace_back(k_never_pays_note);
  }
  return table;
}

Grid model_grid(const ModelListing& listing, Audience audience) {
  Grid grid;
  const bool people = audience == Audience::people;
  if (people) {
    grid.columns = {
        {"Model ID"}, {"Provider"}, {"Regions"}, {"In $/1M", Align::right}, {"Out $/1M", Align::right}, {"Batch"},
        {"Cache"},    {"PT terms"}, {"As of"}};
  } else {
    add_columns(grid, Content::text, {"model", "name", "provider", "kind", "regions", "profile", "variant"});
    add_columns(grid, Content::number,
                {"input_usd_per_1m", "output_usd_per_1m", "batch_input_usd_per_1m", "batch_output_usd_per_1m",
                 "cache_write_usd_per_1m", "cache_read_usd_per_1m"});
    add_columns(grid, Content::text, {"provisioned_terms", "source", "as_of", "third_party_only"});
  }
  for (const auto& entry : listing.rows) {
    const catalog::Model& model = *entry.model;
    const catalog::OnDemandRow* row = entry.on_demand;
    const auto value = [&](catalog::Dimension d) -> std::optional<util::Fixed9> {
      if (row == nullptr || !row->price(d)) {
        return std::nullopt;
      }
      return row->price(d)->value;
    };
    const auto* first = row != nullptr ? &row->price(catalog::Dimension::input) : nullptr;
    const std::string source = first != nullptr && *first ? (*first)->provenance.source : "";
    const std::string as_of = first != nullptr && *first ? (*first)->provenance.as_of : "";
    if (people) {
      const bool batch = value(catalog::Dimension::batch_input).has_value();
      const bool cache = value(catalog::Dimension::cache_read).has_value();
      grid.rows.push_back(
          {model.id, model.provider, row != nullptr ? row_location(*row) : "-", price(value(catalog::Dimension::input)),
           price(value(catalog::Dimension::output)), batch ? "yes" : "-", cache ? "yes" : "-",
           entry.provisioned_terms.empty() ? "-" : fmt::format("{}", fmt::join(entry.provisioned_terms, ", ")),
           as_of.empty() ? "-" : as_of});
    } else {
      grid.rows.push_back(
          {model.id, model.name, model.provider, model.kind,
           row != nullptr ? fmt::format("{}", fmt::join(row->regions, " ")) : "",
           row != nullptr ? row->profile.value_or("") : "", row != nullptr ? row->variant : "",
           price(value(catalog::Dimension::input), ""), price(value(catalog::Dimension::output), ""),
           price(value(catalog::Dimension::batch_input), ""), price(value(catalog::Dimension::batch_output), ""),
           price(value(catalog::Dimension::cache_write), ""), price(value(catalog::Dimension::cache_read), ""),
           fmt::format("{}", fmt::join(entry.provisioned_terms, " ")), source, as_of,
           first != nullptr && *first && (*first)->provenance.third_party_only ? "true" : "false"});
    }
  }
  return grid;
}

} // namespace bedrock_cost::report::detail
