#pragma once

// Internal to the engine: the notes of one workload's result, as structured notes (engine/notes.hpp) that the report
// words for the way the workload was given.

#include <bedrock_cost/catalog/catalog.hpp>
#include <bedrock_cost/engine/cost_report.hpp>
#include <bedrock_cost/engine/estimate.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <string>
#include <vector>

namespace bedrock_cost::engine {

// What the commitment notes of one workload look at.
struct CommitmentFacts {
  const catalog::Catalog& catalog;
  const catalog::Model& model;
  const std::string& region;
  const workload::WorkloadSpec& spec;
  const EstimateOptions& options;
  bool model_unit_prices = false; // a Provisioned Throughput term is priced (among the terms asked for)
  bool reserved_prices = false;   // a Reserved-tier term is priced
  bool batch_only = false;        // all the traffic is batch, which no commitment serves (and a note says so)
  bool mu_capacity = false;       // the MU capacity is known
  bool legacy = false;            // a Legacy model: no new Provisioned Throughput (its lifecycle warning says so)
};

// Why commitments could not be priced, or why settings given are not used, and the settings that would change it.
std::vector<Note> commitment_notes(const CommitmentFacts& facts);

// What the traffic is taken to be: a measured series, a shaped week, or a constant rate (which a peak would shape).
Note traffic_note(const workload::WorkloadSpec& spec, const Traffic& traffic);

} // namespace bedrock_cost::engine
