#include <bedrock_cost/engine/diff.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <fmt/format.h>

#include <map>
#include <tuple>

namespace bedrock_cost::engine {

namespace {

using nlohmann::json;
using util::child_path;
using util::JsonReader;

util::Money usd(const JsonReader& reader, const json& object, const std::string& path, std::string_view key) {
  const json* value = JsonReader::member(object, key);
  if (value == nullptr || !value->is_number()) {
    reader.fail(child_path(path, key), "expected an amount in USD");
  }
  try {
    return util::Money::from_usd(util::Fixed9::from_double(value->get<double>()));
  } catch (const std::exception& e) {
    reader.fail(child_path(path, key), e.what());
  }
}

std::string text(const json& object, std::string_view key) {
  const json* value = JsonReader::member(object, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

struct Side {
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<util::Money, std::string>> workloads;
  std::vector<std::tuple<std::string, std::string, std::string>> order;
  util::Money total;
};

Side read(std::istream& in, std::string_view name) {
  const JsonReader reader{std::string(name)};
  const json document = reader.parse(in);
  const json* by = document.is_object() ? JsonReader::member(document, "generated_by") : nullptr;
  if (by == nullptr || !by->is_string() || !by->get<std::string>().starts_with("bedrock-cost") ||
      JsonReader::member(document, "workloads") == nullptr) {
    reader.fail("", "not a bedrock-cost estimate result (make it with 'bedrock-cost estimate --format json')");
  }
  if (const json* version = JsonReader::member(document, "schema_version");
      version == nullptr || !version->is_number_integer() ||
      (version->get<std::int64_t>() != 1 && version->get<std::int64_t>() != 2)) {
    reader.fail("/schema_version", "unsupported schema_version (this build reads 1 and 2)");
  }
  Side side;
  const json& workloads = document["workloads"];
  reader.expect_array(workloads, "/workloads");
  for (std::size_t i = 0; i < workloads.size(); ++i) {
    const std::string path = child_path("/workloads", i);
    const json& w = workloads[i];
    const json* rec = JsonReader::member(w, "recommendation");
    if (rec == nullptr || !rec->is_object()) {
      reader.fail(child_path(path, "recommendation"), "missing required object");
    }
    std::string choice = text(*rec, "strategy");
    if (const std::string term = text(*rec, "term"); !term.empty()) {
      choice += ", " + term;
    }
    if (const json* units = JsonReader::member(*rec, "model_units"); units != nullptr && units->is_number_integer()) {
      choice += fmt::format(", {} MU", units->get<std::int64_t>());
    }
    const auto key = std::tuple{text(w, "name"), text(w, "model"), text(w, "region")};
    if (side.workloads.contains(key)) {
      reader.fail(path, fmt::format("workload '{}' appears twice", std::get<0>(key)));
    }
    side.workloads[key] = {usd(reader, *rec, child_path(path, "recommendation"), "monthly_usd"), choice};
    side.order.push_back(key);
  }
  const json* total = JsonReader::member(document, "total");
  if (total == nullptr || !total->is_object()) {
    reader.fail("/total", "missing required object");
  }
  side.total = usd(reader, *total, "/total", "recommended_monthly_usd");
  return side;
}

} // namespace

ScenarioDiff diff_results(std::istream& base_in, std::string_view base_name, std::istream& head_in,
                          std::string_view head_name) {
  const Side base = read(base_in, base_name);
  const Side head = read(head_in, head_name);
  ScenarioDiff diff;
  diff.base_name = base_name;
  diff.head_name = head_name;
  diff.base_total = base.total;
  diff.head_total = head.total;
  // Head's order, then what only the base had.
  const auto add = [&](const auto& key) {
    DiffRow row;
    std::tie(row.name, row.model, row.region) = key;
    if (const auto b = base.workloads.find(key); b != base.workloads.end()) {
      row.base = b->second.first;
      row.base_choice = b->second.second;
    }
    if (const auto h = head.workloads.find(key); h != head.workloads.end()) {
      row.head = h->second.first;
      row.head_choice = h->second.second;
    }
    diff.rows.push_back(row);
  };
  for (const auto& key : head.order) {
    add(key);
  }
  for (const auto& key : base.order) {
    if (!head.workloads.contains(key)) {
      add(key);
    }
  }
  return diff;
}

} // namespace bedrock_cost::engine
