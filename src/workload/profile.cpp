#include <bedrock_cost/workload/workload.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bedrock_cost::workload {

namespace {

// Tokens per minute as milli-tokens, rounded to the nearest; rejects what int64 cannot count.
std::int64_t to_milli(double count, std::string_view what) {
  const double milli = std::round(count * 1000.0);
  if (!std::isfinite(milli) || milli < 0 || milli > 9.0e15) {
    throw std::invalid_argument(fmt::format("{} of {} is out of range", what, count));
  }
  return static_cast<std::int64_t>(milli);
}

std::int64_t share_of(std::int64_t whole, double share) {
  return static_cast<std::int64_t>(std::llround(static_cast<double>(whole) * share));
}

} // namespace

TrafficRate rate_from_tpm(double tpm, double input_share) {
  return TrafficRate{tpm * input_share, tpm * (1.0 - input_share), std::nullopt, 1};
}

TrafficRate rate_from_requests(double requests, double input_tokens, double output_tokens,
                               std::int64_t period_minutes) {
  return TrafficRate{requests * input_tokens, requests * output_tokens, requests, period_minutes};
}

void check_shares(double batch_share, double cache_read_share, double cache_write_share) {
  for (const auto& [name, value] :
       {std::pair{"batch share", batch_share}, std::pair{"cache-read share", cache_read_share},
        std::pair{"cache-write share", cache_write_share}}) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw std::invalid_argument(fmt::format("the {} must be between 0 and 1, got {}", name, value));
    }
  }
  if (cache_read_share + cache_write_share > 1.0) {
    throw std::invalid_argument(fmt::format("the cache-read and cache-write shares add up to {}, more than 1",
                                            cache_read_share + cache_write_share));
  }
}

TrafficProfile constant_profile(const WorkloadSpec& spec) {
  const std::int64_t input = to_milli(spec.rate.input_tokens, "an input rate");
  const std::int64_t output = to_milli(spec.rate.output_tokens, "an output rate");
  Bucket bucket;
  bucket.batch_input = share_of(input, spec.batch_share);
  bucket.batch_output = share_of(output, spec.batch_share);
  const std::int64_t real_time_input = input - bucket.batch_input;
  bucket.cache_read = share_of(real_time_input, spec.cache_read_share);
  bucket.cache_write = std::min(share_of(real_time_input, spec.cache_write_share), real_time_input - bucket.cache_read);
  bucket.input = real_time_input - bucket.cache_read - bucket.cache_write;
  bucket.output = output - bucket.batch_output;
  TrafficProfile profile;
  profile.bucket_minutes = spec.rate.period_minutes;
  if (spec.rate.requests) {
    bucket.requests = to_milli(*spec.rate.requests, "a request rate");
    profile.requests_known = true;
  }
  profile.buckets.push_back(bucket);
  return profile;
}

} // namespace bedrock_cost::workload
