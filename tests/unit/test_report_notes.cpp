// The engine's structured notes and price gaps, worded by the report for the way the workload was given: flags,
// a workload file (its keys and JSON path) or imported usage (whose settings are flags).

#include "test_helpers.hpp"

#include <bedrock_cost/engine/errors.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/report/notes.hpp>

#include <catch2/catch.hpp>

using namespace bedrock_cost;
using engine::InputForm;
using engine::Note;
using engine::NoteKind;
using engine::Setting;

namespace {

const engine::WorkloadInput k_flags{InputForm::flags, "--model", ""};
const engine::WorkloadInput k_file{InputForm::workload_file, "w.json: /workloads/2", ""};
const engine::WorkloadInput k_usage{InputForm::usage, "usage of acme.x in us-east-1", ""};

Note note(NoteKind kind, std::vector<Setting> settings) {
  Note n;
  n.kind = kind;
  n.settings = std::move(settings);
  n.model = "anthropic.claude-instant-v1";
  n.region = "us-east-1";
  return n;
}

} // namespace

TEST_CASE("a setting is named as the input gives it") {
  CHECK(report::setting_name(Setting::peak, k_flags) == "--peak-tpm and --shape");
  CHECK(report::setting_name(Setting::peak, k_file) == "peak_tpm and shape in w.json: /workloads/2");
  CHECK(report::setting_name(Setting::model_units, k_flags) == "--model-units");
  CHECK(report::setting_name(Setting::model_units, k_file) == "model_units in w.json: /workloads/2");
  CHECK(report::setting_name(Setting::mu_capacity, k_flags) ==
        "--mu-input-tpm and --mu-output-tpm, --mu-tpm, or mu_capacity in --prices");
  CHECK(report::setting_name(Setting::mu_capacity, k_file) == "mu_capacity in --prices");
  CHECK(report::setting_name(Setting::mu_capacity, k_usage) == report::setting_name(Setting::mu_capacity, k_flags));
  CHECK(report::setting_name(Setting::input_share, k_file) == "input_share");
  for (const auto& input : {k_flags, k_file, k_usage}) { // flags in every form
    CHECK(report::setting_name(Setting::headroom, input) == "--headroom");
    CHECK(report::setting_name(Setting::price_overlay, input) == "--prices");
  }
}

TEST_CASE("structured notes keep their flag wording and name a workload file's keys") {
  const Note constant = note(NoteKind::constant_rate, {Setting::peak});
  CHECK(report::note_text(constant, k_flags) == "traffic: a constant rate (no peak given), so commitments are sized to "
                                                "the average; give --peak-tpm and --shape for a realistic peak");
  CHECK(report::note_text(constant, k_file) ==
        "traffic: a constant rate (no peak given), so commitments are sized to the average; give peak_tpm and shape "
        "in w.json: /workloads/2 for a realistic peak");
  const Note capacity = note(NoteKind::mu_capacity_missing, {Setting::mu_capacity});
  CHECK(report::note_text(capacity, k_file) ==
        "Provisioned Throughput is priced, but AWS publishes no model-unit capacity: sizing, provisioned and blended "
        "options need the tokens per minute one MU serves, from your AWS account team (mu_capacity in --prices). The "
        "break-even throughput per MU is shown.");
  const Note units = note(NoteKind::model_units_need_capacity, {Setting::model_units});
  CHECK(report::note_text(units, k_flags) == "--model-units needs the MU capacity to show throttling and utilisation");
  CHECK(report::note_text(units, k_file) ==
        "w.json: /workloads/2/model_units needs the MU capacity to show throttling and utilisation");
  Note unused =
      note(NoteKind::model_unit_settings_unused, {Setting::model_units, Setting::mu_capacity, Setting::headroom});
  unused.for_terms_asked = true;
  CHECK(report::note_text(unused, {InputForm::flags, "--model", "--mu-tpm"}) ==
        "The model-unit settings given (--model-units, --mu-tpm, --headroom) are not used: no Provisioned Throughput "
        "price for anthropic.claude-instant-v1 in us-east-1 for the terms asked for.");
  unused.settings = {Setting::model_units, Setting::headroom}; // a workload file holds no MU capacity
  unused.for_terms_asked = false;
  CHECK(report::note_text(unused, k_file) ==
        "The model-unit settings given (w.json: /workloads/2/model_units, --headroom) are not used: no Provisioned "
        "Throughput price for anthropic.claude-instant-v1 in us-east-1.");
  CHECK(report::note_text(Note::plain("as it is --x"), k_file) == "as it is --x");
}

TEST_CASE("the note on a model without commitment prices says what to do about the overlays") {
  Note n = note(NoteKind::no_commitment_price, {Setting::price_overlay});
  const std::string start = "No Provisioned Throughput or Reserved-tier price for anthropic.claude-instant-v1 in "
                            "us-east-1 (AWS publishes none for most current models): only on-demand is priced. ";
  CHECK(report::note_text(n, k_file) == start + "Add your quote with --prices.");
  n.overlays = {"quote.json"};
  CHECK(report::note_text(n, k_flags) == start + "quote.json prices no commitment for it: add your quote for it with "
                                                 "--prices.");
  n.overlays = {"a.json", "b.json"};
  CHECK(report::note_text(n, k_flags) == start + "a.json, b.json price no commitment for it: add your quote for it "
                                                 "with --prices.");
  n.overlay_rows_unused = true;
  CHECK(report::note_text(n, k_flags) == start + "The rows of a.json, b.json for it did not apply here: the warnings "
                                                 "say why.");
}

TEST_CASE("a price gap is worded with its remedy, naming the setting as the input gives it") {
  engine::PriceGap gap{"w.json: /workloads/0",
                       "'amazon.titan-embed-text-v2:0' has no on-demand output price in us-east-1", "",
                       engine::Remedy::input_only, InputForm::workload_file};
  CHECK(report::gap_message(gap) ==
        "w.json: /workloads/0: 'amazon.titan-embed-text-v2:0' has no on-demand output "
        "price in us-east-1 (an embedding model? give only input tokens, e.g. input_share 1)");
  gap.form = InputForm::flags;
  CHECK(report::gap_reason(gap) == "'amazon.titan-embed-text-v2:0' has no on-demand output price in us-east-1 (an "
                                   "embedding model? give only input tokens, e.g. --input-share 1)");
  gap.detail = "AWS lists no batch price for it here";
  gap.remedy = engine::Remedy::drop_batch_share;
  CHECK(report::gap_reason(gap) == "'amazon.titan-embed-text-v2:0' has no on-demand output price in us-east-1 (AWS "
                                   "lists no batch price for it here; drop the batch share or add the price with "
                                   "--prices)");
  gap.remedy = engine::Remedy::none;
  CHECK(report::gap_reason(gap) == "'amazon.titan-embed-text-v2:0' has no on-demand output price in us-east-1 (AWS "
                                   "lists no batch price for it here)");
  gap.detail.clear();
  CHECK(report::gap_reason(gap) == "'amazon.titan-embed-text-v2:0' has no on-demand output price in us-east-1");
  // The engine's own message leaves the remedy to the report.
  gap.detail = "more";
  CHECK(std::string(engine::UnpricedWorkload(gap).what()) ==
        "w.json: /workloads/0: 'amazon.titan-embed-text-v2:0' has no on-demand output price in us-east-1 (more)");
}

TEST_CASE("the engine's notes say what is missing and which setting provides it, and how the workload came") {
  const catalog::Catalog c = test::load(test::k_catalog);
  auto s = test::token_workload("anthropic.claude-3-haiku-20240307-v1:0", 1'000'000, 200'000);
  s.origin = "w.json: /workloads/0";
  s.capacity.model_units = 4;
  engine::EstimateOptions options;
  options.input_form = InputForm::workload_file;
  const auto w = engine::estimate(c, {s}, options).workloads.at(0);
  CHECK(w.input.form == InputForm::workload_file);
  CHECK(w.input.origin == "w.json: /workloads/0");
  REQUIRE(w.notes.size() == 2);
  CHECK(w.notes[0].kind == NoteKind::mu_capacity_missing);
  CHECK(w.notes[0].settings == std::vector{Setting::mu_capacity});
  CHECK(w.notes[1].kind == NoteKind::model_units_need_capacity);
  CHECK(w.notes[1].settings == std::vector{Setting::model_units});
  CHECK(report::note_texts(w).at(1) ==
        "w.json: /workloads/0/model_units needs the MU capacity to show throttling and utilisation");
  // Without a Provisioned Throughput price (the terms asked for price none) the settings given are unused.
  options.terms = {"6_month"};
  options.headroom = util::Fixed9::parse("0.2");
  const auto unpriced = engine::estimate(c, {s}, options).workloads.at(0);
  REQUIRE(unpriced.notes.size() == 2);
  CHECK(unpriced.notes[0].kind == NoteKind::text); // "No price for the term 6_month ..."
  CHECK(unpriced.notes[1].kind == NoteKind::model_unit_settings_unused);
  CHECK(unpriced.notes[1].settings == std::vector{Setting::model_units, Setting::headroom});
  CHECK(unpriced.notes[1].for_terms_asked);
}

TEST_CASE("the assumptions put the traffic first, worded for the input") {
  const catalog::Catalog c = test::load(test::k_catalog);
  auto s = test::token_workload("anthropic.claude-3-haiku-20240307-v1:0", 1'000'000, 200'000);
  s.capacity.mu_tpm = util::Fixed9::parse("1200000");
  s.capacity.mu_origin = "--mu-tpm";
  const auto w = engine::estimate(c, {s}, {}).workloads.at(0);
  const auto texts = report::assumption_texts(w);
  REQUIRE(texts.size() == w.recommendation.assumptions.size() + 1);
  CHECK(texts.front() == "traffic: a constant rate (no peak given), so commitments are sized to the average; give "
                         "--peak-tpm and --shape for a realistic peak");
  CHECK(texts.at(1) == w.recommendation.assumptions.front());
}
