#pragma once

// Import of AWS's own price list (the Price List bulk offer files of the AmazonBedrock and
// AmazonBedrockFoundationModels offers, and `aws pricing get-products` output) into a catalog or an overlay.

#include <bedrock_cost/catalog/catalog.hpp>

#include <nlohmann/json.hpp>

#include <cstddef>
#include <istream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::catalog {

struct PriceListOptions {
  // Price-list model name (the `model` attribute, the Marketplace service name without " (Amazon Bedrock
  // Edition)", or the usage type's model part) -> Bedrock model ID; wins over automatic matching.
  std::map<std::string, std::string> model_map;
  // Import only these Regions (empty: every Region).
  std::vector<std::string> regions;
};

// A product of the price list that did not become a catalog figure, and why.
struct SkippedProduct {
  std::string file;
  std::string sku;
  std::string usage_type;
  std::string model;  // the price list's name for it, if any
  std::string region; // empty when unknown
  std::string price;  // e.g. "0.0002500000 USD per 1K tokens", empty when none was read
  std::string reason;
};

// How a price-list model name was matched to a catalog model.
struct ModelMatch {
  std::string price_list_name;
  std::string model_id;
  std::string how; // "name", "model ID", "name prefix", "--map"
  std::size_t prices = 0;
};

// One price-list document that was read.
struct PriceListFile {
  std::string name;
  std::string format; // "offer file" or "get-products"
  std::string offer_code;
  std::string version;
  std::string publication_date; // YYYY-MM-DD, or empty
  std::size_t products = 0;
  bool more_pages = false; // get-products output with a NextToken
};

enum class ImportKind { overlay, catalog };

// NOLINTNEXTLINE(bugprone-exception-escape): false positive: its implicit move is noexcept, as ordered_json's is
struct PriceListResult {
  nlohmann::ordered_json document; // the catalog or overlay file (schema version 1), keys in a readable order
  std::vector<ModelMatch> matches;
  std::vector<SkippedProduct> skipped;
  std::vector<std::string> notes; // missing directions, duplicate rates, products outside --region
  std::size_t prices = 0;         // figures written
  std::size_t models = 0;
};

class PriceListImport {
public:
  // `base` is the catalog whose model names and IDs the price list's products are matched against.
  PriceListImport(const Catalog& base, PriceListOptions options);
  ~PriceListImport();
  PriceListImport(const PriceListImport&) = delete;
  PriceListImport& operator=(const PriceListImport&) = delete;
  PriceListImport(PriceListImport&&) = delete;
  PriceListImport& operator=(PriceListImport&&) = delete;

  // Reads one bulk offer file or one get-products output (detected by shape); throws InputError naming
  // `source_name` and the JSON path of a structural problem. Products it cannot map are kept as skipped.
  void read(std::istream& in, std::string_view source_name);

  const std::vector<PriceListFile>& files() const;

  // The imported prices as an overlay (only what the price list gives) or as a stand-alone catalog (rows that
  // a catalog cannot hold without a figure the price list lacks are skipped, with the reason).
  PriceListResult result(ImportKind kind) const;

private:
  struct State;
  std::unique_ptr<State> m_state;
};

// Adds the x_download record (when and from where the offer files were downloaded) to an overlay document, right
// after its "kind"; apply_price_list_overlay reads it back.
void record_download(nlohmann::ordered_json& overlay, const PriceListDownload& download);

// Usage-type meters, exposed for tests: what a product's usage type and attributes say it prices.
struct Meter {
  enum class Kind { on_demand, provisioned, reserved } kind = Kind::on_demand;
  Dimension dimension = Dimension::input;
  std::string variant = "standard";
  std::string profile;        // "global" or empty (in-Region)
  std::string term;           // provisioned and reserved: "no_commitment", "1_month", ...
  bool custom_model = false;  // provisioned
  bool reserved_input = true; // reserved: input or output TPM
  std::string model_token;    // the usage type's model part ("claude3haiku", "qwen.qwen3-32b"), lower case
  std::string region_prefix;  // "USE1"
  std::string unsupported;    // non-empty: why this product cannot be a catalog figure
};
Meter classify_usage_type(std::string_view usage_type, const std::map<std::string, std::string>& attributes);

} // namespace bedrock_cost::catalog
