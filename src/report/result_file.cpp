// Reads what report/json.cpp writes for `estimate --format json`: schema_version 2, and 1 (which named the
// committed part of an option provisioned_usd and gave it only per option).

#include <bedrock_cost/report/result_file.hpp>
#include <bedrock_cost/util/json_reader.hpp>

#include <fmt/format.h>

#include <stdexcept>

namespace bedrock_cost::report {

namespace {

using nlohmann::json;
using util::child_path;
using util::JsonReader;

const json& required_object(const JsonReader& reader, const json& parent, const std::string& path,
                            std::string_view key) {
  const json* value = JsonReader::member(parent, key);
  if (value == nullptr || !value->is_object()) {
    reader.fail(child_path(path, key), "missing required object");
  }
  return *value;
}

// An amount of USD exactly as the JSON number says it (its decimal text, not a double).
util::Money usd(const JsonReader& reader, const json& object, const std::string& path, std::string_view key) {
  const json* value = JsonReader::member(object, key);
  if (value == nullptr || !value->is_number()) {
    reader.fail(child_path(path, key), "expected an amount in USD");
  }
  try {
    return util::Money::parse_usd(value->dump());
  } catch (const std::invalid_argument& e) {
    reader.fail(child_path(path, key), e.what());
  }
}

std::string text(const json& object, std::string_view key) {
  const json* value = JsonReader::member(object, key);
  return value != nullptr && value->is_string() ? value->get<std::string>() : std::string();
}

// The member `key`: nullopt when absent or null, else a value that passes `is_kind` ("expected <what> or null").
template <typename T>
std::optional<T> optional_member(const JsonReader& reader, const json& object, const std::string& path,
                                 std::string_view key, bool (json::*is_kind)() const noexcept, std::string_view what) {
  const json* value = JsonReader::member(object, key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!(value->*is_kind)()) {
    reader.fail(child_path(path, key), fmt::format("expected {} or null", what));
  }
  return value->get<T>();
}

std::optional<std::string> optional_text(const JsonReader& reader, const json& object, const std::string& path,
                                         std::string_view key) {
  return optional_member<std::string>(reader, object, path, key, &json::is_string, "a string");
}

std::optional<std::int64_t> optional_count(const JsonReader& reader, const json& object, const std::string& path,
                                           std::string_view key) {
  return optional_member<std::int64_t>(reader, object, path, key, &json::is_number_integer, "a whole number");
}

std::optional<double> optional_rate(const JsonReader& reader, const json& object, const std::string& path,
                                    std::string_view key) {
  return optional_member<double>(reader, object, path, key, &json::is_number, "a number");
}

engine::Strategy strategy(const JsonReader& reader, const json& recommendation, const std::string& path) {
  const auto name =
      reader.choice(recommendation, path, "strategy", {"on_demand", "provisioned", "blended", "reserved"});
  if (!name) {
    reader.fail(child_path(path, "strategy"), "missing required string");
  }
  for (const auto s : {engine::Strategy::on_demand, engine::Strategy::provisioned, engine::Strategy::blended,
                       engine::Strategy::reserved}) {
    if (engine::to_string(s) == *name) {
      return s;
    }
  }
  return engine::Strategy::on_demand; // unreachable: choice() accepted only these names
}

// The commitment the recommendation names (strategy, term, MUs or reserved TPM), as the recommendation says it.
engine::WorkloadSummary recommended(const JsonReader& reader, const json& rec, const std::string& path) {
  engine::WorkloadSummary s;
  s.strategy = strategy(reader, rec, path);
  s.term = optional_text(reader, rec, path, "term");
  s.model_units = optional_count(reader, rec, path, "model_units");
  s.reserved_input_tpm = optional_rate(reader, rec, path, "reserved_input_tpm");
  s.reserved_output_tpm = optional_rate(reader, rec, path, "reserved_output_tpm");
  s.monthly = usd(reader, rec, path, "monthly_usd");
  return s;
}

// Schema 1 gave the committed part only per option (provisioned_usd), and builds before the Reserved tier's
// figures reached the recommendation gave its reserved TPM only there too: take them from the option recommended.
void complete_from_options(const JsonReader& reader, const json& workload, const std::string& path,
                           engine::WorkloadSummary& s) {
  if (s.strategy == engine::Strategy::on_demand) {
    return; // nothing committed
  }
  const json* options = JsonReader::member(workload, "options");
  const std::string options_path = child_path(path, "options");
  for (std::size_t i = 0; options != nullptr && options->is_array() && i < options->size(); ++i) {
    const json& option = (*options)[i];
    const std::string option_path = child_path(options_path, i);
    if (!option.is_object() || text(option, "strategy") != engine::to_string(s.strategy) ||
        optional_text(reader, option, option_path, "term") != s.term ||
        optional_count(reader, option, option_path, "model_units") != s.model_units) {
      continue;
    }
    s.committed = usd(reader, option, option_path, "provisioned_usd");
    s.reserved_input_tpm =
        s.reserved_input_tpm ? s.reserved_input_tpm : optional_rate(reader, option, option_path, "reserved_input_tpm");
    s.reserved_output_tpm = s.reserved_output_tpm ? s.reserved_output_tpm
                                                  : optional_rate(reader, option, option_path, "reserved_output_tpm");
    return;
  }
  reader.fail(child_path(path, "recommendation"),
              fmt::format("no entry of {} is the option recommended, so its committed cost is unknown", options_path));
}

engine::WorkloadSummary read_workload(const JsonReader& reader, const json& workload, const std::string& path,
                                      int version) {
  const std::string rec_path = child_path(path, "recommendation");
  const json& rec = required_object(reader, workload, path, "recommendation");
  engine::WorkloadSummary s = recommended(reader, rec, rec_path);
  s.name = text(workload, "name");
  s.model = text(workload, "model");
  s.region = text(workload, "region");
  if (version >= 2) {
    s.committed = usd(reader, rec, rec_path, "committed_usd");
  } else {
    complete_from_options(reader, workload, path, s);
  }
  return s;
}

// The schema_version of a bedrock-cost result this build reads (1 or 2).
int schema_version(const JsonReader& reader, const json& document) {
  const json* by = document.is_object() ? JsonReader::member(document, "generated_by") : nullptr;
  if (by == nullptr || !by->is_string() || !by->get<std::string>().starts_with("bedrock-cost") ||
      JsonReader::member(document, "workloads") == nullptr) {
    reader.fail("", "not a bedrock-cost estimate result (make it with 'bedrock-cost estimate --format json')");
  }
  const json* version = JsonReader::member(document, "schema_version");
  if (version == nullptr || !version->is_number_integer() ||
      (version->get<std::int64_t>() != 1 && version->get<std::int64_t>() != 2)) {
    reader.fail("/schema_version", "unsupported schema_version (this build reads 1 and 2)");
  }
  return version->get<int>();
}

// "model in region" of each entry of /unpriced_usage (a result of any version may have none).
std::vector<std::string> unpriced_usage(const JsonReader& reader, const json& document) {
  std::vector<std::string> entries;
  const json* unpriced = JsonReader::member(document, "unpriced_usage");
  if (unpriced == nullptr || unpriced->is_null()) {
    return entries;
  }
  reader.expect_array(*unpriced, "/unpriced_usage");
  for (std::size_t i = 0; i < unpriced->size(); ++i) {
    const std::string path = child_path("/unpriced_usage", i);
    if (!(*unpriced)[i].is_object()) {
      reader.fail(path, "expected an object");
    }
    entries.push_back(fmt::format("{} in {}", text((*unpriced)[i], "model"), text((*unpriced)[i], "region")));
  }
  return entries;
}

} // namespace

engine::ResultSummary read_result(std::istream& in, std::string_view source_name) {
  const JsonReader reader{std::string(source_name)};
  const json document = reader.parse(in);
  const int version = schema_version(reader, document);
  const json& workloads = document["workloads"];
  reader.expect_array(workloads, "/workloads");
  engine::ResultSummary summary;
  for (std::size_t i = 0; i < workloads.size(); ++i) {
    summary.workloads.push_back(read_workload(reader, workloads[i], child_path("/workloads", i), version));
  }
  summary.total_recommended =
      usd(reader, required_object(reader, document, "", "total"), "/total", "recommended_monthly_usd");
  summary.unpriced = unpriced_usage(reader, document);
  return summary;
}

} // namespace bedrock_cost::report
