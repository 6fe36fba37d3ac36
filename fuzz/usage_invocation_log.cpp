// Fuzz target: model invocation logs (JSON lines, plain or gzip: the importer tells them apart by the gzip magic
// bytes), read with the format detected and with --usage-format invocation-log (see usage_target.hpp).

#include "usage_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bedrock_cost::fuzz::import_both_ways(data, size, bedrock_cost::usage::Format::invocation_log);
  return 0;
}
