#pragma once

// What the engine says about a workload that the user could change, by what the setting is, never by how it is
// given: the report words each note for the way the workload came (flags, a workload file or imported usage;
// report/notes.hpp), so that a workload-file user is pointed at the file, not at a flag.

#include <string>
#include <utility>
#include <vector>

namespace bedrock_cost::engine {

// A setting the user can give, by what it is (a flag, a workload file's key and a price overlay are ways to give it).
enum class Setting {
  peak,          // the busiest minute's tokens per minute and the shape of the week
  input_share,   // the share of the traffic that is input tokens
  model_units,   // a number of MUs to buy instead of sizing to the peak
  mu_capacity,   // the tokens per minute one MU serves
  headroom,      // how far above the peak provisioned MUs are sized
  price_overlay, // the user's own prices and MU capacity: an overlay of the catalog
  quota_rpm,     // the account's own request quota (requests per minute)
  region,        // the Region the requests are sent from
};

// How the workloads of an estimate were given.
enum class InputForm { flags, workload_file, usage };

// How one workload was given, for naming its settings the way the user gives them.
struct WorkloadInput {
  InputForm form = InputForm::flags;
  std::string origin;    // where the workload was given: "--model", "w.json: /workloads/2", "usage of … in …"
  std::string mu_origin; // where its MU capacity was given ("--mu-tpm", …); empty when it was not
};

enum class NoteKind {
  text,                       // Note::text, a sentence that names no setting
  constant_rate,              // the traffic has no peak, so commitments are sized to the average
  no_commitment_price,        // no Provisioned Throughput or Reserved-tier price: only on-demand is priced
  mu_capacity_missing,        // Provisioned Throughput is priced, but the MU capacity is unknown
  model_units_need_capacity,  // a number of MUs was given, but the MU capacity is unknown
  model_unit_settings_unused, // model-unit settings were given, but no Provisioned Throughput price applies
  unlisted_request_quota,     // the peak is above a default request quota AWS no longer lists (text: the fact)
};

// A note about a workload: a sentence of its own (kind text), or what is missing or unused and the settings that
// provide it, with the data its sentence needs.
struct Note {
  NoteKind kind = NoteKind::text;
  std::string text;              // kind text; unlisted_request_quota: the fact, to which the remedy is added
  std::vector<Setting> settings; // what would provide what is missing; for unused settings, those given
  std::string model;             // no_commitment_price, model_unit_settings_unused: the model ID and the Region
  std::string region;
  bool for_terms_asked = false;      // model_unit_settings_unused: only the terms asked for have no price
  std::vector<std::string> overlays; // no_commitment_price: the price overlays read
  bool overlay_rows_unused = false;  // no_commitment_price: an overlay prices a commitment for the model, not here

  // A note of kind text.
  static Note plain(std::string sentence) {
    Note note;
    note.text = std::move(sentence);
    return note;
  }
};

// What the user can do about a price the catalog lacks (each way names the setting that provides it).
enum class Remedy {
  none,
  own_prices,       // add your own prices (Setting::price_overlay)
  add_price,        // add the missing price (Setting::price_overlay)
  drop_batch_share, // send no batch traffic, or add the price
  drop_cache_share, // read and write no prompt cache, or add the price
  input_only,       // an embedding model: give only input tokens (Setting::input_share)
  source_region,    // a geographic profile from a Region outside its geography: give the Region (Setting::region)
};

// Why the catalog cannot price a workload: "where: fact (detail; remedy)" once worded (report::gap_message).
struct PriceGap {
  std::string where;  // where the model, the Region or the workload was given
  std::string fact;   // about the model: "no on-demand price for 'X' in eu-west-1"
  std::string detail; // more about it, or empty: "the catalog prices it in: us-east-1"
  Remedy remedy = Remedy::none;
  InputForm form = InputForm::flags; // how the workload was given
};

} // namespace bedrock_cost::engine
