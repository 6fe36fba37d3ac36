#pragma once

// `bedrock-cost diff BASE.json HEAD.json`: what changed between two `estimate --format json` results.

#include <bedrock_cost/util/money.hpp>

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::engine {

// One workload, matched by name, model and Region; absent on one side when it was added or removed.
struct DiffRow {
  std::string name;
  std::string model;
  std::string region;
  std::optional<util::Money> base; // recommended USD per month
  std::optional<util::Money> head;
  std::string base_choice; // "blended, 6_month, 2 MU" or "on_demand"
  std::string head_choice;
};

struct ScenarioDiff {
  std::string base_name;
  std::string head_name;
  std::vector<DiffRow> rows;
  util::Money base_total; // recommended totals
  util::Money head_total;

  util::Money change() const { return head_total - base_total; }
};

// Reads the two JSON results (InputError naming the file and JSON path of a problem) and compares them.
ScenarioDiff diff_results(std::istream& base, std::string_view base_name, std::istream& head,
                          std::string_view head_name);

} // namespace bedrock_cost::engine
