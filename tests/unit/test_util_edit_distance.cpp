#include <bedrock_cost/util/edit_distance.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

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

TEST_CASE("nearest compares nothing longer than 256 bytes: a 10 MB word against 100 IDs answers at once") {
  // Quadratic before: every ID was compared with the whole word, |word| x |id| steps (5 x 10^10 here, minutes;
  // a 1 MB model ID in a workload file took 13 s against the embedded catalog).
  std::vector<std::string> ids;
  for (int i = 0; i < 100; ++i) {
    ids.push_back(fmt::format("provider.model-{:03}-{}-v1:0", i, std::string(30, 'x')));
  }
  CHECK(nearest(std::string(10'000'000, 'x'), ids).empty());
  // Only a word that a candidate contains is suggested past the length bound.
  const std::string long_id = "custom." + std::string(300, 'y');
  CHECK(nearest(std::string(10'000'000, 'y'), {long_id}).empty());
  CHECK(nearest("yyyyy", {long_id}) == std::vector<std::string>{long_id});
  CHECK(nearest(std::string(250, 'y'), {long_id}) == std::vector<std::string>{long_id});
  CHECK(nearest(std::string(250, 'y') + "z", {long_id}).empty());
}

TEST_CASE("nearest skips candidates whose length alone puts them too far") {
  // |word| = 12 allows 4 edits: a 16-letter candidate may still match, a 17-letter one cannot.
  CHECK(nearest("abcdefghijkl", {"abcdefghijklmnop"}) == std::vector<std::string>{"abcdefghijklmnop"});
  CHECK(nearest("abcdefghijkl", {"zzzzzabcdefghijkmnopq"}).empty());
  CHECK(nearest("abcdefghijkl", {"abcdefgh"}) == std::vector<std::string>{"abcdefgh"});
  CHECK(nearest("abcdefghijkl", {"abcdefg"}).empty());
}
