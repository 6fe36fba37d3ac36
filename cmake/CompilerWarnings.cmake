# bedrock_cost_warnings: an INTERFACE target linked PRIVATE to our own targets and tests only.
add_library(bedrock_cost_warnings INTERFACE)
target_compile_options(bedrock_cost_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wold-style-cast -Wnon-virtual-dtor
  -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough
  $<$<BOOL:${BEDROCK_COST_WARNINGS_AS_ERRORS}>:-Werror>)
