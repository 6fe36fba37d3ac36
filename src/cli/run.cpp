#include "commands.hpp"
#include "price_cache.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/edit_distance.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/printable.hpp>
#include <bedrock_cost/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <unistd.h>

namespace bedrock_cost::cli {

namespace {

constexpr const char* k_footer =
    R"(Exit codes: 0 success; 1 bad input or data (the message names the file and the line or
JSON path); 2 command-line usage; 3 over budget (estimate --fail-if-over).
Run 'bedrock-cost COMMAND --help' for the options of a command.)";

constexpr std::string_view k_description =
    "bedrock-cost: what your Amazon Bedrock traffic costs per month, on-demand and committed";

const std::vector<std::string> k_commands = {"estimate", "profile", "cloudwatch-query", "diff",
                                             "models",   "catalog", "completion"};

std::string version_text() {
  std::string catalog_date = "unknown";
  try {
    catalog_date = catalog::embedded_catalog().as_of;
  } catch (const std::exception&) {
    // The version must print even if the embedded catalog were broken.
  }
  return fmt::format("bedrock-cost {} (embedded catalog as of {})\n{}", k_version, catalog_date, prices_version_text());
}

// "estmate" -> a usage error naming 'estimate', before CLI11's generic "not expected" message.
void check_command_name(const std::vector<std::string>& args) {
  if (args.empty() || args[0].starts_with('-') ||
      std::find(k_commands.begin(), k_commands.end(), args[0]) != k_commands.end()) {
    return;
  }
  const auto suggestions = util::nearest(args[0], k_commands, 1);
  throw UsageError(fmt::format(
      "unknown command '{}'{}", util::excerpt(args[0]),
      suggestions.empty() ? " (commands: estimate, profile, cloudwatch-query, diff, models, catalog, completion)"
                          : fmt::format(" (did you mean '{}'?)", suggestions[0])));
}

// CLI11 quotes what was given in its messages ("--format: xml not in {…}", "The following argument was not
// expected: …"): a word longer than util::excerpt's length is cut short, like every other input quoted. (A word
// that our own validators already cut, with its quotes and punctuation, is left whole.)
std::string shorten_words(std::string_view message) {
  constexpr std::size_t k_punctuation = 8;
  std::string result;
  for (std::size_t start = 0; start <= message.size();) {
    const std::size_t end = std::min(message.find(' ', start), message.size());
    const std::string_view word = message.substr(start, end - start);
    result += word.size() > util::k_excerpt_bytes + k_punctuation ? util::excerpt(word) : std::string(word);
    result += end < message.size() ? " " : "";
    start = end + 1;
  }
  return result;
}

// "bedrock-cost: error: MESSAGE" on stderr, MESSAGE through util::printable() (it may quote the input).
int fail(Io& io, ExitCode code, std::string_view message) {
  io.err << "bedrock-cost: error: " << util::printable(message) << '\n';
  return static_cast<int>(code);
}

// --help or --version: printed on stdout, which must take it whole.
int print_help(const CLI::App& app, const CLI::Success& success, Io& io) {
  std::ostringstream text;
  const int code = app.exit(success, text, io.err);
  try {
    write_stdout(io, text.str());
  } catch (const Error& e) {
    return fail(io, ExitCode::error, e.what());
  }
  return code;
}

// A command-line error (exit code 2), with the pointer to --help.
int parse_failure(Io& io, std::string_view message) {
  fail(io, ExitCode::usage, message);
  io.err << "Run with --help for usage.\n";
  return static_cast<int>(ExitCode::usage);
}

struct Commands {
  EstimateCliOptions estimate;
  ModelsCliOptions models;
  ProfileCliOptions profile;
  CloudWatchQueryOptions cloudwatch_query;
  CLI::App* cloudwatch_query_cmd = nullptr;
  CatalogValidateOptions validate;
  CLI::App* estimate_cmd = nullptr;
  CLI::App* profile_cmd = nullptr;
  CompletionOptions completion;
  DiffCliOptions diff;
  CLI::App* diff_cmd = nullptr;
  CLI::App* completion_cmd = nullptr;
  CLI::App* models_cmd = nullptr;
  CLI::App* catalog_cmd = nullptr;
  CLI::App* validate_cmd = nullptr;
  CatalogImportOptions import;
  CLI::App* import_cmd = nullptr;
  CatalogUpdateOptions update;
  CLI::App* update_cmd = nullptr;
};

void build(CLI::App& app, Commands& c, bool& quiet) {
  app.footer(k_footer);
  app.add_flag("--quiet,-q", quiet, "Print no warnings, notes or progress on stderr (errors still)");
  app.set_version_flag("--version,-V", version_text); // read when asked: the downloaded prices may change
  app.require_subcommand(1);
  c.estimate_cmd = add_estimate(app, c.estimate);
  c.profile_cmd = add_profile(app, c.profile);
  c.cloudwatch_query_cmd = add_cloudwatch_query(app, c.cloudwatch_query);
  c.models_cmd = add_models(app, c.models);
  c.catalog_cmd = app.add_subcommand("catalog", "Work with catalog and price-overlay files");
  c.catalog_cmd->require_subcommand(1);
  c.validate_cmd = add_catalog_validate(*c.catalog_cmd, c.validate);
  c.import_cmd = add_catalog_import(*c.catalog_cmd, c.import);
  c.update_cmd = add_catalog_update(*c.catalog_cmd, c.update);
  c.diff_cmd = add_diff(app, c.diff);
  c.completion_cmd = add_completion(app, c.completion);
  // --quiet may come after the command too.
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    sub->fallthrough();
    for (CLI::App* nested : sub->get_subcommands([](CLI::App*) { return true; })) {
      nested->fallthrough(); // `catalog import FILE --quiet`
    }
  }
}

// What a RequiredError after parsing means when no command (or no catalog subcommand) was parsed: the choices, which
// CLI11's "A subcommand is required" names neither; none when something else is required (a command's argument).
std::optional<std::string> missing_command(const CLI::App& app, const Commands& c) {
  if (app.get_subcommands().empty()) {
    return "give a command: estimate, profile, cloudwatch-query, diff, models, catalog or completion";
  }
  if (c.catalog_cmd->parsed() && c.catalog_cmd->get_subcommands().empty()) {
    return "catalog: give a subcommand: validate, import or update";
  }
  return std::nullopt;
}

int dispatch(Commands& c, Io& io) {
  if (c.completion_cmd->parsed()) {
    // From a fresh, unparsed definition: help() of a parsed App prints the parsed subcommand's help.
    CLI::App fresh{std::string(k_description), "bedrock-cost"};
    Commands fresh_commands;
    bool fresh_quiet = false;
    build(fresh, fresh_commands, fresh_quiet);
    return run_completion(c.completion, fresh, io);
  }
  if (c.estimate_cmd->parsed()) {
    return run_estimate(c.estimate, io);
  }
  if (c.diff_cmd->parsed()) {
    return run_diff(c.diff, io);
  }
  if (c.profile_cmd->parsed()) {
    return run_profile(c.profile, io);
  }
  if (c.cloudwatch_query_cmd->parsed()) {
    return run_cloudwatch_query(c.cloudwatch_query, io);
  }
  if (c.models_cmd->parsed()) {
    return run_models(c.models, io);
  }
  if (c.import_cmd->parsed()) {
    return run_catalog_import(c.import, io);
  }
  if (c.update_cmd->parsed()) {
    return run_catalog_update(c.update, io);
  }
  return run_catalog_validate(c.validate, io);
}

} // namespace

int run(const std::vector<std::string>& args, Io& io) {
  CLI::App app{std::string(k_description), "bedrock-cost"};
  Commands commands;
  bool quiet = false;
  build(app, commands, quiet);
  try {
    check_command_name(args);
    std::vector<std::string> reversed(args.rbegin(), args.rend()); // CLI11 consumes from the back
    app.parse(reversed);
  } catch (const CLI::Success& e) {
    return print_help(app, e, io);
  } catch (const CLI::RequiredError& e) {
    return parse_failure(io, missing_command(app, commands).value_or(shorten_words(e.what())));
  } catch (const CLI::ParseError& e) {
    return parse_failure(io, shorten_words(e.what()));
  } catch (const UsageError& e) {
    return fail(io, ExitCode::usage, e.what());
  }
  io.quiet = io.quiet || quiet;
  try {
    return dispatch(commands, io);
  } catch (const UsageError& e) {
    return fail(io, ExitCode::usage, e.what());
  } catch (const Error& e) {
    return fail(io, ExitCode::error, e.what());
  } catch (const std::bad_alloc&) {
    return fail(io, ExitCode::error,
                "out of memory: the input needs more memory than this machine gives (see 'Known limits' in README)");
  } catch (const std::exception& e) {
    return fail(io, ExitCode::error, fmt::format("internal error: {}", e.what()));
  }
}

int run(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Io io{out, err, ::isatty(STDOUT_FILENO) == 1, ::isatty(STDERR_FILENO) == 1, &in};
  return run(args, io);
}

} // namespace bedrock_cost::cli
