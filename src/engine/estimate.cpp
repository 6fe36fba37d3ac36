#include "charts.hpp"
#include "lifecycle.hpp"
#include "overlay_use.hpp"
#include "quota.hpp"
#include "workload_notes.hpp"

#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/engine/capacity.hpp>
#include <bedrock_cost/engine/errors.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/version.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <limits>
#include <map>
#include <stdexcept>
#include <tuple>

namespace bedrock_cost::engine {

namespace {

using catalog::Dimension;

const catalog::OnDemandRow& require_prices(const catalog::Resolution& match, const workload::WorkloadSpec& spec,
                                           InputForm form) {
  if (match.profile) {
    if (const auto from = catalog::profile_region_mismatch(*match.profile, match.region)) {
      throw UnpricedWorkload(
          {spec.region_origin,
           fmt::format("the {}. profile takes requests sent from {}, not from {}{}", *match.profile, *from,
                       util::excerpt(match.region), spec.region_given ? "" : ", the default Region"),
           "", Remedy::source_region, form});
    }
  }
  const catalog::OnDemandRow* row = catalog::find_on_demand(*match.model, match.region, match.profile);
  if (row == nullptr) {
    const auto places = catalog::priced_locations(*match.model);
    throw UnpricedWorkload(
        {spec.region_origin,
         fmt::format("no on-demand price for '{}' in {}{}", match.model->id, util::excerpt(match.region),
                     match.profile ? fmt::format(" through the {}. profile", *match.profile) : ""),
         fmt::format("the catalog prices it in: {}",
                     places.empty() ? "no Region" : fmt::format("{}", fmt::join(places, ", "))),
         Remedy::own_prices, form});
  }
  return *row;
}

Traffic summarise(const workload::TrafficProfile& profile, const std::vector<CostLine>& lines) {
  Traffic traffic;
  for (const CostLine& line : lines) {
    const auto d = static_cast<std::size_t>(line.dimension);
    traffic.tokens_per_month_by_dimension.at(d) = line.tokens_per_month;
    const bool output = line.dimension == Dimension::output || line.dimension == Dimension::batch_output;
    (output ? traffic.output_tokens_per_month : traffic.input_tokens_per_month) += line.tokens_per_month;
  }
  util::Int128 total_milli = 0;
  util::Int128 requests_milli = 0;
  std::int64_t peak_tokens = 0;
  std::int64_t peak_requests = 0;
  for (const workload::Bucket& b : profile.buckets) {
    const std::int64_t tokens = b.input + b.output + b.cache_read + b.cache_write + b.batch_input + b.batch_output;
    total_milli += tokens;
    requests_milli += b.requests;
    peak_tokens = std::max(peak_tokens, tokens);
    peak_requests = std::max(peak_requests, b.requests);
  }
  const auto minutes = static_cast<double>(profile.bucket_minutes);
  const auto span = static_cast<double>(profile.span_minutes());
  traffic.bucket_minutes = profile.bucket_minutes;
  traffic.span_minutes = profile.span_minutes();
  traffic.avg_tpm = static_cast<double>(total_milli) / 1000.0 / span;
  traffic.peak_tpm = static_cast<double>(peak_tokens) / 1000.0 / minutes;
  if (profile.requests_known) {
    traffic.avg_rpm = static_cast<double>(requests_milli) / 1000.0 / span;
    traffic.peak_rpm = static_cast<double>(peak_requests) / 1000.0 / minutes;
  }
  return traffic;
}

std::string tpm_text(double value) { return util::format_decimal(value); }

bool wanted(const EstimateOptions& options, const std::string& term) {
  return options.terms.empty() || std::find(options.terms.begin(), options.terms.end(), term) != options.terms.end();
}

// Terms sorted by commitment: no_commitment first, then by length.
template <typename Value> std::vector<std::pair<std::string, Value>> by_commitment(std::map<std::string, Value> terms) {
  std::vector<std::pair<std::string, Value>> sorted(terms.begin(), terms.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return term_months(a.first) < term_months(b.first); });
  return sorted;
}

// USD per MU-hour by term for the model's own (not custom-model) Provisioned Throughput in the Region.
std::map<std::string, catalog::Figure> model_unit_prices(const catalog::Model& model, std::string_view region) {
  std::map<std::string, catalog::Figure> prices;
  for (const catalog::ProvisionedRow& row : model.provisioned) {
    if (!row.custom_model && catalog::covers(row.regions, region)) {
      prices.insert(row.usd_per_mu_hour.begin(), row.usd_per_mu_hour.end());
    }
  }
  return prices;
}

struct ReservedTerm {
  ReservedRates rates;
  catalog::Provenance provenance;
};

std::map<std::string, ReservedTerm> reserved_prices(const catalog::Model& model, std::string_view region,
                                                    const workload::CapacitySettings& settings) {
  std::map<std::string, ReservedTerm> prices;
  for (const catalog::ReservedRow& row : model.reserved) {
    if (!catalog::covers(row.regions, region)) {
      continue;
    }
    for (const auto& [term, price] : row.usd_per_1k_tpm_month) {
      if (price.input && price.output) {
        prices.emplace(term, ReservedTerm{{price.input->value, price.output->value}, price.input->provenance});
      }
    }
  }
  for (const auto& [term, quote] : settings.reserved) {
    prices[term] =
        ReservedTerm{{quote.input, quote.output}, {"given on the command line", "", false, settings.reserved_origin}};
  }
  return prices;
}

struct Limits {
  ModelUnitLimits limits;
  std::string description; // "100,000 input + 20,000 output tokens/min per MU (source; file, as of ...)"
};

std::optional<Limits> model_unit_limits(const catalog::Model& model, const workload::WorkloadSpec& spec) {
  const workload::CapacitySettings& given = spec.capacity;
  Limits result;
  std::string where;
  if (given.mu_tpm || given.mu_input_tpm || given.mu_output_tpm) {
    result.limits = ModelUnitLimits{given.mu_input_tpm, given.mu_output_tpm, given.mu_tpm};
    where = given.mu_origin;
  } else if (model.mu_capacity) {
    const catalog::MuCapacity& c = *model.mu_capacity;
    result.limits = ModelUnitLimits{c.input_tpm, c.output_tpm, c.tpm};
    where = catalog::provenance_text(c.provenance);
  } else {
    return std::nullopt;
  }
  const ModelUnitLimits& l = result.limits;
  for (const auto* value : {&l.input_tpm, &l.output_tpm, &l.tpm}) {
    if (*value && value->value().units() <= 0) {
      throw InputError(
          fmt::format("{}: the MU capacity of '{}' must be more than 0 tokens per minute", where, model.id));
    }
  }
  if (!l.complete()) {
    throw InputError(fmt::format("{}: the MU capacity of '{}' needs both input and output tokens per minute, or one "
                                 "combined figure",
                                 where, model.id));
  }
  result.description =
      l.tpm ? fmt::format("MU capacity {} tokens/min per MU ({})", tpm_text(l.tpm->to_double()), where)
            : fmt::format("MU capacity {} input + {} output tokens/min per MU ({})", tpm_text(l.input_tpm->to_double()),
                          tpm_text(l.output_tpm->to_double()), where);
  return result;
}

// A month of more than $1 trillion is a typo in a rate, a price or a capacity, not an estimate; so is a term of
// more than $1 trillion.
bool too_large(util::Money amount) {
  const auto limit = util::Money::from_atto(util::Int128{1'000'000'000'000} * 1'000'000'000'000'000'000);
  return amount > limit || amount < util::Money{} - limit;
}

[[noreturn]] void fail_too_large(const OptionResult& option, std::string_view origin, std::string_view when) {
  throw InputError(fmt::format("{}: the {} option comes to more than $1 trillion {}; check the traffic, the prices "
                               "and the MU capacity",
                               origin, to_string(option.strategy), when));
}

// Fills in the monthly total, the savings and the commitment over the term; throws InputError naming `origin` when
// an amount passes $1 trillion. The sums stay far inside 128 bits; the term's product is checked.
void finish_option(OptionResult& option, util::Money on_demand_monthly, std::optional<std::int64_t> months,
                   std::string_view origin) {
  if (too_large(option.committed) || too_large(option.on_demand)) {
    fail_too_large(option, origin, "a month");
  }
  option.monthly = option.committed + option.on_demand;
  if (too_large(option.monthly)) {
    fail_too_large(option, origin, "a month");
  }
  option.savings_vs_on_demand = on_demand_monthly - option.monthly;
  option.comparable = option.throttled_share <= 0;
  if (months && option.strategy != Strategy::on_demand) {
    util::Int128 term_atto = 0;
    if (__builtin_mul_overflow(option.committed.atto(), *months, &term_atto) ||
        too_large(util::Money::from_atto(term_atto))) {
      fail_too_large(option, origin, "over its term");
    }
    option.term_commitment = util::Money::from_atto(term_atto);
  }
}

OptionResult commitment_option(Strategy strategy, const std::string& term, const CommitmentCost& cost) {
  OptionResult option;
  option.strategy = strategy;
  option.term = term;
  option.committed = cost.committed;
  option.on_demand = cost.on_demand;
  option.utilization = cost.utilization;
  option.throttled_share = cost.throttled_share;
  option.overflow_share = cost.overflow_share;
  return option;
}

// What n MUs cost for the month: n x hours MU-hours at the term's price.
CommitmentLine model_unit_line(std::int64_t n, util::Fixed9 usd_per_mu_hour, const CapacityModel& model,
                               util::Fixed9 hours_per_month) {
  return {"MU-hours", util::Fixed9::from_units(n * hours_per_month.units()), usd_per_mu_hour,
          model.model_units_monthly(n, usd_per_mu_hour)};
}

// The reserved input and output TPM, in thousands of TPM per month at the term's prices (sides reserving nothing
// are left out).
std::vector<CommitmentLine> reserved_lines(const Reservation& reservation, const ReservedRates& rates) {
  std::vector<CommitmentLine> lines;
  for (const auto& [unit, milli_tpm, price] :
       {std::tuple{"1K input TPM-months", reservation.input_milli_tpm, rates.input},
        std::tuple{"1K output TPM-months", reservation.output_milli_tpm, rates.output}}) {
    if (milli_tpm > std::numeric_limits<std::int64_t>::max() / 1000) {
      throw AmountOutOfRange();
    }
    if (milli_tpm > 0) {
      const auto thousands = util::Fixed9::from_units(milli_tpm * 1000); // milli-TPM / 10^6, in Fixed9 units
      lines.push_back({unit, thousands, price,
                       util::Money::from_atto(static_cast<util::Int128>(thousands.units()) * price.units())});
    }
  }
  return lines;
}

std::optional<std::int64_t> commitment_months(const std::string& term) {
  const std::int64_t months = term_months(term);
  return months > 0 ? std::optional<std::int64_t>(months) : std::nullopt;
}

// Less commitment first: on-demand, then by term length, then by the dollars committed.
bool less_commitment(const OptionResult& a, const OptionResult& b) {
  const auto rank = [](const OptionResult& o) {
    return std::tuple{o.strategy != Strategy::on_demand, o.term ? term_months(*o.term) : -1, o.committed};
  };
  return rank(a) < rank(b);
}

Recommendation recommend(const std::vector<OptionResult>& options, std::optional<Note> traffic) {
  const OptionResult* best = nullptr;
  for (const OptionResult& option : options) {
    if (!option.comparable) {
      continue; // throttles traffic: not a way to serve this workload
    }
    if (best == nullptr) {
      best = &option;
      continue;
    }
    // Compared in cents, as printed: a commitment must save at least a cent to be worth it.
    const auto cents = option.monthly.round_cents();
    const auto best_cents = best->monthly.round_cents();
    if (cents < best_cents || (cents == best_cents && less_commitment(option, *best))) {
      best = &option;
    }
  }
  if (best == nullptr) {
    best = &options.front(); // unreachable: on-demand never throttles
  }
  Recommendation rec;
  rec.strategy = best->strategy;
  rec.term = best->term;
  rec.model_units = best->model_units;
  rec.reserved_input_tpm = best->reserved_input_tpm;
  rec.reserved_output_tpm = best->reserved_output_tpm;
  rec.committed = best->committed;
  rec.monthly = best->monthly;
  rec.savings_vs_on_demand = best->savings_vs_on_demand;
  rec.traffic = std::move(traffic);
  rec.assumptions = best->assumptions;
  return rec;
}

// What the first minute of the profile is: a date for imported usage, a Monday 00:00 UTC for a shaped week.
TimeOrigin time_origin(const workload::WorkloadSpec& spec, const workload::TrafficProfile& profile) {
  if (profile.start_epoch_minute) {
    return TimeOrigin::epoch;
  }
  return !spec.series && spec.shape && profile.bucket_count() > 1 ? TimeOrigin::week : TimeOrigin::elapsed;
}

// The break-even of one MU term: its price, and the utilisation and throughput at which it pays.
BreakEvenRow break_even_row(const std::string& term, const catalog::Figure& price, const CapacityModel& model) {
  BreakEvenRow row;
  row.term = term;
  row.usd_per_model_unit_hour = price.value;
  row.usd_per_model_unit_month = model.model_units_monthly(1, price.value);
  const BreakEven be = model.break_even(price.value);
  row.utilization = be.utilization;
  row.tpm_per_model_unit = be.tpm_per_model_unit;
  row.provenance = price.provenance;
  return row;
}

// How many MUs the peak needs, with and without headroom, for the model-unit options of one workload.
struct MuSizing {
  std::int64_t sized = 0;      // with headroom, for provisioned
  std::int64_t peak_units = 0; // without: beyond it, more MUs only cost more
  std::string headroom;        // " + 20% headroom", or empty
};

// Provisioned alone, for one term: sized to the peak, or the user's fixed number of MUs.
OptionResult provisioned_option(const std::string& term, const catalog::Figure& price, const CapacityModel& model,
                                const MuSizing& sizing, const workload::WorkloadSpec& spec,
                                const EstimateOptions& options) {
  const std::int64_t units = spec.capacity.model_units.value_or(sizing.sized);
  OptionResult provisioned = commitment_option(Strategy::provisioned, term, model.provisioned(units, price.value));
  provisioned.model_units = units;
  provisioned.commitment_lines = {model_unit_line(units, price.value, model, options.hours_per_month)};
  provisioned.assumptions.push_back(
      spec.capacity.model_units ? fmt::format("{} MUs as given (the peak needs {}{})", units, sizing.peak_units,
                                              options.headroom.units() > 0
                                                  ? fmt::format("; {} with {}", sizing.sized, sizing.headroom.substr(3))
                                                  : "")
                                : fmt::format("{} MUs cover the peak{}", units, sizing.headroom));
  return provisioned;
}

// Blended, for one term: N* MUs with on-demand overflow.
OptionResult blended_option(const std::string& term, const catalog::Figure& price, const CapacityModel& model,
                            const MuSizing& sizing, const EstimateOptions& options) {
  const std::int64_t best = model.optimal_model_units(price.value, sizing.peak_units);
  OptionResult blended = commitment_option(Strategy::blended, term, model.blended(best, price.value));
  blended.model_units = best;
  if (best > 0) {
    blended.commitment_lines = {model_unit_line(best, price.value, model, options.hours_per_month)};
  }
  blended.assumptions.push_back(
      best == 0 ? std::string("N* = 0: committing any MU costs more than it saves for this traffic")
                : fmt::format("N* = {} MUs minimises the committed plus overflow cost; traffic above them is "
                              "served on-demand",
                              best));
  return blended;
}

void add_model_unit_options(WorkloadResult& result, const CapacityModel& model,
                            const std::vector<std::pair<std::string, catalog::Figure>>& terms,
                            const std::optional<Limits>& limits, const workload::WorkloadSpec& spec,
                            const EstimateOptions& options, util::Money on_demand_monthly) {
  MuSizing sizing;
  if (limits) {
    sizing.sized = model.model_units_for_peak(options.headroom);
    sizing.peak_units = model.model_units_for_peak({});
    result.traffic.peak_model_units = sizing.peak_units;
    if (options.headroom.units() > 0) {
      result.traffic.model_units_with_headroom = sizing.sized;
      result.traffic.headroom = options.headroom;
      sizing.headroom =
          fmt::format(" + {}% headroom", util::Fixed9::from_units(options.headroom.units() * 100).to_string());
    }
  }
  for (const auto& [term, price] : terms) {
    result.break_even.push_back(break_even_row(term, price, model));
    if (!limits) {
      continue;
    }
    const std::string price_text =
        fmt::format("${}/MU-hour ({})", price.value.to_string(), catalog::provenance_text(price.provenance));
    const std::optional<std::int64_t> months = commitment_months(term);
    const auto add = [&](OptionResult option) {
      option.assumptions.insert(option.assumptions.begin(), {limits->description, price_text});
      finish_option(option, on_demand_monthly, months, spec.origin);
      result.options.push_back(std::move(option));
    };
    add(provisioned_option(term, price, model, sizing, spec, options));
    add(blended_option(term, price, model, sizing, options));
  }
}

void add_reserved_options(WorkloadResult& result, const CapacityModel& model,
                          const std::vector<std::pair<std::string, ReservedTerm>>& terms, util::Money on_demand_monthly,
                          std::string_view origin) {
  for (const auto& [term, price] : terms) {
    const Reservation reservation = model.optimal_reservation(price.rates);
    OptionResult option = commitment_option(Strategy::reserved, term, reservation.cost);
    option.reserved_input_tpm = static_cast<double>(reservation.input_milli_tpm) / 1000.0;
    option.reserved_output_tpm = static_cast<double>(reservation.output_milli_tpm) / 1000.0;
    option.commitment_lines = reserved_lines(reservation, price.rates);
    option.assumptions = {
        fmt::format("${} per 1K input TPM-month and ${} per 1K output TPM-month ({})", price.rates.input.to_string(),
                    price.rates.output.to_string(), catalog::provenance_text(price.provenance)),
        fmt::format("reservations of at least {} input and {} output TPM (AWS minimums), or none; traffic above "
                    "them overflows to on-demand; cache reads are paid on-demand",
                    util::group_thousands(k_reserved_min_input_tpm), util::group_thousands(k_reserved_min_output_tpm))};
    if (reservation.input_milli_tpm == 0 && reservation.output_milli_tpm == 0) {
      option.assumptions.emplace_back("reserving does not pay for this traffic: nothing reserved");
    }
    finish_option(option, on_demand_monthly, commitment_months(term), origin);
    result.options.push_back(option);
  }
}

// The model and Region a workload names; throws UnpricedWorkload naming where the model was given when the catalog
// has neither the model nor a near name.
catalog::Resolution resolve(const catalog::Catalog& catalog, const workload::WorkloadSpec& spec, InputForm form) {
  const catalog::ResolveResult found = catalog::resolve_model(catalog, spec.model, spec.region);
  if (!found.match) {
    throw UnpricedWorkload(
        {spec.model_origin, catalog::unknown_model_message(spec.model, found.suggestions), "", Remedy::none, form});
  }
  return *found.match;
}

// The workload with the Region its model resolved to; an ARN's Region wins over the one given, with a warning.
workload::WorkloadSpec with_resolved_region(const workload::WorkloadSpec& given, const catalog::Resolution& match) {
  workload::WorkloadSpec spec = given;
  if (spec.region_given && match.region != spec.region) {
    spec.warnings.push_back(fmt::format("{}: the {} names Region {}, so the Region {} given is not used",
                                        spec.model_origin, spec.model.starts_with("arn:") ? "ARN" : "model name",
                                        match.region, spec.region));
    spec.region_origin = spec.model_origin;
  }
  spec.region = match.region;
  return spec;
}

// The workload's traffic, bucket by bucket; throws InputError naming where the traffic or its peak was given.
std::shared_ptr<const workload::TrafficProfile> traffic_profile(const workload::WorkloadSpec& spec) {
  std::shared_ptr<const workload::TrafficProfile> profile;
  try {
    profile = workload::build_profile(spec);
  } catch (const std::invalid_argument& e) {
    throw InputError(fmt::format("{}: {}", spec.shape ? spec.shape->origin : spec.origin, e.what()));
  }
  if (profile->bucket_count() <= 0 || profile->bucket_minutes <= 0) {
    throw InputError(fmt::format("{}: no traffic to price (the usage covers no time)", spec.origin));
  }
  return profile;
}

// A result naming the workload, its model and Region, and how it was given.
WorkloadResult new_result(const workload::WorkloadSpec& spec, const catalog::Resolution& match, InputForm form) {
  WorkloadResult result;
  result.input = {form, spec.origin, spec.capacity.mu_origin};
  result.name = spec.name;
  result.requested_model = spec.model;
  result.model_id = match.model->id;
  result.model_name = match.model->name;
  result.provider = match.model->provider;
  result.region = match.region;
  result.profile = match.profile;
  result.warnings = spec.warnings;
  return result;
}

// What the traffic sends in a month, and how it was described.
Traffic month_traffic(const workload::WorkloadSpec& spec, const workload::TrafficProfile& profile,
                      const std::vector<CostLine>& lines, util::Fixed9 hours_per_month) {
  Traffic traffic = summarise(profile, lines);
  traffic.shape = spec.series  ? "measured"
                  : spec.shape ? std::string(workload::to_string(spec.shape->kind))
                               : "constant";
  traffic.coverage = spec.coverage;
  const auto [numerator, denominator] = workload::month_fraction(profile, hours_per_month);
  traffic.month_factor =
      static_cast<double>(static_cast<long double>(numerator) / static_cast<long double>(denominator));
  return traffic;
}

// Adds the on-demand option (every line paid per token) and returns its monthly cost.
util::Money add_on_demand_option(WorkloadResult& result, std::string_view origin) {
  OptionResult on_demand;
  on_demand.strategy = Strategy::on_demand;
  for (const CostLine& line : result.on_demand_lines) {
    on_demand.on_demand += line.monthly;
  }
  finish_option(on_demand, on_demand.on_demand, std::nullopt, origin);
  result.options.push_back(on_demand);
  return on_demand.monthly;
}

// The commitment prices of the terms asked for: USD per MU-hour, and Reserved-tier rates.
struct CommitmentPrices {
  std::map<std::string, catalog::Figure> model_units;
  std::map<std::string, ReservedTerm> reserved;
  bool batch_only = false; // cleared: all the traffic is batch, which no commitment serves
};

CommitmentPrices commitment_prices(const catalog::Model& model, const std::string& region,
                                   const workload::CapacitySettings& settings, const EstimateOptions& options) {
  CommitmentPrices prices;
  for (auto& [term, figure] : model_unit_prices(model, region)) {
    if (wanted(options, term)) {
      prices.model_units.emplace(term, figure);
    }
  }
  for (auto& [term, price] : reserved_prices(model, region, settings)) {
    if (wanted(options, term)) {
      prices.reserved.emplace(term, price);
    }
  }
  return prices;
}

// What pricing one workload's commitments needs.
struct CommitmentInput {
  const workload::TrafficProfile& profile;
  const catalog::OnDemandRow& prices;
  const std::optional<Limits>& limits;
  const workload::WorkloadSpec& spec;
  const EstimateOptions& options;
};

// Adds the provisioned, blended and reserved options of `terms` (and the charts); clears `terms`, with a note, when
// all the traffic is batch. An overflow of the formulas becomes an InputError here, once: a number of MUs past what
// the engine sizes names where the MU capacity came from, any other the workload.
void add_commitment_options(WorkloadResult& result, const CommitmentInput& in, CommitmentPrices& terms,
                            util::Money on_demand_monthly) {
  try {
    const CapacityModel capacity(in.profile, in.prices, in.options.hours_per_month,
                                 in.limits ? std::optional(in.limits->limits) : std::nullopt);
    if (!capacity.has_real_time_traffic() && (!terms.model_units.empty() || !terms.reserved.empty())) {
      // Batch inference (or no traffic at all) never uses committed capacity.
      result.notes.push_back(Note::plain("All of this traffic is batch inference (or there is none): Provisioned "
                                         "Throughput and the Reserved tier do not apply to it."));
      terms = CommitmentPrices{{}, {}, true};
    }
    add_model_unit_options(result, capacity, by_commitment(terms.model_units), in.limits, in.spec, in.options,
                           on_demand_monthly);
    add_reserved_options(result, capacity, by_commitment(terms.reserved), on_demand_monthly, in.spec.origin);
    if (in.options.charts) {
      result.charts = ChartData{traffic_series(in.profile, capacity, time_origin(in.spec, in.profile)),
                                cost_curves(capacity, by_commitment(terms.model_units), result)};
    }
  } catch (const TooManyModelUnits& e) {
    // The MU capacity is too small for the traffic: name where it came from.
    throw InputError(fmt::format("{}: {}", in.limits ? in.limits->description : in.spec.origin, e.what()));
  } catch (const std::overflow_error& e) { // AmountOutOfRange, or an amount of money out of range
    throw InputError(fmt::format("{}: {}", in.spec.origin, e.what()));
  }
}

WorkloadResult estimate_one(const catalog::Catalog& catalog, const workload::WorkloadSpec& given,
                            const EstimateOptions& options) {
  const catalog::Resolution match = resolve(catalog, given, options.input_form);
  const workload::WorkloadSpec spec = with_resolved_region(given, match);
  const std::shared_ptr<const workload::TrafficProfile> series = traffic_profile(spec);
  const workload::TrafficProfile& profile = *series;
  const catalog::Model& model = *match.model;
  WorkloadResult result = new_result(spec, match, options.input_form);
  const catalog::OnDemandRow& standard = require_prices(match, spec, options.input_form);
  result.lifecycle = lifecycle_status(match, options.today, standard);
  const catalog::OnDemandRow& prices =
      result.lifecycle ? lifecycle_prices(match, *result.lifecycle, standard) : standard;
  if (result.lifecycle) {
    result.warnings.push_back(lifecycle_warning(match, *result.lifecycle, spec.model_origin));
  }
  result.on_demand_lines = on_demand_lines(prices, profile, options, spec);
  result.traffic = month_traffic(spec, profile, result.on_demand_lines, options.hours_per_month);
  const util::Money on_demand_monthly = add_on_demand_option(result, spec.origin);

  CommitmentPrices terms = commitment_prices(model, match.region, spec.capacity, options);
  if (result.lifecycle) { // AWS sells no new Provisioned Throughput for a Legacy model: only the user's quote prices it
    std::erase_if(terms.model_units,
                  [&](const auto& term) { return !catalog::covers(catalog.overlays, term.second.provenance.origin); });
  }
  const std::optional<Limits> limits = model_unit_limits(model, spec);
  add_commitment_options(result, {profile, prices, limits, spec, options}, terms, on_demand_monthly);
  for (Note& note : commitment_notes({catalog, model, match.region, spec, options, !terms.model_units.empty(),
                                      !terms.reserved.empty(), terms.batch_only, limits.has_value(),
                                      result.lifecycle.has_value() && terms.model_units.empty()})) {
    result.notes.push_back(std::move(note));
  }
  result.recommendation = recommend(
      result.options, result.options.size() > 1 ? std::optional(traffic_note(spec, result.traffic)) : std::nullopt);
  add_quota_checks(result, QuotaCheck{model, match, profile, spec.quota, catalog.origin});
  return result;
}

// Imported usage the catalog cannot price, with its totals and why.
UnpricedUsage unpriced(const workload::WorkloadSpec& spec, PriceGap reason) {
  UnpricedUsage u;
  u.model = spec.model;
  u.region = spec.region;
  if (spec.model.find(":application-inference-profile/") != std::string::npos) {
    reason.fact = "an application inference profile does not say which model it runs ('aws bedrock "
                  "get-inference-profile' shows it); put the model ID in its place to price it";
    reason.detail.clear();
    reason.remedy = Remedy::none;
  }
  u.reason = std::move(reason);
  if (spec.series) {
    util::Int128 input = 0;
    util::Int128 output = 0;
    util::Int128 requests = 0;
    for (const workload::Bucket& b : spec.series->buckets) {
      input += b.input + b.cache_read + b.cache_write + b.batch_input;
      output += b.output + b.batch_output;
      requests += b.requests;
    }
    u.input_tokens = static_cast<std::int64_t>(input / 1000);
    u.output_tokens = static_cast<std::int64_t>(output / 1000);
    if (spec.series->requests_known) {
      u.requests = static_cast<std::int64_t>(requests / 1000);
    }
    u.span_minutes = spec.series->span_minutes();
  }
  return u;
}

} // namespace

std::int64_t term_months(std::string_view term) {
  const auto underscore = term.find('_');
  if (term == "no_commitment" || underscore == std::string_view::npos) {
    return 0;
  }
  std::int64_t count = 0;
  for (const char c : term.substr(0, underscore)) {
    if (c < '0' || c > '9' || count > 1'000'000) {
      return 0;
    }
    count = count * 10 + (c - '0');
  }
  return term.substr(underscore + 1) == "year" ? count * 12 : count;
}

std::string_view to_string(Strategy strategy) {
  switch (strategy) {
  case Strategy::on_demand: return "on_demand";
  case Strategy::provisioned: return "provisioned";
  case Strategy::blended: return "blended";
  case Strategy::reserved: return "reserved";
  }
  return "unknown";
}

namespace {

// A warning when every offer of the downloaded AWS Price List ('catalog update') was published before the date of
// the catalog it overrides: its older prices replace newer ones.
std::optional<std::string> stale_download_warning(const catalog::Catalog& catalog) {
  if (!catalog.price_list || catalog.price_list->offers.empty()) {
    return std::nullopt;
  }
  std::string newest;
  for (const catalog::DownloadedOffer& offer : catalog.price_list->offers) {
    newest = std::max(newest, offer.publication_date);
  }
  if (newest.empty() || newest >= catalog.as_of) {
    return std::nullopt;
  }
  return fmt::format("the AWS Price List 'catalog update' downloaded (published {}) is older than the catalog it "
                     "overrides (as of {}), and its prices replace the newer ones: run 'bedrock-cost catalog update' "
                     "again, or pass --offline to leave it out",
                     newest, catalog.as_of);
}

} // namespace

CostReport estimate(const catalog::Catalog& catalog, const std::vector<workload::WorkloadSpec>& workloads,
                    const EstimateOptions& options) {
  CostReport report;
  report.generated_by = fmt::format("bedrock-cost {}", k_version);
  report.catalog_as_of = catalog.as_of;
  report.catalog_source = catalog.source;
  report.catalog_origin = catalog.origin;
  report.price_list = catalog.price_list;
  report.overlays = catalog.overlays;
  report.hours_per_month = options.hours_per_month;
  report.warnings = options.read_warnings;
  report.warnings.insert(report.warnings.end(), options.input_warnings.begin(), options.input_warnings.end());
  report.notes = options.read_notes;
  report.notes.insert(report.notes.end(), options.input_notes.begin(), options.input_notes.end());
  for (const workload::WorkloadSpec& spec : workloads) {
    try {
      WorkloadResult result = estimate_one(catalog, spec, options);
      report.total_on_demand += result.options.front().monthly;
      report.total_recommended += result.recommendation.monthly;
      report.workloads.push_back(std::move(result));
    } catch (const UnpricedWorkload& e) { // only what the catalog cannot price: every other error stops the run
      if (!options.list_unpriced) {
        throw;
      }
      report.unpriced.push_back(unpriced(spec, e.gap()));
    }
  }
  if (std::optional<std::string> stale = stale_download_warning(catalog)) {
    report.warnings.push_back(std::move(*stale));
  }
  UnusedOverlayRows unused = unused_overlay_rows(catalog, report, options.terms);
  std::move(unused.warnings.begin(), unused.warnings.end(), std::back_inserter(report.warnings));
  std::move(unused.notes.begin(), unused.notes.end(), std::back_inserter(report.notes));
  return report;
}

} // namespace bedrock_cost::engine
