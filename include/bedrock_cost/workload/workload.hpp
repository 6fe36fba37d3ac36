#pragma once

#include <bedrock_cost/util/fixed.hpp>

#include <cstdint>
#include <istream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::workload {

// Average traffic of one workload: tokens and requests per period of `period_minutes` (1, or 1440 for a
// rate given per day, which keeps a daily count exact).
struct TrafficRate {
  double input_tokens = 0;
  double output_tokens = 0;
  std::optional<double> requests; // unknown when the rate was given in tokens
  std::int64_t period_minutes = 1;
};

// How the rate varies over a week. DESIGN.md section 2: with hourly weights w (24 or 168, repeated to a week of
// minute buckets), f = (w - min w) / (max w - min w), m = mean(f), and the rate at each bucket is
// base + (peak - base) x f with base = (avg - peak x m) / (1 - m), so that the mean is avg and the maximum peak.
enum class ShapeKind { flat, diurnal, business_hours, weights };

struct TrafficShape {
  ShapeKind kind = ShapeKind::flat;
  double peak_tpm = 0;                // input + output tokens per minute in the busiest minute
  std::vector<double> hourly_weights; // 24 (a day, repeated) or 168 (Monday 00:00 UTC first); kind == weights
  std::string origin;                 // where the peak was given, for messages
};

// "flat", "diurnal", "business-hours" or "weights".
std::string_view to_string(ShapeKind kind);
// The hourly weights of a named shape: diurnal is a cosine day (lowest 03:00, highest 15:00 UTC, every day);
// business-hours is 1 from 09:00 to 17:00 UTC Monday to Friday and 0 otherwise (168 weights).
std::vector<double> shape_weights(ShapeKind kind);

// The committed-capacity settings a user can give for one workload (flags or workload file); the catalog and
// overlays supply the rest.
struct CapacitySettings {
  std::optional<std::int64_t> model_units; // fixed number of MUs instead of sizing to the peak
  std::optional<util::Fixed9> mu_input_tpm;
  std::optional<util::Fixed9> mu_output_tpm;
  std::optional<util::Fixed9> mu_tpm;
  std::string mu_origin; // where the MU capacity was given ("--mu-input-tpm", ...)
  struct ReservedQuote {
    util::Fixed9 input;  // USD per 1,000 input TPM per month
    util::Fixed9 output; // USD per 1,000 output TPM per month
  };
  std::map<std::string, ReservedQuote> reserved; // by term
  std::string reserved_origin;
};

// The account's own on-demand quotas for one workload (flags or workload file); they replace the catalog's
// defaults in the quota check.
struct QuotaSettings {
  std::optional<util::Fixed9> tpm; // tokens per minute
  std::optional<util::Fixed9> rpm; // requests per minute
  std::string tpm_origin;          // where they were given ("--quota-tpm", "w.json: /workloads/0/quota_tpm")
  std::string rpm_origin;
};

struct TrafficProfile;

// What imported usage covers, and how it becomes a month (DESIGN.md "Coverage"); for the report.
struct Coverage {
  std::int64_t period_first_minute = 0; // the period priced, in minutes since 1970-01-01 UTC
  std::int64_t period_minutes = 0;
  std::string period_origin;          // "--period", "--since/--until", ..., or empty: the data's first to last minute
  std::int64_t data_first_minute = 0; // this workload's first and last minute with data
  std::int64_t data_last_minute = 0;
  std::int64_t minutes_with_data = 0;
  std::string to_month; // how the period became a month: "scale", "whole-weeks" or "as-is"
};

// One model's traffic as the user describes it (flags or one entry of a workload file).
struct WorkloadSpec {
  std::string name;  // label in reports; defaults to the model
  std::string model; // ID, alias, profile ID or ARN, as given
  std::string region = "us-east-1";
  TrafficRate rate;
  std::optional<TrafficShape> shape; // none: the rate is constant
  // A measured series (imported usage, or a benchmark's); when set it is the traffic, and rate and shape only
  // describe it.
  std::shared_ptr<const TrafficProfile> series;
  std::string series_note;           // how the series was obtained, for the assumptions ("imported usage, ...")
  std::optional<Coverage> coverage;  // imported usage: what it covers
  std::vector<std::string> warnings; // about this workload's input (a short period, say), carried to its result
  CapacitySettings capacity;
  QuotaSettings quota;
  double batch_share = 0;       // share of input and output tokens sent as batch inference
  double cache_read_share = 0;  // share of real-time input tokens read from the prompt cache
  double cache_write_share = 0; // share of real-time input tokens written to the prompt cache
  bool region_given = false;    // the user named the Region (else it is the default)
  std::string origin;           // where it was given, for messages ("--model", "w.json: /workloads/2")
  std::string model_origin;     // where the model was named ("--model", "w.json: /workloads/2/model")
  std::string region_origin;    // where the Region was named, or the model when it was not
};

// The rate for `tpm` tokens per minute of which `input_share` are input tokens.
TrafficRate rate_from_tpm(double tpm, double input_share);
// The rate for `requests` requests per `period_minutes` of `input_tokens` in and `output_tokens` out each.
TrafficRate rate_from_requests(double requests, double input_tokens, double output_tokens,
                               std::int64_t period_minutes = 1);

// Throws a one-line std::invalid_argument reason when shares are outside [0, 1] or the cache shares add up
// to more than 1.
void check_shares(double batch_share, double cache_read_share, double cache_write_share);

// Reads a workload file (docs/workload-format.md); throws InputError naming the JSON path of a problem.
// Entries without a region get `default_region`.
struct WorkloadFile {
  std::optional<util::Fixed9> hours_per_month;
  std::vector<WorkloadSpec> workloads;
};
WorkloadFile load_workload_file(std::istream& in, std::string_view source_name, std::string_view default_region);

// One bucket of traffic. Token and request counts are in thousandths (milli-tokens), so that a rate such as
// 37,500.75 tokens per minute is held exactly; `input` excludes cache and batch tokens, which have their
// own fields and prices.
struct Bucket {
  std::int64_t input = 0;
  std::int64_t output = 0;
  std::int64_t cache_read = 0;
  std::int64_t cache_write = 0;
  std::int64_t batch_input = 0;
  std::int64_t batch_output = 0;
  std::int64_t requests = 0;
};

// Traffic as a series of equal buckets covering span_minutes(). Dense: `buckets` holds every bucket in time order.
// Sparse (imported usage): `buckets` holds only the buckets with data, `positions` the index of each in the series
// (increasing), and total_buckets how many buckets the series has; the others are empty. Every formula of the
// engine is a sum over buckets in which an empty bucket adds nothing, or needs only the count of buckets, so it
// reads both forms alike; memory follows the data, not the span.
struct TrafficProfile {
  std::int64_t bucket_minutes = 1;
  std::vector<Bucket> buckets;
  bool requests_known = false;
  bool sparse = false;
  std::vector<std::int64_t> positions; // sparse only
  std::int64_t total_buckets = 0;      // sparse only
  bool month_as_is = false;            // its totals are one month's traffic: priced as they are (k = 1)
  // When bucket 0 begins, in minutes since 1970-01-01 00:00 UTC: known for imported usage, else none (a shaped
  // week begins on a Monday 00:00 UTC by construction, but on no date).
  std::optional<std::int64_t> start_epoch_minute;

  // Buckets in the series, empty ones included.
  std::int64_t bucket_count() const { return sparse ? total_buckets : static_cast<std::int64_t>(buckets.size()); }
  std::int64_t span_minutes() const { return bucket_minutes * bucket_count(); }
  // The index in the series of buckets[i].
  std::int64_t position(std::size_t i) const { return sparse ? positions[i] : static_cast<std::int64_t>(i); }
};

// The factor k = M / S that takes the profile's totals to a month of `hours_per_month` hours, as an exact fraction
// {numerator, denominator}: (hours x 60) / span minutes, or 1 when its totals are a month's as they are.
std::pair<util::Int128, util::Int128> month_fraction(const TrafficProfile& profile, util::Fixed9 hours_per_month);

// A one-bucket profile (one rate period long) of the spec's constant rate, split into batch, cache and plain tokens by
// its shares (the parts add up exactly to the whole); throws std::invalid_argument on a rate too large to count.
TrafficProfile constant_profile(const WorkloadSpec& spec);

// A week of one-minute buckets following the spec's shape (DESIGN.md section 2): the week's token and request
// totals are exactly the average rate's (to the milli-token), and the busiest minute carries the peak. Throws
// std::invalid_argument when the peak is below the average or higher than the shape allows (naming the largest
// possible peak).
TrafficProfile shaped_profile(const WorkloadSpec& spec);

// The profile of a spec: its series when it has one, shaped when it has a shape with a peak, else constant.
std::shared_ptr<const TrafficProfile> build_profile(const WorkloadSpec& spec);

} // namespace bedrock_cost::workload
