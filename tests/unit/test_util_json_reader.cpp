#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <catch2/catch.hpp>

#include <sstream>
#include <string>

using namespace bedrock_cost;
using util::JsonReader;

namespace {

nlohmann::json parse(const std::string& text) {
  std::istringstream in(text);
  return JsonReader("x.json").parse(in);
}

const std::string k_ellipsis = "…";

} // namespace

TEST_CASE("JSON nested 512 levels deep reads; one level more is an error naming the line and column") {
  CHECK(parse(std::string(512, '[') + std::string(512, ']')).is_array());
  CHECK_THROWS_WITH(parse(std::string(513, '[') + std::string(513, ']')),
                    "x.json:1:513: nesting deeper than 512 levels");
  CHECK_THROWS_WITH(parse(R"({"a": )" + std::string(600, '[')), "x.json:1:518: nesting deeper than 512 levels");
  CHECK_THROWS_WITH(parse("{\"a\":\n" + std::string(600, '[')), "x.json:2:512: nesting deeper than 512 levels");
  std::string objects;
  for (int i = 0; i < 600; ++i) {
    objects += R"({"k":)";
  }
  CHECK_THROWS_WITH(parse(objects), "x.json:1:2561: nesting deeper than 512 levels");
}

TEST_CASE("the line and column of a nesting error are counted across the reader's buffers") {
  // 40,000 newlines span several 16 KiB buffers; then a first line longer than a buffer before the brackets.
  CHECK_THROWS_WITH(parse(std::string(40'000, '\n') + std::string(600, '[')),
                    "x.json:40001:513: nesting deeper than 512 levels");
  CHECK_THROWS_WITH(parse(R"({"a": ")" + std::string(40'000, 'x') + R"(", "b": )" + std::string(600, '[')),
                    "x.json:1:40527: nesting deeper than 512 levels");
}

TEST_CASE("an unclosed array 200,000 levels deep fails at once at level 513") {
  // Before the limit, the parser went on to the end and the error message's JSON pointer was rebuilt level by
  // level (quadratic: 2 s here, 12 to 21 s on slower machines, and 10 s at 400,000 levels).
  CHECK_THROWS_WITH(parse(std::string(200'000, '[')), "x.json:1:513: nesting deeper than 512 levels");
}

TEST_CASE("a long token in a JSON syntax error is quoted to 200 bytes") {
  CHECK_THROWS_WITH(parse('"' + std::string(100'000, 'a')),
                    "x.json:1:100002: invalid JSON: syntax error while parsing value - invalid string: missing "
                    "closing quote; last read: '\"" +
                        std::string(199, 'a') + k_ellipsis + "'");
  CHECK_THROWS_WITH(parse("{\"" + std::string(100'000, 'k')),
                    "x.json:1:100003: invalid JSON: syntax error while parsing object key - invalid string: missing "
                    "closing quote; last read: '\"" +
                        std::string(199, 'k') + k_ellipsis + "'; expected string literal");
  CHECK_THROWS_WITH(parse(R"({"a": )" + std::string(100'000, '1') + "}"),
                    "x.json: /a: invalid JSON: a number is out of range (number overflow parsing '" +
                        std::string(200, '1') + k_ellipsis + "')");
}

TEST_CASE("a long key, value or JSON pointer is quoted to 200 bytes") {
  const std::string key(100'000, 'k');
  const std::string shown_path = "/" + std::string(199, 'k') + k_ellipsis;
  const std::string shown_key = std::string(200, 'k') + k_ellipsis;
  CHECK_THROWS_WITH(parse("{\"" + key + "\": 1, \"" + key + "\": 2}"),
                    "x.json: " + shown_path + ": duplicate key '" + shown_key + "'");
  const JsonReader reader("x.json");
  const nlohmann::json document = parse("{\"" + key + "\": \"" + std::string(100'000, 'v') + "\"}");
  CHECK_THROWS_WITH(reader.expect_object(document, "", {"a"}),
                    "x.json: " + shown_path + ": unknown key '" + shown_key + "' (expected one of: a)");
  CHECK_THROWS_WITH(reader.expect_array(document[key], "/a"),
                    "x.json: /a: expected an array, got \"" + std::string(200, 'v') + k_ellipsis + "\"");
}

TEST_CASE("a reader's error keeps its reason apart from the file and JSON path") {
  const JsonReader reader("x.json");
  try {
    reader.fail("/models/0/id", "expected a non-empty string, got null");
    FAIL("fail() returned");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "x.json: /models/0/id: expected a non-empty string, got null");
    CHECK(e.reason() == "expected a non-empty string, got null");
  }
  // An error made from one message has no reason apart: its reason is the whole message.
  CHECK(InputError("w.json:3: bad").reason() == "w.json:3: bad");
}
