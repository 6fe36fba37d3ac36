// Inputs that used to cost time out of proportion to their size (issue 19): an overlay adding N models (re-sorted
// the catalog per model: 460 s for 20,000), an unclosed N-deep JSON array (rebuilt the error's JSON pointer per
// level: 2 to 21 s for 200,000) and an unknown model ID of N bytes ("did you mean" compared it in full with every
// catalog ID: 13 s for 1 MB). Each is linear (or bounded) now; Complexity() reports the fitted order.

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <sstream>
#include <string>

using namespace bedrock_cost;

namespace {

// An overlay adding `count` models, listed in reverse order of their IDs.
std::string overlay_of_new_models(std::int64_t count) {
  std::string models;
  for (std::int64_t i = count - 1; i >= 0; --i) {
    models += fmt::format(R"({}{{"id": "acme.model-{:06}-v1:0", "name": "Acme {}", "provider": "Acme", "on_demand": [
      {{"regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 0.25, "output": 1.25, "source": "q",
        "as_of": "2026-11-01"}}]}})",
                          models.empty() ? "" : ",", i, i);
  }
  return fmt::format(R"({{"schema_version": 1, "kind": "overlay", "models": [{}]}})", models);
}

void overlay_new_models(benchmark::State& state) {
  const std::string text = overlay_of_new_models(state.range(0));
  for (auto _ : state) {
    catalog::Catalog merged = catalog::embedded_catalog();
    std::istringstream in(text);
    catalog::apply_overlay(merged, in, "overlay.json");
    benchmark::DoNotOptimize(merged.models.data());
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(overlay_new_models)->Arg(1'000)->Arg(5'000)->Arg(20'000)->Unit(benchmark::kMillisecond)->Complexity();

// "[[[[…" never closed: rejected at level 513, however deep the input goes.
void unclosed_array(benchmark::State& state) {
  const std::string text(static_cast<std::size_t>(state.range(0)), '[');
  const util::JsonReader reader("deep.json");
  for (auto _ : state) {
    std::istringstream in(text);
    try {
      benchmark::DoNotOptimize(reader.parse(in));
    } catch (const InputError& e) {
      benchmark::DoNotOptimize(e.what());
    }
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(unclosed_array)->Arg(1'000)->Arg(20'000)->Arg(200'000)->Unit(benchmark::kMicrosecond)->Complexity();

// An unknown model ID of N bytes looked up in the embedded catalog, with its message.
void unknown_model(benchmark::State& state) {
  const catalog::Catalog& catalog = catalog::embedded_catalog();
  const std::string id = "anthropic.claude-3-haiku-" + std::string(static_cast<std::size_t>(state.range(0)), 'x');
  for (auto _ : state) {
    const catalog::ResolveResult found = catalog::resolve_model(catalog, id, "us-east-1");
    benchmark::DoNotOptimize(catalog::unknown_model_message(id, found.suggestions));
  }
  state.SetComplexityN(state.range(0));
}
BENCHMARK(unknown_model)->Arg(100)->Arg(10'000)->Arg(1'000'000)->Unit(benchmark::kMicrosecond)->Complexity();

} // namespace
