#include "commands.hpp"

#include <bedrock_cost/catalog/listing.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/edit_distance.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

namespace bedrock_cost::cli {

CLI::App* add_models(CLI::App& app, ModelsCliOptions& o) {
  CLI::App* cmd = app.add_subcommand("models", "List the models and prices in the catalog");
  cmd->add_option("--provider,-p", o.provider, "Only this provider (case-insensitive prefix, e.g. anthropic)");
  cmd->add_option("--region,-r", o.region, "Only prices that apply in this AWS Region");
  add_catalog_options(*cmd, o.catalog);
  add_output_options(*cmd, o.output);
  return cmd;
}

int run_models(const ModelsCliOptions& o, Io& io) {
  check_outputs("models", {{"--output", o.output.output_file}}, catalog_inputs(o.catalog));
  const catalog::Catalog catalog = load_catalog(o.catalog);
  if (o.region) {
    check_region_priced(catalog, *o.region);
  }
  report::ModelListing listing{&catalog, catalog::list_models(catalog, {o.provider, o.region})};
  if (listing.rows.empty() && o.provider && catalog::list_models(catalog, {o.provider, std::nullopt}).empty()) {
    const auto suggestions = util::nearest(*o.provider, catalog::providers(catalog), 1);
    throw InputError(fmt::format("--provider: no provider '{}' in the catalog{}", util::excerpt(*o.provider),
                                 suggestions.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestions[0])));
  }
  emit(o.output, io, [&](report::OutputFormat format, const report::RenderOptions& render_options, std::ostream& out) {
    report::render(listing, format, render_options, out);
  });
  return static_cast<int>(ExitCode::ok);
}

} // namespace bedrock_cost::cli
