#pragma once

#include <bedrock_cost/catalog/catalog.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::catalog {

// A model reference as a user or a log writes it, taken apart: "us.anthropic.claude-…" is profile "us"
// and model ID "anthropic.claude-…"; a foundation-model or inference-profile ARN also carries a Region, and so does
// a LiteLLM-style name ("bedrock/[converse/|invoke/][REGION/][N-month-commitment/]ID").
struct ModelReference {
  std::string text;                   // as given
  std::string model_id;               // without profile prefix
  std::optional<std::string> profile; // "us", "eu", "apac", "jp", "au", "us-gov", "global"
  std::optional<std::string> region;  // from an ARN or a LiteLLM-style name
};

// Splits `text` into its parts; never fails (an unknown shape is taken as a plain model ID).
ModelReference parse_model_reference(std::string_view text);

// A model reference matched to a catalog model.
struct Resolution {
  const Model* model = nullptr;
  std::string region;
  std::optional<std::string> profile;
};

// The outcome of a lookup: a match, or the nearest known IDs for "did you mean".
struct ResolveResult {
  std::optional<Resolution> match;
  std::vector<std::string> suggestions;
};

// Finds `text` in the catalog (exact ID, alias, profile-prefixed ID or ARN); the Region is the ARN's,
// else `default_region`.
ResolveResult resolve_model(const Catalog& catalog, std::string_view text, std::string_view default_region);

// The Regions a geographic inference profile takes requests from, in words ("US Regions (us-…)"), when `region`
// is not one of them; nullopt when it is, and for the global profile, which takes them from any Region. A request
// through "eu." is sent from a European Region and priced at that source Region's rate (AWS docs, "Supported
// Regions and models for inference profiles"), so an eu. request "from us-east-1" has no price.
std::optional<std::string> profile_region_mismatch(std::string_view profile, std::string_view region);

// "unknown model 'x' (did you mean 'a' or 'b'?)": the message for a failed lookup (a long 'x' cut short).
std::string unknown_model_message(std::string_view text, const std::vector<std::string>& suggestions);

} // namespace bedrock_cost::catalog
