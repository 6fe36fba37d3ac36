#include "quota.hpp"

#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace bedrock_cost::engine {

namespace {

using catalog::QuotaScope;

struct Peaks {
  double tpm = 0;
  double rpm = 0;
};

// What counts against the TPM quota: input and cache-write tokens, and output tokens times the burndown factor;
// cache reads do not (reference aws-formats.md section 7), and batch inference is not on-demand traffic.
Peaks peaks(const workload::TrafficProfile& profile, double burndown) {
  Peaks result;
  const auto minutes = static_cast<double>(profile.bucket_minutes);
  for (const workload::Bucket& b : profile.buckets) {
    const auto input = static_cast<double>(b.input + b.cache_write);
    result.tpm = std::max(result.tpm, (input + burndown * static_cast<double>(b.output)) / 1000.0 / minutes);
    result.rpm = std::max(result.rpm, static_cast<double>(b.requests) / 1000.0 / minutes);
  }
  return result;
}

QuotaScope route(const std::optional<std::string>& profile) {
  if (!profile) {
    return QuotaScope::in_region;
  }
  return *profile == "global" ? QuotaScope::global_cross_region : QuotaScope::cross_region;
}

std::string_view scope_words(QuotaScope scope) {
  switch (scope) {
  case QuotaScope::in_region: return "";
  case QuotaScope::cross_region: return " cross-Region";
  case QuotaScope::global_cross_region: return " global cross-Region";
  }
  return "";
}

// The catalog's quota row for the request. A plain model ID without an in-Region quota in its Region takes the
// cross-Region one: AWS lists no other for the models it serves only through inference profiles.
struct CatalogQuota {
  const catalog::QuotaRow* row = nullptr;
  bool instead_of_in_region = false;
};

CatalogQuota catalog_quota(const QuotaCheck& check) {
  const QuotaScope scope = route(check.match.profile);
  if (const catalog::QuotaRow* row = catalog::find_quota(check.model, check.match.region, scope)) {
    return {row, false};
  }
  if (scope != QuotaScope::in_region) {
    return {};
  }
  const catalog::QuotaRow* row = catalog::find_quota(check.model, check.match.region, QuotaScope::cross_region);
  return {row, row != nullptr};
}

// One quota to check against, and how the warning names it and where it comes from.
struct Limit {
  double value = 0;
  std::string name;     // "your quota", "the default cross-Region quota", ...
  std::string where;    // where it was given or published: "w.json: /workloads/0/quota_tpm", "AWS ...; ..."
  bool account = false; // the account's own (a flag, a workload file or an overlay), not the catalog's default
};

std::optional<Limit> pick_limit(const std::optional<util::Fixed9>& given, const std::string& given_origin,
                                const std::optional<catalog::Figure> catalog::QuotaRow::*figure,
                                const CatalogQuota& quota, std::string_view catalog_origin) {
  if (given) {
    return Limit{given->to_double(), "your quota", given_origin, true};
  }
  if (quota.row == nullptr || !(quota.row->*figure)) {
    return std::nullopt;
  }
  const catalog::Figure& value = *(quota.row->*figure);
  const bool own = value.provenance.origin != catalog_origin; // from an overlay
  std::string where = catalog::provenance_text(value.provenance);
  if (quota.instead_of_in_region) {
    where = "the catalog has no in-Region quota for it; " + where;
  }
  return Limit{value.value.to_double(),
               fmt::format("{}{} quota", own ? "your" : "the default", scope_words(quota.row->scope)), where, own};
}

} // namespace

void add_quota_checks(WorkloadResult& result, const QuotaCheck& check) {
  const CatalogQuota quota = catalog_quota(check);
  const double burndown = check.model.output_burndown ? check.model.output_burndown->value.to_double() : 1.0;
  const Peaks peak = peaks(check.profile, burndown);
  const std::string& region = check.match.region;
  if (const auto tpm =
          pick_limit(check.given.tpm, check.given.tpm_origin, &catalog::QuotaRow::tpm, quota, check.catalog_origin);
      tpm && peak.tpm > tpm->value) {
    const std::string counted = burndown != 1.0 ? fmt::format(" (output tokens counted {}x)", burndown) : "";
    result.warnings.push_back(fmt::format(
        "{}: peak on-demand traffic of {} tokens/min{} exceeds {} of {} tokens/min in {} ({}): on-demand alone would "
        "be throttled unless the quota is raised",
        check.model.id, util::format_decimal(peak.tpm), counted, tpm->name, util::format_decimal(tpm->value), region,
        tpm->where));
  }
  if (!check.profile.requests_known) {
    if (check.given.rpm) {
      result.notes.push_back(Note::plain(fmt::format("{}: not checked, as the traffic has no request count (give it "
                                                     "per request: requests per minute or per day, with the tokens of "
                                                     "a request)",
                                                     check.given.rpm_origin)));
    }
    return;
  }
  if (const auto rpm =
          pick_limit(check.given.rpm, check.given.rpm_origin, &catalog::QuotaRow::rpm, quota, check.catalog_origin);
      rpm && peak.rpm > rpm->value) {
    if (rpm->account) {
      result.warnings.push_back(fmt::format("{}: peak of {} requests/min exceeds {} of {} requests/min in {} ({}): "
                                            "on-demand alone would be throttled unless the quota is raised",
                                            check.model.id, util::format_decimal(peak.rpm), rpm->name,
                                            util::format_decimal(rpm->value), region, rpm->where));
    } else {
      // AWS's current bedrock-runtime quotas page lists token quotas only (data/quotas/README.md): a default
      // request quota from the older table is not a throttle to predict, only a figure to check.
      Note note;
      note.kind = NoteKind::unlisted_request_quota;
      note.text = fmt::format("{}: peak of {} requests/min is above {} of {} requests/min in {} ({}), which AWS no "
                              "longer lists for bedrock-runtime (its quotas are per token now)",
                              check.model.id, util::format_decimal(peak.rpm), rpm->name,
                              util::format_decimal(rpm->value), region, rpm->where);
      note.settings = {Setting::quota_rpm};
      result.notes.push_back(std::move(note));
    }
  }
}

} // namespace bedrock_cost::engine
