#include <bedrock_cost/catalog/resolve.hpp>
#include <bedrock_cost/util/edit_distance.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <initializer_list>

namespace bedrock_cost::catalog {

namespace {

// Longest first, so that "us-gov." is not read as "us.".
constexpr std::array<std::string_view, 7> k_profile_prefixes = {"us-gov", "global", "apac", "us", "eu", "jp", "au"};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t pos = text.find(separator); pos != std::string_view::npos; pos = text.find(separator, start)) {
    parts.push_back(text.substr(start, pos - start));
    start = pos + 1;
  }
  parts.push_back(text.substr(start));
  return parts;
}

void take_profile(ModelReference& ref) {
  for (const std::string_view prefix : k_profile_prefixes) {
    if (ref.model_id.size() > prefix.size() + 1 && ref.model_id.starts_with(prefix) &&
        ref.model_id[prefix.size()] == '.') {
      ref.profile = std::string(prefix);
      ref.model_id.erase(0, prefix.size() + 1);
      return;
    }
  }
}

// "bedrock/[converse/|invoke/][REGION/][N-month-commitment/]ID", LiteLLM's names for a Bedrock model (its route, the
// Region and the commitment term of a price-map key): the ID, with the Region when one is named.
void take_litellm_name(ModelReference& ref) {
  std::string_view rest = ref.model_id;
  if (!rest.starts_with("bedrock/")) {
    return;
  }
  rest.remove_prefix(8);
  const auto take = [&rest](auto is_segment) {
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || !is_segment(rest.substr(0, slash))) {
      return std::string_view();
    }
    const std::string_view segment = rest.substr(0, slash);
    rest.remove_prefix(slash + 1);
    return segment;
  };
  take([](std::string_view s) { return s == "converse" || s == "invoke"; });
  const std::string_view region = take([](std::string_view s) { // "eu-west-1", "us-gov-west-1"
    const auto letter = [](char c) { return c >= 'a' && c <= 'z'; };
    return is_region_code(s) && s.size() > 5 && letter(s[0]) && letter(s[1]) && s[2] == '-' && s[s.size() - 2] == '-' &&
           s.back() >= '0' && s.back() <= '9';
  });
  take([](std::string_view s) { return s.ends_with("-month-commitment"); });
  if (rest.empty() || rest.find('/') != std::string_view::npos) {
    return; // not a model ID after all (an imported model's route and ARN, say): left as given
  }
  if (!region.empty()) {
    ref.region = std::string(region);
  }
  ref.model_id = std::string(rest);
}

} // namespace

ModelReference parse_model_reference(std::string_view text) {
  ModelReference ref;
  ref.text = std::string(text);
  ref.model_id = std::string(text);
  // arn:PARTITION:bedrock:REGION:ACCOUNT:RESOURCE-TYPE/RESOURCE-ID (the ID itself may contain ':').
  if (text.starts_with("arn:")) {
    const auto parts = split(text, ':');
    if (parts.size() >= 6 && parts[2] == "bedrock") {
      const std::string_view resource = text.substr(static_cast<std::size_t>(parts[5].data() - text.data()));
      const auto slash = resource.find('/');
      if (slash != std::string_view::npos) {
        if (!parts[3].empty()) {
          ref.region = std::string(parts[3]);
        }
        ref.model_id = std::string(resource.substr(slash + 1));
      }
    }
  }
  take_litellm_name(ref);
  take_profile(ref);
  return ref;
}

ResolveResult resolve_model(const Catalog& catalog, std::string_view text, std::string_view default_region) {
  const ModelReference ref = parse_model_reference(text);
  ResolveResult result;
  if (const Model* model = catalog.find(ref.model_id)) {
    result.match = Resolution{model, ref.region.value_or(std::string(default_region)), ref.profile};
    return result;
  }
  result.suggestions = util::nearest(ref.model_id, catalog.all_names());
  return result;
}

std::optional<std::string> profile_region_mismatch(std::string_view profile, std::string_view region) {
  const auto one_of = [&](std::initializer_list<std::string_view> regions) {
    return std::find(regions.begin(), regions.end(), region) != regions.end();
  };
  const bool us_gov = region.starts_with("us-gov-");
  if (profile == "us") {
    return region.starts_with("us-") && !us_gov ? std::nullopt : std::optional<std::string>("US Regions (us-…)");
  }
  if (profile == "us-gov") {
    return us_gov ? std::nullopt : std::optional<std::string>("GovCloud Regions (us-gov-…)");
  }
  if (profile == "eu") {
    return region.starts_with("eu-") ? std::nullopt : std::optional<std::string>("European Regions (eu-…)");
  }
  if (profile == "apac") {
    return region.starts_with("ap-") ? std::nullopt : std::optional<std::string>("Asia Pacific Regions (ap-…)");
  }
  if (profile == "jp") {
    return one_of({"ap-northeast-1", "ap-northeast-3"})
               ? std::nullopt
               : std::optional<std::string>("the Japanese Regions (ap-northeast-1, ap-northeast-3)");
  }
  if (profile == "au") {
    return one_of({"ap-southeast-2", "ap-southeast-4"})
               ? std::nullopt
               : std::optional<std::string>("the Australian Regions (ap-southeast-2, ap-southeast-4)");
  }
  return std::nullopt; // global: from any Region
}

std::string unknown_model_message(std::string_view text, const std::vector<std::string>& suggestions) {
  std::string message = fmt::format("unknown model '{}'", util::excerpt(text));
  if (!suggestions.empty()) {
    message += " (did you mean ";
    for (std::size_t i = 0; i < suggestions.size(); ++i) {
      message += i == 0 ? "" : i + 1 == suggestions.size() ? " or " : ", ";
      message += fmt::format("'{}'", suggestions[i]);
    }
    message += "?)";
  } else {
    message += "; run 'bedrock-cost models' to list the catalog";
  }
  return message;
}

} // namespace bedrock_cost::catalog
