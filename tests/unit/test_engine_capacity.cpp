// The capacity formulas of DESIGN.md section 3, each against numbers worked out by hand in the comments.
//
// Shared set-up unless a test says otherwise: input $1 and output $2 per 1M tokens, one-minute buckets, a
// 730-hour month (M = 43,800 minutes), one MU serves 100,000 input and 20,000 output tokens a minute, and an MU
// costs $5 an hour ($3,650 a month). A bucket of 100,000 input + 20,000 output tokens is then a load of exactly
// 1 MU and costs $0.10 + $0.04 = $0.14 on-demand.

#include <bedrock_cost/engine/capacity.hpp>
#include <bedrock_cost/engine/errors.hpp>

#include <catch2/catch.hpp>

#include <limits>
#include <random>

using namespace bedrock_cost;
using engine::CapacityModel;
using util::Fixed9;
using util::Money;

namespace {

const Fixed9 k_mu_rate = Fixed9::parse("5");
const Fixed9 k_hours = Fixed9::parse("730");

catalog::OnDemandRow prices(const char* input = "1", const char* output = "2") {
  catalog::OnDemandRow row;
  row.prices.at(0) = catalog::Figure{Fixed9::parse(input), {}};
  row.prices.at(1) = catalog::Figure{Fixed9::parse(output), {}};
  row.prices.at(static_cast<std::size_t>(catalog::Dimension::cache_read)) = catalog::Figure{Fixed9::parse("0.1"), {}};
  row.prices.at(static_cast<std::size_t>(catalog::Dimension::cache_write)) = catalog::Figure{Fixed9::parse("1.25"), {}};
  row.prices.at(static_cast<std::size_t>(catalog::Dimension::batch_input)) = catalog::Figure{Fixed9::parse("0.5"), {}};
  row.prices.at(static_cast<std::size_t>(catalog::Dimension::batch_output)) = catalog::Figure{Fixed9::parse("1"), {}};
  return row;
}

engine::ModelUnitLimits limits() { return {Fixed9::parse("100000"), Fixed9::parse("20000"), std::nullopt}; }

// A profile of one-minute buckets; each pair is (input tokens, output tokens).
workload::TrafficProfile profile(const std::vector<std::pair<std::int64_t, std::int64_t>>& tokens) {
  workload::TrafficProfile p;
  for (const auto& [input, output] : tokens) {
    workload::Bucket b;
    b.input = input * 1000;
    b.output = output * 1000;
    p.buckets.push_back(b);
  }
  return p;
}

double usd(Money m) { return static_cast<double>(m.round_micros()) / 1e6; }

// Nine buckets at a load of 1 MU and one at 4 MUs.
workload::TrafficProfile spiky() {
  std::vector<std::pair<std::int64_t, std::int64_t>> tokens(9, {100'000, 20'000});
  tokens.emplace_back(400'000, 80'000);
  return profile(tokens);
}

} // namespace

TEST_CASE("flat traffic at one MU of load: provisioned wins") {
  const auto p = profile({{100'000, 20'000}, {100'000, 20'000}, {100'000, 20'000}, {100'000, 20'000}});
  const CapacityModel model(p, prices(), k_hours, limits());
  // k = 43,800 / 4; on-demand = k x 4 x $0.14 = $6,132.
  CHECK(usd(model.on_demand_monthly()) == 6132.0);
  CHECK(model.peak_load() == 1.0);
  CHECK(model.model_units_for_peak({}) == 1);
  CHECK(model.covers_peak(1));
  const auto one = model.provisioned(1, k_mu_rate);
  CHECK(usd(one.committed) == 3650.0); // 1 x $5 x 730
  CHECK(usd(one.on_demand) == 0.0);
  CHECK(one.utilization == Approx(1.0));
  CHECK(one.throttled_share == 0.0);
  CHECK(model.optimal_model_units(k_mu_rate, 1) == 1);
  // Break-even: V = 60 x $0.56 / 4 MU-minutes = $8.40 per MU-hour, u* = 5 / 8.4; p_mix = $0.56 / 480,000
  // tokens, so an MU must carry 5 / (60 x p_mix) = 71,428.57 tokens a minute.
  const auto be = model.break_even(k_mu_rate);
  CHECK(be.utilization.value() == Approx(5.0 / 8.4));
  CHECK(be.tpm_per_model_unit.value() == Approx(71428.5714286));
}

TEST_CASE("headroom rounds the peak load up exactly") {
  const auto p = profile({{250'000, 10'000}}); // input load 2.5 MUs
  const CapacityModel model(p, prices(), k_hours, limits());
  CHECK(model.model_units_for_peak({}) == 3);
  CHECK(model.model_units_for_peak(Fixed9::parse("0.2")) == 3); // 2.5 x 1.2 = 3.0 exactly, not 4
  CHECK(model.model_units_for_peak(Fixed9::parse("0.2000001")) == 4);
  CHECK(!model.covers_peak(2));
  CHECK(model.covers_peak(3));
}

TEST_CASE("a combined MU limit adds input and output") {
  const auto p = profile({{90'000, 30'000}});
  const CapacityModel model(p, prices(), k_hours,
                            engine::ModelUnitLimits{std::nullopt, std::nullopt, Fixed9::parse("50000")});
  CHECK(model.peak_load() == Approx(2.4)); // 120,000 / 50,000
  CHECK(model.model_units_for_peak({}) == 3);
}

TEST_CASE("spiky traffic: blended wins with N* = 1") {
  const auto p = spiky();
  const CapacityModel model(p, prices(), k_hours, limits());
  // k = 4,380; on-demand = 4,380 x (9 x $0.14 + $0.56) = $7,971.60.
  CHECK(usd(model.on_demand_monthly()) == 7971.6);
  CHECK(model.model_units_for_peak({}) == 4);
  const auto peak = model.provisioned(4, k_mu_rate);
  CHECK(usd(peak.monthly) == 14600.0);
  CHECK(peak.utilization.value() == Approx(13.0 / 40.0)); // (9 x 1 + 4) / (4 x 10)
  // cost(1) = 3,650 + 4,380 x 0.56 x (1 - 1/4) = 5,489.60; cost(2) = 7,300 + 4,380 x 0.56 x 0.5 = 8,526.40.
  CHECK(model.optimal_model_units(k_mu_rate, 4) == 1);
  const auto one = model.blended(1, k_mu_rate);
  CHECK(usd(one.committed) == 3650.0);
  CHECK(usd(one.on_demand) == 1839.6);
  CHECK(usd(one.monthly) == 5489.6);
  CHECK(one.utilization.value() == Approx(1.0));
  CHECK(one.overflow_share == Approx(360'000.0 / 1'560'000.0)); // 3/4 of the 480,000-token bucket
  CHECK(one.throttled_share == 0.0);
  CHECK(usd(model.blended(2, k_mu_rate).monthly) == 8526.4);
  CHECK(usd(model.blended(0, k_mu_rate).monthly) == 7971.6);
}

TEST_CASE("traffic too thin for a commitment: N* = 0") {
  std::vector<std::pair<std::int64_t, std::int64_t>> tokens(9, {0, 0});
  tokens.emplace_back(100'000, 20'000);
  const auto p = profile(tokens);
  const CapacityModel model(p, prices(), k_hours, limits());
  // On-demand = 4,380 x $0.14 = $613.20 against $3,650 for one MU.
  CHECK(usd(model.on_demand_monthly()) == 613.2);
  CHECK(model.optimal_model_units(k_mu_rate, 1) == 0);
  const auto zero = model.blended(0, k_mu_rate);
  CHECK(usd(zero.monthly) == 613.2);
  CHECK(!zero.utilization);
  CHECK(zero.overflow_share == Approx(1.0));
}

TEST_CASE("a fixed number of MUs below the peak throttles, above it wastes") {
  const auto p = spiky();
  const CapacityModel model(p, prices(), k_hours, limits());
  const auto two = model.provisioned(2, k_mu_rate);
  CHECK(usd(two.committed) == 7300.0);
  CHECK(usd(two.on_demand) == 0.0);
  CHECK(two.throttled_share == Approx(240'000.0 / 1'560'000.0)); // half of the 480,000-token bucket
  CHECK(two.overflow_share == 0.0);
  CHECK(two.utilization.value() == Approx(11.0 / 20.0)); // (9 x 1 + 2) / (2 x 10)
  const auto eight = model.provisioned(8, k_mu_rate);
  CHECK(eight.throttled_share == 0.0);
  CHECK(eight.utilization.value() == Approx(13.0 / 80.0));
}

TEST_CASE("batch tokens are priced at batch rates and never use MUs") {
  auto p = profile({{100'000, 20'000}});
  p.buckets[0].batch_input = 1'000'000 * 1000; // $0.50 a minute at batch rates
  const CapacityModel model(p, prices(), k_hours, limits());
  CHECK(model.peak_load() == 1.0);
  CHECK(usd(model.batch_monthly()) == 21900.0); // 43,800 x $0.50
  CHECK(usd(model.on_demand_monthly()) == 21900.0 + 6132.0);
  const auto one = model.provisioned(1, k_mu_rate);
  CHECK(usd(one.on_demand) == 21900.0);
  CHECK(usd(one.monthly) == 3650.0 + 21900.0);
}

TEST_CASE("Reserved tier: the (1 - f*) quantile of the per-minute TPM") {
  // Input only, 100,000 ... 1,000,000 TPM in ten buckets; input at $1 per 1M. q = $8.76 per 1K TPM-month gives
  // f* = 8.76 / (1000 x 43,800 x 10^-6) = 0.2: reserve where at most 2 of the 10 buckets exceed it. At 800,000
  // and at 900,000 the cost is the same ($8,322: 7,008 + 1,314, or 7,884 + 438); the smaller wins.
  std::vector<std::pair<std::int64_t, std::int64_t>> tokens;
  for (std::int64_t j = 10; j >= 1; --j) {
    tokens.emplace_back(j * 100'000, 0);
  }
  const auto p = profile(tokens);
  const CapacityModel model(p, prices(), k_hours, std::nullopt);
  const engine::ReservedRates rates{Fixed9::parse("8.76"), Fixed9::parse("40")};
  const auto r = model.optimal_reservation(rates);
  CHECK(r.input_milli_tpm == 800'000'000);
  CHECK(r.output_milli_tpm == 0);
  CHECK(usd(r.cost.committed) == 7008.0);
  CHECK(usd(r.cost.on_demand) == 1314.0);
  CHECK(usd(r.cost.monthly) == 8322.0);
  CHECK(usd(model.reserved(900'000'000, 0, rates).monthly) == 8322.0);
  CHECK(usd(model.on_demand_monthly()) == 24090.0); // 5.5M tokens x $1 per 1M x 4,380
  CHECK(r.cost.overflow_share == Approx(300'000.0 / 5'500'000.0));
  CHECK(r.cost.utilization.value() == Approx(5'200'000.0 / 8'000'000.0)); // sum min(x, R) / (R x T)
}

TEST_CASE("Reserved tier: the minimums, reserved or not at all") {
  // 10,000 ... 100,000 TPM: the unconstrained optimum (80,000) is below the 100,000 minimum.
  std::vector<std::pair<std::int64_t, std::int64_t>> tokens;
  for (std::int64_t j = 1; j <= 10; ++j) {
    tokens.emplace_back(j * 10'000, 0);
  }
  const auto p = profile(tokens);
  const CapacityModel model(p, prices(), k_hours, std::nullopt);
  CHECK(usd(model.on_demand_monthly()) == 2409.0); // 550,000 tokens x 4,380 / 10^6
  // At $8.76: the minimum costs $876 with no overflow, less than $2,409 on-demand.
  const auto cheap = model.optimal_reservation({Fixed9::parse("8.76"), Fixed9::parse("1")});
  CHECK(cheap.input_milli_tpm == 100'000'000);
  CHECK(usd(cheap.cost.monthly) == 876.0);
  // At $40: the minimum costs $4,000, more than on-demand: reserve nothing.
  const auto dear = model.optimal_reservation({Fixed9::parse("40"), Fixed9::parse("1")});
  CHECK(dear.input_milli_tpm == 0);
  CHECK(usd(dear.cost.monthly) == 2409.0);
  CHECK(!dear.cost.utilization);
}

TEST_CASE("Reserved tier: cache reads stay on-demand, cache writes use the reservation") {
  auto p = profile({{0, 0}});
  p.buckets[0].cache_read = 1'000'000 * 1000; // $0.10 a minute
  p.buckets[0].cache_write = 200'000 * 1000;  // $0.25 a minute
  const CapacityModel model(p, prices(), k_hours, std::nullopt);
  const auto r = model.optimal_reservation({Fixed9::parse("1"), Fixed9::parse("1")});
  CHECK(r.input_milli_tpm == 200'000'000);        // all the cache writes, above the minimum
  CHECK(usd(r.cost.committed) == 200.0);          // 200 x $1
  CHECK(usd(r.cost.on_demand) == Approx(4380.0)); // 43,800 x $0.10 of cache reads
}

TEST_CASE("the convex search agrees with a brute-force scan over N") {
  std::mt19937_64 random(20261127);
  for (int trial = 0; trial < 200; ++trial) {
    std::uniform_int_distribution<int> length(1, 300);
    std::uniform_int_distribution<std::int64_t> input(0, 900'000);
    std::uniform_int_distribution<std::int64_t> output(0, 150'000);
    std::vector<std::pair<std::int64_t, std::int64_t>> tokens(static_cast<std::size_t>(length(random)));
    for (auto& [i, o] : tokens) {
      i = random() % 4 == 0 ? 0 : input(random);
      o = output(random);
    }
    const auto p = profile(tokens);
    const CapacityModel model(p, prices(), k_hours, limits());
    const Fixed9 rate = Fixed9::from_units(static_cast<std::int64_t>(random() % 20'000'000'000) + 1);
    const std::int64_t top = model.model_units_for_peak({});
    std::int64_t brute = 0;
    Money best = model.blended(0, rate).monthly;
    for (std::int64_t n = 1; n <= top; ++n) {
      const Money cost = model.blended(n, rate).monthly;
      if (cost < best) {
        best = cost;
        brute = n;
      }
    }
    const std::int64_t fast = model.optimal_model_units(rate, top);
    INFO("trial " << trial << ": brute " << brute << ", fast " << fast);
    // The same N, or one whose cost equals the brute-force minimum to far below a cent.
    CHECK(std::abs(usd(model.blended(fast, rate).monthly) - usd(best)) < 1e-5);
    for (std::int64_t n = std::max<std::int64_t>(0, fast - 1); n <= std::min(top, fast + 1); ++n) {
      CHECK(usd(model.blended(fast, rate).monthly) <= usd(model.blended(n, rate).monthly) + 1e-5);
    }
  }
}

TEST_CASE("the reservation search agrees with a brute-force scan of the candidates") {
  std::mt19937_64 random(7);
  for (int trial = 0; trial < 100; ++trial) {
    std::vector<std::pair<std::int64_t, std::int64_t>> tokens(static_cast<std::size_t>(1 + random() % 200));
    for (auto& [i, o] : tokens) {
      i = 100'000 + static_cast<std::int64_t>(random() % 900'000);
      o = 10'000 + static_cast<std::int64_t>(random() % 90'000);
    }
    auto p = profile(tokens);
    for (auto& b : p.buckets) { // a varying cache mix, so the weights differ by bucket
      b.cache_write = static_cast<std::int64_t>(random() % 100'000) * 1000;
    }
    const CapacityModel model(p, prices(), k_hours, std::nullopt);
    const engine::ReservedRates rates{Fixed9::from_units(static_cast<std::int64_t>(random() % 60'000'000'000)),
                                      Fixed9::from_units(static_cast<std::int64_t>(random() % 200'000'000'000))};
    const auto found = model.optimal_reservation(rates);
    // Input and output are independent: scan each with the other at the optimum found.
    Money best_input = model.reserved(0, found.output_milli_tpm, rates).monthly;
    Money best_output = model.reserved(found.input_milli_tpm, 0, rates).monthly;
    for (const auto& b : p.buckets) {
      best_input = std::min(best_input, model.reserved(b.input + b.cache_write, found.output_milli_tpm, rates).monthly);
      best_output = std::min(best_output, model.reserved(found.input_milli_tpm, b.output, rates).monthly);
    }
    INFO("trial " << trial);
    CHECK(usd(found.cost.monthly) <= usd(best_input) + 1e-5);
    CHECK(usd(found.cost.monthly) <= usd(best_output) + 1e-5);
  }
}

TEST_CASE("blended with no MU is exactly the on-demand cost, to the atto-dollar (bug fix)") {
  // It summed each minute's overflow in floating point: about 10^-12 USD off, so that N* = 0 could cost more
  // than on-demand.
  std::mt19937_64 random(314);
  for (int trial = 0; trial < 100; ++trial) {
    std::vector<std::pair<std::int64_t, std::int64_t>> tokens(static_cast<std::size_t>(1 + random() % 2000));
    for (auto& [i, o] : tokens) {
      i = static_cast<std::int64_t>(random() % 2'000'000);
      o = static_cast<std::int64_t>(random() % 300'000);
    }
    auto p = profile(tokens);
    p.buckets.front().batch_input = 777'777;
    const CapacityModel model(p, prices(), k_hours, limits());
    const engine::CommitmentCost none = model.blended(0, k_mu_rate);
    CHECK(none.monthly == model.on_demand_monthly());
    CHECK(none.committed == Money());
    CHECK_FALSE(none.utilization);
  }
}

TEST_CASE("sizing beyond 1,000,000 MUs throws TooManyModelUnits, carrying the limit") {
  // A peak of 100,000 input tokens against an MU capacity of 0.05 input tokens a minute: 2,000,000 MUs.
  const auto p = profile({{100'000, 0}});
  const CapacityModel model(p, prices(), k_hours,
                            engine::ModelUnitLimits{Fixed9::parse("0.05"), Fixed9::parse("20000"), std::nullopt});
  try {
    static_cast<void>(model.model_units_for_peak({}));
    FAIL("no TooManyModelUnits");
  } catch (const engine::TooManyModelUnits& e) {
    CHECK(e.limit() == 1'000'000);
    CHECK(std::string(e.what()) == "the traffic needs more than 1,000,000 model units at this MU capacity");
  }
}

TEST_CASE("an amount past 128 bits throws AmountOutOfRange") {
  const auto p = profile({{1, 1}});
  const CapacityModel model(p, prices(), k_hours, limits());
  CHECK_THROWS_AS(model.model_units_monthly(std::numeric_limits<std::int64_t>::max(), Fixed9::parse("9000000000")),
                  engine::AmountOutOfRange);
}
