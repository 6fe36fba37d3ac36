#include <bedrock_cost/util/format.hpp>

#include <catch2/catch.hpp>

#include <string>

using namespace bedrock_cost::util;

TEST_CASE("excerpt keeps short text and cuts long text to 200 bytes and an ellipsis") {
  CHECK(excerpt("") == "");
  CHECK(excerpt(std::string(200, 'a')) == std::string(200, 'a'));
  CHECK(excerpt(std::string(201, 'a')) == std::string(200, 'a') + "…");
  CHECK(excerpt(std::string(1'000'000, 'a')) == std::string(200, 'a') + "…");
}

TEST_CASE("excerpt never cuts a UTF-8 character in two") {
  // 199 ASCII bytes, then "é" (2 bytes) across the 200-byte mark: the cut falls before it.
  CHECK(excerpt(std::string(199, 'a') + "\xC3\xA9" + "bbb") == std::string(199, 'a') + "…");
  // "€" (3 bytes) from byte 198: cut before it as well.
  CHECK(excerpt(std::string(198, 'a') + "\xE2\x82\xAC" + "bbb") == std::string(198, 'a') + "…");
  // A character that ends exactly at the mark is kept whole.
  CHECK(excerpt(std::string(198, 'a') + "\xC3\xA9" + "b") == std::string(198, 'a') + "\xC3\xA9" + "…");
}
