// Fuzz target: an AWS Price List document (bulk offer file or get-products output) read by `catalog import`, then
// written as an overlay and as a catalog; once with the default options, once with a --region filter and a --map.

#include "fuzz_target.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/catalog/price_list.hpp>

#include <sstream>

namespace {

void import(const std::string& text, const bedrock_cost::catalog::PriceListOptions& options) {
  using namespace bedrock_cost;
  fuzz::run_input({"price-list.json"}, [&] {
    catalog::PriceListImport import(catalog::embedded_catalog(), options);
    std::istringstream in(text);
    import.read(in, "price-list.json");
    static_cast<void>(import.result(catalog::ImportKind::overlay));
    static_cast<void>(import.result(catalog::ImportKind::catalog));
  });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = bedrock_cost::fuzz::text_of(data, size);
  import(text, {});
  // --map is taken as given, even onto another model's ID: the mapping, not its sense, is what is exercised.
  import(text, {{{ "Claude 3 Haiku", "anthropic.claude-3-sonnet-20240229-v1:0" }}, { "us-east-1", "eu-west-1" }});
  return 0;
}
