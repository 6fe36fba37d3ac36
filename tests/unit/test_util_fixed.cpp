#include <bedrock_cost/util/fixed.hpp>

#include <catch2/catch.hpp>

#include <limits>
#include <stdexcept>

using bedrock_cost::util::Fixed9;
using bedrock_cost::util::parse_scaled;

TEST_CASE("Fixed9 parses decimals exactly") {
  CHECK(Fixed9::parse("0.25").units() == 250'000'000);
  CHECK(Fixed9::parse("3").units() == 3'000'000'000);
  CHECK(Fixed9::parse("0.00875").units() == 8'750'000);
  CHECK(Fixed9::parse("2.1875").units() == 2'187'500'000);
  CHECK(Fixed9::parse("1e-05").units() == 10'000);
  CHECK(Fixed9::parse("2.5E2").units() == 250'000'000'000);
  CHECK(Fixed9::parse("-1.5").units() == -1'500'000'000);
  CHECK(Fixed9::parse("0.000000001").units() == 1);
  CHECK(Fixed9::parse("0.0000000010").units() == 1);
}

TEST_CASE("Fixed9 rejects what it cannot hold exactly") {
  CHECK_THROWS_WITH(Fixed9::parse("0.0000000001"), "'0.0000000001' is more precise than 9 decimal places");
  CHECK_THROWS_WITH(Fixed9::parse("12k"), "'12k' is not a number");
  CHECK_THROWS_WITH(Fixed9::parse(""), "'' is not a number");
  CHECK_THROWS_WITH(Fixed9::parse("1e30"), "'1e30' is out of range");
  CHECK_THROWS_WITH(Fixed9::parse("1e99999"), "'1e99999' is out of range");
  CHECK_THROWS_WITH(Fixed9::parse("1e"), "'1e' is not a number");
  CHECK_THROWS_WITH(Fixed9::parse("1234567890123456789012345678901"),
                    "'1234567890123456789012345678901' is too long a number");
  CHECK_THROWS_AS(Fixed9::parse("NaN"), std::invalid_argument);
}

TEST_CASE("Fixed9 from a double takes the literal's shortest decimal") {
  CHECK(Fixed9::from_double(0.1).units() == 100'000'000);
  CHECK(Fixed9::from_double(0.546875).units() == 546'875'000);
  // 0.1 + 0.2 is 0.30000000000000004, which no price literal says: refused rather than rounded silently.
  CHECK_THROWS_WITH(Fixed9::from_double(0.1 + 0.2), "'0.30000000000000004' is more precise than 9 decimal places");
  CHECK_THROWS_WITH(Fixed9::from_double(std::numeric_limits<double>::infinity()), "not a finite number");
}

TEST_CASE("Fixed9 prints its shortest exact decimal") {
  CHECK(Fixed9::parse("0.250").to_string() == "0.25");
  CHECK(Fixed9::parse("730").to_string() == "730");
  CHECK(Fixed9::parse("-0.5").to_string() == "-0.5");
  CHECK(Fixed9::parse("0.00875").to_string() == "0.00875");
}

TEST_CASE("Fixed9 rejects digits beyond 64 bits even when no scaling is needed") {
  // 29 significant digits with 9 decimals: no multiplication by 10, so the range was never checked.
  CHECK_THROWS_WITH(Fixed9::parse("99999999999999999999.000000000"),
                    "'99999999999999999999.000000000' is out of range");
  CHECK(parse_scaled("-12.5", 2, 10'000) == -1250);
  CHECK_THROWS_WITH(parse_scaled("100.01", 2, 10'000), "'100.01' is out of range");
  CHECK_THROWS_WITH(parse_scaled("0.001", 2, 10'000), "'0.001' is more precise than 2 decimal places");
}
