#include <bedrock_cost/error.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <catch2/catch.hpp>

#include <sstream>

using namespace bedrock_cost;
using workload::WorkloadSpec;

namespace {
workload::WorkloadFile load(const std::string& text) {
  std::istringstream in(text);
  return workload::load_workload_file(in, "w.json", "us-east-1");
}
} // namespace

TEST_CASE("the three ways of giving a rate") {
  const auto by_tpm = workload::rate_from_tpm(50'000, 0.75);
  CHECK(by_tpm.input_tokens == 37'500);
  CHECK(by_tpm.output_tokens == 12'500);
  const auto by_requests = workload::rate_from_requests(10, 2'000, 500);
  CHECK(by_requests.input_tokens == 20'000);
  CHECK(by_requests.output_tokens == 5'000);
  CHECK(by_requests.requests == 10);
  const auto per_day = workload::rate_from_requests(12'000, 6'000, 800, 1440);
  CHECK(per_day.period_minutes == 1440);
  CHECK(per_day.output_tokens == 9'600'000);
}

TEST_CASE("a constant profile splits tokens by the shares and keeps every token") {
  WorkloadSpec spec;
  spec.rate = workload::TrafficRate{1'000, 300, std::nullopt, 1};
  spec.batch_share = 0.5;
  spec.cache_read_share = 0.5;
  spec.cache_write_share = 0.1;
  const auto profile = workload::constant_profile(spec);
  REQUIRE(profile.buckets.size() == 1);
  const auto& b = profile.buckets[0];
  CHECK(b.batch_input == 500'000);
  CHECK(b.batch_output == 150'000);
  CHECK(b.cache_read == 250'000);
  CHECK(b.cache_write == 50'000);
  CHECK(b.input == 200'000);
  CHECK(b.output == 150'000);
  CHECK(b.input + b.cache_read + b.cache_write + b.batch_input == 1'000'000);
  CHECK(profile.span_minutes() == 1);
}

TEST_CASE("rounding shares never creates or loses a milli-token") {
  WorkloadSpec spec;
  spec.rate = workload::TrafficRate{0.003, 0, std::nullopt, 1}; // 3 milli-tokens
  spec.cache_read_share = 0.5;
  spec.cache_write_share = 0.5;
  const auto profile = workload::constant_profile(spec);
  const auto& b = profile.buckets[0];
  CHECK(b.cache_read + b.cache_write + b.input == 3);
  CHECK(b.input >= 0);
}

TEST_CASE("shares are checked") {
  CHECK_THROWS_WITH(workload::check_shares(1.5, 0, 0), "the batch share must be between 0 and 1, got 1.5");
  CHECK_THROWS_WITH(workload::check_shares(0, 0.7, 0.4),
                    "the cache-read and cache-write shares add up to 1.1, more than 1");
  CHECK_NOTHROW(workload::check_shares(1, 0.5, 0.5));
}

TEST_CASE("a workload file gives a portfolio") {
  const auto file = load(R"({"hours_per_month": 720, "workloads": [
    {"name": "chat", "model": "m1", "tpm": 1000},
    {"model": "m2", "region": "eu-west-1", "input_tpm": 10, "output_tpm": 2, "batch_share": 0.5},
    {"model": "m3", "requests_per_day": 1440, "input_tokens": 100, "output_tokens": 10}]})");
  CHECK(file.hours_per_month == util::Fixed9::parse("720"));
  REQUIRE(file.workloads.size() == 3);
  CHECK(file.workloads[0].name == "chat");
  CHECK(file.workloads[0].region == "us-east-1");
  CHECK(file.workloads[0].rate.input_tokens == 750);
  CHECK(file.workloads[1].name == "m2");
  CHECK(file.workloads[1].region == "eu-west-1");
  CHECK(file.workloads[1].batch_share == 0.5);
  CHECK(file.workloads[2].rate.period_minutes == 1440);
  CHECK(file.workloads[2].origin == "w.json: /workloads/2");
}

TEST_CASE("bad workload files name the JSON path") {
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": -5}]})"),
                    "w.json: /workloads/0/tpm: expected a non-negative number, got -5");
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m"}]})"),
                    Catch::StartsWith("w.json: /workloads/0: no traffic: give tpm"));
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 5, "input_tpm": 3, "output_tpm": 1}]})"),
                    Catch::StartsWith("w.json: /workloads/0: give the traffic one way only"));
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tmp": 5}]})"),
                    Catch::StartsWith("w.json: /workloads/0/tmp: unknown key 'tmp'"));
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 5, "cache_read_share": 2}]})"),
                    "w.json: /workloads/0: the cache-read share must be between 0 and 1, got 2");
  CHECK_THROWS_WITH(load(R"({"workloads": []})"), "w.json: /workloads: the list of workloads is empty");
  CHECK_THROWS_WITH(load(R"({"workloads": [{"tpm": 5}]})"), "w.json: /workloads/0/model: missing required string");
  CHECK_THROWS_AS(load("[1, 2"), InputError);
}
