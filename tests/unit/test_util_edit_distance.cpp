#include <bedrock_cost/util/edit_distance.hpp>

#include <catch2/catch.hpp>

using namespace bedrock_cost::util;

TEST_CASE("edit distance counts single-character edits") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("estmate", "estimate") == 1);
  CHECK(edit_distance("abc", "") == 3);
}

TEST_CASE("nearest keeps close candidates, nearest first") {
  const std::vector<std::string> ids = {"anthropic.claude-3-haiku-20240307-v1:0",
                                        "anthropic.claude-3-sonnet-20240229-v1:0", "amazon.nova-lite-v1:0"};
  CHECK(nearest("anthropic.claude-3-haiku-20240307-v1", ids) ==
        std::vector<std::string>{"anthropic.claude-3-haiku-20240307-v1:0"});
  CHECK(nearest("zzzzzzzz", ids).empty());
  CHECK(nearest("nova-lite", ids) == std::vector<std::string>{"amazon.nova-lite-v1:0"});
}
