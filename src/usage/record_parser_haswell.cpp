// Compiled with -mavx2 -mbmi -mbmi2 -mlzcnt -mpclmul -mpopcnt (see src/CMakeLists.txt): simdjson's haswell kernel.
#define RECORD_PARSER_NAME parse_record_haswell
#include "record_parser_impl.inc"
