#pragma once

#include <bedrock_cost/util/fixed.hpp>

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::catalog {

// Where a figure comes from: the source text of its catalog row and the date it applies to.
struct Provenance {
  std::string source;
  std::string as_of;
  bool third_party_only = false;
  std::string origin; // the file it was loaded from ("embedded catalog", "quote.json", ...)
};

// One number of the catalog with its provenance.
struct Figure {
  util::Fixed9 value;
  Provenance provenance;
};

// The unit every price of an on-demand row is given in; prices are normalised to per-1M on load.
enum class PriceUnit { per_1m_tokens, per_1k_tokens, per_1k_characters };

// The on-demand price dimensions, in the order they are reported.
enum class Dimension { input, output, batch_input, batch_output, cache_write, cache_read };
inline constexpr std::size_t k_dimension_count = 6;
inline constexpr std::array<std::string_view, k_dimension_count> k_dimension_names = {
    "input", "output", "batch_input", "batch_output", "cache_write", "cache_read"};

// On-demand prices for a set of Regions (or a cross-Region inference profile). Prices are USD per 1M
// tokens (per 1K characters when unit is per_1k_characters); an absent price means "not offered".
struct OnDemandRow {
  std::vector<std::string> regions; // empty only for a profile row that applies from any Region
  std::optional<std::string> profile;
  std::string variant = "standard";
  PriceUnit unit = PriceUnit::per_1m_tokens;
  std::array<std::optional<Figure>, k_dimension_count> prices;
  std::string note;

  const std::optional<Figure>& price(Dimension d) const { return prices.at(static_cast<std::size_t>(d)); }
};

// Provisioned Throughput prices: USD per model unit per hour, by commitment term ("1_month", ...).
struct ProvisionedRow {
  std::vector<std::string> regions;
  bool custom_model = false;
  std::map<std::string, Figure> usd_per_mu_hour;
  std::string note;
};

// Reserved-tier prices for one term: USD per 1,000 tokens-per-minute reserved, per month.
struct ReservedPrice {
  std::optional<Figure> input;
  std::optional<Figure> output;
};

struct ReservedRow {
  std::vector<std::string> regions;
  std::map<std::string, ReservedPrice> usd_per_1k_tpm_month;
  std::string note;
};

// Tokens per minute that one model unit serves: separate input/output limits, or one combined limit.
struct MuCapacity {
  std::optional<util::Fixed9> input_tpm;
  std::optional<util::Fixed9> output_tpm;
  std::optional<util::Fixed9> tpm;
  Provenance provenance;
  std::string note;
};

// Which on-demand quota applies to a request: AWS keeps separate per-minute quotas for requests served in the
// Region they are sent to, through a geographic cross-Region inference profile (us., eu., ...), and through the
// global. profile; each is counted in the Region the request is sent from.
enum class QuotaScope { in_region, cross_region, global_cross_region };

// "in_region", "cross_region" or "global_cross_region".
std::string_view to_string(QuotaScope scope);

// Default on-demand quotas in a set of Regions, for one route.
struct QuotaRow {
  std::vector<std::string> regions;
  QuotaScope scope = QuotaScope::in_region;
  std::optional<Figure> tpm;
  std::optional<Figure> rpm;
  std::string note;
};

// A model's lifecycle in a set of Regions (AWS, "Model lifecycle"): Legacy from one date, public extended access
// (where AWS says to expect higher prices set by the provider) from another, end of life from a third, after which
// requests fail. Dates are YYYY-MM-DD; a date the source does not give is empty.
struct LifecycleRow {
  std::vector<std::string> regions; // empty: wherever the model is offered
  std::string legacy;
  std::string extended_access;
  std::string end_of_life;
  Provenance provenance;
  std::string note;
};

struct Model {
  std::string id;
  std::string name;
  std::string provider;
  std::string kind = "text"; // text | embedding | image
  std::vector<std::string> aliases;
  std::vector<OnDemandRow> on_demand;
  std::vector<ProvisionedRow> provisioned;
  std::vector<ReservedRow> reserved;
  std::optional<MuCapacity> mu_capacity;
  std::vector<QuotaRow> quotas;
  std::optional<Figure> output_burndown;
  std::vector<LifecycleRow> lifecycle;
};

// A documented source label ("aws-page-2025-03" -> what it is).
struct SourceInfo {
  std::string reference;
  std::string as_of;
  std::string kind;
};

// A row of a --prices overlay as it was given, so that an estimate can say which rows applied to no workload and why.
struct OverlayRow {
  std::string where;                  // "quote.json: /models/0/provisioned/0"
  std::string model;                  // the catalog ID of its model
  std::string kind;                   // "on_demand", "provisioned", "reserved", "quotas" or "mu_capacity"
  std::vector<std::string> regions;   // empty: a profile row from any Region (on_demand), or every Region (mu_capacity)
  std::optional<std::string> profile; // on_demand: the cross-Region profile it prices
  std::vector<std::string> terms;     // provisioned and reserved
};

// One AWS Price List offer file that `catalog update` downloaded.
struct DownloadedOffer {
  std::string offer_code;       // "AmazonBedrock"
  std::string version;          // "20261101000000"
  std::string publication_date; // YYYY-MM-DD
  std::string url;
};

// Where the prices of a downloaded AWS Price List overlay came from (its x_download member).
struct PriceListDownload {
  std::string downloaded_at; // UTC, "2026-12-07T10:31:22Z"
  std::vector<DownloadedOffer> offers;
  std::string file; // the overlay file it was read from
};

struct Catalog {
  std::string as_of;
  std::string source;
  std::string origin;                   // file name, or "embedded catalog"
  std::vector<std::string> overlays;    // overlay files merged on top, in order
  std::vector<OverlayRow> overlay_rows; // their rows, in order
  // The AWS Price List overlay of `catalog update`, merged into the base before any --prices overlay; its rows are
  // AWS's prices, not a quote, so they are in neither `overlays` nor `overlay_rows`.
  std::optional<PriceListDownload> price_list;
  std::map<std::string, SourceInfo> sources;
  std::vector<Model> models; // sorted by id

  // The model with this exact ID or alias, or nullptr.
  const Model* find(std::string_view id_or_alias) const;
  // Every model ID and alias, for suggestions.
  std::vector<std::string> all_names() const;
};

// True for a commitment term name: "no_commitment", or "<n>_month" / "<n>_year" with n >= 1.
bool is_term_name(std::string_view term);

// True for a plausible AWS Region code: lower-case letters, digits and hyphens, with a hyphen ("us-east-1").
bool is_region_code(std::string_view text);

// True when `regions` lists `region`.
bool covers(const std::vector<std::string>& regions, std::string_view region);

// The token-priced on-demand row of `variant` ("standard", "extended_access", ...) for requests from `region`,
// through `profile` when given (a profile row wins, else the Region's own row); nullptr when the catalog has none.
const OnDemandRow* find_on_demand(const Model& model, std::string_view region,
                                  const std::optional<std::string>& profile, std::string_view variant = "standard");

// The model's lifecycle row for `region` (a row naming the Region wins over one for every Region), or nullptr.
const LifecycleRow* find_lifecycle(const Model& model, std::string_view region);

// The model's quota row for requests sent from `region` by the route `scope`, or nullptr.
const QuotaRow* find_quota(const Model& model, std::string_view region, QuotaScope scope);

// Where a figure comes from, for messages: "source; origin, as of date" ("source: origin" when undated).
std::string provenance_text(const Provenance& p);

// For footers and --version: "AWS Price List downloaded 2026-12-07 (published 2026-11-01, 2026-10-15)", the
// publication dates of its offers, latest first, each once.
std::string download_text(const PriceListDownload& download);

// Every Region (and "global profile") the model has standard on-demand prices for, sorted; for messages.
std::vector<std::string> priced_locations(const Model& model);

} // namespace bedrock_cost::catalog
