#include "lifecycle.hpp"

#include <fmt/format.h>

namespace bedrock_cost::engine {

namespace {

// The day the model became Legacy: the row's legacy date, else the date its source saw it Legacy.
std::string_view legacy_from(const catalog::LifecycleRow& row) {
  return row.legacy.empty() ? std::string_view(row.provenance.as_of) : std::string_view(row.legacy);
}

// The phase of `row` on `today` ("active" before it became Legacy): dates compare as text (YYYY-MM-DD).
std::string phase_on(const catalog::LifecycleRow& row, std::string_view today) {
  if (today < legacy_from(row)) {
    return "active";
  }
  if (today >= row.end_of_life) {
    return "end_of_life";
  }
  if (!row.extended_access.empty() && today >= row.extended_access) {
    return "extended_access";
  }
  return "legacy";
}

// "(source; origin, as of date)" for the lifecycle row.
std::string source_text(const LifecycleStatus& status) {
  return fmt::format("({})", catalog::provenance_text(status.provenance));
}

// What the price of a model in or past extended access rests on.
std::string extended_price_text(const LifecycleStatus& status) {
  if (status.extended_access_price) {
    return "priced at its extended-access price";
  }
  return "AWS says to expect higher prices then, set by the provider, and none is published: priced at the "
         "standard price, so the real cost is likely higher";
}

// The extended-access row of the route `standard` prices (its profile, or none), or nullptr: a profile request
// never takes the Region's own extended-access row, nor an in-Region request a profile's.
const catalog::OnDemandRow* extended_row(const catalog::Resolution& match, const catalog::OnDemandRow& standard) {
  const catalog::OnDemandRow* row =
      catalog::find_on_demand(*match.model, match.region, standard.profile, "extended_access");
  return row != nullptr && row->profile == standard.profile ? row : nullptr;
}

} // namespace

std::optional<LifecycleStatus> lifecycle_status(const catalog::Resolution& match, std::string_view today,
                                                const catalog::OnDemandRow& standard) {
  const catalog::LifecycleRow* row = catalog::find_lifecycle(*match.model, match.region);
  if (row == nullptr || today.empty()) {
    return std::nullopt;
  }
  LifecycleStatus status;
  status.phase = phase_on(*row, today);
  if (status.phase == "active") {
    return std::nullopt;
  }
  status.legacy = row->legacy;
  status.extended_access = row->extended_access;
  status.end_of_life = row->end_of_life;
  status.provenance = row->provenance;
  const bool past_extended = !row->extended_access.empty() && today >= row->extended_access;
  status.extended_access_price = past_extended && extended_row(match, standard) != nullptr;
  return status;
}

const catalog::OnDemandRow& lifecycle_prices(const catalog::Resolution& match, const LifecycleStatus& status,
                                             const catalog::OnDemandRow& standard) {
  if (status.extended_access_price) {
    return *extended_row(match, standard);
  }
  return standard;
}

std::string lifecycle_warning(const catalog::Resolution& match, const LifecycleStatus& status,
                              std::string_view origin) {
  const std::string model = fmt::format("{} ({})", match.model->name, match.model->id);
  if (status.phase == "end_of_life") {
    return fmt::format("{}: {} reached its end of life in {} on {} {}: requests to it fail, so this prices traffic "
                       "Bedrock no longer serves, and only a quote of yours (a price overlay) prices Provisioned "
                       "Throughput; move to an Active model",
                       origin, model, match.region, status.end_of_life, source_text(status));
  }
  const std::string no_pt = "AWS sells no new Provisioned Throughput for a Legacy model, so only a quote of yours (a "
                            "price overlay) prices it";
  if (status.phase == "extended_access") {
    return fmt::format("{}: {} is in extended access in {} since {}, end of life {} {}: {}; {}", origin, model,
                       match.region, status.extended_access, status.end_of_life, source_text(status),
                       extended_price_text(status), no_pt);
  }
  const std::string since = status.legacy.empty() ? "" : fmt::format(" since {}", status.legacy);
  const std::string extended = status.extended_access.empty()
                                   ? ""
                                   : fmt::format("extended access (prices may rise) from {}, ", status.extended_access);
  return fmt::format("{}: {} is Legacy in {}{} {}: {}end of life {}, when requests start to fail; {}", origin, model,
                     match.region, since, source_text(status), extended, status.end_of_life, no_pt);
}

} // namespace bedrock_cost::engine
