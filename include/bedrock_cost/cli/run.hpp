#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace bedrock_cost::cli {

// Process exit codes, documented in --help and the README.
enum class ExitCode { ok = 0, error = 1, usage = 2, over_budget = 3 };

// The streams a command writes to: the report to `out`, diagnostics to `err`.
struct Io {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false; // colour tables only on a terminal (and never with NO_COLOR)
  bool err_is_terminal = false; // progress bars only on a terminal
  std::istream* in = nullptr;   // usage read from "-"
  bool quiet = false;           // --quiet: no warnings, notes or progress on stderr (errors still)
};

// Runs the command line `args` (without the program name); returns the exit code. Never throws.
int run(const std::vector<std::string>& args, Io& io);

// The entry point of the bedrock-cost executable.
int run(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace bedrock_cost::cli
