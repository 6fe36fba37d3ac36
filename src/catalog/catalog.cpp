#include <bedrock_cost/catalog/catalog.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>

namespace bedrock_cost::catalog {

bool covers(const std::vector<std::string>& regions, std::string_view region) {
  return std::find(regions.begin(), regions.end(), region) != regions.end();
}

const Model* Catalog::find(std::string_view id_or_alias) const {
  const auto it = std::lower_bound(models.begin(), models.end(), id_or_alias,
                                   [](const Model& m, std::string_view id) { return m.id < id; });
  if (it != models.end() && it->id == id_or_alias) {
    return &*it;
  }
  for (const Model& model : models) {
    if (covers(model.aliases, id_or_alias)) {
      return &model;
    }
  }
  return nullptr;
}

std::vector<std::string> Catalog::all_names() const {
  std::vector<std::string> names;
  for (const Model& model : models) {
    names.push_back(model.id);
    names.insert(names.end(), model.aliases.begin(), model.aliases.end());
  }
  return names;
}

namespace {
// The rows of `variant` an estimate may use: priced per token.
bool usable(const OnDemandRow& row, std::string_view variant) {
  return row.variant == variant && row.unit != PriceUnit::per_1k_characters;
}
} // namespace

const OnDemandRow* find_on_demand(const Model& model, std::string_view region,
                                  const std::optional<std::string>& profile, std::string_view variant) {
  if (profile) {
    for (const OnDemandRow& row : model.on_demand) {
      if (usable(row, variant) && row.profile == profile && (row.regions.empty() || covers(row.regions, region))) {
        return &row;
      }
    }
  }
  for (const OnDemandRow& row : model.on_demand) {
    if (usable(row, variant) && !row.profile && covers(row.regions, region)) {
      return &row;
    }
  }
  return nullptr;
}

std::string_view to_string(QuotaScope scope) {
  switch (scope) {
  case QuotaScope::in_region: return "in_region";
  case QuotaScope::cross_region: return "cross_region";
  case QuotaScope::global_cross_region: return "global_cross_region";
  }
  return "in_region";
}

const QuotaRow* find_quota(const Model& model, std::string_view region, QuotaScope scope) {
  const auto row = std::find_if(model.quotas.begin(), model.quotas.end(),
                                [&](const QuotaRow& q) { return q.scope == scope && covers(q.regions, region); });
  return row == model.quotas.end() ? nullptr : &*row;
}

const LifecycleRow* find_lifecycle(const Model& model, std::string_view region) {
  const LifecycleRow* everywhere = nullptr;
  for (const LifecycleRow& row : model.lifecycle) {
    if (covers(row.regions, region)) {
      return &row;
    }
    if (row.regions.empty() && everywhere == nullptr) {
      everywhere = &row;
    }
  }
  return everywhere;
}

std::string provenance_text(const Provenance& p) {
  if (p.as_of.empty()) {
    return fmt::format("{}: {}", p.source, p.origin);
  }
  return fmt::format("{}; {}, as of {}", p.source, p.origin, p.as_of);
}

std::string download_text(const PriceListDownload& download) {
  std::vector<std::string> dates;
  for (const DownloadedOffer& offer : download.offers) {
    dates.push_back(offer.publication_date.empty() ? std::string("undated") : offer.publication_date);
  }
  std::sort(dates.begin(), dates.end(), std::greater<>());
  dates.erase(std::unique(dates.begin(), dates.end()), dates.end());
  return fmt::format("AWS Price List downloaded {} (published {})", download.downloaded_at.substr(0, 10),
                     fmt::join(dates, ", "));
}

std::vector<std::string> priced_locations(const Model& model) {
  std::vector<std::string> locations;
  for (const OnDemandRow& row : model.on_demand) {
    if (!usable(row, "standard")) {
      continue;
    }
    if (row.profile) {
      locations.push_back(*row.profile + ". profile");
    } else {
      locations.insert(locations.end(), row.regions.begin(), row.regions.end());
    }
  }
  std::sort(locations.begin(), locations.end());
  locations.erase(std::unique(locations.begin(), locations.end()), locations.end());
  return locations;
}

bool is_region_code(std::string_view text) {
  return !text.empty() && text.find('-') != std::string_view::npos && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool is_term_name(std::string_view term) {
  if (term == "no_commitment") {
    return true;
  }
  const auto underscore = term.find('_');
  if (underscore == std::string_view::npos || underscore == 0 || underscore > 3) {
    return false;
  }
  const auto number = term.substr(0, underscore);
  const auto period = term.substr(underscore + 1);
  if (!std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; }) || number[0] == '0') {
    return false;
  }
  int count = 0;
  for (const char c : number) {
    count = count * 10 + (c - '0');
  }
  // Up to ten years: AWS sells 1 and 6 months (MUs) and 1 and 3 months (Reserved); anything longer is a typo.
  return (period == "month" && count <= 120) || (period == "year" && count <= 10);
}

} // namespace bedrock_cost::catalog
