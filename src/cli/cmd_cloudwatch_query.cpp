// `bedrock-cost cloudwatch-query`: the get-metric-data query files that fetch a model's traffic from CloudWatch,
// and the commands that fetch it and price it (docs/usage-formats.md, "Getting the data").

#include "commands.hpp"

#include <bedrock_cost/catalog/listing.hpp>
#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <chrono>
#include <sstream>

namespace bedrock_cost::cli {

namespace {

CLI::Validator timestamp_check() {
  return {[](std::string& text) -> std::string {
            return usage::parse_timestamp(text)
                       ? std::string()
                       : fmt::format("expected a date or time such as 2024-05-14 or 2024-05-14T09:00:00Z, got '{}'",
                                     text);
          },
          "TIME"};
}

CLI::Validator region_check() {
  return {[](std::string& region) -> std::string {
            return catalog::is_region_code(region)
                       ? std::string()
                       : fmt::format("'{}' is not an AWS Region code such as us-east-1", region);
          },
          "REGION"};
}

std::int64_t now_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

// The ModelId CloudWatch counts `text` under: a catalog alias as its model ID (with its profile prefix), an ARN or
// an ID the catalog does not know as given (with a warning for the latter).
std::string model_id(const catalog::Catalog& catalog, const std::string& text, const std::string& region, Io& io) {
  if (text.starts_with("arn:")) {
    return text;
  }
  const catalog::ResolveResult result = catalog::resolve_model(catalog, text, region);
  if (!result.match) {
    warn(io, fmt::format("--model: {}; it is queried as given, and its usage will be listed as not priced",
                         catalog::unknown_model_message(text, result.suggestions)));
    return text;
  }
  const std::string& id = result.match->model->id;
  return result.match->profile ? fmt::format("{}.{}", *result.match->profile, id) : id;
}

std::vector<std::string> model_ids(const CloudWatchQueryOptions& o, Io& io) {
  const catalog::Catalog catalog = load_catalog(o.catalog);
  std::vector<std::string> ids;
  if (o.all_models) {
    check_region_priced(catalog, o.region);
    ids = catalog::usage_model_ids(catalog, o.region);
  }
  for (const std::string& text : o.models) {
    ids.push_back(model_id(catalog, text, o.region, io));
  }
  return ids;
}

// Everything but the models: the time range (checked first), the Region, the period and the file.
usage::QueryRequest request_of(const CloudWatchQueryOptions& o, std::int64_t now) {
  usage::TimeRangeRequest range;
  range.since_seconds = o.since ? usage::parse_timestamp(*o.since) : std::nullopt;
  range.until_seconds = o.until ? usage::parse_timestamp(*o.until) : std::nullopt;
  range.days = o.days;
  range.period_seconds = o.period_seconds;
  usage::QueryRequest request;
  std::tie(request.start_seconds, request.end_seconds) = usage::query_time_range(range, now);
  request.region = o.region;
  request.period_seconds = o.period_seconds;
  request.query_file = o.output_file.empty() ? "q.json" : o.output_file;
  return request;
}

// Every query file, each replaced whole or not at all (a failure leaves none of them written).
void write_files(const usage::QueryPlan& plan, const CatalogOptions& catalog) {
  std::vector<NamedFile> outputs;
  for (const usage::QueryCall& call : plan.calls) {
    outputs.push_back({"--output", call.query_file});
  }
  check_outputs("cloudwatch-query", outputs, catalog_inputs(catalog));
  std::vector<std::unique_ptr<OutputFile>> files;
  for (const usage::QueryCall& call : plan.calls) {
    files.push_back(std::make_unique<OutputFile>(call.query_file, usage::query_document(plan, call)));
  }
  for (const auto& file : files) {
    file->commit();
  }
}

// The one query file on stdout, and what to do with it on stderr (unless --quiet).
void write_to_stdout(const usage::QueryPlan& plan, Io& io) {
  if (plan.calls.size() > 1) {
    throw UsageError(fmt::format("cloudwatch-query: {} queries need {} calls of at most {}: give --output FILE to "
                                 "write one file per call",
                                 util::group_thousands(plan.queries()), plan.calls.size(),
                                 usage::k_max_queries_per_call));
  }
  write_stdout(io, usage::query_document(plan, plan.calls.front()));
  if (!io.quiet) {
    std::ostringstream text;
    report::render(plan, false, text);
    io.err << text.str();
  }
}

} // namespace

CLI::App* add_cloudwatch_query(CLI::App& app, CloudWatchQueryOptions& o) {
  CLI::App* cmd =
      app.add_subcommand("cloudwatch-query", "Write the CloudWatch get-metric-data queries of models' traffic, "
                                             "and the commands to fetch and price it");
  cmd->add_option("--model,-m", o.models, "A model ID, cross-Region profile ID or ARN to query; repeatable")
      ->type_name("ID");
  cmd->add_flag("--all-models", o.all_models,
                "Every model the catalog prices in --region, with its cross-Region profiles");
  cmd->add_option("--region,-r", o.region, "AWS Region of the metrics")->check(region_check())->capture_default_str();
  auto* days = cmd->add_option("--days", o.days, "The last N days [default: 14]")
                   ->check(CLI::Range(std::int64_t{1}, usage::k_days_kept_3600s));
  cmd->add_option("--since", o.since, "Start of the time range (inclusive), e.g. 2024-05-14 or 2024-05-14T09:00:00Z")
      ->check(timestamp_check())
      ->excludes(days);
  cmd->add_option("--until", o.until, "End of the time range (exclusive) [default: now]")->check(timestamp_check());
  cmd->add_option("--metric-period", o.period_seconds,
                  "Seconds per data point: 60 (kept 15 days), 300 (63 days) or 3600 (455 days)")
      ->check(CLI::IsMember({60, 300, 3600}))
      ->capture_default_str();
  cmd->add_option("--output,-o", o.output_file,
                  "Write the query file to FILE (FILE-1, FILE-2, ... when the queries need several calls) instead "
                  "of stdout")
      ->type_name("FILE");
  add_catalog_options(*cmd, o.catalog);
  return cmd;
}

int run_cloudwatch_query(const CloudWatchQueryOptions& o, Io& io) {
  const std::int64_t now = now_seconds();
  usage::QueryRequest request = request_of(o, now);
  request.models = model_ids(o, io);
  const usage::QueryPlan plan = usage::plan_metric_queries(request, now);
  for (const std::string& warning : plan.warnings) {
    warn(io, warning);
  }
  if (o.output_file.empty()) {
    write_to_stdout(plan, io);
    return static_cast<int>(ExitCode::ok);
  }
  write_files(plan, o.catalog);
  std::ostringstream text;
  report::render(plan, true, text);
  write_stdout(io, text.str());
  return static_cast<int>(ExitCode::ok);
}

} // namespace bedrock_cost::cli
