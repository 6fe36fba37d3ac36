#include <bedrock_cost/catalog/listing.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace bedrock_cost::catalog {

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), text.begin(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         });
}

bool overlaps(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  return std::any_of(a.begin(), a.end(), [&](const std::string& r) { return covers(b, r); });
}

std::vector<std::string> terms_for(const Model& model, const std::vector<std::string>& regions,
                                   const std::optional<std::string>& region) {
  std::vector<std::string> terms;
  for (const ProvisionedRow& row : model.provisioned) {
    const bool here = region ? covers(row.regions, *region) : regions.empty() || overlaps(row.regions, regions);
    if (row.custom_model || !here) {
      continue;
    }
    for (const auto& [term, unused] : row.usd_per_mu_hour) {
      if (!covers(terms, term)) {
        terms.push_back(term);
      }
    }
  }
  // no_commitment first, then by length of commitment ("1_month" < "6_month").
  std::sort(terms.begin(), terms.end(), [](const std::string& a, const std::string& b) {
    return std::pair{a != "no_commitment", a} < std::pair{b != "no_commitment", b};
  });
  return terms;
}

} // namespace

std::vector<ListingRow> list_models(const Catalog& catalog, const ModelFilter& filter) {
  std::vector<ListingRow> rows;
  for (const Model& model : catalog.models) {
    if (filter.provider && !starts_with_ignoring_case(model.provider, *filter.provider)) {
      continue;
    }
    bool listed = false;
    for (const OnDemandRow& row : model.on_demand) {
      if (filter.region && !row.regions.empty() && !covers(row.regions, *filter.region)) {
        continue;
      }
      rows.push_back(ListingRow{&model, &row, terms_for(model, row.regions, filter.region)});
      listed = true;
    }
    if (!listed && model.on_demand.empty()) {
      auto terms = terms_for(model, {}, filter.region);
      if (!filter.region || !terms.empty()) {
        rows.push_back(ListingRow{&model, nullptr, std::move(terms)});
      }
    }
  }
  return rows;
}

std::vector<std::string> regions(const Catalog& catalog) {
  std::vector<std::string> names;
  const auto add = [&](const std::vector<std::string>& more) { names.insert(names.end(), more.begin(), more.end()); };
  for (const Model& model : catalog.models) {
    for (const OnDemandRow& row : model.on_demand) {
      add(row.regions);
    }
    for (const ProvisionedRow& row : model.provisioned) {
      add(row.regions);
    }
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::vector<std::string> providers(const Catalog& catalog) {
  std::vector<std::string> names;
  for (const Model& model : catalog.models) {
    if (!covers(names, model.provider)) {
      names.push_back(model.provider);
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::optional<std::string> geography_profile(std::string_view region) {
  // Longest prefix first: us-gov-west-1 is not in the "us" geography.
  constexpr std::array<std::pair<std::string_view, std::string_view>, 4> k_geographies = {
      {{"us-gov-", "us-gov"}, {"us-", "us"}, {"eu-", "eu"}, {"ap-", "apac"}}};
  for (const auto& [prefix, profile] : k_geographies) {
    if (region.starts_with(prefix)) {
      return std::string(profile);
    }
  }
  return std::nullopt;
}

std::vector<std::string> usage_model_ids(const Catalog& catalog, std::string_view region) {
  std::vector<std::string> ids;
  const std::optional<std::string> geography = geography_profile(region);
  for (const Model& model : catalog.models) {
    std::vector<std::string> profiles;
    if (find_on_demand(model, region, std::nullopt) != nullptr) {
      ids.push_back(model.id);
      if (geography) {
        profiles.push_back(*geography);
      }
    }
    for (const OnDemandRow& row : model.on_demand) {
      if (row.profile && !covers(profiles, *row.profile) && find_on_demand(model, region, row.profile) == &row) {
        profiles.push_back(*row.profile);
      }
    }
    for (const std::string& profile : profiles) {
      ids.push_back(fmt::format("{}.{}", profile, model.id));
    }
  }
  return ids;
}

} // namespace bedrock_cost::catalog
