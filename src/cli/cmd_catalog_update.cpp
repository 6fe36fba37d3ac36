// `bedrock-cost catalog update`: AWS's public Price List offer files for Bedrock downloaded (net::fetch), imported
// (catalog::PriceListImport) and kept as the overlay that later runs merge into the embedded catalog
// (price_cache.hpp). Nothing changes in the cache unless every step succeeded: the downloads go to nameless
// temporary files and the overlay replaces the previous one by a rename.

#include "commands.hpp"
#include "price_cache.hpp"
#include "scratch_file.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/catalog/price_list.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/net/fetch.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/json_writer.hpp>

#include <fmt/format.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <sstream>

namespace bedrock_cost::cli {

namespace {

// The Price List offers that hold Bedrock's prices (docs/price-list-import.md).
constexpr std::array<std::string_view, 2> k_offers = {"AmazonBedrock", "AmazonBedrockFoundationModels"};

std::string offer_url(std::string_view endpoint, std::string_view offer) {
  while (endpoint.ends_with('/')) {
    endpoint.remove_suffix(1);
  }
  return fmt::format("{}/{}/current/index.json", endpoint, offer);
}

std::string now_utc() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return usage::format_timestamp(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

// The cache folder, created if need be; throws InputError naming it.
std::string make_folder(const std::string& overlay_path) {
  std::string folder = std::filesystem::path(overlay_path).parent_path().string();
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) {
    throw InputError(fmt::format("{}: cannot create the cache folder: {}", folder, error.message()));
  }
  return folder;
}

// Downloads one offer file into a nameless file in `folder` and reads it into `import`; throws InputError naming the
// URL (download, JSON or price-list errors) or an offer file of another offer.
catalog::DownloadedOffer download_offer(const std::string& url, std::string_view offer, const std::string& folder,
                                        const net::FetchLimits& limits, catalog::PriceListImport& import) {
  ScratchFile file(folder);
  net::fetch(url, limits, [&file](std::string_view bytes) { file.write(bytes); });
  import.read(file.read(), url);
  const catalog::PriceListFile& read = import.files().back();
  if (read.format != "offer file" || read.offer_code != offer) {
    throw InputError(fmt::format("{}: expected the offer file of {}, got {} {}", url, offer, read.format,
                                 read.offer_code.empty() ? "(no offer code)" : read.offer_code));
  }
  return {read.offer_code, read.version, read.publication_date, url};
}

// The overlay as it will be stored, checked by the loader that later runs use: a file they would refuse is never
// stored.
std::string overlay_text(const catalog::PriceListResult& result, const catalog::PriceListDownload& download,
                         const std::string& path) {
  nlohmann::ordered_json document = result.document;
  catalog::record_download(document, download);
  std::string text = util::dump_json(document, 2) + "\n";
  catalog::Catalog check = catalog::embedded_catalog();
  std::istringstream in(text);
  catalog::apply_price_list_overlay(check, in, path);
  return text;
}

std::string plural(std::size_t n, std::string_view noun) { return fmt::format("{} {}{}", n, noun, n == 1 ? "" : "s"); }

// What was downloaded and stored, for stdout.
std::string summary(const catalog::PriceListImport& import, const catalog::PriceListResult& result,
                    const catalog::PriceListDownload& download) {
  std::string text =
      fmt::format("Downloaded the AWS Price List at {} into {}:\n", download.downloaded_at, download.file);
  for (std::size_t i = 0; i < download.offers.size(); ++i) {
    const catalog::DownloadedOffer& offer = download.offers[i];
    text += fmt::format("  {} version {}, published {}: {} ({})\n", offer.offer_code, offer.version,
                        offer.publication_date.empty() ? "(undated)" : offer.publication_date,
                        plural(import.files().at(i).products, "product"), offer.url);
  }
  text += fmt::format("Imported {} for {}; {} not imported (listed under x_not_imported in the file).\n",
                      plural(result.prices, "price"), plural(result.models, "model"),
                      plural(result.skipped.size(), "product"));
  text += "estimate, models and cloudwatch-query now use these prices over the embedded catalog (as of " +
          catalog::embedded_catalog().as_of + "); --offline or --catalog leaves them out.\n";
  return text;
}

} // namespace

CLI::App* add_catalog_update(CLI::App& catalog_command, CatalogUpdateOptions& o) {
  CLI::App* cmd = catalog_command.add_subcommand(
      "update", "Download AWS's public Price List for Bedrock and use it from now on (see docs/price-updates.md)");
  cmd->add_option("--endpoint", o.endpoint,
                  "Base URL of the Price List offer files (https://; http:// only for 127.0.0.1 or localhost)")
      ->type_name("URL")
      ->capture_default_str();
  add_price_list_options(*cmd, o.maps, o.regions);
  cmd->add_option("--stall-timeout", o.stall_timeout_seconds,
                  "Give up on a download that receives nothing for this many seconds")
      ->transform(whole_number_between(1, 3600))
      ->group(""); // for the tests: a stalled server is found in a second
  return cmd;
}

int run_catalog_update(const CatalogUpdateOptions& o, Io& io) {
  net::check_url(o.endpoint, "--endpoint");
  const catalog::PriceListOptions options = price_list_options("catalog update", o.maps, o.regions);
  catalog::PriceListDownload download{now_utc(), {}, cached_overlay_path_to_write()};
  const std::string folder = make_folder(download.file);
  net::FetchLimits limits;
  limits.stall_timeout = std::chrono::seconds(o.stall_timeout_seconds);
  catalog::PriceListImport import(catalog::embedded_catalog(), options);
  for (const std::string_view offer : k_offers) {
    download.offers.push_back(download_offer(offer_url(o.endpoint, offer), offer, folder, limits, import));
  }
  const catalog::PriceListResult result = import.result(catalog::ImportKind::overlay);
  if (result.prices == 0) {
    throw InputError(fmt::format("catalog update: no price could be imported{}; {} was left as it was",
                                 o.regions.empty() ? "" : fmt::format(" for {}", fmt::join(o.regions, ", ")),
                                 download.file));
  }
  OutputFile(download.file, overlay_text(result, download, download.file), Replace::always).commit();
  for (const std::string& note : result.notes) {
    warn(io, note);
  }
  write_stdout(io, summary(import, result, download));
  return 0;
}

} // namespace bedrock_cost::cli
