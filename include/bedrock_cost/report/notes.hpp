#pragma once

// The engine's structured notes and price gaps in words, naming each setting the way the workload was given: a flag
// (--mu-tpm), a workload file's key and place (w.json: /workloads/2/model_units), or the flags that go with imported
// usage. Notes of kind text are their own words.

#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/engine/notes.hpp>

#include <string>
#include <vector>

namespace bedrock_cost::report {

// How the input gives `setting`, to ask for it: "--peak-tpm and --shape", "peak_tpm and shape in w.json:
// /workloads/0", "mu_capacity in --prices", …
std::string setting_name(engine::Setting setting, const engine::WorkloadInput& input);

// One note about a workload, as a sentence.
std::string note_text(const engine::Note& note, const engine::WorkloadInput& input);
// A workload's notes, as sentences.
std::vector<std::string> note_texts(const engine::WorkloadResult& workload);
// What a workload's recommendation rests on, as sentences: the traffic first, then the chosen option's assumptions.
std::vector<std::string> assumption_texts(const engine::WorkloadResult& workload);

// Why the catalog cannot price a workload: "fact (detail; remedy)", the remedy naming its setting for the input.
std::string gap_reason(const engine::PriceGap& gap);
// The error for a workload the catalog cannot price: "where: fact (detail; remedy)".
std::string gap_message(const engine::PriceGap& gap);

} // namespace bedrock_cost::report
