// `catalog import` of a generated AmazonBedrock offer file with N products (token rates of four models in 32
// Regions, each rate repeated under another SKU beyond the first 512, as AWS pretty-prints them): parse, classify,
// match and write the overlay. Linear in the file; the first version parsed through nlohmann's callback parser, which
// is quadratic in the size of an object
// (`products` and `terms.OnDemand` hold every SKU): 24,600 products took 29.6 s, now about 1 s.

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/catalog/price_list.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <sstream>
#include <string>

using namespace bedrock_cost;

namespace {

std::string offer_file(std::int64_t products) {
  constexpr const char* k_models[][2] = {{"Claude 3 Haiku", "Claude3Haiku"},
                                         {"Nova Pro", "NovaPro"},
                                         {"Nova Lite", "NovaLite"},
                                         {"Llama 3.1 8B Instruct", "Llama3-1-8B"}};
  constexpr const char* k_meters[][2] = {{"input-tokens", "0.0002500000"},
                                         {"output-tokens", "0.0012500000"},
                                         {"input-tokens-batch", "0.0001250000"},
                                         {"output-tokens-batch", "0.0006250000"}};
  std::string text = "{\n  \"formatVersion\" : \"v1.0\",\n  \"offerCode\" : \"AmazonBedrock\",\n  \"version\" : "
                     "\"20261101000000\",\n  \"publicationDate\" : \"2026-11-01T00:00:00Z\",\n  \"products\" : {\n";
  std::string terms;
  for (std::int64_t i = 0; i < products; ++i) {
    const auto* model = k_models[i % 4];
    const auto* meter = k_meters[(i / 4) % 4];
    const std::int64_t region = (i / 16) % 32; // 32 Regions; beyond 512 products, rates repeat (published twice)
    const std::string sku = fmt::format("SKU{:08}", i);
    text += fmt::format("    \"{0}\" : {{\n      \"sku\" : \"{0}\",\n      \"productFamily\" : \"Amazon Bedrock\",\n"
                        "      \"attributes\" : {{\n        \"regionCode\" : \"xx-region-{1}\",\n"
                        "        \"usagetype\" : \"XX{1}-{2}-{3}\",\n        \"model\" : \"{4}\",\n"
                        "        \"servicename\" : \"Amazon Bedrock\"\n      }}\n    }}{5}\n",
                        sku, region, model[1], meter[0], model[0], i + 1 == products ? "" : ",");
    terms += fmt::format("      \"{0}\" : {{\n        \"{0}.JRTCKXETXF\" : {{\n          \"priceDimensions\" : {{\n"
                         "            \"{0}.JRTCKXETXF.6YS6EN2CT7\" : {{\n              \"beginRange\" : \"0\",\n"
                         "              \"endRange\" : \"Inf\",\n              \"unit\" : \"1K tokens\",\n"
                         "              \"pricePerUnit\" : {{ \"USD\" : \"{1}\" }},\n              \"appliesTo\" : "
                         "[ ]\n            }}\n          }},\n          \"termAttributes\" : {{ }}\n        }}\n"
                         "      }}{2}\n",
                         sku, meter[1], i + 1 == products ? "" : ",");
  }
  text += "  },\n  \"terms\" : {\n    \"OnDemand\" : {\n" + terms + "    }\n  }\n}\n";
  return text;
}

void import_offer(benchmark::State& state) {
  const std::string text = offer_file(state.range(0));
  for (auto _ : state) {
    catalog::PriceListImport import(catalog::embedded_catalog(), {});
    std::istringstream in(text);
    import.read(in, "offer.json");
    benchmark::DoNotOptimize(import.result(catalog::ImportKind::overlay));
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
  state.counters["MB"] = static_cast<double>(text.size()) / 1e6;
  state.SetComplexityN(state.range(0));
}
BENCHMARK(import_offer)->Arg(1'000)->Arg(10'000)->Arg(40'000)->Unit(benchmark::kMillisecond)->Complexity();

} // namespace
