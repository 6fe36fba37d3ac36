# Script mode: writes OUTPUT, a C++ file defining bedrock_cost::embedded::SYMBOL as the bytes of INPUT.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT}; do not edit.\n#include <string_view>\n"
  "namespace bedrock_cost::embedded {\nnamespace {\nconst char k_data[] = {${bytes}'\\0'};\n}\n"
  "extern const std::string_view ${SYMBOL};\nconst std::string_view ${SYMBOL}{k_data, ${size}};\n}\n")
