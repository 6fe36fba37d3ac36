// Which rows of a --prices overlay applied to nothing, and why: a quote for another Region or model must not be
// ignored without a word.

#include "overlay_use.hpp"

#include <bedrock_cost/util/printable.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

namespace bedrock_cost::engine {

namespace {

std::string what_of(const std::string& kind) {
  if (kind == "on_demand") {
    return "on-demand prices";
  }
  if (kind == "provisioned") {
    return "Provisioned Throughput prices";
  }
  if (kind == "reserved") {
    return "Reserved-tier prices";
  }
  if (kind == "quotas") {
    return "quotas";
  }
  return "MU capacity";
}

std::string profile_text(const std::optional<std::string>& profile) {
  return profile ? fmt::format("the {}. profile", *profile) : std::string("no cross-Region profile");
}

// Where the row applies: "in us-west-2", "in us-east-1, us-west-2", "through the global. profile", "in any Region".
std::string place_text(const catalog::OverlayRow& row) {
  if (!row.regions.empty()) {
    return fmt::format("in {}", fmt::join(row.regions, ", "));
  }
  return row.profile ? fmt::format("through the {}. profile", *row.profile) : std::string("in any Region");
}

bool same_place(const catalog::OverlayRow& row, const WorkloadResult& w) {
  if (row.kind == "mu_capacity") {
    return true;
  }
  if (row.kind == "on_demand" && row.profile != w.profile) {
    return false;
  }
  return row.regions.empty() ? row.kind == "on_demand" : catalog::covers(row.regions, w.region);
}

bool term_priced(const catalog::OverlayRow& row, const std::vector<std::string>& terms) {
  return terms.empty() || row.terms.empty() ||
         std::any_of(row.terms.begin(), row.terms.end(), [&](const std::string& term) {
           return std::find(terms.begin(), terms.end(), term) != terms.end();
         });
}

// Why the row applied to none of `runs` (the workloads of its model), or empty when it applied; `by_term` is set when
// only the terms priced leave it out.
std::string reason(const catalog::OverlayRow& row, const std::vector<const WorkloadResult*>& runs,
                   const std::vector<std::string>& terms, bool& by_term) {
  std::vector<const WorkloadResult*> here;
  for (const WorkloadResult* w : runs) {
    if (same_place(row, *w)) {
      here.push_back(w);
    }
  }
  if (here.empty()) {
    std::set<std::string> places;
    for (const WorkloadResult* w : runs) {
      places.insert(row.kind == "on_demand" && row.profile != w->profile
                        ? fmt::format("{} with {}", w->region, profile_text(w->profile))
                        : w->region);
    }
    return fmt::format("the workloads of this model run in {}", fmt::join(places, ", "));
  }
  if (!term_priced(row, terms)) {
    by_term = true;
    return fmt::format("its terms ({}) are not among the terms priced ({})", fmt::join(row.terms, ", "),
                       fmt::join(terms, ", "));
  }
  return {};
}

} // namespace

UnusedOverlayRows unused_overlay_rows(const catalog::Catalog& catalog, const CostReport& report,
                                      const std::vector<std::string>& terms) {
  UnusedOverlayRows unused;
  std::set<std::string> priced_models;
  for (const WorkloadResult& w : report.workloads) {
    priced_models.insert(fmt::format("{} in {}", w.model_id, w.region));
  }
  for (const catalog::OverlayRow& row : catalog.overlay_rows) {
    std::vector<const WorkloadResult*> runs;
    for (const WorkloadResult& w : report.workloads) {
      if (w.model_id == row.model) {
        runs.push_back(&w);
      }
    }
    bool by_term = false;
    std::string why;
    if (runs.empty()) {
      why = priced_models.empty()
                ? std::string("no workload was priced")
                : fmt::format("no workload runs this model (the estimate prices {})", fmt::join(priced_models, "; "));
    } else {
      why = reason(row, runs, terms, by_term);
    }
    if (!why.empty()) {
      (by_term ? unused.notes : unused.warnings)
          .push_back(fmt::format("{}: {} for {} {} applied to no workload: {}", util::printable(row.where),
                                 what_of(row.kind), util::printable(row.model), place_text(row), why));
    }
  }
  return unused;
}

bool overlay_prices_commitment(const catalog::Catalog& catalog, const std::string& model) {
  return std::any_of(catalog.overlay_rows.begin(), catalog.overlay_rows.end(), [&](const catalog::OverlayRow& row) {
    return row.model == model && (row.kind == "provisioned" || row.kind == "reserved");
  });
}

} // namespace bedrock_cost::engine
