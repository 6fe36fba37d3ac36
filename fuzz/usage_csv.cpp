// Fuzz target: the per-minute usage CSV (timestamp,model_id,input_tokens,output_tokens,requests[,...]), read with
// the format detected and with --usage-format csv (see usage_target.hpp).

#include "usage_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bedrock_cost::fuzz::import_both_ways(data, size, bedrock_cost::usage::Format::csv);
  return 0;
}
