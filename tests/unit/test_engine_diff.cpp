// engine::diff and the --fail-if-increase percentage gate, on summaries.

#include <bedrock_cost/engine/diff.hpp>

#include <catch2/catch.hpp>

using namespace bedrock_cost;
using util::Money;

namespace {

engine::ResultSummary with_total(const char* usd) {
  engine::ResultSummary summary;
  summary.total_recommended = Money::parse_usd(usd);
  return summary;
}

// Whether the rise from `base` to `head` (USD) is more than `percent` %.
bool rises(const char* base, const char* head, const char* percent) {
  const engine::ScenarioDiff diff = engine::diff(with_total(base), "base", with_total(head), "head");
  return engine::rises_by_more_than(diff, util::Fixed9::parse(percent));
}

engine::WorkloadSummary summary_of(std::string name, const char* monthly, const char* committed) {
  return {std::move(name),
          std::string("m"),
          std::string("us-east-1"),
          engine::Strategy::on_demand,
          std::nullopt,
          std::nullopt,
          std::nullopt,
          std::nullopt,
          Money::parse_usd(committed),
          Money::parse_usd(monthly)};
}

} // namespace

TEST_CASE("the percentage gate is exact at every magnitude (issue 19)") {
  // $1,314 -> $1.8 billion: change x 100 x 10^9 passed 2^127 and wrapped, so the rise passed and the fall failed.
  CHECK(rises("1314", "1800000000", "10"));
  CHECK_FALSE(rises("1800000000", "1314", "10"));
  // Above $9.2 billion (the most an int64 of 10^-9 USD held): exactly 10% more is not more than 10%.
  CHECK_FALSE(rises("9300000000", "10230000000", "10"));
  CHECK(rises("9300000000", "10230000000.000000000000000001", "10"));
  // At the largest amounts a result holds (10^19 USD) and the largest percent.
  CHECK_FALSE(rises("5000000000000000000", "10000000000000000000", "100"));
  CHECK(rises("5000000000000000000", "10000000000000000000", "99.999999999"));
  CHECK_FALSE(rises("1000000000000000000", "10000000000000000000", "9223372036.854775807"));
  CHECK(rises("0.000000000000000001", "10000000000000000000", "0.000000001"));
  CHECK_FALSE(rises("10000000000000000000", "-10000000000000000000", "0"));
  // From nothing, any rise is more than any percent; no change is not.
  CHECK(rises("0", "0.000000000000000001", "1000"));
  CHECK_FALSE(rises("0", "0", "0"));
}

TEST_CASE("diff pairs workloads by name, model and Region, in order when one repeats") {
  engine::ResultSummary base;
  base.workloads = {summary_of("a", "10", "0"), summary_of("gone", "5", "1"), summary_of("a", "20", "2")};
  engine::ResultSummary head;
  head.workloads = {summary_of("a", "11", "0"), summary_of("new", "7", "3"), summary_of("a", "25", "4"),
                    summary_of("a", "1", "0")};
  const engine::ScenarioDiff d = engine::diff(base, "base.json", head, "head.json");
  REQUIRE(d.rows.size() == 5);
  CHECK(d.rows[0].name == "a");
  CHECK(d.rows[0].change() == Money::parse_usd("1"));
  CHECK(d.rows[1].name == "new");
  CHECK_FALSE(d.rows[1].base);
  CHECK(d.rows[1].committed_change() == Money::parse_usd("3"));
  CHECK(d.rows[2].change() == Money::parse_usd("5")); // the second "a" against the second
  CHECK(d.rows[2].committed_change() == Money::parse_usd("2"));
  CHECK_FALSE(d.rows[3].base); // a third "a": added
  CHECK(d.rows[4].name == "gone");
  CHECK_FALSE(d.rows[4].head);
  CHECK(d.rows[4].change() == Money::parse_usd("-5"));
  CHECK(d.rows[4].committed_change() == Money::parse_usd("-1"));
}
