#include <bedrock_cost/util/money.hpp>

#include <catch2/catch.hpp>

using namespace bedrock_cost::util;

TEST_CASE("token_cost is exact: milli-tokens x nano-USD per 1M = atto-USD") {
  // 1,000,000 tokens at $0.25 per 1M = $0.25
  const Money cost = token_cost(1'000'000'000, Fixed9::parse("0.25"));
  CHECK(cost == Money::from_usd(Fixed9::parse("0.25")));
  // 300,000 tokens at $1.25 per 1M = $0.375
  CHECK(token_cost(300'000'000, Fixed9::parse("1.25")).round_micros() == 375'000);
  // One token at $0.00875 per 1M = $0.00000000875
  CHECK(token_cost(1'000, Fixed9::parse("0.00875")).atto() == 8'750'000'000);
  CHECK_THROWS_AS(token_cost(Int128{1} << 100, Fixed9::parse("1000")), std::overflow_error);
}

TEST_CASE("a month of per-minute buckets adds up exactly") {
  Money total;
  for (int minute = 0; minute < 43'800; ++minute) {
    total += token_cost(37'500'000, Fixed9::parse("0.25")); // 37,500 tokens a minute
  }
  CHECK(total.round_micros() == 410'625'000); // 1,642,500,000 tokens x $0.25 / 1M = $410.625
}

TEST_CASE("rounding is half away from zero, once, at render time") {
  CHECK(Money::from_usd(Fixed9::parse("410.625")).round_cents() == 41063);
  CHECK(Money::from_usd(Fixed9::parse("684.375")).round_cents() == 68438);
  CHECK(Money::from_usd(Fixed9::parse("-0.005")).round_cents() == -1);
  CHECK(Money::from_usd(Fixed9::parse("0.0049999")).round_cents() == 0);
  CHECK(divide_rounded(5, 2) == 3);
  CHECK(divide_rounded(-5, 2) == -3);
}

TEST_CASE("scale multiplies by an exact fraction") {
  const Money per_minute = Money::from_usd(Fixed9::parse("0.025"));
  CHECK(scale(per_minute, 43'800, 1).round_micros() == 1'095'000'000);
  CHECK(scale(Money::from_atto(10), 1, 3).atto() == 3);
  CHECK(scale(Money::from_atto(20), 1, 3).atto() == 7);
  CHECK_THROWS_AS(scale(Money::from_atto(Int128{1} << 120), Int128{1} << 20, 1), std::overflow_error);
}

TEST_CASE("money prints for people and for machines") {
  CHECK(format_usd_cents(Money::from_usd(Fixed9::parse("1095"))) == "1,095.00");
  CHECK(format_usd_cents(Money::from_usd(Fixed9::parse("1234567.891"))) == "1,234,567.89");
  CHECK(format_usd_cents(Money::from_usd(Fixed9::parse("-0.5"))) == "-0.50");
  CHECK(format_usd_micros(Money::from_usd(Fixed9::parse("0.625"))) == "0.625");
  CHECK(format_usd_micros(Money::from_usd(Fixed9::parse("1095"))) == "1095");
  CHECK(Money::from_usd(Fixed9::parse("410.625")).to_double_micros() == 410.625);
}
