// Fuzz target: an `aws logs filter-log-events` export of invocation-log records, read with the format detected and
// with --usage-format log-events (see usage_target.hpp).

#include "usage_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bedrock_cost::fuzz::import_both_ways(data, size, bedrock_cost::usage::Format::log_events);
  return 0;
}
