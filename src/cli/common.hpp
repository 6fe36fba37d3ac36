#pragma once

// Internal to the CLI: options shared by several subcommands, and file handling (only the CLI opens files).

#include "output_file.hpp"

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/cli/run.hpp>
#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/usage/usage.hpp>
#include <bedrock_cost/usage/workloads.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace bedrock_cost::cli {

// --catalog, --prices and --offline.
struct CatalogOptions {
  std::string catalog_file;
  std::vector<std::string> overlay_files;
  bool offline = false; // leave out the prices `catalog update` downloaded (so does --catalog)
};

// --format and --output.
struct OutputOptions {
  std::string format = "table";
  std::string output_file;
  std::vector<std::string> fields; // estimate only: --fields
};

// --usage-format, --skip-invalid, --metric-period, --model-for, --period, --since, --until (how usage files are read),
// --to-month and --mixed-sources (how the usage becomes a month's traffic).
struct UsageReadOptions {
  std::string format = "auto";
  bool skip_invalid = false;
  std::optional<std::int64_t> metric_period_seconds;
  std::vector<std::string> model_for; // ID=MODEL
  std::optional<std::string> period;  // START..END
  std::optional<std::string> since;
  std::optional<std::string> until;
  std::string to_month = "scale";
  bool mixed_sources = false;
};

// A plain decimal number (util::is_plain_decimal: no blanks, hex, inf or nan) in [low, high], with a message in
// words: "expected a number, got '0x10'", "must be between 0 and 1, got 2". (CLI::Range lets NaN through, since
// every comparison with NaN is false, prints its bounds as "0.000000", and CLI11 reads numbers with strtod.)
CLI::Validator number_between(double low, double high, std::string_view low_text, std::string_view high_text);
// A plain whole number (util::is_plain_integer): "expected a whole number, got '5.0'". It rewrites the value in
// canonical digits, since CLI11 reads integers with strtoll in base 0 ("010" would be octal 8, "0x10" 16): add it
// with Option::transform (check() would discard the rewrite), which also runs it before the other validators.
CLI::Validator whole_number();
// A plain whole number in [low, high]: "must be between 1 and 1000000, got 0".
CLI::Validator whole_number_between(std::int64_t low, std::int64_t high);

// "bedrock-cost: warning: TEXT" (or note) on stderr, unless --quiet; TEXT through util::printable().
void warn(Io& io, std::string_view text, std::string_view kind = "warning");
// A warning followed by one indented line per item, each through util::printable().
void warn(Io& io, std::string_view text, const std::vector<std::string>& items);

void add_catalog_options(CLI::App& app, CatalogOptions& options);
void add_usage_read_options(CLI::App& app, UsageReadOptions& options);
// --to-month and --mixed-sources as the options of usage::workloads().
usage::WorkloadOptions workload_options(const UsageReadOptions& read);
// --format (table|json|csv|markdown, and for estimate also focus and html) and --output.
void add_output_options(CLI::App& app, OutputOptions& options, bool estimate_formats = false);

// The embedded catalog with the prices `catalog update` downloaded (price_cache.hpp) unless --offline, or --catalog
// FILE; then every --prices overlay merged. Throws InputError.
catalog::Catalog load_catalog(const CatalogOptions& options);

// Throws InputError "--region: no prices for Region '…' in the catalog (did you mean '…'?)" when no row of the
// catalog names `region`.
void check_region_priced(const catalog::Catalog& catalog, const std::string& region);

// --catalog and --prices as input files, for check_outputs().
std::vector<NamedFile> catalog_inputs(const CatalogOptions& options);

// Writes `text` to stdout (io.out) and flushes it; throws InputError "stdout: cannot write: …" if the stream fails
// (a full disk, a closed stdout): output that is not whole is a failed run.
void write_stdout(Io& io, std::string_view text);

// --format as a report::OutputFormat (the CLI11 check lets only format names through).
report::OutputFormat output_format(const OutputOptions& options);

// Today's date (UTC) as YYYY-MM-DD, for judging a model's lifecycle; the environment variable BEDROCK_COST_TODAY
// (YYYY-MM-DD) sets it instead, for reproducible output; UsageError when that is not a date.
std::string today();
// --fields, and colour when the report goes to a terminal's stdout and NO_COLOR is unset or empty.
report::RenderOptions render_options(const OutputOptions& options, const Io& io);
// Writes a whole report to stdout, or to --output FILE as an OutputFile (output_file.hpp: a regular file is
// replaced atomically, so a failed run never leaves a partial report); throws InputError if it cannot be written.
void write_report(const OutputOptions& options, Io& io, const std::string& text);
// Renders through `write` (with output_format() and render_options()), then write_report().
void emit(const OutputOptions& options, Io& io,
          const std::function<void(report::OutputFormat, const report::RenderOptions&, std::ostream&)>& write);

// The options of `command` given on the command line, by their first long name ("--tpm"; the short name if
// there is none): what count() says once `command` is parsed.
std::set<std::string, std::less<>> given_flags(const CLI::App& command);

// Imports usage files (with a progress bar on stderr when it is a terminal); throws InputError. What the import
// warns and notes is in the UsageSet, for the caller to print (print_import_messages) and keep in its report.
usage::UsageSet import_usage(const std::vector<std::string>& files, const UsageReadOptions& read,
                             const std::optional<std::string>& model, const std::string& region, Io& io);
// Prints the warnings and notes of an import (each through warn()).
void print_import_messages(const usage::UsageSet& usage, Io& io);
// Prints each of `lines` as a warning or note ("warning", "note") and appends it to `kept` (a report's list).
void print_and_keep(Io& io, const std::vector<std::string>& lines, std::vector<std::string>& kept,
                    std::string_view kind);

// Opens `path` for reading ("-" is stdin); throws InputError naming the file if it cannot.
class InputFile {
public:
  explicit InputFile(const std::string& path);
  std::istream& stream() { return *m_stream; }
  const std::string& name() const { return m_name; }

private:
  std::string m_name;
  std::unique_ptr<std::istream> m_owned;
  std::istream* m_stream = nullptr;
};

} // namespace bedrock_cost::cli
