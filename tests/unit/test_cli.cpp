#include "test_helpers.hpp"

#include <bedrock_cost/cli/run.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace bedrock_cost;

namespace {

using Result = test::CliResult;
const auto run = test::run_cli;

constexpr const char* k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";

} // namespace

TEST_CASE("estimate prints a report on stdout and nothing on stderr") {
  const auto r = run({"estimate", "--model", k_haiku, "--tpm", "50000", "--format", "json"});
  CHECK(r.code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("\"monthly_usd\": 1095.0") != std::string::npos);
}

TEST_CASE("tables are coloured only on a terminal, and never with NO_COLOR") {
  const std::vector<std::string> args = {"estimate", "--model", k_haiku, "--tpm", "1000"};
  std::ostringstream out;
  std::ostringstream err;
  cli::Io terminal{out, err, true};
  ::unsetenv("NO_COLOR");
  CHECK(cli::run(args, terminal) == 0);
  CHECK(out.str().find("\x1b[") != std::string::npos);
  out.str("");
  ::setenv("NO_COLOR", "1", 1);
  CHECK(cli::run(args, terminal) == 0);
  ::unsetenv("NO_COLOR");
  CHECK(out.str().find('\x1b') == std::string::npos);
  CHECK(run(args).out.find('\x1b') == std::string::npos); // not a terminal
}

TEST_CASE("exit codes: 1 for bad data, 2 for usage") {
  auto r = run({"estimate", "--model", "anthropic.claude-3-haiku-20240307-v1", "--tpm", "1"});
  CHECK(r.code == 1);
  CHECK(r.out.empty());
  CHECK(r.err == "bedrock-cost: error: --model: unknown model 'anthropic.claude-3-haiku-20240307-v1' (did you mean "
                 "'anthropic.claude-3-haiku-20240307-v1:0'?)\n");
  r = run({"estimate", "--model", k_haiku});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with("bedrock-cost: error: estimate: give the traffic:"));
  r = run({"estimate", "--model", k_haiku, "--tpm", "1", "--input-tpm", "1", "--output-tpm", "1"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: estimate: give the traffic one way only, not --tpm and "
                 "--input-tpm/--output-tpm\n");
  r = run({"estimate", "--model", k_haiku, "--tpm", "1", "--format", "xml"});
  CHECK(r.code == 2);
  r = run({"estimate", "--model", k_haiku, "--tpm", "1", "--batch-share", "1.5"});
  CHECK(r.code == 2);
  r = run({"estmate"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: unknown command 'estmate' (did you mean 'estimate'?)\n");
  r = run({"estimate", "--nope"});
  CHECK(r.code == 2);
  r = run({});
  CHECK(r.code == 2);
}

TEST_CASE("a missing command is told by what was parsed, not by CLI11's words") {
  const std::string help = "Run with --help for usage.\n";
  CHECK(run({"--quiet"}).err ==
        "bedrock-cost: error: give a command: estimate, profile, cloudwatch-query, diff, models, catalog or "
        "completion\n" +
            help);
  CHECK(run({"catalog", "--quiet"}).err ==
        "bedrock-cost: error: catalog: give a subcommand: validate, import or update\n" + help);
  // Another requirement keeps CLI11's message, which names it.
  const auto r = run({"diff", "base.json"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: head is required\n" + help);
}

TEST_CASE("help and version print and succeed") {
  auto r = run({"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("Exit codes: 0 success; 1 bad input or data") != std::string::npos);
  r = run({"estimate", "--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("--input-share") != std::string::npos);
  r = run({"--version"});
  CHECK(r.code == 0);
  CHECK(r.out.starts_with("bedrock-cost "));
}

TEST_CASE("an --output file is written atomically, and none is left behind on error") {
  const auto dir = std::filesystem::temp_directory_path() / "bedrock-cost-test-output";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "report.csv").string();
  auto r = run({"estimate", "--model", k_haiku, "--tpm", "50000", "--format", "csv", "--output", path});
  CHECK(r.code == 0);
  CHECK(r.out.empty());
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  CHECK(content.str().starts_with("workload,model,"));
  const std::string failed = (dir / "failed.csv").string();
  r = run({"estimate", "--model", "no.such-model", "--tpm", "1", "--output", failed});
  CHECK(r.code == 1);
  CHECK_FALSE(std::filesystem::exists(failed));
  CHECK(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}) == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a report that cannot be written to stdout is an error, not a silent success") {
  // A stream that fails every write as a full disk does.
  struct Full : std::streambuf {
    int overflow(int) override {
      errno = ENOSPC;
      return traits_type::eof();
    }
    std::streamsize xsputn(const char*, std::streamsize) override {
      errno = ENOSPC;
      return 0;
    }
  };
  Full full;
  std::ostream out(&full);
  std::ostringstream err;
  cli::Io io{out, err, false, false, nullptr};
  CHECK(cli::run({"estimate", "--model", k_haiku, "--tpm", "1000", "--format", "csv"}, io) == 1);
  CHECK(err.str() == "bedrock-cost: error: stdout: cannot write: No space left on device\n");
}

TEST_CASE("an unexpected exception is reported as an internal error, exit 1") {
  // An output stream that throws on a failed write (as std::cout never does) reaches the last catch of cli::run.
  struct Broken : std::streambuf {
    int overflow(int) override { return traits_type::eof(); }
    std::streamsize xsputn(const char*, std::streamsize) override { return 0; }
  };
  Broken broken;
  std::ostream out(&broken);
  out.exceptions(std::ios::badbit);
  std::ostringstream err;
  cli::Io io{out, err, false, false, nullptr};
  CHECK(cli::run({"estimate", "--model", k_haiku, "--tpm", "1000"}, io) == 1);
  CHECK_THAT(err.str(), Catch::StartsWith("bedrock-cost: error: internal error: "));
}

TEST_CASE("running out of memory is an error that says so, exit 1") {
  // Standard input whose read runs out of memory, as an allocation deep in a reader would.
  struct Exhausted : std::streambuf {
    int underflow() override { throw std::bad_alloc(); }
  };
  Exhausted exhausted;
  std::istream in(&exhausted);
  in.exceptions(std::ios::badbit);
  std::ostringstream out;
  std::ostringstream err;
  cli::Io io{out, err, false, false, &in};
  CHECK(cli::run({"profile", "-"}, io) == 1);
  CHECK(err.str() == "bedrock-cost: error: out of memory: the input needs more memory than this machine gives (see "
                     "'Known limits' in README)\n");
  CHECK(out.str().empty());
}

TEST_CASE("models filters by provider and Region, and suggests providers") {
  auto r = run({"models", "--provider", "cohere", "--format", "csv"});
  CHECK(r.code == 0);
  CHECK(r.out.find("cohere.command-r-v1:0") != std::string::npos);
  CHECK(r.out.find("anthropic.") == std::string::npos);
  r = run({"models", "--provider", "anthropc"});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "bedrock-cost: error: --provider: no provider 'anthropc' in the catalog (did you mean 'Anthropic'?)\n");
  r = run({"models", "--region", "us-east-7"});
  CHECK(r.code == 1);
  CHECK(r.err == "bedrock-cost: error: --region: no prices for Region 'us-east-7' in the catalog (did you mean "
                 "'us-east-1'?)\n");
}

TEST_CASE("catalog validate reports a valid example overlay") {
  const auto r = run({"catalog", "validate", std::string(BEDROCK_COST_EXAMPLES_DIR) + "/quote.json"});
  CHECK(r.code == 0);
  CHECK(r.out.find(": valid overlay: 1 model, 0 on-demand rows, 1 provisioned row, 1 reserved row") !=
        std::string::npos);
}

TEST_CASE("the budget gate writes the whole report first, then exits 3") {
  const auto dir = std::filesystem::temp_directory_path() / "bedrock-cost-test-gate";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "report.json").string();
  std::filesystem::remove(path);
  const auto r = run({"estimate", "--model", k_haiku, "--tpm", "50000", "--format", "json", "--output", path,
                      "--fail-if-over", "1094.99"});
  CHECK(r.code == 3);
  CHECK(r.err == "bedrock-cost: over budget: the recommended total is $1,095.00/month, over the limit of $1,094.99 "
                 "(--fail-if-over)\n");
  std::ifstream written(path);
  std::ostringstream contents;
  contents << written.rdbuf();
  const std::string text = contents.str();
  CHECK(text.find("\"recommended_monthly_usd\": 1095.0") != std::string::npos);
  CHECK(run({"estimate", "--model", k_haiku, "--tpm", "50000", "--fail-if-over", "1095"}).code == 0);
}

TEST_CASE("FOCUS rows add up to the recommended total, in the charge period") {
  const auto r =
      run({"estimate", "--workload", std::string(BEDROCK_COST_EXAMPLES_DIR) + "/workload.json", "--prices",
           std::string(BEDROCK_COST_EXAMPLES_DIR) + "/quote.json", "--format", "focus", "--charge-period", "2026-12"});
  REQUIRE(r.code == 0);
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  CHECK(line.starts_with("BilledCost,BillingCurrency,BillingPeriodStart,BillingPeriodEnd,ChargeCategory,"));
  double billed = 0;
  int rows = 0;
  while (std::getline(lines, line)) {
    billed += std::stod(line.substr(0, line.find(',')));
    CHECK(line.find(",2026-12-01T00:00:00Z,2027-01-01T00:00:00Z,") != std::string::npos);
    CHECK(line.find(",Amazon Bedrock,") != std::string::npos);
    ++rows;
  }
  // Recommended: reserved 3 months (input and output purchases, the usage they serve, their unused part, the
  // overflow), provisioned 6 months (the purchase and the usage it serves, fully used), and on-demand lines for the
  // other two (4 + 2 rows): $183,906.08 in all.
  CHECK(rows == 13);
  CHECK(billed == Approx(183906.08).margin(0.01));
  // Every character of YYYY-MM a digit: sscanf took " 5", "+1" and "1x" as months (std::from_chars now).
  for (const char* period : {"2026-13", "2026- 5", "2026-+1", "2026-1x", " 026-05", "2026-00"}) {
    INFO(period);
    CHECK(run({"estimate", "--model", k_haiku, "--tpm", "1", "--format", "focus", "--charge-period", period}).code ==
          2);
  }
  // Without --charge-period: the month after the catalog's date (deterministic, not the clock).
  const auto plain = run({"estimate", "--model", k_haiku, "--tpm", "1", "--format", "focus"});
  CHECK(plain.out.find(",2026-11-01T00:00:00Z,2026-12-01T00:00:00Z,") != std::string::npos);
}

namespace {

// The estimate's JSON without where each price came from (file, source, date), which an import changes.
nlohmann::json numbers_only(nlohmann::json value) {
  if (value.is_object()) {
    for (const char* key : {"price", "catalog", "source", "as_of", "file", "third_party_only", "assumptions"}) {
      value.erase(key);
    }
    for (auto& [key, child] : value.items()) {
      child = numbers_only(child);
    }
  } else if (value.is_array()) {
    for (auto& child : value) {
      child = numbers_only(child);
    }
  }
  return value;
}

} // namespace

TEST_CASE("catalog import, then estimate: the same numbers as the embedded catalog for the same prices") {
  const std::string dir = BEDROCK_COST_PRICING_FIXTURES;
  const std::string imported =
      (std::filesystem::temp_directory_path() / fmt::format("bc-import-{}.json", ::getpid())).string();
  const auto import = run({"catalog", "import", dir + "/AmazonBedrock-offer.json",
                           dir + "/AmazonBedrockFoundationModels-offer.json", "--kind", "catalog", "-o", imported});
  REQUIRE(import.code == 0);
  CHECK(import.out.empty()); // the file went to -o
  CHECK(import.err.find("bedrock-cost: imported ") != std::string::npos);
  // Every on-demand dimension: batch (Claude 3 Haiku, Nova Pro), cache read (Nova Pro) and cache write (Claude 3.5
  // Sonnet v2, per 1M in the Marketplace offer), in both Regions the files price.
  const std::vector<std::vector<std::string>> cases = {
      {"--model", k_haiku, "--tpm", "250000", "--batch-share", "0.3"},
      {"--model", k_haiku, "--region", "us-west-2", "--input-tpm", "90000", "--output-tpm", "7000"},
      {"--model", "amazon.nova-pro-v1:0", "--tpm", "120000", "--batch-share", "0.25", "--cache-read-share", "0.4"},
      {"--model", "amazon.nova-pro-v1:0", "--region", "us-west-2", "--tpm", "5000"},
      {"--model", "anthropic.claude-3-5-sonnet-20241022-v2:0", "--tpm", "80000", "--cache-read-share", "0.5",
       "--cache-write-share", "0.1", "--batch-share", "0.2"},
  };
  for (const auto& flags : cases) {
    std::vector<std::string> embedded = {"estimate", "--format", "json"};
    embedded.insert(embedded.end(), flags.begin(), flags.end());
    std::vector<std::string> from_import = embedded;
    from_import.insert(from_import.end(), {"--catalog", imported});
    const auto a = run(embedded);
    const auto b = run(from_import);
    INFO(fmt::format("{}", fmt::join(flags, " ")));
    REQUIRE(a.code == 0);
    REQUIRE(b.code == 0);
    const auto expected = numbers_only(nlohmann::json::parse(a.out));
    CHECK(numbers_only(nlohmann::json::parse(b.out)) == expected);
    CHECK(expected["workloads"][0]["on_demand_cost"].size() >= 2);
  }
  // Provisioned Throughput: the imported per-MU-hour prices estimate like the same figures typed into an overlay.
  const std::string quote =
      (std::filesystem::temp_directory_path() / fmt::format("bc-quote-{}.json", ::getpid())).string();
  std::ofstream(quote) << R"({"schema_version": 1, "kind": "overlay", "models": [{"id": "amazon.nova-2-lite-v1:0",
    "provisioned": [{"regions": ["us-east-1"], "unit": "per_mu_hour", "terms": {"no_commitment": 60.5,
    "1_month": 55, "6_month": 42.25}, "source": "typed by hand", "as_of": "2026-11-01"}]}]})";
  const std::vector<std::string> pt = {"estimate", "--model",  "global.amazon.nova-2-lite-v1:0",
                                       "--tpm",    "400000",   "--mu-tpm",
                                       "50000",    "--format", "json"};
  auto with_overlay = pt;
  with_overlay.insert(with_overlay.end(), {"--prices", quote});
  auto with_import = pt;
  with_import.insert(with_import.end(), {"--catalog", imported});
  const auto typed = run(with_overlay);
  const auto from_import = run(with_import);
  REQUIRE(typed.code == 0);
  REQUIRE(from_import.code == 0);
  const auto typed_numbers = numbers_only(nlohmann::json::parse(typed.out));
  CHECK(numbers_only(nlohmann::json::parse(from_import.out))["workloads"][0]["options"] ==
        typed_numbers["workloads"][0]["options"]);
  CHECK(typed_numbers["workloads"][0]["options"].size() >= 4); // on-demand + 3 terms provisioned (and blended)
  std::filesystem::remove(imported);
  std::filesystem::remove(quote);
}

TEST_CASE("errors and warnings show control characters from the command line as escapes", "[escaping]") {
  auto r = run({"estimate", "--model", "a\x1b[2Jb\xc2\x9b", "--tpm", "1"});
  CHECK(r.code == 1);
  CHECK(r.err ==
        "bedrock-cost: error: --model: unknown model 'a\\x1b[2Jb\\u009b'; run 'bedrock-cost models' to list the "
        "catalog\n");
  r = run({"estimate", "--model", k_haiku, "--tpm", "1", "--format", "\x1b]0;title\x07"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: --format: \\x1b]0;title\\x07 not in {table,json,csv,markdown,focus,html}\n"
                 "Run with --help for usage.\n");
  const std::string csv = std::string(BEDROCK_COST_USAGE_FIXTURES) + "/per-minute.csv";
  r = run({"estimate", "--usage", csv, "--region", "eu\x1b[2J"});
  CHECK(r.code == 0);
  CHECK(r.err.starts_with("bedrock-cost: warning: usage not priced: anthropic.claude-3-haiku-20240307-v1:0 in "
                          "eu\\x1b[2J (8,100 input + 910 output tokens, 7 requests): "));
  CHECK(r.out.find("\x1b") == std::string::npos);
}

TEST_CASE("invalid UTF-8 on the command line never makes --format json fail", "[escaping]") {
  const std::string csv = std::string(BEDROCK_COST_USAGE_FIXTURES) + "/per-minute.csv";
  auto r = run({"estimate", "--usage", csv, "--region", "eu\xff", "--format", "json"});
  REQUIRE(r.code == 0); // was: internal error: [json.exception.type_error.316] invalid UTF-8 byte at index 2: 0xFF
  CHECK(nlohmann::json::parse(r.out).at("unpriced_usage").at(0).at("region") == "eu\\xff");
  CHECK(r.err.find("in eu\\xff (") != std::string::npos);
  r = run({"profile", csv, "--region", "eu\xff", "--format", "json"});
  REQUIRE(r.code == 0);
  CHECK(nlohmann::json::parse(r.out).at("models").at(0).at("region") == "eu\\xff");
  const std::string offers = std::string(BEDROCK_COST_PRICING_FIXTURES) + "/get-products.json";
  r = run({"catalog", "import", offers, "--map", "Claude 3 Haiku=anthropic.\x1b[2J\xff"});
  REQUIRE(r.code == 0);
  CHECK(r.err.find("  Claude 3 Haiku -> anthropic.\\x1b[2J\\xff (matched by --map; 4 products)\n") !=
        std::string::npos);
  const auto models = nlohmann::json::parse(r.out).at("models");
  CHECK(
      std::any_of(models.begin(), models.end(), [](const auto& m) { return m.at("id") == "anthropic.\x1b[2J\\xff"; }));
}

TEST_CASE("numeric flags take plain decimal numbers only: no hex, blanks, inf, nan or trailing text") {
  // Before, strtod (and CLI11's strtoll in base 0) read "0x10" as 16, " 5" as 5 and "010" as octal 8.
  for (const char* text : {"0x10", " 5", "5 ", "inf", "nan", "1e", "5abc", "0x1p3"}) {
    INFO(text);
    const auto r = run({"estimate", "--model", k_haiku, "--tpm", text});
    CHECK(r.code == 2);
    CHECK(r.err ==
          fmt::format("bedrock-cost: error: --tpm: expected a number, got '{}'\nRun with --help for usage.\n", text));
  }
  for (const char* flag : {"--hours-per-month", "--headroom", "--input-share", "--peak-tpm"}) {
    INFO(flag);
    const auto r = run({"estimate", "--model", k_haiku, "--tpm", "1000", flag, "0x10"});
    CHECK(r.err ==
          fmt::format("bedrock-cost: error: {}: expected a number, got '0x10'\nRun with --help for usage.\n", flag));
  }
  const auto ok = run({"estimate", "--model", k_haiku, "--tpm", "+1.5e3", "--format", "json"});
  CHECK(ok.code == 0);
  CHECK(ok.out.find("\"avg_tpm\": 1500.0") != std::string::npos);
}

TEST_CASE("whole-number flags take decimal digits only, and 010 is ten") {
  for (const char* text : {"0x10", " 5", "5 ", "5.0", "1e3", "inf", "5abc"}) {
    INFO(text);
    const auto r = run({"estimate", "--model", k_haiku, "--tpm", "1000", "--model-units", text});
    CHECK(r.code == 2);
    CHECK(r.err == fmt::format("bedrock-cost: error: --model-units: expected a whole number, got '{}'\nRun with "
                               "--help for usage.\n",
                               text));
  }
  CHECK(run({"estimate", "--model", k_haiku, "--tpm", "1000", "--model-units", "0"}).err ==
        "bedrock-cost: error: --model-units: must be between 1 and 1000000, got 0\nRun with --help for usage.\n");
  CHECK(run({"estimate", "--model", k_haiku, "--tpm", "1000", "--model-units", "99999999999999999999"}).err ==
        "bedrock-cost: error: --model-units: must be between 1 and 1000000, got 99999999999999999999\nRun with --help "
        "for usage.\n");
  const auto units = run({"estimate", "--model", "anthropic.claude-instant-v1", "--tpm", "300000", "--mu-tpm", "150000",
                          "--model-units", "010", "--format", "json"});
  CHECK(units.out.find("\"model_units\": 10,") != std::string::npos); // not octal 8
  for (const char* text : {"0x3c", " 60", "60.0", "074"}) {
    INFO(text);
    const auto r = run({"profile", "--metric-period", text, "-"});
    CHECK(r.code == 2);
    CHECK(r.err.starts_with(std::string_view(text) == "074"
                                ? "bedrock-cost: error: --metric-period: 74 not in {60,300,3600}"
                                : "bedrock-cost: error: --metric-period: expected a whole number"));
  }
}

TEST_CASE("a name echoed in an error is cut to 200 bytes") {
  const std::string long_name(100'000, 'q');
  const std::string shown = std::string(200, 'q') + "…";
  CHECK(run({long_name}).err ==
        "bedrock-cost: error: unknown command '" + shown +
            "' (commands: estimate, profile, cloudwatch-query, diff, models, catalog, completion)\n");
  CHECK(run({"estimate", "--model", long_name, "--tpm", "5"}).err ==
        "bedrock-cost: error: --model: unknown model '" + shown + "'; run 'bedrock-cost models' to list the catalog\n");
  CHECK(run({"models", "--region", long_name}).err ==
        "bedrock-cost: error: --region: no prices for Region '" + shown + "' in the catalog\n");
  CHECK(run({"estimate", "--model", k_haiku, "--tpm", "5", "--format", long_name}).err ==
        "bedrock-cost: error: --format: " + shown +
            " not in {table,json,csv,markdown,focus,html}\nRun with --help for usage.\n");
  CHECK(run({"estimate", "--model", k_haiku, "--tpm", "5", "--term", long_name}).err ==
        "bedrock-cost: error: --term: unknown term '" + shown +
            "' (expected no_commitment, 1_month, 6_month, or <n>_month / <n>_year up to 10 years)\nRun with --help "
            "for usage.\n");
  CHECK(run({"estimate", "--model", k_haiku, "--tpm", "5", "--format", "csv", "--fields", long_name})
            .err.starts_with("bedrock-cost: error: estimate: --fields: unknown column '" + shown + "' (columns: "));
  CHECK(run({"catalog", "import", "--map", long_name, "x.json"}).err ==
        "bedrock-cost: error: catalog import: --map: expected NAME=MODEL_ID, got '" + shown + "'\n");
  CHECK(run({"catalog", "import", "--region", long_name, "x.json"}).err ==
        "bedrock-cost: error: catalog import: --region: '" + shown + "' is not an AWS Region code such as us-east-1\n");
  CHECK(run({"estimate", "--model", k_haiku, "--tpm", "5", long_name}).err ==
        "bedrock-cost: error: The following argument was not expected: " + shown + "\nRun with --help for usage.\n");
}

TEST_CASE("the quota flags describe one workload and must be positive") {
  auto r = run({"estimate", "--model", k_haiku, "--tpm", "1", "--quota-tpm", "0"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: estimate: --quota-tpm: must be more than 0 (got '0')\n");
  r = run({"estimate", "--model", k_haiku, "--tpm", "1", "--quota-rpm", "lots"});
  CHECK(r.code == 2);
  CHECK(r.err.starts_with("bedrock-cost: error: estimate: --quota-rpm: "));
  r = run({"estimate", "--workload", "w.json", "--quota-tpm", "5"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: estimate: --quota-tpm describes one workload; with --workload, put it in the "
                 "file (or the quote in a --prices overlay)\n");
}

TEST_CASE("a flag given at its default value counts as given: the command line records the flags it parsed") {
  auto r = run({"estimate", "--workload", "w.json", "--batch-share", "0"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: estimate: --batch-share describes one workload; with --workload, put it in the "
                 "file (or the quote in a --prices overlay)\n");
  r = run({"estimate", "--usage", "usage.csv", "--input-share", "0.75"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: estimate: --input-share describes traffic; with --usage the traffic is the "
                 "usage\n");
  r = run({"estimate", "--model", k_haiku, "--input-tpm", "1", "--output-tpm", "1", "--input-share", "0.75"});
  CHECK(r.code == 2);
  CHECK(r.err == "bedrock-cost: error: estimate: --input-share goes with --tpm\n");
  r = run({"estimate", "--workload", "w.json", "--reserved-term", "1_month"});
  CHECK(r.err == "bedrock-cost: error: estimate: --reserved-term describes one workload; with --workload, put it in "
                 "the file (or the quote in a --prices overlay)\n");
}

TEST_CASE("the quota warning is in every format that shows warnings") {
  const std::vector<std::string> args = {"estimate",    "-m",          "us.anthropic.claude-sonnet-4-20250514-v1:0",
                                         "--input-tpm", "600000",      "--output-tpm",
                                         "50000",       "--quota-tpm", "800000"};
  const std::string warning = "anthropic.claude-sonnet-4-20250514-v1:0: peak on-demand traffic of 850,000 tokens/min "
                              "(output tokens counted 5x) exceeds your quota of 800,000 tokens/min in us-east-1 "
                              "(--quota-tpm): on-demand alone would be throttled unless the quota is raised";
  auto with_format = [&](const std::string& format) {
    std::vector<std::string> a = args;
    a.insert(a.end(), {"--format", format});
    return run(a);
  };
  const Result table = run(args);
  CHECK(table.code == 0);
  CHECK(table.err == "bedrock-cost: warning: " + warning + "\n");
  for (const char* format : {"markdown", "html"}) {
    INFO(format);
    CHECK(with_format(format).out.find(warning) != std::string::npos);
  }
  const auto json = nlohmann::json::parse(with_format("json").out);
  CHECK(json.at("workloads").at(0).at("warnings") == nlohmann::json::array({warning}));
}
