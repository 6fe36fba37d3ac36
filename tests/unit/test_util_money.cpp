#include <bedrock_cost/util/money.hpp>

#include <catch2/catch.hpp>

#include <limits>

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

TEST_CASE("money prints exactly beyond 64 bits of micro-dollars and cents") {
  // $10,000,000,000,000.125: more micro-dollars than an int64 holds.
  const Money ten_trillion = Money::from_atto(Int128{10'000'000'000'000'125} * 1'000'000'000'000'000);
  CHECK(format_usd_micros(ten_trillion) == "10000000000000.125");
  CHECK(format_usd_cents(ten_trillion) == "10,000,000,000,000.13");
  CHECK(ten_trillion.to_double_micros() == 10000000000000.125);
  const Money huge = Money::from_atto(-std::numeric_limits<Int128>::max());
  CHECK(format_usd_cents(huge) == "-170,141,183,460,469,231,731.69");
  CHECK(format_usd_micros(huge) == "-170141183460469231731.687304");
}

TEST_CASE("divide_rounded does not overflow at the ends of the range") {
  const Int128 max = std::numeric_limits<Int128>::max(); // ...727
  const Int128 min = std::numeric_limits<Int128>::min(); // ...728
  CHECK(divide_rounded(max, 10) == max / 10 + 1);
  CHECK(divide_rounded(min, 10) == min / 10 - 1);
  CHECK(divide_rounded(max, max) == 1);
  CHECK(divide_rounded(7, 3) == 2);
  CHECK(divide_rounded(2, 3) == 1);
  CHECK(divide_rounded(-2, 3) == -1);
  CHECK(divide_rounded(-1, 3) == 0);
}

TEST_CASE("parse_usd reads an amount exactly, to the atto-dollar, up to 10^19 USD") {
  constexpr Int128 k_atto_per_usd = 1'000'000'000'000'000'000;
  CHECK(Money::parse_usd("1314").atto() == 1314 * k_atto_per_usd);
  CHECK(Money::parse_usd("9300000000.123456") == Money::from_atto(Int128{9'300'000'000'123'456} * 1'000'000'000'000));
  CHECK(Money::parse_usd("1e+19").atto() == Money::k_max_parsed_atto);
  CHECK(Money::parse_usd("-1E19").atto() == -Money::k_max_parsed_atto);
  CHECK(Money::parse_usd("0.000000000000000001").atto() == 1);
  CHECK(Money::parse_usd("105120.0") == Money::from_usd(Fixed9::parse("105120")));
  CHECK_THROWS_WITH(Money::parse_usd("1.0000000000000001e19"), "'1.0000000000000001e19' is out of range");
  CHECK_THROWS_WITH(Money::parse_usd("1e-19"), "'1e-19' is more precise than 18 decimal places");
  CHECK_THROWS_WITH(Money::parse_usd("12k"), "'12k' is not a number");
}

TEST_CASE("compare_products is exact past 128 bits") {
  const Int128 max = std::numeric_limits<Int128>::max();
  const Int128 min = std::numeric_limits<Int128>::min();
  CHECK(compare_products(max, max, max, max) == 0);
  CHECK(compare_products(max, max, max, max - 1) == 1);
  CHECK(compare_products(max, max - 1, max, max) == -1);
  CHECK(compare_products(min, min, max, max) == 1); // 2^254 against (2^127 - 1)^2
  CHECK(compare_products(min, max, max, max) == -1);
  CHECK(compare_products(min, 1, max, -1) == -1);
  CHECK(compare_products(Int128{1} << 100, Int128{1} << 100, Int128{1} << 120, Int128{1} << 80) == 0);
  // (2^64 + 1)^2 = 2^128 + 2^65 + 1 against (2^64 + 2) x 2^64 = 2^128 + 2^65: a carry between the halves.
  const Int128 two64 = Int128{1} << 64;
  CHECK(compare_products(two64 + 1, two64 + 1, two64 + 2, two64) == 1);
  CHECK(compare_products(-3, 4, 2, -6) == 0);
  CHECK(compare_products(0, 5, 0, -7) == 0);
  CHECK(compare_products(0, 5, 1, -7) == 1);
  CHECK(compare_products(-1, 1, 0, 0) == -1);
  // Small products, against plain 128-bit arithmetic.
  for (const std::int64_t a : std::initializer_list<std::int64_t>{-9'223'372'036'854'775'807, -12'345, -1, 0, 1, 77,
                                                                  4'294'967'296, 9'223'372'036'854'775'807}) {
    for (const std::int64_t b : std::initializer_list<std::int64_t>{-3, 0, 5, 1'000'000'007}) {
      const Int128 left = Int128{a} * b;
      const Int128 right = Int128{b} * 1'000 - a;
      CHECK(compare_products(a, b, right, 1) == (left > right ? 1 : (left < right ? -1 : 0)));
    }
  }
}
