// Fuzz target: a catalog or overlay file, read the three ways the CLI reads one: as a catalog (--catalog), as an
// overlay merged into the embedded catalog (--prices), and by `catalog validate`.

#include "fuzz_target.hpp"

#include <bedrock_cost/catalog/loader.hpp>

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bedrock_cost;
  const std::string text = fuzz::text_of(data, size);
  fuzz::run_input({"catalog.json"}, [&] {
    std::istringstream in(text);
    static_cast<void>(catalog::load_catalog(in, "catalog.json"));
  });
  fuzz::run_input({"overlay.json"}, [&] {
    std::istringstream in(text);
    catalog::Catalog merged = catalog::embedded_catalog();
    catalog::apply_overlay(merged, in, "overlay.json");
  });
  fuzz::run_input({"file.json"}, [&] {
    std::istringstream in(text);
    static_cast<void>(catalog::validate_file(in, "file.json"));
  });
  return 0;
}
