#pragma once

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/cli/run.hpp>
#include <bedrock_cost/workload/workload.hpp>

#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <stdlib.h> // mkdtemp (POSIX)
#include <string>
#include <vector>

namespace test {

// A new empty folder under the system's temporary folder, removed with its content; throws std::runtime_error if it
// cannot be made (usable before main, where Catch's REQUIRE is not).
class TempFolder {
public:
  explicit TempFolder(const std::string& prefix = "bedrock-cost-test") {
    std::string name = (std::filesystem::temp_directory_path() / (prefix + ".XXXXXX")).string();
    if (::mkdtemp(name.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed for " + name);
    }
    m_path = name;
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  TempFolder(TempFolder&&) = delete;
  TempFolder& operator=(TempFolder&&) = delete;
  const std::filesystem::path& path() const { return m_path; }

private:
  std::filesystem::path m_path;
};

// A small valid catalog: Claude 3 Haiku (two US Regions, batch prices, a 1-month PT price) and Titan
// Embeddings V2; prices as in the reference.
inline const char* const k_catalog = R"({
  "schema_version": 1, "as_of": "2025-07-20", "source": "test catalog",
  "models": [
    { "id": "anthropic.claude-3-haiku-20240307-v1:0", "name": "Claude 3 Haiku", "provider": "Anthropic",
      "aliases": ["claude-3-haiku"],
      "on_demand": [
        { "regions": ["us-east-1", "us-west-2"], "unit": "per_1m_tokens", "input": 0.25, "output": 1.25,
          "batch_input": 0.125, "batch_output": 0.625, "source": "aws-page-2025-07", "as_of": "2025-07-20" },
        { "regions": ["eu-central-1"], "unit": "per_1k_tokens", "input": 0.00025, "output": 0.00125,
          "source": "aws-page-2025-03", "as_of": "2025-03" }
      ],
      "provisioned": [
        { "regions": ["us-east-1"], "unit": "per_mu_hour", "terms": { "1_month": 20.5 },
          "source": "quote", "as_of": "2026-11-01" }
      ] },
    { "id": "anthropic.claude-sonnet-4-5-20250929-v1:0", "name": "Claude Sonnet 4.5", "provider": "Anthropic",
      "on_demand": [
        { "profile": "global", "unit": "per_1m_tokens", "input": 3.0, "output": 15.0,
          "source": "genai-prices-0.1.8", "as_of": "2026-09-23", "third_party_only": true },
        { "regions": ["us-east-1", "us-west-2"], "unit": "per_1m_tokens", "input": 3.3, "output": 16.5,
          "source": "genai-prices-0.1.8", "as_of": "2026-09-23", "third_party_only": true }
      ] },
    { "id": "amazon.titan-embed-text-v2:0", "name": "Titan Text Embeddings V2", "provider": "Amazon",
      "kind": "embedding",
      "on_demand": [
        { "regions": ["us-east-1"], "unit": "per_1m_tokens", "input": 0.02, "source": "aws", "as_of": "2025-03" }
      ] }
  ]
})";

inline bedrock_cost::catalog::Catalog load(const std::string& text, const std::string& name = "catalog.json") {
  std::istringstream in(text);
  return bedrock_cost::catalog::load_catalog(in, name);
}

inline void overlay(bedrock_cost::catalog::Catalog& catalog, const std::string& text,
                    const std::string& name = "quote.json") {
  std::istringstream in(text);
  bedrock_cost::catalog::apply_overlay(catalog, in, name);
}

// `k_catalog` with the first occurrence of `from` replaced by `to`.
inline std::string catalog_with(const std::string& from, const std::string& to) {
  std::string text = k_catalog;
  const auto at = text.find(from);
  if (at == std::string::npos) {
    throw std::logic_error("catalog_with: '" + from + "' not found");
  }
  return text.replace(at, from.size(), to);
}

// A workload of `model` at a constant rate of input and output tokens per minute, given on the command line.
inline bedrock_cost::workload::WorkloadSpec token_workload(const std::string& model, double input_tpm,
                                                           double output_tpm) {
  bedrock_cost::workload::WorkloadSpec s;
  s.model = model;
  s.name = model;
  s.rate = bedrock_cost::workload::TrafficRate{input_tpm, output_tpm, std::nullopt, 1};
  s.origin = s.model_origin = s.region_origin = "--model";
  return s;
}

// What an in-process run of the command line printed, and its exit code.
struct CliResult {
  int code;
  std::string out;
  std::string err;
};

// Runs `args` through cli::run with string streams for stdout and stderr (neither a terminal).
inline CliResult run_cli(const std::vector<std::string>& args) {
  std::ostringstream out;
  std::ostringstream err;
  bedrock_cost::cli::Io io{out, err, false, false, nullptr};
  const int code = bedrock_cost::cli::run(args, io);
  return {code, out.str(), err.str()};
}

} // namespace test
