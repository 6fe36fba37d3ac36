#include "price_list_import.hpp"

#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <set>
#include <utility>
#include <vector>

// Usage-type classification: what a product's usage type ("USE1-Claude3Haiku-input-tokens-batch") and its
// inferenceType, feature and service_tier attributes say it prices.

namespace bedrock_cost::catalog {

using detail::attribute;
using detail::is_digit;
using detail::lower;

namespace {

// "USE1", "APN1", "EUC1", "UGW1": the Region prefix of a usage type.
bool is_region_prefix(std::string_view text) {
  return text.size() >= 3 && text.size() <= 5 && is_digit(text.back()) &&
         std::all_of(text.begin(), text.end() - 1,
                     [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; });
}

std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string current;
  for (const char c : text) {
    if (c == '-' || c == '_' || c == ' ') {
      if (!current.empty()) {
        words.push_back(std::move(current));
        current.clear();
      }
    } else {
      current += c;
    }
  }
  if (!current.empty()) {
    words.push_back(std::move(current));
  }
  return words;
}

// "<n>month", "<n>months", "<n>year", "<n>years" (or n and the unit as two words) -> "<n>_month"/"<n>_year".
std::optional<std::string> term_word(const std::vector<std::string>& words, std::size_t& i) {
  const std::string& word = words[i];
  std::size_t digits = 0;
  while (digits < word.size() && is_digit(word[digits])) {
    ++digits;
  }
  if (digits == 0 || digits > 3) {
    return std::nullopt;
  }
  std::string unit = word.substr(digits);
  bool two_words = false;
  if (unit.empty() && i + 1 < words.size()) {
    unit = words[i + 1];
    two_words = true;
  }
  std::string name;
  if (unit == "month" || unit == "months" || unit == "mo") {
    name = "month";
  } else if (unit == "year" || unit == "years" || unit == "yr") {
    name = "year";
  } else {
    return std::nullopt;
  }
  if (two_words) {
    ++i;
  }
  const std::string term = fmt::format("{}_{}", std::stoi(word.substr(0, digits)), name);
  return is_term_name(term) ? std::optional<std::string>(term) : std::nullopt;
}

const std::set<std::string, std::less<>> k_meter_starts = {"input",
                                                           "output",
                                                           "text",
                                                           "cache",
                                                           "provisionedthroughput",
                                                           "reserved",
                                                           "customization",
                                                           "inputtokencount",
                                                           "outputtokencount",
                                                           "cachereadinputtokencount",
                                                           "cachewriteinputtokencount",
                                                           "cachewrite5minputtokencount",
                                                           "cachewrite1hinputtokencount",
                                                           "inputtokens",
                                                           "outputtokens"};
void parse_provisioned(const std::vector<std::string>& words, std::size_t start, Meter& meter,
                       std::vector<std::string>& unknown) {
  meter.kind = Meter::Kind::provisioned;
  for (std::size_t i = start + 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "custom") {
      meter.custom_model = true;
    } else if (word == "nocommit" || word == "nocommitment") {
      meter.term = "no_commitment";
    } else if (word == "no" && i + 1 < words.size() && (words[i + 1] == "commit" || words[i + 1] == "commitment")) {
      meter.term = "no_commitment";
      ++i;
    } else if (auto term = term_word(words, i)) {
      meter.term = *term;
    } else if (word != "modelunits" && word != "modelunit" && word != "units" && word != "mu") {
      unknown.push_back(word);
    }
  }
  if (meter.term.empty() && unknown.empty()) {
    meter.unsupported = "Provisioned Throughput usage type names no commitment term";
  }
}

void parse_reserved(const std::vector<std::string>& words, std::size_t start, Meter& meter,
                    std::vector<std::string>& unknown) {
  meter.kind = Meter::Kind::reserved;
  std::optional<bool> input;
  for (std::size_t i = start + 1; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (word == "input" || word == "output") {
      input = word == "input";
    } else if (auto term = term_word(words, i)) {
      meter.term = *term;
    } else if (word != "tokens" && word != "token" && word != "per" && word != "minute" && word != "tpm") {
      unknown.push_back(word);
    }
  }
  if (unknown.empty() && (meter.term.empty() || !input)) {
    meter.unsupported = "Reserved-tier usage type names no term or no direction (input/output)";
  }
  meter.reserved_input = input.value_or(true);
}

struct OnDemandWords {
  std::optional<Dimension> dimension;
  bool batch = false;
  bool global = false;
  bool cross_region = false;
};

void parse_on_demand(const std::vector<std::string>& words, std::size_t start, Meter& meter, OnDemandWords& found,
                     std::vector<std::string>& unknown) {
  bool cache = false;
  for (std::size_t i = start; i < words.size(); ++i) {
    const std::string& word = words[i];
    const std::string_view next = i + 1 < words.size() ? std::string_view(words[i + 1]) : std::string_view();
    const auto set = [&](Dimension d) {
      // A cache meter names "input" too ("cache-read-input-token-count"): the cache dimension wins.
      if (!found.dimension ||
          (*found.dimension != Dimension::cache_read && *found.dimension != Dimension::cache_write)) {
        found.dimension = d;
      }
    };
    if (word == "input" || word == "inputtokencount" || word == "inputtokens") {
      set(Dimension::input);
    } else if (word == "output" || word == "outputtokencount" || word == "outputtokens") {
      set(Dimension::output);
    } else if (word == "cache") {
      cache = true;
    } else if ((word == "read" && cache) || word == "cachereadinputtokencount") {
      set(Dimension::cache_read);
    } else if ((word == "write" && cache) || word == "cachewriteinputtokencount" ||
               word == "cachewrite5minputtokencount") {
      set(Dimension::cache_write);
    } else if (word == "cachewrite1hinputtokencount" || word == "1h") {
      meter.unsupported = "1-hour cache write (the catalog holds the 5-minute cache-write price)";
    } else if (word == "tokens" || word == "token" || word == "count" || word == "tokencount" || word == "text" ||
               word == "standard" || word == "units" || word == "5m" || word == "mantle") {
      continue;
    } else if (word == "batch") {
      found.batch = true;
    } else if (word == "flex" || word == "priority") {
      meter.variant = word;
    } else if (word == "latency" && next == "optimized") {
      meter.variant = "latency_optimized";
      ++i;
    } else if (word == "cross" && next == "region") {
      found.cross_region = true;
      ++i;
    } else if (word == "global") {
      found.global = true;
    } else if (word == "custom" && next == "model") {
      meter.unsupported = "custom-model inference (the catalog holds base-model prices)";
      ++i;
    } else if (word == "long" && (next == "context" || next == "ctx")) {
      meter.unsupported = "long-context rate (the catalog holds the standard-context price)";
      ++i;
    } else if (word == "image") {
      meter.unsupported = "image tokens (the catalog holds text-token prices)";
    } else if (word == "customization" || word == "training" || word == "storage") {
      meter.unsupported = "model customization (training or storage), not inference";
    } else {
      unknown.push_back(word);
    }
  }
}

// What the inferenceType, feature and service_tier attributes add to (or say against) the usage type.
void apply_attributes(const std::map<std::string, std::string>& attributes, Meter& meter, OnDemandWords& found) {
  const std::string feature = lower(attribute(attributes, "feature"));
  const std::string inference = lower(attribute(attributes, "inferenceType"));
  const std::string tier = lower(attribute(attributes, "service_tier"));
  if (feature.find("batch") != std::string::npos || inference.find("batch") != std::string::npos || tier == "batch") {
    found.batch = true; // batch rows may say so only in `feature`
  }
  if (feature.find("customization") != std::string::npos || feature.find("custom model") != std::string::npos) {
    meter.unsupported =
        fmt::format("feature '{}' is not base-model inference", util::excerpt(attribute(attributes, "feature")));
  }
  if (feature.find("provisioned") != std::string::npos) {
    meter.unsupported = "feature says Provisioned Throughput but the usage type is not a model-unit meter";
  }
  for (const std::string_view variant : {"flex", "priority"}) {
    if (inference.find(variant) != std::string::npos || tier == variant) {
      if (meter.variant != "standard" && meter.variant != variant) {
        meter.unsupported = "usage type and attributes name different service tiers";
      }
      meter.variant = std::string(variant);
    }
  }
  if (inference.find("image") != std::string::npos) {
    meter.unsupported = "image tokens (the catalog holds text-token prices)";
  }
  std::optional<Dimension> said;
  if (inference.find("cache read") != std::string::npos) {
    said = Dimension::cache_read;
  } else if (inference.find("cache write") != std::string::npos) {
    said = Dimension::cache_write;
  } else if (inference.find("input") != std::string::npos) {
    said = Dimension::input;
  } else if (inference.find("output") != std::string::npos) {
    said = Dimension::output;
  }
  if (said && found.dimension && *said != *found.dimension) {
    meter.unsupported = fmt::format("usage type says {} but inferenceType '{}' says {}",
                                    k_dimension_names[static_cast<std::size_t>(*found.dimension)],
                                    util::excerpt(attribute(attributes, "inferenceType")),
                                    k_dimension_names[static_cast<std::size_t>(*said)]);
  }
  if (!found.dimension) {
    found.dimension = said;
  }
}

void finish_on_demand(Meter& meter, const OnDemandWords& found) {
  if (!found.dimension) {
    meter.unsupported = "usage type names no token direction (input, output, cache read or cache write)";
    return;
  }
  meter.dimension = *found.dimension;
  if (found.batch) {
    if (meter.dimension == Dimension::input) {
      meter.dimension = Dimension::batch_input;
    } else if (meter.dimension == Dimension::output) {
      meter.dimension = Dimension::batch_output;
    } else {
      meter.unsupported = "batch cache price (the catalog has no such field)";
    }
    if (meter.variant != "standard") {
      meter.unsupported = fmt::format("batch {} price (the catalog has no such field)", meter.variant);
    }
  }
  if (found.global) {
    meter.profile = "global";
  } else if (found.cross_region) {
    meter.unsupported = "geographic cross-Region rate (the usage type does not say which geography)";
  }
}

} // namespace

Meter classify_usage_type(std::string_view usage_type, const std::map<std::string, std::string>& attributes) {
  Meter meter;
  std::string_view rest = usage_type;
  if (const auto dash = rest.find('-'); dash != std::string_view::npos && is_region_prefix(rest.substr(0, dash))) {
    meter.region_prefix = std::string(rest.substr(0, dash));
    rest.remove_prefix(dash + 1);
  }
  std::string text = lower(rest);
  bool marketplace = false;
  if (text.starts_with("mp:")) { // Marketplace: "MP:USE1_InputTokenCount-Units"
    marketplace = true;
    const auto underscore = text.find('_');
    text = underscore == std::string::npos ? std::string() : text.substr(underscore + 1);
  }
  const std::vector<std::string> words = split_words(text);
  std::size_t start = words.size();
  for (std::size_t i = marketplace ? 0 : 1; i < words.size(); ++i) {
    if (k_meter_starts.contains(words[i])) {
      start = i;
      break;
    }
  }
  if (start == words.size()) {
    meter.unsupported = fmt::format("unrecognised usage type '{}'", util::excerpt(usage_type));
    return meter;
  }
  std::vector<std::string> model_words(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(start));
  if (!model_words.empty() && model_words.back() == "mantle") {
    model_words.pop_back();
  }
  for (std::size_t i = 0; i < model_words.size(); ++i) {
    meter.model_token += (i == 0 ? "" : "-") + model_words[i];
  }
  std::vector<std::string> unknown;
  if (words[start] == "provisionedthroughput") {
    parse_provisioned(words, start, meter, unknown);
    if (lower(attribute(attributes, "feature")).find("custom") != std::string::npos) {
      meter.custom_model = true;
    }
  } else if (words[start] == "reserved") {
    parse_reserved(words, start, meter, unknown);
  } else {
    OnDemandWords found;
    parse_on_demand(words, start, meter, found, unknown);
    apply_attributes(attributes, meter, found);
    if (meter.unsupported.empty()) {
      finish_on_demand(meter, found);
    }
  }
  if (!unknown.empty()) {
    meter.unsupported = fmt::format("unrecognised usage type '{}' (word '{}')", util::excerpt(usage_type),
                                    util::excerpt(unknown.front()));
  }
  return meter;
}

} // namespace bedrock_cost::catalog
