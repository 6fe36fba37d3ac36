#pragma once

// Internal to usage import: the fields of one model-invocation-log record, read with simdjson's On-Demand API
// (bodies are skipped, not parsed). The parser is compiled twice, for AVX2 ("haswell") and for any x86-64
// ("fallback"), and chosen at run time: On-Demand code takes its SIMD kernel from the compiler's target flags.

#include <bedrock_cost/usage/usage.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace bedrock_cost::usage::detail {

struct RecordFields {
  std::string_view timestamp;
  std::string_view request_id;
  std::string_view model;
  std::string_view region;
  Counts counts;
  bool has_timestamp = false;
  bool has_input = false;
  bool has_output = false;
  std::string problem; // empty when the record was read
};

// `capacity` >= length + 64: simdjson reads a little past the end.
using RecordParserFunction = void (*)(const char* data, std::size_t length, std::size_t capacity, RecordFields& fields);

void parse_record_haswell(const char* data, std::size_t length, std::size_t capacity, RecordFields& fields);
void parse_record_fallback(const char* data, std::size_t length, std::size_t capacity, RecordFields& fields);

// The fastest parser this CPU runs.
RecordParserFunction record_parser();

} // namespace bedrock_cost::usage::detail
