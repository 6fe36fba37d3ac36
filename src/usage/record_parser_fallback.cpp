// Compiled for any x86-64: simdjson's portable kernel, for CPUs without AVX2.
#define RECORD_PARSER_NAME parse_record_fallback
#include "record_parser_impl.inc"

namespace bedrock_cost::usage::detail {

RecordParserFunction record_parser() {
#if defined(__x86_64__) && defined(BEDROCK_COST_HASWELL_RECORD_PARSER)
  static const RecordParserFunction chosen =
      __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2") && __builtin_cpu_supports("pclmul")
          ? &parse_record_haswell
          : &parse_record_fallback;
  return chosen;
#else
  return &parse_record_fallback;
#endif
}

} // namespace bedrock_cost::usage::detail
