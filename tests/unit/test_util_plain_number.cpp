#include <bedrock_cost/util/plain_number.hpp>

#include <catch2/catch.hpp>

#include <limits>
#include <string>

using namespace bedrock_cost::util;

TEST_CASE("a plain decimal is a sign, digits, a fraction and an exponent, nothing else") {
  for (const char* text : {"5", "+5", "-5", "0", "-0", "0.25", ".5", "5.", "010", "1e6", "1E6", "2.5e-3", "1e+3",
                           "1000000000", "0.000001"}) {
    INFO(text);
    CHECK(is_plain_decimal(text));
  }
  for (const char* text :
       {"",   " 5", "5 ", "\t5", "5\n", "0x10", "0X1p3", "inf", "-inf",  "nan",  "NaN",   "infinity", "1e", "1e+",
        "e5", ".",  "+",  "-",   "+-5", "--5",  "5abc",  "5,0", "1_000", "5..0", "1.2.3", "1e5.5",    "５"}) {
    INFO(text);
    CHECK_FALSE(is_plain_decimal(text));
    CHECK_FALSE(parse_plain_decimal(text).has_value());
  }
}

TEST_CASE("a plain decimal reads as its value") {
  CHECK(parse_plain_decimal("0.25") == 0.25);
  CHECK(parse_plain_decimal("-1.5e3") == -1500.0);
  CHECK(parse_plain_decimal("010") == 10.0); // not octal
  CHECK(parse_plain_decimal(".5") == 0.5);
  CHECK(parse_plain_decimal("1e-400") == 0.0);           // below the smallest double: zero, not an error
  CHECK_FALSE(parse_plain_decimal("1e400").has_value()); // beyond a double
  CHECK_FALSE(parse_plain_decimal("-1e400").has_value());
}

TEST_CASE("a plain integer is a sign and decimal digits only") {
  for (const char* text : {"5", "+5", "-5", "0", "010", "1000000"}) {
    INFO(text);
    CHECK(is_plain_integer(text));
  }
  for (const char* text : {"", " 5", "5 ", "0x10", "5.0", "5.", "1e3", "inf", "nan", "+", "-", "+-5", "5abc"}) {
    INFO(text);
    CHECK_FALSE(is_plain_integer(text));
    CHECK_FALSE(parse_plain_integer(text).has_value());
  }
}

TEST_CASE("a plain integer reads as its decimal value within int64") {
  CHECK(parse_plain_integer("010") == 10); // not octal 8
  CHECK(parse_plain_integer("+5") == 5);
  CHECK(parse_plain_integer("-5") == -5);
  CHECK(parse_plain_integer("9223372036854775807") == std::numeric_limits<std::int64_t>::max());
  CHECK(parse_plain_integer("-9223372036854775808") == std::numeric_limits<std::int64_t>::min());
  CHECK_FALSE(parse_plain_integer("9223372036854775808").has_value());
  CHECK_FALSE(parse_plain_integer(std::string(100'000, '9')).has_value());
}
