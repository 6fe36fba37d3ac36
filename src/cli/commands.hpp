#pragma once

// Internal to the CLI: one add_<name>/run_<name> pair per subcommand (cmd_<name>.cpp).

#include "common.hpp"

#include <bedrock_cost/catalog/price_list.hpp>
#include <bedrock_cost/engine/diff.hpp>

#include <functional>
#include <optional>
#include <set>
#include <string>

namespace bedrock_cost::cli {

struct EstimateCliOptions {
  CatalogOptions catalog;
  OutputOptions output;
  std::string model;
  std::string region = "us-east-1";
  std::string workload_file;
  std::optional<double> tpm;
  double input_share = 0.75;
  std::optional<double> input_tpm;
  std::optional<double> output_tpm;
  std::optional<double> requests_per_minute;
  std::optional<double> requests_per_day;
  std::optional<double> input_tokens;
  std::optional<double> output_tokens;
  double batch_share = 0;
  double cache_read_share = 0;
  double cache_write_share = 0;
  std::optional<double> hours_per_month;
  std::optional<std::string> date; // --date YYYY-MM-DD: the day a model's lifecycle is judged on
  // Traffic shape and commitments.
  std::optional<double> peak_tpm;
  std::optional<std::string> shape;
  double headroom_percent = 0;
  std::optional<std::int64_t> model_units;
  std::vector<std::string> terms;
  std::optional<std::string> mu_input_tpm;
  std::optional<std::string> mu_output_tpm;
  std::optional<std::string> mu_tpm;
  std::optional<std::string> reserved_input_price;
  std::optional<std::string> reserved_output_price;
  std::string reserved_term = "1_month";
  // The account's own on-demand quotas (replace the catalog's defaults in the quota check).
  std::optional<std::string> quota_tpm;
  std::optional<std::string> quota_rpm;
  // Budget gates and scenario comparison.
  std::optional<std::string> fail_if_over;
  std::string compare_to;
  std::optional<std::string> charge_period; // --format focus: YYYY-MM
  std::string chart_file;                   // --chart FILE.svg
  bool allow_unpriced = false;
  std::optional<std::string> fail_if_increase;
  std::string fail_on = "recommended";
  // Imported usage instead of a rate.
  std::vector<std::string> usage_files;
  UsageReadOptions usage_read;
  // The flags given on the command line, by their first long name ("--tpm"), recorded when they are parsed: for
  // the rules that depend on a flag being given rather than on its value (a default --region, --input-share).
  std::set<std::string, std::less<>> given;
};

struct ProfileCliOptions {
  OutputOptions output;
  UsageReadOptions usage_read;
  std::vector<std::string> files;
  std::optional<std::string> model;
  std::string region = "us-east-1";
};

struct ModelsCliOptions {
  CatalogOptions catalog;
  OutputOptions output;
  std::optional<std::string> provider;
  std::optional<std::string> region;
};

struct CatalogValidateOptions {
  std::string file;
  bool overlay_only = false;
};

CLI::App* add_estimate(CLI::App& app, EstimateCliOptions& options);
int run_estimate(const EstimateCliOptions& options, Io& io);

CLI::App* add_profile(CLI::App& app, ProfileCliOptions& options);
int run_profile(const ProfileCliOptions& options, Io& io);

struct DiffCliOptions {
  OutputOptions output;
  std::string base;
  std::string head;
  bool allow_unpriced = false;
  std::optional<std::string> fail_if_increase;
};
CLI::App* add_diff(CLI::App& app, DiffCliOptions& options);
int run_diff(const DiffCliOptions& options, Io& io);
// --fail-if-increase USD or PCT%; shared by `diff` and `estimate --compare-to`.
struct IncreaseLimit {
  std::optional<util::Fixed9> usd;
  std::optional<util::Fixed9> percent;
  std::string text;
  bool allow_unpriced = false; // --allow-unpriced
};
// A budget gate must not pass on totals that leave usage out: throws InputError naming `gate` and, per side, the
// usage that could not be priced, unless `allowed` (--allow-unpriced).
void check_priced_for_gate(std::string_view gate,
                           const std::vector<std::pair<std::string, std::vector<std::string>>>& sides, bool allowed);
IncreaseLimit parse_increase_limit(const std::optional<std::string>& text, std::string_view command);
// Prints the diff, then exits 3 (over_budget) when the total rises by more than the limit.
int report_diff(const engine::ScenarioDiff& diff, const OutputOptions& output, const IncreaseLimit& limit, Io& io);

struct CompletionOptions {
  std::string shell;
};
// `bedrock-cost completion bash|zsh|man`: scripts and a man page generated from the command-line definition.
CLI::App* add_completion(CLI::App& app, CompletionOptions& options);
int run_completion(const CompletionOptions& options, const CLI::App& app, Io& io);

CLI::App* add_models(CLI::App& app, ModelsCliOptions& options);
int run_models(const ModelsCliOptions& options, Io& io);

struct CloudWatchQueryOptions {
  CatalogOptions catalog;
  std::vector<std::string> models;
  bool all_models = false;
  std::string region = "us-east-1";
  std::optional<std::int64_t> days;
  std::optional<std::string> since;
  std::optional<std::string> until;
  std::int64_t period_seconds = 60;
  std::string output_file;
};
// `bedrock-cost cloudwatch-query`: get-metric-data query files (--cli-input-json) and the commands to run.
CLI::App* add_cloudwatch_query(CLI::App& app, CloudWatchQueryOptions& options);
int run_cloudwatch_query(const CloudWatchQueryOptions& options, Io& io);

CLI::App* add_catalog_validate(CLI::App& catalog_command, CatalogValidateOptions& options);
int run_catalog_validate(const CatalogValidateOptions& options, Io& io);

struct CatalogImportOptions {
  std::vector<std::string> files;
  std::string kind = "overlay";
  std::string output_file;
  std::vector<std::string> maps; // "NAME=MODEL_ID"
  std::vector<std::string> regions;
  std::string base_catalog;
};
CLI::App* add_catalog_import(CLI::App& catalog_command, CatalogImportOptions& options);
int run_catalog_import(const CatalogImportOptions& options, Io& io);
// --map and --region of `catalog import` and `catalog update`.
void add_price_list_options(CLI::App& command, std::vector<std::string>& maps, std::vector<std::string>& regions);
// --map NAME=MODEL_ID and --region as the importer's options; throws UsageError naming `command` and the flag.
catalog::PriceListOptions price_list_options(std::string_view command, const std::vector<std::string>& maps,
                                             const std::vector<std::string>& regions);

// `catalog update`: AWS's public Price List offer files for Bedrock, downloaded, imported and kept in the cache
// (price_cache.hpp) for every later run.
struct CatalogUpdateOptions {
  std::string endpoint = "https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws";
  std::vector<std::string> maps;
  std::vector<std::string> regions;
  std::int64_t stall_timeout_seconds = 30;
};
CLI::App* add_catalog_update(CLI::App& catalog_command, CatalogUpdateOptions& options);
int run_catalog_update(const CatalogUpdateOptions& options, Io& io);

} // namespace bedrock_cost::cli
