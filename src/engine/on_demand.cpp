#include <bedrock_cost/engine/errors.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <array>
#include <stdexcept>

namespace bedrock_cost::engine {

namespace {

using catalog::Dimension;
using util::Int128;

std::int64_t bucket_tokens(const workload::Bucket& bucket, Dimension dimension) {
  switch (dimension) {
  case Dimension::input: return bucket.input;
  case Dimension::output: return bucket.output;
  case Dimension::batch_input: return bucket.batch_input;
  case Dimension::batch_output: return bucket.batch_output;
  case Dimension::cache_write: return bucket.cache_write;
  case Dimension::cache_read: return bucket.cache_read;
  }
  return 0;
}

// Why the model has no on-demand price for `dimension` that the traffic uses, and what the user can do about it.
PriceGap missing_price(const workload::WorkloadSpec& spec, Dimension dimension, InputForm form) {
  PriceGap gap{spec.origin,
               fmt::format("'{}' has no on-demand {} price in {}", util::excerpt(spec.model),
                           catalog::k_dimension_names.at(static_cast<std::size_t>(dimension)),
                           util::excerpt(spec.region)),
               "", Remedy::add_price, form};
  if (spec.series) {
    gap.detail = "the usage has such tokens";
    return gap;
  }
  switch (dimension) {
  case Dimension::output: gap.remedy = Remedy::input_only; break;
  case Dimension::batch_input:
  case Dimension::batch_output:
    gap.detail = "AWS lists no batch price for it here";
    gap.remedy = Remedy::drop_batch_share;
    break;
  case Dimension::cache_write:
  case Dimension::cache_read:
    gap.detail = "AWS lists no prompt-caching price for it here";
    gap.remedy = Remedy::drop_cache_share;
    break;
  case Dimension::input: break;
  }
  return gap;
}

} // namespace

std::vector<CostLine> on_demand_lines(const catalog::OnDemandRow& prices, const workload::TrafficProfile& profile,
                                      const EstimateOptions& options, const workload::WorkloadSpec& spec) {
  if (prices.unit == catalog::PriceUnit::per_1k_characters) {
    throw UnpricedWorkload({spec.origin,
                            fmt::format("'{}' is priced per 1K characters in the catalog; bedrock-cost estimates "
                                        "token traffic",
                                        util::excerpt(spec.model)),
                            "", Remedy::none, options.input_form});
  }
  // Scale from the profile's span S to the month M: k = M / S, as an exact fraction.
  const auto [month_numerator, month_denominator] = workload::month_fraction(profile, options.hours_per_month);
  // One pass over the buckets: the price is constant, so the cost of the sum is the sum of the costs.
  std::array<Int128, catalog::k_dimension_count> milli_tokens{};
  for (const workload::Bucket& bucket : profile.buckets) {
    for (std::size_t d = 0; d < catalog::k_dimension_count; ++d) {
      milli_tokens.at(d) += bucket_tokens(bucket, static_cast<Dimension>(d));
    }
  }
  std::vector<CostLine> lines;
  for (std::size_t d = 0; d < catalog::k_dimension_count; ++d) {
    if (milli_tokens.at(d) == 0) {
      continue;
    }
    const auto dimension = static_cast<Dimension>(d);
    const auto& price = prices.price(dimension);
    if (!price) {
      throw UnpricedWorkload(missing_price(spec, dimension, options.input_form));
    }
    CostLine line;
    line.dimension = dimension;
    line.usd_per_million_tokens = price->value;
    line.provenance = price->provenance;
    try {
      line.monthly =
          util::scale(util::token_cost(milli_tokens.at(d), price->value), month_numerator, month_denominator);
    } catch (const std::overflow_error&) {
      throw InputError(
          fmt::format("{}: the monthly cost is too large to compute; check the traffic and the prices", spec.origin));
    }
    line.tokens_per_month = static_cast<double>(milli_tokens.at(d)) / 1000.0 * static_cast<double>(month_numerator) /
                            static_cast<double>(month_denominator);
    lines.push_back(line);
  }
  return lines;
}

} // namespace bedrock_cost::engine
