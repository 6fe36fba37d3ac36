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
                    "w.json: /workloads/0/cache_read_share: must be between 0 and 1, got 2");
  CHECK_THROWS_WITH(
      load(R"({"workloads": [{"model": "m", "tpm": 5, "cache_read_share": 0.7, "cache_write_share": 0.4}]})"),
      "w.json: /workloads/0: the cache-read and cache-write shares add up to 1.1, more than 1");
  CHECK_THROWS_WITH(load(R"({"workloads": []})"), "w.json: /workloads: the list of workloads is empty");
  CHECK_THROWS_WITH(load(R"({"workloads": [{"tpm": 5}]})"), "w.json: /workloads/0/model: missing required string");
  CHECK_THROWS_AS(load("[1, 2"), InputError);
  // A number too large for a double names where it is, in an object or an array.
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 1e400}]})"),
                    "w.json: /workloads/0/tpm: invalid JSON: a number is out of range (number overflow parsing "
                    "'1e400')");
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 1, "hourly_weights": [1, 1e400]}]})"),
                    "w.json: /workloads/0/hourly_weights/1: invalid JSON: a number is out of range (number overflow "
                    "parsing '1e400')");
}

namespace {

WorkloadSpec shaped(double tpm, double peak, workload::ShapeKind kind, std::vector<double> weights = {}) {
  WorkloadSpec spec;
  spec.rate = workload::rate_from_tpm(tpm, 0.75);
  spec.shape = workload::TrafficShape{kind, peak, std::move(weights), "--peak-tpm"};
  return spec;
}

struct Summary {
  std::int64_t total = 0; // milli-tokens over the profile
  std::int64_t input = 0;
  std::int64_t peak = 0; // milli-tokens in the busiest minute
  std::int64_t least = INT64_MAX;
};

Summary summarise(const workload::TrafficProfile& p) {
  Summary s;
  for (const auto& b : p.buckets) {
    const std::int64_t tokens = b.input + b.output + b.cache_read + b.cache_write + b.batch_input + b.batch_output;
    s.total += tokens;
    s.input += b.input + b.cache_read + b.cache_write + b.batch_input;
    s.peak = std::max(s.peak, tokens);
    s.least = std::min(s.least, tokens);
  }
  return s;
}

} // namespace

TEST_CASE("a shaped week counts up to a billion requests a minute") {
  // 10^9 requests a minute for a week is 10^16 milli-requests: it was rejected as 'a request rate of 1.008e+13 is out
  // of range', reported against --peak-tpm.
  WorkloadSpec spec;
  spec.rate = workload::rate_from_requests(1e9, 1, 0, 1);
  spec.shape = workload::TrafficShape{workload::ShapeKind::diurnal, 1e9, {}, "--peak-tpm"};
  const auto week = workload::shaped_profile(spec);
  std::int64_t requests = 0;
  for (const auto& b : week.buckets) {
    requests += b.requests;
  }
  CHECK(requests == 1'000'000'000LL * 10'080 * 1000);
}

TEST_CASE("shapes expand to a week of minutes with the exact mean and peak") {
  // Diurnal: f = (1 - cos(2 pi (h - 3) / 24)) / 2 has mean 1/2, so base = 2 x 400,000 - 700,000 = 100,000.
  const auto diurnal = workload::shaped_profile(shaped(400'000, 700'000, workload::ShapeKind::diurnal));
  REQUIRE(diurnal.buckets.size() == 10'080);
  const Summary d = summarise(diurnal);
  CHECK(d.total == 400'000LL * 10'080 * 1000);
  CHECK(d.input == 300'000LL * 10'080 * 1000);
  CHECK(d.peak == 700'000'000);
  CHECK(d.least == 100'000'000);
  // The quietest hour is 03:00 and the busiest 15:00, every day.
  CHECK(diurnal.buckets[3 * 60].input + diurnal.buckets[3 * 60].output == 100'000'000);
  CHECK(diurnal.buckets[(24 + 15) * 60 + 59].input + diurnal.buckets[(24 + 15) * 60 + 59].output == 700'000'000);

  // Business hours: 40 of 168 hours at the peak, the rest at base = (avg - peak x 40/168) / (128/168).
  const auto office = workload::shaped_profile(shaped(100'000, 300'000, workload::ShapeKind::business_hours));
  const Summary o = summarise(office);
  CHECK(o.total == 100'000LL * 10'080 * 1000);
  CHECK(o.peak == 300'000'000);
  CHECK(o.least == 37'500'000); // (100,000 - 300,000 x 40/168) x 168/128 = 37,500
  CHECK(office.buckets[9 * 60].input + office.buckets[9 * 60].output == 300'000'000); // Monday 09:00
  CHECK(office.buckets[5 * 1440 + 10 * 60].output + office.buckets[5 * 1440 + 10 * 60].input == 37'500'000); // Sat

  // 24 explicit weights, repeated for every day.
  std::vector<double> weights(24, 1.0);
  weights[12] = 3.0;
  const auto custom = workload::shaped_profile(shaped(1000, 2000, workload::ShapeKind::weights, weights));
  const Summary c = summarise(custom);
  CHECK(c.total == 1000LL * 10'080 * 1000);
  CHECK(c.peak == 2'000'000);
}

TEST_CASE("a peak the shape cannot reach is an error naming the largest possible peak") {
  CHECK_THROWS_WITH(workload::shaped_profile(shaped(400'000, 900'000, workload::ShapeKind::diurnal)),
                    "a peak of 900,000 tokens/min is impossible for the diurnal shape with an average of 400,000: the "
                    "largest peak it allows is 800,000 (when the quietest hour is idle)");
  CHECK_THROWS_WITH(workload::shaped_profile(shaped(100'000, 500'000, workload::ShapeKind::business_hours)),
                    Catch::Contains("the largest peak it allows is 420,000"));
  CHECK_THROWS_WITH(workload::shaped_profile(shaped(400'000, 300'000, workload::ShapeKind::diurnal)),
                    "the peak of 300,000 tokens/min is below the average of 400,000");
  CHECK_THROWS_WITH(workload::shaped_profile(shaped(400'000, 500'000, workload::ShapeKind::flat)),
                    Catch::StartsWith("a flat shape has no peak"));
  // The largest peak itself is possible: the quiet hours are then idle.
  const Summary top = summarise(workload::shaped_profile(shaped(400'000, 800'000, workload::ShapeKind::diurnal)));
  CHECK(top.total == 400'000LL * 10'080 * 1000);
  CHECK(top.least == 0);
}

TEST_CASE("a shaped profile keeps batch, cache and request totals exact") {
  WorkloadSpec spec = shaped(0, 200'000, workload::ShapeKind::business_hours);
  spec.rate = workload::rate_from_requests(12'000, 6000, 800, 1440);
  spec.cache_read_share = 0.6;
  spec.cache_write_share = 0.1;
  spec.batch_share = 0.25;
  const auto p = workload::shaped_profile(spec);
  std::int64_t input = 0, cache_read = 0, cache_write = 0, batch_input = 0, output = 0, requests = 0;
  for (const auto& b : p.buckets) {
    input += b.input;
    cache_read += b.cache_read;
    cache_write += b.cache_write;
    batch_input += b.batch_input;
    output += b.output + b.batch_output;
    requests += b.requests;
  }
  // A week: 7 x 12,000 requests of 6,000 input and 800 output tokens.
  const std::int64_t week_input = 7LL * 12'000 * 6000 * 1000;
  CHECK(input + cache_read + cache_write + batch_input == week_input);
  CHECK(batch_input == week_input / 4);
  CHECK(cache_read == week_input * 3 / 4 * 6 / 10);
  CHECK(cache_write == week_input * 3 / 4 / 10);
  CHECK(output == 7LL * 12'000 * 800 * 1000);
  CHECK(requests == 7LL * 12'000 * 1000);
}

TEST_CASE("workload files take a peak, a shape and hourly weights") {
  const auto file = load(R"({"workloads": [
    {"model": "m", "tpm": 1000, "peak_tpm": 3000},
    {"model": "m", "tpm": 1000, "peak_tpm": 3000, "shape": "business-hours", "model_units": 2},
    {"model": "m", "tpm": 1000, "peak_tpm": 3000, "shape": "weights", "hourly_weights": [1,1,1,1,1,1,1,1,1,1,1,1,
       2,1,1,1,1,1,1,1,1,1,1,1]},
    {"model": "m", "tpm": 1000, "shape": "flat"}]})");
  REQUIRE(file.workloads.size() == 4);
  CHECK(file.workloads[0].shape->kind == workload::ShapeKind::diurnal);
  CHECK(file.workloads[1].shape->kind == workload::ShapeKind::business_hours);
  CHECK(file.workloads[1].capacity.model_units == 2);
  CHECK(file.workloads[2].shape->hourly_weights.size() == 24);
  CHECK(!file.workloads[3].shape);
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 1, "shape": "diurnal"}]})"),
                    Catch::StartsWith("w.json: /workloads/0/peak_tpm: a shape needs peak_tpm"));
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 1, "peak_tpm": 2, "shape": "weights",
                           "hourly_weights": [1, 2]}]})"),
                    "w.json: /workloads/0/hourly_weights: expected an array of 24 or 168 numbers, got 2 numbers");
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 1, "peak_tpm": 2, "shape": "weights",
                           "hourly_weights": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,-1]}]})"),
                    "w.json: /workloads/0/hourly_weights/23: expected a non-negative number, got -1");
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 1, "model_units": 0}]})"),
                    Catch::StartsWith("w.json: /workloads/0/model_units: expected a whole number"));
}

TEST_CASE("a billion tokens a minute can be shaped (review fix)") {
  const auto p = workload::shaped_profile(shaped(1e9, 1.5e9, workload::ShapeKind::diurnal));
  const Summary s = summarise(p);
  CHECK(s.total == 1'000'000'000LL * 10'080 * 1000);
  CHECK(s.peak == 1'500'000'000'000);
}

TEST_CASE("equal hourly weights are a flat shape and say so") {
  CHECK_THROWS_WITH(
      workload::shaped_profile(shaped(100, 200, workload::ShapeKind::weights, std::vector<double>(24, 2.0))),
      Catch::StartsWith("the hourly weights are all equal, so the traffic is flat"));
  // A peak a hair above the largest the shape allows is that largest peak.
  const Summary s = summarise(workload::shaped_profile(shaped(100, 200.0000001, workload::ShapeKind::diurnal)));
  CHECK(s.total == 100LL * 10'080 * 1000);
}

TEST_CASE("a workload file gives the account's own quotas, positive numbers") {
  const auto file = load(R"({"workloads": [
    {"model": "m1", "tpm": 1000, "quota_tpm": 1500000, "quota_rpm": 250.5},
    {"model": "m2", "tpm": 1000}]})");
  const workload::QuotaSettings& quota = file.workloads[0].quota;
  CHECK(quota.tpm == util::Fixed9::parse("1500000"));
  CHECK(quota.rpm == util::Fixed9::parse("250.5"));
  CHECK(quota.tpm_origin == "w.json: /workloads/0/quota_tpm");
  CHECK(quota.rpm_origin == "w.json: /workloads/0/quota_rpm");
  CHECK_FALSE(file.workloads[1].quota.tpm.has_value());
  CHECK_FALSE(file.workloads[1].quota.rpm.has_value());
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 5, "quota_tpm": 0}]})"),
                    "w.json: /workloads/0/quota_tpm: expected a positive number of tokens per minute, got 0");
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 5, "quota_rpm": -1}]})"),
                    "w.json: /workloads/0/quota_rpm: expected a non-negative number, got -1");
  CHECK_THROWS_WITH(load(R"({"workloads": [{"model": "m", "tpm": 5, "quota_rpm": "many"}]})"),
                    Catch::StartsWith("w.json: /workloads/0/quota_rpm: "));
}
