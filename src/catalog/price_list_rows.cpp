#include "price_list_import.hpp"

#include <bedrock_cost/util/json_writer.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <stdexcept>
#include <utility>

// The rows of a model's on-demand, provisioned and reserved sections: the figures in the catalog's units, one row
// per set of identical figures listing its Regions, each with the sources, date and SKUs of the prices behind it.

namespace bedrock_cost::catalog::detail {

using ojson = nlohmann::ordered_json;

namespace {

using util::Fixed9;

std::string joined_sources(const std::vector<const Price*>& prices, std::string& as_of, std::set<std::string>& skus) {
  std::set<std::string> labels;
  for (const Price* price : prices) {
    labels.insert(price->source);
    as_of = std::max(as_of, price->as_of);
    skus.insert(price->skus.begin(), price->skus.end());
  }
  return fmt::format("{}", fmt::join(labels, ", "));
}

ojson provenance_fields(ojson row, const std::vector<const Price*>& prices) {
  std::string as_of;
  std::set<std::string> skus;
  row["source"] = joined_sources(prices, as_of, skus);
  row["as_of"] = as_of;
  row["x_skus"] = skus;
  return row;
}

// A price as a JSON number when that number reads back as exactly the price (as every real price does), else as
// its decimal string, which catalogs read exactly too: 9223372036.854775807 as a double would be out of range.
ojson price_json(const Price& price) {
  const double number = price.value.to_double();
  try {
    if (Fixed9::from_double(number) == price.value) {
      ojson result = number;
      return result;
    }
  } catch (const std::invalid_argument&) {
  }
  ojson result = price.value.to_string();
  return result;
}

// The figures of a row as the catalog writes them: {"input": 0.25, ...}, or {"term": price, ...}, or
// {"term": {"input": price, "output": price}, ...}.
ojson figures_json(const DimensionPrices& prices) {
  ojson row = ojson::object();
  for (std::size_t d = 0; d < k_dimension_count; ++d) {
    if (prices.at(d) != nullptr) {
      row[std::string(k_dimension_names.at(d))] = price_json(*prices.at(d));
    }
  }
  return row;
}

ojson figures_json(const TermPrices& prices) {
  ojson terms = ojson::object();
  for (const auto& [term, price] : prices) {
    terms[term] = price_json(*price);
  }
  return terms;
}

ojson figures_json(const ReservedPrices& prices) {
  ojson terms = ojson::object();
  for (const auto& [term, pair] : prices) {
    ojson sides = ojson::object();
    if (pair[0] != nullptr) {
      sides["input"] = price_json(*pair[0]);
    }
    if (pair[1] != nullptr) {
      sides["output"] = price_json(*pair[1]);
    }
    terms[term] = sides;
  }
  return terms;
}

// Adds the prices behind a row's figures to `used`.
template <std::size_t N> void add_used(const std::array<const Price*, N>& prices, std::vector<const Price*>& used) {
  std::copy_if(prices.begin(), prices.end(), std::back_inserter(used), [](const Price* p) { return p != nullptr; });
}

void add_used(const TermPrices& prices, std::vector<const Price*>& used) {
  for (const auto& [term, price] : prices) {
    used.push_back(price);
  }
}

void add_used(const ReservedPrices& prices, std::vector<const Price*>& used) {
  for (const auto& [term, pair] : prices) {
    add_used(pair, used);
  }
}

// Rows with identical figures in several Regions become one row listing the Regions.
template <typename Value> struct RegionGroup {
  std::vector<std::string> regions;
  std::vector<Value> values; // one per Region, all with the same figures

  // The row's figures, with the source, date and SKUs of every price behind them.
  ojson provenance(ojson row) const {
    std::vector<const Price*> used;
    for (const Value& value : values) {
      add_used(value, used);
    }
    return provenance_fields(std::move(row), used);
  }
};

template <typename Value> std::vector<RegionGroup<Value>> group_regions(const ByRegion<Value>& by_region) {
  std::vector<RegionGroup<Value>> groups;
  std::map<std::string, std::size_t> index;
  for (const auto& [region, value] : by_region) {
    const std::string key = util::dump_json(figures_json(value));
    auto found = index.find(key);
    if (found == index.end()) {
      found = index.emplace(key, groups.size()).first;
      groups.emplace_back();
    }
    groups[found->second].regions.push_back(region);
    groups[found->second].values.push_back(value);
  }
  return groups;
}

ojson on_demand_row(const std::pair<std::string, std::string>& profile_variant,
                    const RegionGroup<DimensionPrices>& group, bool only_group) {
  const auto& [profile, variant] = profile_variant;
  // A profile row with one set of prices applies from any Region (as the catalog's own global rows do).
  ojson row = !profile.empty() && only_group ? ojson::object() : ojson{{"regions", group.regions}};
  if (!profile.empty()) {
    row["profile"] = profile;
  }
  if (variant != "standard") {
    row["variant"] = variant;
  }
  row["unit"] = "per_1m_tokens";
  row.update(figures_json(group.values.front()));
  return group.provenance(std::move(row));
}

} // namespace

ojson on_demand_rows(const OnDemandGroups& by_group) {
  ojson rows = ojson::array();
  for (const auto& [profile_variant, by_region] : by_group) {
    const auto groups = group_regions(by_region);
    for (const auto& group : groups) {
      rows.push_back(on_demand_row(profile_variant, group, groups.size() == 1));
    }
  }
  return rows;
}

ojson provisioned_rows(const ImportedModel& imported) {
  std::map<bool, ByRegion<TermPrices>> by_custom;
  for (const auto& [key, terms] : imported.provisioned) {
    TermPrices prices;
    for (const auto& [term, price] : terms) {
      if (!price.conflict) {
        prices[term] = &price;
      }
    }
    if (!prices.empty()) {
      by_custom[key.second].emplace_back(key.first, prices);
    }
  }
  ojson rows = ojson::array();
  for (const auto& [custom, by_region] : by_custom) {
    for (const auto& group : group_regions(by_region)) {
      ojson row{{"regions", group.regions}};
      if (custom) {
        row["custom_model"] = true;
      }
      row["unit"] = "per_mu_hour";
      row["terms"] = figures_json(group.values.front());
      rows.push_back(group.provenance(std::move(row)));
    }
  }
  return rows;
}

ojson reserved_rows(const ByRegion<ReservedPrices>& by_region) {
  ojson rows = ojson::array();
  for (const auto& group : group_regions(by_region)) {
    ojson row{{"regions", group.regions}, {"unit", "per_1k_tpm_month"}, {"terms", figures_json(group.values.front())}};
    row["note"] = "AWS prices reserved capacity per 1K TPM-hour; written per month as 730 hours";
    rows.push_back(group.provenance(std::move(row)));
  }
  return rows;
}

std::size_t figures_written(const ojson& rows) {
  std::size_t count = 0;
  for (const ojson& row : rows) {
    const std::size_t regions = row.contains("regions") ? row["regions"].size() : 1;
    std::size_t figures = 0;
    if (row.contains("terms")) {
      for (const auto& [term, value] : row["terms"].items()) {
        figures += value.is_object() ? value.size() : 1;
      }
    } else {
      for (const std::string_view dimension : k_dimension_names) {
        figures += row.contains(dimension) ? 1U : 0U;
      }
    }
    count += figures * regions;
  }
  return count;
}

} // namespace bedrock_cost::catalog::detail
