// Fuzz target: `aws cloudwatch get-metric-data` output, with or without its --metric-data-queries file. An input is
// the query file, a line "--", then the output (JSON never holds that line); without the line, the output alone.
// Read with the format detected and with --usage-format metric-data (see usage_target.hpp).

#include "usage_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bedrock_cost;
  const std::string text = fuzz::text_of(data, size);
  std::optional<std::string> query;
  std::string output = text;
  if (const auto separator = text.find("\n--\n"); separator != std::string::npos) {
    query = text.substr(0, separator);
    output = text.substr(separator + 4);
  }
  fuzz::import_usage(output, usage::ImportOptions{}, query);
  fuzz::import_usage(output, fuzz::forced(usage::Format::metric_data), query);
  return 0;
}
