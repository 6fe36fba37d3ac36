#include "workload_notes.hpp"

#include "overlay_use.hpp"

#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <utility>

namespace bedrock_cost::engine {

namespace {

// Only on-demand is priced: no commitment price for the model (or for the terms asked for).
Note no_commitment_note(const CommitmentFacts& facts) {
  if (!facts.options.terms.empty()) {
    return Note::plain(fmt::format("No price for the term{} {} for {} in {}.",
                                   facts.options.terms.size() > 1 ? "s" : "", fmt::join(facts.options.terms, ", "),
                                   facts.model.id, facts.region));
  }
  Note note;
  note.kind = NoteKind::no_commitment_price;
  note.settings = {Setting::price_overlay};
  note.model = facts.model.id;
  note.region = facts.region;
  note.overlays = facts.catalog.overlays;
  note.overlay_rows_unused = overlay_prices_commitment(facts.catalog, facts.model.id);
  return note;
}

// The model-unit settings given with the workload: none unless one of them was.
std::vector<Setting> model_unit_settings(const CommitmentFacts& facts) {
  std::vector<Setting> given;
  const workload::CapacitySettings& capacity = facts.spec.capacity;
  if (capacity.model_units) {
    given.push_back(Setting::model_units);
  }
  if (capacity.mu_tpm || capacity.mu_input_tpm) {
    given.push_back(Setting::mu_capacity);
  }
  if (facts.options.headroom.units() > 0) {
    given.push_back(Setting::headroom);
  }
  return given;
}

Note settings_unused_note(const CommitmentFacts& facts, std::vector<Setting> given) {
  Note note;
  note.kind = NoteKind::model_unit_settings_unused;
  note.settings = std::move(given);
  note.model = facts.model.id;
  note.region = facts.region;
  note.for_terms_asked = !facts.options.terms.empty();
  return note;
}

Note asking_for(NoteKind kind, Setting setting) {
  Note note;
  note.kind = kind;
  note.settings = {setting};
  return note;
}

} // namespace

std::vector<Note> commitment_notes(const CommitmentFacts& facts) {
  std::vector<Note> notes;
  if (facts.batch_only) {
    return notes; // the batch note says it all
  }
  if (!facts.model_unit_prices && !facts.reserved_prices && !facts.legacy) { // (the lifecycle warning says why)
    notes.push_back(no_commitment_note(facts));
  } else if (facts.model_unit_prices && !facts.mu_capacity) {
    notes.push_back(asking_for(NoteKind::mu_capacity_missing, Setting::mu_capacity));
  }
  if (facts.spec.capacity.model_units && !facts.mu_capacity && facts.model_unit_prices) {
    notes.push_back(asking_for(NoteKind::model_units_need_capacity, Setting::model_units));
  }
  if (std::vector<Setting> given = model_unit_settings(facts); !given.empty() && !facts.model_unit_prices) {
    notes.push_back(settings_unused_note(facts, std::move(given)));
  }
  return notes;
}

Note traffic_note(const workload::WorkloadSpec& spec, const Traffic& traffic) {
  if (spec.series) {
    return Note::plain(spec.series_note.empty() ? std::string("traffic: a measured series of buckets")
                                                : spec.series_note);
  }
  if (!spec.shape || traffic.span_minutes <= spec.rate.period_minutes) {
    return asking_for(NoteKind::constant_rate, Setting::peak);
  }
  return Note::plain(
      fmt::format("traffic: {} shape, average {} and peak {} tokens/min, over a week of one-minute buckets",
                  workload::to_string(spec.shape->kind), util::format_decimal(traffic.avg_tpm),
                  util::format_decimal(traffic.peak_tpm)));
}

} // namespace bedrock_cost::engine
