// Fuzz target: `aws cloudwatch get-metric-statistics` output (which names no model: --model is given), read with
// the format detected and with --usage-format metric-statistics (see usage_target.hpp).

#include "usage_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bedrock_cost::fuzz::import_both_ways(data, size, bedrock_cost::usage::Format::metric_statistics,
                                       "amazon.nova-lite-v1:0");
  return 0;
}
