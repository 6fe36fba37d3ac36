#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_reader.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <tuple>

namespace bedrock_cost::workload {

namespace {

using nlohmann::json;
using util::child_path;
using util::JsonReader;

constexpr std::int64_t k_minutes_per_day = 1440;

double number(const JsonReader& reader, const json& entry, const std::string& path, std::string_view key) {
  return reader.decimal(entry, path, key, true)->to_double();
}

std::optional<double> optional_number(const JsonReader& reader, const json& entry, const std::string& path,
                                      std::string_view key) {
  const auto value = reader.decimal(entry, path, key, false);
  return value ? std::optional<double>(value->to_double()) : std::nullopt;
}

// Exactly one way of giving the rate, as with the command-line flags.
TrafficRate read_rate(const JsonReader& reader, const json& entry, const std::string& path) {
  const bool by_tpm = JsonReader::member(entry, "tpm") != nullptr;
  const bool by_split =
      JsonReader::member(entry, "input_tpm") != nullptr || JsonReader::member(entry, "output_tpm") != nullptr;
  const bool by_minute = JsonReader::member(entry, "requests_per_minute") != nullptr;
  const bool by_day = JsonReader::member(entry, "requests_per_day") != nullptr;
  const auto ways = std::ranges::count(std::array{by_tpm, by_split, by_minute, by_day}, true);
  if (ways != 1) {
    reader.fail(path, ways == 0 ? "no traffic: give tpm (with input_share), input_tpm and output_tpm, or "
                                  "requests_per_minute / requests_per_day with input_tokens and output_tokens"
                                : "give the traffic one way only: tpm, input_tpm/output_tpm, requests_per_minute "
                                  "or requests_per_day");
  }
  const bool per_request = by_minute || by_day;
  for (const char* key : {"input_tokens", "output_tokens"}) {
    if (!per_request && JsonReader::member(entry, key) != nullptr) {
      reader.fail(child_path(path, key), "goes with requests_per_minute or requests_per_day");
    }
  }
  if (!by_tpm && JsonReader::member(entry, "input_share") != nullptr) {
    reader.fail(child_path(path, "input_share"), "goes with tpm");
  }
  if (by_tpm) {
    const double share = optional_number(reader, entry, path, "input_share").value_or(0.75);
    if (share > 1.0) {
      reader.fail(child_path(path, "input_share"), fmt::format("must be between 0 and 1, got {}", share));
    }
    return rate_from_tpm(number(reader, entry, path, "tpm"), share);
  }
  if (by_split) {
    return TrafficRate{number(reader, entry, path, "input_tpm"), number(reader, entry, path, "output_tpm"),
                       std::nullopt, 1};
  }
  const double requests = number(reader, entry, path, by_minute ? "requests_per_minute" : "requests_per_day");
  return rate_from_requests(requests, number(reader, entry, path, "input_tokens"),
                            number(reader, entry, path, "output_tokens"), by_minute ? 1 : k_minutes_per_day);
}

// peak_tpm with shape (default diurnal) or hourly_weights (24 or 168 non-negative numbers).
std::optional<TrafficShape> read_shape(const JsonReader& reader, const json& entry, const std::string& path) {
  const auto peak = optional_number(reader, entry, path, "peak_tpm");
  const auto shape = reader.choice(entry, path, "shape", {"flat", "diurnal", "business-hours", "weights"});
  const json* weights = JsonReader::member(entry, "hourly_weights");
  if (weights != nullptr && shape && *shape != "weights") {
    reader.fail(child_path(path, "hourly_weights"), fmt::format(R"(goes with shape "weights", not "{}")", *shape));
  }
  if (shape && *shape == "weights" && weights == nullptr) {
    reader.fail(child_path(path, "shape"), "shape \"weights\" needs hourly_weights (24 or 168 numbers)");
  }
  TrafficShape result;
  result.origin = fmt::format("{}: {}", reader.source(), child_path(path, "peak_tpm"));
  if (weights != nullptr) {
    const std::string weights_path = child_path(path, "hourly_weights");
    if (!weights->is_array() || (weights->size() != 24 && weights->size() != 168)) {
      reader.fail(weights_path, fmt::format("expected an array of 24 or 168 numbers, got {}",
                                            weights->is_array() ? fmt::format("{} numbers", weights->size())
                                                                : std::string(weights->type_name())));
    }
    for (std::size_t i = 0; i < weights->size(); ++i) {
      const json& w = (*weights)[i];
      if (!w.is_number() || !std::isfinite(w.get<double>()) || w.get<double>() < 0) {
        reader.fail(child_path(weights_path, i),
                    fmt::format("expected a non-negative number, got {}", util::excerpt(w.dump())));
      }
      result.hourly_weights.push_back(w.get<double>());
    }
    result.kind = ShapeKind::weights;
  } else if (shape) {
    result.kind = *shape == "flat"             ? ShapeKind::flat
                  : *shape == "business-hours" ? ShapeKind::business_hours
                                               : ShapeKind::diurnal;
  } else {
    result.kind = ShapeKind::diurnal;
  }
  if (!peak) {
    if ((shape && *shape != "flat") || weights != nullptr) {
      reader.fail(child_path(path, "peak_tpm"),
                  "a shape needs peak_tpm (the busiest minute's tokens per minute, input + output)");
    }
    return std::nullopt;
  }
  result.peak_tpm = *peak;
  return result;
}

// quota_tpm and quota_rpm: the account's own quotas for this workload, positive numbers.
QuotaSettings read_quota(const JsonReader& reader, const json& entry, const std::string& path) {
  QuotaSettings quota;
  for (const auto& [key, unit, value, origin] : {std::tuple{"quota_tpm", "tokens", &quota.tpm, &quota.tpm_origin},
                                                 std::tuple{"quota_rpm", "requests", &quota.rpm, &quota.rpm_origin}}) {
    *value = reader.decimal(entry, path, key, false);
    if (*value && value->value().units() <= 0) {
      reader.fail(child_path(path, key),
                  fmt::format("expected a positive number of {} per minute, got {}", unit, value->value().to_string()));
    }
    *origin = fmt::format("{}: {}", reader.source(), child_path(path, key));
  }
  return quota;
}

WorkloadSpec read_workload(const JsonReader& reader, const json& entry, const std::string& path,
                           std::string_view default_region) {
  reader.expect_object(entry, path,
                       {"name",
                        "model",
                        "region",
                        "tpm",
                        "input_share",
                        "input_tpm",
                        "output_tpm",
                        "requests_per_minute",
                        "requests_per_day",
                        "input_tokens",
                        "output_tokens",
                        "batch_share",
                        "cache_read_share",
                        "cache_write_share",
                        "peak_tpm",
                        "shape",
                        "hourly_weights",
                        "model_units",
                        "quota_tpm",
                        "quota_rpm"});
  WorkloadSpec spec;
  spec.model = *reader.string(entry, path, "model", true);
  spec.name = reader.string(entry, path, "name", false).value_or(spec.model);
  spec.region = reader.string(entry, path, "region", false).value_or(std::string(default_region));
  spec.rate = read_rate(reader, entry, path);
  spec.batch_share = optional_number(reader, entry, path, "batch_share").value_or(0.0);
  spec.cache_read_share = optional_number(reader, entry, path, "cache_read_share").value_or(0.0);
  spec.cache_write_share = optional_number(reader, entry, path, "cache_write_share").value_or(0.0);
  for (const auto& [key, share] :
       {std::pair{"batch_share", spec.batch_share}, std::pair{"cache_read_share", spec.cache_read_share},
        std::pair{"cache_write_share", spec.cache_write_share}}) {
    if (share > 1.0) {
      reader.fail(child_path(path, key), fmt::format("must be between 0 and 1, got {}", share));
    }
  }
  try {
    check_shares(spec.batch_share, spec.cache_read_share, spec.cache_write_share);
  } catch (const std::invalid_argument& e) {
    reader.fail(path, e.what());
  }
  spec.shape = read_shape(reader, entry, path);
  if (const json* units = JsonReader::member(entry, "model_units")) {
    if (!units->is_number_integer() || units->get<std::int64_t>() < 1 || units->get<std::int64_t>() > 1'000'000) {
      reader.fail(child_path(path, "model_units"),
                  fmt::format("expected a whole number of model units from 1 to 1000000, got {}",
                              util::excerpt(units->dump())));
    }
    spec.capacity.model_units = units->get<std::int64_t>();
  }
  spec.quota = read_quota(reader, entry, path);
  spec.region_given = JsonReader::member(entry, "region") != nullptr;
  spec.origin = fmt::format("{}: {}", reader.source(), path);
  spec.model_origin = fmt::format("{}: {}", reader.source(), child_path(path, "model"));
  spec.region_origin =
      spec.region_given ? fmt::format("{}: {}", reader.source(), child_path(path, "region")) : spec.model_origin;
  return spec;
}

} // namespace

WorkloadFile load_workload_file(std::istream& in, std::string_view source_name, std::string_view default_region) {
  const JsonReader reader{std::string(source_name)};
  const json document = reader.parse(in);
  reader.expect_object(document, "", {"schema_version", "hours_per_month", "workloads"});
  if (const json* version = JsonReader::member(document, "schema_version");
      version != nullptr && (!version->is_number_integer() || version->get<std::int64_t>() != 1)) {
    reader.fail("/schema_version",
                fmt::format("unsupported schema_version {} (this build reads 1)", util::excerpt(version->dump())));
  }
  WorkloadFile file;
  if (const auto hours = reader.decimal(document, "", "hours_per_month", false)) {
    if (*hours < util::Fixed9::parse("1") || *hours > util::Fixed9::parse("744")) {
      reader.fail("/hours_per_month", fmt::format("must be between 1 and 744, got {}", hours->to_string()));
    }
    file.hours_per_month = *hours;
  }
  const json* workloads = JsonReader::member(document, "workloads");
  if (workloads == nullptr) {
    reader.fail("/workloads", "missing required array of workloads");
  }
  reader.expect_array(*workloads, "/workloads");
  if (workloads->empty()) {
    reader.fail("/workloads", "the list of workloads is empty");
  }
  for (std::size_t i = 0; i < workloads->size(); ++i) {
    file.workloads.push_back(read_workload(reader, (*workloads)[i], child_path("/workloads", i), default_region));
  }
  return file;
}

} // namespace bedrock_cost::workload
