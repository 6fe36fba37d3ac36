#include "commands.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/catalog/price_list.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_writer.hpp>
#include <bedrock_cost/util/printable.hpp>

#include <fmt/format.h>

namespace bedrock_cost::cli {

CLI::App* add_catalog_validate(CLI::App& catalog_command, CatalogValidateOptions& o) {
  CLI::App* cmd = catalog_command.add_subcommand("validate", "Check a catalog or overlay file and report problems");
  cmd->add_option("FILE", o.file, "Catalog or overlay JSON file ('-' for stdin)")->required();
  return cmd;
}

int run_catalog_validate(const CatalogValidateOptions& o, Io& io) {
  InputFile file(o.file);
  const catalog::ValidationSummary summary = catalog::validate_file(file.stream(), file.name());
  const auto count = [](std::size_t n, std::string_view noun) {
    return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s");
  };
  write_stdout(io,
               util::printable(fmt::format(
                   "{}: valid {}: {}, {}, {}, {}", file.name(), summary.is_overlay ? "overlay" : "catalog",
                   count(summary.models, "model"), count(summary.on_demand_rows, "on-demand row"),
                   count(summary.provisioned_rows, "provisioned row"), count(summary.reserved_rows, "reserved row"))) +
                   "\n");
  return 0;
}

CLI::App* add_catalog_import(CLI::App& catalog_command, CatalogImportOptions& o) {
  CLI::App* cmd = catalog_command.add_subcommand(
      "import",
      "Turn AWS Price List files (offer files, `aws pricing get-products` output) into an overlay or catalog");
  cmd->add_option("FILE", o.files, "AWS Price List offer file (index.json) or get-products output; '-' for stdin")
      ->required();
  cmd->add_option("--kind", o.kind, "Write an overlay (for --prices) or a stand-alone catalog (for --catalog)")
      ->check(CLI::IsMember({"overlay", "catalog"}))
      ->capture_default_str();
  cmd->add_option("--output,-o", o.output_file, "Write the file to FILE instead of stdout (see docs/output-files.md)")
      ->type_name("FILE");
  add_price_list_options(*cmd, o.maps, o.regions);
  cmd->add_option("--catalog", o.base_catalog, "Match model names against this catalog instead of the embedded one")
      ->type_name("FILE");
  return cmd;
}

namespace {

std::string plural(std::size_t n, std::string_view noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

void print_import_report(const catalog::PriceListImport& import, const catalog::PriceListResult& result, Io& io) {
  if (!io.quiet) {
    for (const catalog::PriceListFile& file : import.files()) {
      io.err << util::printable(fmt::format(
                    "bedrock-cost: read {}: {} {}{}, {}{}", file.name, file.format,
                    file.offer_code.empty() ? "(no offer code)" : file.offer_code,
                    file.version.empty() ? "" : fmt::format(" version {}", file.version),
                    plural(file.products, "product"),
                    file.publication_date.empty() ? "" : fmt::format(", published {}", file.publication_date)))
             << '\n';
    }
    io.err << fmt::format("bedrock-cost: imported {} for {}\n", plural(result.prices, "price"),
                          plural(result.models, "model"));
    for (const catalog::ModelMatch& match : result.matches) {
      io.err << "  "
             << util::printable(fmt::format("{} -> {} (matched by {}; {})", match.price_list_name, match.model_id,
                                            match.how, plural(match.prices, "product")))
             << '\n';
    }
  }
  for (const catalog::PriceListFile& file : import.files()) {
    if (file.more_pages) {
      warn(io, fmt::format("{}: has a NextToken: it is one page of several; fetch every page (the AWS CLI does unless "
                           "--max-items or --no-paginate is given)",
                           file.name));
    }
  }
  for (const std::string& note : result.notes) {
    warn(io, note);
  }
  if (!result.skipped.empty()) {
    std::vector<std::string> list;
    for (const catalog::SkippedProduct& product : result.skipped) {
      list.push_back(fmt::format("{}{}{}{}: {}", product.file.empty() ? "" : product.file + ": ",
                                 product.sku.empty() ? "" : "SKU " + product.sku,
                                 product.usage_type.empty() ? "" : " " + product.usage_type,
                                 product.region.empty() ? "" : fmt::format(" ({})", product.region), product.reason));
    }
    warn(io,
         fmt::format("{} not imported (listed under x_not_imported in the output):",
                     plural(result.skipped.size(), "product")),
         list);
  }
}

} // namespace

catalog::PriceListOptions price_list_options(std::string_view command, const std::vector<std::string>& maps,
                                             const std::vector<std::string>& regions) {
  catalog::PriceListOptions options;
  for (const std::string& map : maps) {
    const auto equals = map.rfind('=');
    if (equals == std::string::npos || equals == 0 || equals + 1 == map.size()) {
      throw UsageError(fmt::format("{}: --map: expected NAME=MODEL_ID, got '{}'", command, util::excerpt(map)));
    }
    options.model_map[map.substr(0, equals)] = map.substr(equals + 1);
  }
  for (const std::string& region : regions) {
    if (!catalog::is_region_code(region)) {
      throw UsageError(fmt::format("{}: --region: '{}' is not an AWS Region code such as us-east-1", command,
                                   util::excerpt(region)));
    }
  }
  options.regions = regions;
  return options;
}

void add_price_list_options(CLI::App& command, std::vector<std::string>& maps, std::vector<std::string>& regions) {
  command
      .add_option("--map", maps,
                  "Map a price-list model name to a model ID, e.g. \"Claude 3 "
                  "Haiku=anthropic.claude-3-haiku-20240307-v1:0\"; repeatable")
      ->type_name("NAME=MODEL_ID");
  command.add_option("--region", regions, "Import only this Region; repeatable")->type_name("REGION");
}

int run_catalog_import(const CatalogImportOptions& o, Io& io) {
  const catalog::PriceListOptions options = price_list_options("catalog import", o.maps, o.regions);
  std::vector<NamedFile> inputs = named_files("FILE", o.files);
  inputs.push_back({"--catalog", o.base_catalog});
  check_outputs("catalog import", {{"--output", o.output_file}}, inputs);
  CatalogOptions base_options;
  base_options.catalog_file = o.base_catalog;
  base_options.offline = true; // names are matched against the embedded catalog, as documented
  const catalog::Catalog base = load_catalog(base_options);
  catalog::PriceListImport import(base, options);
  for (const std::string& path : o.files) {
    InputFile file(path);
    import.read(file.stream(), file.name());
  }
  const catalog::PriceListResult result =
      import.result(o.kind == "catalog" ? catalog::ImportKind::catalog : catalog::ImportKind::overlay);
  if (result.prices == 0) {
    print_import_report(import, result, io);
    throw InputError(fmt::format("catalog import: no price could be imported{} (see above); "
                                 "nothing was written",
                                 o.regions.empty() ? "" : fmt::format(" for {}", fmt::join(o.regions, ", "))));
  }
  OutputOptions output;
  output.output_file = o.output_file;
  emit(output, io, [&](report::OutputFormat /*format*/, const report::RenderOptions& /*options*/, std::ostream& out) {
    out << util::dump_json(result.document, 2) << '\n';
  });
  print_import_report(import, result, io);
  return 0;
}

} // namespace bedrock_cost::cli
