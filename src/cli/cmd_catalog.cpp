#include "commands.hpp"

#include <bedrock_cost/catalog/loader.hpp>

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
  io.out << fmt::format("{}: valid {}: {}, {}, {}, {}\n", file.name(), summary.is_overlay ? "overlay" : "catalog",
                        count(summary.models, "model"), count(summary.on_demand_rows, "on-demand row"),
                        count(summary.provisioned_rows, "provisioned row"),
                        count(summary.reserved_rows, "reserved row"));
  return 0;
}

} // namespace bedrock_cost::cli
