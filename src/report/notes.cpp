#include <bedrock_cost/report/notes.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace bedrock_cost::report {

namespace {

using engine::InputForm;
using engine::NoteKind;
using engine::Remedy;
using engine::Setting;

// Where the input gave `setting`: a flag, a workload file's JSON path, or the flag of its MU capacity.
std::string given_at(Setting setting, const engine::WorkloadInput& input) {
  if (setting == Setting::model_units && input.form == InputForm::workload_file) {
    return fmt::format("{}/model_units", input.origin);
  }
  if (setting == Setting::mu_capacity && !input.mu_origin.empty()) {
    return input.mu_origin;
  }
  return setting_name(setting, input);
}

// The settings of `note`, each named by `name`, one after another.
template <typename Name> std::string named(const engine::Note& note, const engine::WorkloadInput& input, Name name) {
  std::vector<std::string> names;
  for (const Setting setting : note.settings) {
    names.push_back(name(setting, input));
  }
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string asked(const engine::Note& note, const engine::WorkloadInput& input) {
  return named(note, input, setting_name);
}

// What to do about a model with no commitment price: add a quote, or see why the overlay's rows for it did not apply.
std::string quote_hint(const engine::Note& note, const engine::WorkloadInput& input) {
  if (note.overlays.empty()) {
    return fmt::format("Add your quote with {}.", asked(note, input));
  }
  if (note.overlay_rows_unused) {
    return fmt::format("The rows of {} for it did not apply here: the warnings say why.",
                       fmt::join(note.overlays, ", "));
  }
  return fmt::format("{} price{} no commitment for it: add your quote for it with {}.", fmt::join(note.overlays, ", "),
                     note.overlays.size() == 1 ? "s" : "", asked(note, input));
}

std::string remedy_text(const engine::PriceGap& gap) {
  const engine::WorkloadInput input{gap.form, gap.where, ""};
  const std::string overlay = setting_name(Setting::price_overlay, input);
  switch (gap.remedy) {
  case Remedy::none: break;
  case Remedy::own_prices: return fmt::format("add your own with {}", overlay);
  case Remedy::add_price: return fmt::format("add the price with {}", overlay);
  case Remedy::drop_batch_share: return fmt::format("drop the batch share or add the price with {}", overlay);
  case Remedy::drop_cache_share: return fmt::format("drop the cache share or add the price with {}", overlay);
  case Remedy::source_region:
    return input.form == InputForm::workload_file
               ? fmt::format("give the workload's {}, the Region its requests are sent from",
                             setting_name(Setting::region, input))
               : fmt::format("give the Region the requests are sent from with {}",
                             setting_name(Setting::region, input));
  case Remedy::input_only:
    return fmt::format("an embedding model? give only input tokens, e.g. {} 1",
                       setting_name(Setting::input_share, input));
  }
  return "";
}

} // namespace

std::string setting_name(Setting setting, const engine::WorkloadInput& input) {
  const bool file = input.form == InputForm::workload_file;
  switch (setting) {
  case Setting::peak: return file ? fmt::format("peak_tpm and shape in {}", input.origin) : "--peak-tpm and --shape";
  case Setting::input_share: return file ? "input_share" : "--input-share";
  case Setting::model_units: return file ? fmt::format("model_units in {}", input.origin) : "--model-units";
  case Setting::mu_capacity:
    // A workload file holds no MU capacity: it belongs to the model, in an overlay.
    return file ? "mu_capacity in --prices"
                : "--mu-input-tpm and --mu-output-tpm, --mu-tpm, or mu_capacity in --prices";
  case Setting::headroom: return "--headroom";
  case Setting::price_overlay: return "--prices";
  case Setting::quota_rpm: return file ? fmt::format("quota_rpm in {}", input.origin) : "--quota-rpm";
  case Setting::region: return file ? "region" : "--region";
  }
  return "";
}

std::string note_text(const engine::Note& note, const engine::WorkloadInput& input) {
  switch (note.kind) {
  case NoteKind::text: break;
  case NoteKind::constant_rate:
    return fmt::format("traffic: a constant rate (no peak given), so commitments are sized to the average; give {} for "
                       "a realistic peak",
                       asked(note, input));
  case NoteKind::no_commitment_price:
    return fmt::format("No Provisioned Throughput or Reserved-tier price for {} in {} (AWS publishes none for most "
                       "current models): only on-demand is priced. {}",
                       note.model, note.region, quote_hint(note, input));
  case NoteKind::mu_capacity_missing:
    return fmt::format(
        "Provisioned Throughput is priced, but AWS publishes no model-unit capacity: sizing, provisioned "
        "and blended options need the tokens per minute one MU serves, from your AWS account team ({}). "
        "The break-even throughput per MU is shown.",
        asked(note, input));
  case NoteKind::model_units_need_capacity:
    return fmt::format("{} needs the MU capacity to show throttling and utilisation", named(note, input, given_at));
  case NoteKind::model_unit_settings_unused:
    return fmt::format(
        "The model-unit settings given ({}) are not used: no Provisioned Throughput price for {} in {}{}.",
        named(note, input, given_at), note.model, note.region, note.for_terms_asked ? " for the terms asked for" : "");
  case NoteKind::unlisted_request_quota:
    return fmt::format("{}: check Service Quotas for your account, or give your quota ({})", note.text,
                       asked(note, input));
  }
  return note.text;
}

std::vector<std::string> note_texts(const engine::WorkloadResult& workload) {
  std::vector<std::string> texts;
  for (const engine::Note& note : workload.notes) {
    texts.push_back(note_text(note, workload.input));
  }
  return texts;
}

std::vector<std::string> assumption_texts(const engine::WorkloadResult& workload) {
  const engine::Recommendation& rec = workload.recommendation;
  std::vector<std::string> texts;
  if (rec.traffic) {
    texts.push_back(note_text(*rec.traffic, workload.input));
  }
  texts.insert(texts.end(), rec.assumptions.begin(), rec.assumptions.end());
  return texts;
}

std::string gap_reason(const engine::PriceGap& gap) {
  std::vector<std::string> more;
  for (std::string part : {gap.detail, remedy_text(gap)}) {
    if (!part.empty()) {
      more.push_back(std::move(part));
    }
  }
  return more.empty() ? gap.fact : fmt::format("{} ({})", gap.fact, fmt::join(more, "; "));
}

std::string gap_message(const engine::PriceGap& gap) { return fmt::format("{}: {}", gap.where, gap_reason(gap)); }

} // namespace bedrock_cost::report
