// The full estimate (on-demand, every Provisioned Throughput term with provisioned and blended N*, every
// Reserved term's optimum, break-even, recommendation) on per-minute traffic: a week, a month and a year of
// one-minute buckets for one model, and a year for ten models. Target: under 50 ms per model-year.

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/engine/estimate.hpp>

#include <benchmark/benchmark.h>

#include <cmath>
#include <memory>
#include <numbers>
#include <random>
#include <sstream>

using namespace bedrock_cost;

namespace {

constexpr const char* k_model = "anthropic.claude-3-5-sonnet-20241022-v2:0";

// The example quote's figures (EXAMPLE, not AWS prices): three MU terms, two Reserved terms, an MU capacity.
constexpr const char* k_quote = R"({"schema_version": 1, "kind": "overlay", "models": [{
  "id": "anthropic.claude-3-5-sonnet-20241022-v2:0",
  "provisioned": [{"regions": ["us-east-1"], "unit": "per_mu_hour", "source": "bench", "as_of": "2026-11-01",
                   "terms": {"no_commitment": 39.6, "1_month": 28.0, "6_month": 22.0}}],
  "reserved": [{"regions": ["us-east-1"], "unit": "per_1k_tpm_month", "source": "bench", "as_of": "2026-11-01",
                "terms": {"1_month": {"input": 105, "output": 520}, "3_month": {"input": 95, "output": 470}}}],
  "mu_capacity": {"input_tpm": 100000, "output_tpm": 20000, "source": "bench", "as_of": "2026-11-01"}}]})";

const catalog::Catalog& bench_catalog() {
  static const catalog::Catalog catalog = [] {
    catalog::Catalog c = catalog::embedded_catalog();
    std::istringstream quote(k_quote);
    catalog::apply_overlay(c, quote, "bench quote");
    return c;
  }();
  return catalog;
}

// Realistic per-minute traffic: a diurnal day, quieter weekends, +-20% noise and a short burst now and then.
std::shared_ptr<const workload::TrafficProfile> minutes(std::int64_t count, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> noise(0.8, 1.2);
  std::uniform_int_distribution<int> burst(0, 999);
  auto profile = std::make_shared<workload::TrafficProfile>();
  profile->requests_known = true;
  profile->buckets.reserve(static_cast<std::size_t>(count));
  for (std::int64_t t = 0; t < count; ++t) {
    const double hour = static_cast<double>(t % 1440) / 60.0;
    const bool weekend = (t / 1440) % 7 >= 5;
    const double day = 0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * (hour - 3.0) / 24.0));
    double tpm = 300'000.0 * (0.3 + 0.7 * day) * (weekend ? 0.6 : 1.0) * noise(random);
    if (burst(random) == 0) {
      tpm *= 3.0;
    }
    workload::Bucket b;
    b.input = static_cast<std::int64_t>(tpm * 0.75) * 1000;
    b.output = static_cast<std::int64_t>(tpm * 0.25) * 1000;
    b.requests = static_cast<std::int64_t>(tpm / 2000.0) * 1000;
    profile->buckets.push_back(b);
  }
  return profile;
}

workload::WorkloadSpec spec_for(std::shared_ptr<const workload::TrafficProfile> series, int index) {
  workload::WorkloadSpec spec;
  spec.name = "workload-" + std::to_string(index);
  spec.model = k_model;
  spec.series = std::move(series);
  spec.origin = spec.model_origin = spec.region_origin = "bench";
  return spec;
}

void one_model(benchmark::State& state) {
  const auto spec = spec_for(minutes(state.range(0), 1), 0);
  const engine::EstimateOptions options;
  for (auto _ : state) {
    benchmark::DoNotOptimize(engine::estimate(bench_catalog(), {spec}, options));
  }
  state.SetComplexityN(state.range(0));
  state.counters["buckets"] = static_cast<double>(state.range(0));
}
BENCHMARK(one_model)->Arg(10'080)->Arg(43'800)->Arg(131'400)->Arg(525'600)->Unit(benchmark::kMillisecond)->Complexity();

void ten_models(benchmark::State& state) {
  std::vector<workload::WorkloadSpec> specs;
  for (int i = 0; i < 10; ++i) {
    specs.push_back(spec_for(minutes(525'600, static_cast<std::uint64_t>(i) + 1), i));
  }
  const engine::EstimateOptions options;
  for (auto _ : state) {
    benchmark::DoNotOptimize(engine::estimate(bench_catalog(), specs, options));
  }
  state.counters["model_years"] = 10;
}
BENCHMARK(ten_models)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
