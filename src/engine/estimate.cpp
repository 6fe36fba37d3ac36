#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/version.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <stdexcept>

namespace bedrock_cost::engine {

namespace {

using catalog::Dimension;

const catalog::OnDemandRow& require_prices(const catalog::Resolution& match, const workload::WorkloadSpec& spec) {
  const catalog::OnDemandRow* row = catalog::find_on_demand(*match.model, match.region, match.profile);
  if (row == nullptr) {
    const auto places = catalog::priced_locations(*match.model);
    throw InputError(fmt::format("{}: no on-demand price for '{}' in {}{} (the catalog prices it in: {}; add "
                                 "your own with --prices)",
                                 spec.region_origin, match.model->id, match.region,
                                 match.profile ? fmt::format(" through the {}. profile", *match.profile) : "",
                                 places.empty() ? "no Region" : fmt::format("{}", fmt::join(places, ", "))));
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
  std::int64_t total_milli = 0;
  std::int64_t requests_milli = 0;
  for (const workload::Bucket& b : profile.buckets) {
    const std::int64_t tokens = b.input + b.output + b.cache_read + b.cache_write + b.batch_input + b.batch_output;
    total_milli += tokens;
    requests_milli += b.requests;
    traffic.peak_tpm =
        std::max(traffic.peak_tpm, static_cast<double>(tokens) / 1000.0 / static_cast<double>(profile.bucket_minutes));
  }
  const auto span = static_cast<double>(profile.span_minutes());
  traffic.avg_tpm = static_cast<double>(total_milli) / 1000.0 / span;
  if (profile.requests_known) {
    traffic.avg_rpm = static_cast<double>(requests_milli) / 1000.0 / span;
  }
  return traffic;
}

WorkloadResult estimate_one(const catalog::Catalog& catalog, const workload::WorkloadSpec& given,
                            const EstimateOptions& options) {
  const catalog::ResolveResult found = catalog::resolve_model(catalog, given.model, given.region);
  if (!found.match) {
    throw InputError(
        fmt::format("{}: {}", given.model_origin, catalog::unknown_model_message(given.model, found.suggestions)));
  }
  const catalog::Resolution& match = *found.match;
  workload::WorkloadSpec spec = given;
  std::vector<std::string> warnings;
  if (spec.region_given && match.region != spec.region) {
    warnings.push_back(fmt::format("{}: the ARN names Region {}, so the Region {} given is not used", spec.model_origin,
                                   match.region, spec.region));
    spec.region_origin = spec.model_origin;
  }
  spec.region = match.region;
  workload::TrafficProfile profile;
  try {
    profile = workload::constant_profile(spec);
  } catch (const std::invalid_argument& e) {
    throw InputError(fmt::format("{}: {}", spec.origin, e.what()));
  }
  WorkloadResult result;
  result.name = spec.name;
  result.requested_model = spec.model;
  result.model_id = match.model->id;
  result.model_name = match.model->name;
  result.provider = match.model->provider;
  result.region = match.region;
  result.profile = match.profile;
  result.warnings = std::move(warnings);
  result.on_demand_lines = on_demand_lines(require_prices(match, spec), profile, options, spec);
  result.traffic = summarise(profile, result.on_demand_lines);

  OptionResult on_demand;
  on_demand.strategy = Strategy::on_demand;
  for (const CostLine& line : result.on_demand_lines) {
    on_demand.on_demand += line.monthly;
  }
  on_demand.monthly = on_demand.on_demand;
  result.options.push_back(on_demand);
  result.recommendation = Recommendation{Strategy::on_demand, std::nullopt, std::nullopt, on_demand.monthly, {}};
  return result;
}

} // namespace

std::string_view to_string(Strategy strategy) {
  switch (strategy) {
  case Strategy::on_demand: return "on_demand";
  case Strategy::provisioned: return "provisioned";
  case Strategy::blended: return "blended";
  case Strategy::reserved: return "reserved";
  }
  return "unknown";
}

CostReport estimate(const catalog::Catalog& catalog, const std::vector<workload::WorkloadSpec>& workloads,
                    const EstimateOptions& options) {
  CostReport report;
  report.generated_by = fmt::format("bedrock-cost {}", k_version);
  report.catalog_as_of = catalog.as_of;
  report.catalog_source = catalog.source;
  report.catalog_origin = catalog.origin;
  report.overlays = catalog.overlays;
  report.hours_per_month = options.hours_per_month;
  for (const workload::WorkloadSpec& spec : workloads) {
    WorkloadResult result = estimate_one(catalog, spec, options);
    report.total_on_demand += result.options.front().monthly;
    report.total_recommended += result.recommendation.monthly;
    report.workloads.push_back(std::move(result));
  }
  return report;
}

} // namespace bedrock_cost::engine
