#pragma once

// Reading a saved `estimate --format json` result back: the reader sits beside the writer (report/json.cpp), so
// that one module owns the result schema.

#include <bedrock_cost/engine/diff.hpp>

#include <istream>
#include <string_view>

namespace bedrock_cost::report {

// The summary of an `estimate --format json` result of schema_version 1 or 2 read from `in`, money exact (the
// decimal each JSON number says); throws InputError "<source_name>: <JSON path>: <what>" for anything else.
engine::ResultSummary read_result(std::istream& in, std::string_view source_name);

} // namespace bedrock_cost::report
