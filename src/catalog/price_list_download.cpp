// The x_download record of the overlay `catalog update` writes: when the AWS Price List offer files were downloaded,
// from where, and which version and publication date each had. The loader ignores x_ members; this file alone
// writes and reads this one.

#include "parse.hpp"

#include <bedrock_cost/catalog/price_list.hpp>

#include <utility>

namespace bedrock_cost::catalog {

namespace {

constexpr const char* k_key = "x_download";

} // namespace

void record_download(nlohmann::ordered_json& overlay, const PriceListDownload& download) {
  nlohmann::ordered_json offers = nlohmann::ordered_json::array();
  for (const DownloadedOffer& offer : download.offers) {
    offers.push_back(
        {{"offer_code", offer.offer_code},
         {"version", offer.version},
         {"publication_date", offer.publication_date.empty() ? nlohmann::ordered_json(nullptr)
                                                             : nlohmann::ordered_json(offer.publication_date)},
         {"url", offer.url}});
  }
  nlohmann::ordered_json record{{"downloaded_at", download.downloaded_at}, {"offers", std::move(offers)}};
  // Right after "kind", where a reader of the file looks first.
  nlohmann::ordered_json document = nlohmann::ordered_json::object();
  for (auto member = overlay.begin(); member != overlay.end(); ++member) {
    document[member.key()] = std::move(member.value());
    if (member.key() == "kind") {
      document[k_key] = record;
    }
  }
  if (!document.contains(k_key)) {
    document[k_key] = std::move(record);
  }
  overlay = std::move(document);
}

namespace detail {

PriceListDownload read_download(const nlohmann::json& document, const util::JsonReader& reader) {
  const nlohmann::json* record = util::JsonReader::member(document, k_key);
  if (record == nullptr) {
    reader.fail("/x_download", "missing: this is not an overlay written by 'bedrock-cost catalog update'");
  }
  reader.expect_object(*record, "/x_download", {"downloaded_at", "offers"});
  PriceListDownload download;
  download.downloaded_at = *reader.string(*record, "/x_download", "downloaded_at", true);
  const nlohmann::json* offers = util::JsonReader::member(*record, "offers");
  if (offers == nullptr) {
    reader.fail("/x_download/offers", "missing required array of the offer files downloaded");
  }
  reader.expect_array(*offers, "/x_download/offers");
  for (std::size_t i = 0; i < offers->size(); ++i) {
    const std::string path = util::child_path("/x_download/offers", i);
    const nlohmann::json& offer = (*offers)[i];
    reader.expect_object(offer, path, {"offer_code", "version", "publication_date", "url"});
    download.offers.push_back({*reader.string(offer, path, "offer_code", true),
                               reader.string(offer, path, "version", false).value_or(""),
                               reader.date(offer, path, "publication_date", false).value_or(""),
                               reader.string(offer, path, "url", false).value_or("")});
  }
  return download;
}

} // namespace detail

} // namespace bedrock_cost::catalog
