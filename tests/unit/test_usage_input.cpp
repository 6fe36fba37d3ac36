// Usage input as a stranger may give it: pipes and FIFOs, the same file twice, byte-order marks, lines without end,
// stray timestamps, and usage whose timestamps claim years (issue 19).

#include <bedrock_cost/error.hpp>
#include <bedrock_cost/usage/summary.hpp>
#include <bedrock_cost/usage/usage.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <array>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace bedrock_cost;

namespace {

const std::string k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";

std::filesystem::path temp_dir() {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("bedrock-cost-test-input-{}", ::getpid());
  std::filesystem::create_directories(dir);
  return dir;
}

std::string temp_file(const std::string& name, const std::string& text) {
  const auto path = temp_dir() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

// `count` invocation-log records of Haiku, one a second from 2024-05-14T09:00Z, each 100 tokens in and 10 out, with
// a body of `body` bytes.
std::string log_records(int count, std::size_t body = 400) {
  std::string text;
  for (int i = 0; i < count; ++i) {
    text += fmt::format(R"({{"schemaType":"ModelInvocationLog","timestamp":"2024-05-14T{:02}:{:02}:{:02}Z",)"
                        R"("requestId":"r-{}","region":"us-east-1","modelId":"{}","input":{{"inputBodyJson":)"
                        R"({{"text":"{}"}},"inputTokenCount":100}},"output":{{"outputTokenCount":10}}}})"
                        "\n",
                        9 + i / 3600, i / 60 % 60, i % 60, i, k_haiku, std::string(body, 'x'));
  }
  return text;
}

usage::UsageSet read_paths(const std::vector<std::string>& paths, usage::ImportOptions options = {}) {
  usage::UsageSet set;
  usage::import_usage(paths, options, set);
  return set;
}

// Writes `text` into a pipe from another thread; path() names the read end as a file (/proc/self/fd/N), as a
// shell's <(…) does.
class PipeWriter {
public:
  explicit PipeWriter(std::string text) : m_text(std::move(text)) {
    std::signal(SIGPIPE, SIG_IGN); // a reader that stops early makes the writer's write fail, not the process end
    REQUIRE(::pipe(m_fds.data()) == 0);
    m_thread = std::thread([this] {
      for (std::size_t done = 0; done < m_text.size();) {
        const ssize_t n = ::write(m_fds[1], m_text.data() + done, m_text.size() - done);
        if (n <= 0) {
          break;
        }
        done += static_cast<std::size_t>(n);
      }
      ::close(m_fds[1]);
    });
  }
  ~PipeWriter() {
    ::close(m_fds[0]); // first, so that a writer blocked on a reader that stopped early fails instead of waiting
    m_thread.join();
  }
  PipeWriter(const PipeWriter&) = delete;
  PipeWriter& operator=(const PipeWriter&) = delete;
  std::string path() const { return fmt::format("/proc/self/fd/{}", m_fds[0]); }

private:
  std::string m_text;
  std::array<int, 2> m_fds{};
  std::thread m_thread;
};

} // namespace

TEST_CASE("usage through a pipe is read once, whole") {
  // 3,000 records of about 600 bytes: 1.8 MB, many times the 64 KiB a first look at the file reads.
  PipeWriter pipe(log_records(3000));
  const auto set = read_paths({pipe.path()});
  CHECK(set.stats.records == 3000);
  REQUIRE(set.models.size() == 1);
  CHECK(set.models.begin()->second.total().input == 300'000);
  CHECK(set.models.begin()->second.total().requests == 3000);
}

TEST_CASE("a pipe holding a get-metric-data query file is read first, once") {
  const std::string queries =
      R"([{"Id":"in","MetricStat":{"Metric":{"Namespace":"AWS/Bedrock","MetricName":"InputTokenCount",)"
      R"("Dimensions":[{"Name":"ModelId","Value":"anthropic.claude-3-haiku-20240307-v1:0"}]},"Period":60,)"
      R"("Stat":"Sum"}}])";
  const std::string data = R"({"MetricDataResults":[{"Id":"in","Label":"InputTokenCount",)"
                           R"("Timestamps":["2024-05-14T09:00:00Z","2024-05-14T09:01:00Z"],"Values":[5,7],)"
                           R"("StatusCode":"Complete"}]})";
  PipeWriter pipe(queries);
  const auto set = read_paths({temp_file("output.json", data), pipe.path()}); // the query file named last
  REQUIRE(set.models.size() == 1);
  CHECK(set.models.begin()->second.total().input == 12);
}

TEST_CASE("a FIFO is opened once: no data lost, no wait for a writer that has gone") {
  const auto fifo = temp_dir() / "usage.fifo";
  std::filesystem::remove(fifo);
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string text = log_records(2000);
  std::thread writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC); // NOLINT(*-pro-type-vararg)
    for (std::size_t done = 0; fd >= 0 && done < text.size();) {
      const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
      if (n <= 0) {
        break;
      }
      done += static_cast<std::size_t>(n);
    }
    ::close(fd);
  });
  const auto set = read_paths({fifo.string()});
  writer.join();
  CHECK(set.stats.records == 2000);
  std::filesystem::remove(fifo);
}

TEST_CASE("the same file named twice, or through another path, is read once with a warning") {
  const std::string path = temp_file("twice.jsonl", log_records(10));
  const std::string other = (temp_dir() / "." / "twice.jsonl").string();
  const auto set = read_paths({path, path, other});
  CHECK(set.stats.records == 10);
  CHECK(set.stats.files == 1);
  REQUIRE(set.warnings.size() == 2);
  CHECK(set.warnings[0] == path + ": given twice; read once");
  CHECK(set.warnings[1] == other + ": the same file as " + path + "; read once");
}

TEST_CASE("a UTF-8 byte-order mark before invocation-log lines is not a malformed record") {
  const auto set = read_paths({temp_file("bom.jsonl", "\xEF\xBB\xBF" + log_records(3))});
  CHECK(set.stats.records == 3);
  CHECK(set.stats.skipped_invalid == 0);
}

TEST_CASE("a line longer than 64 MiB is an invalid record: an error naming it, or skipped, never all in memory") {
  std::string text = log_records(2);
  text += std::string((std::size_t{64} << 20) + 10, ' ') + "\n"; // blanks, then a newline
  text += log_records(1);
  const std::string path = temp_file("long-line.jsonl", text);
  usage::ImportOptions options;
  options.format = usage::Format::invocation_log;
  CHECK_THROWS_WITH(read_paths({path}, options), path + ":3: a line longer than 64 MiB (not a usage file?)");
  options.skip_invalid = true;
  const auto set = read_paths({path}, options);
  CHECK(set.stats.skipped_invalid == 1);
  CHECK(set.stats.records == 2); // the repeat of r-0 after the long line is counted once
}

TEST_CASE("a file with no newline at all stops at 64 MiB through a pipe too (no unbounded line)") {
  std::string text = "timestamp,model_id,input_tokens,output_tokens,requests\n";
  text += std::string((std::size_t{64} << 20) + (std::size_t{1} << 20), '7');
  PipeWriter pipe(text);
  usage::ImportOptions options;
  options.format = usage::Format::csv;
  CHECK_THROWS_WITH(read_paths({pipe.path()}, options),
                    pipe.path() + ":2: a line longer than 64 MiB (not a usage file?)");
}

TEST_CASE("a timestamp more than two years from the rest is skipped with --skip-invalid") {
  const std::string path = temp_file("stray.csv", "timestamp,model_id,input_tokens,output_tokens,requests\n"
                                                  "2024-01-01T00:00:00Z,a,1,1,1\n"
                                                  "2100-01-01T00:00:00Z,a,1,1,1\n"
                                                  "2024-01-01T00:05:00Z,a,2,2,1\n");
  usage::ImportOptions options;
  options.skip_invalid = true;
  const auto set = read_paths({path}, options);
  CHECK(set.stats.skipped_invalid == 1);
  CHECK(set.stats.records == 2);
  CHECK(set.span_minutes() == 6);
}

TEST_CASE("memory follows the minutes with data, not the span the timestamps claim") {
  // 50 models, each with a record at both ends of two years: 100 minutes with data in a span of a million.
  std::string text = "timestamp,model_id,input_tokens,output_tokens,requests\n";
  for (int m = 0; m < 50; ++m) {
    text +=
        fmt::format("2024-01-01T00:00:00Z,vendor.model-{},10,5,1\n2025-12-30T00:00:00Z,vendor.model-{},10,5,1\n", m, m);
  }
  const auto set = read_paths({temp_file("sparse.csv", text)});
  REQUIRE(set.models.size() == 50);
  const std::int64_t span = set.span_minutes();
  CHECK(span == 729 * 1440 + 1);
  for (const auto& [key, series] : set.models) {
    CHECK(series.minutes_with_data() == 2);
    const workload::TrafficProfile profile = series.profile(set.first_minute, span);
    CHECK(profile.buckets.size() == 2); // a dense profile would hold 1,049,761 buckets of 56 bytes
    CHECK(profile.bucket_count() == span);
    CHECK(profile.positions == std::vector<std::int64_t>{0, span - 1});
  }
  const usage::UsageReport report = usage::summarise(set);
  REQUIRE(report.total);
  CHECK(report.total->total.input == 1000);
  CHECK(report.total->idle_minutes == span - 2);
  CHECK(report.total->gaps == 1);
  CHECK(report.total->longest_gap_minutes == span - 2);
  CHECK(report.total->tpm.p99 == 0);
  CHECK(report.total->tpm.peak == 750); // 50 models x 15 tokens in each of the two minutes
}

TEST_CASE("CloudWatch points 30 s apart with a 60-second period are an error, not added to one minute") {
  const std::string query = temp_file("q60.json", R"([{"Id": "a", "MetricStat": {"Metric": {"MetricName":
    "InputTokenCount", "Dimensions": [{"Name": "ModelId", "Value": "amazon.nova-lite-v1:0"}]}, "Period": 60}}])");
  const std::string output =
      temp_file("o60.json", R"({"MetricDataResults": [{"Id": "a", "Label": "InputTokenCount", "Timestamps":
    ["2024-05-14T09:00:00Z", "2024-05-14T09:00:30Z"], "Values": [1, 2]}]})");
  CHECK_THROWS_WITH(read_paths({query, output}),
                    output + ": /MetricDataResults/0: points 30 s apart, closer than their period of 60 s (from the "
                             "query file); give the query file of this output, or the right --metric-period");
  usage::ImportOptions options; // without the query file: 60-second sums unless --metric-period says otherwise
  options.model = k_haiku;
  CHECK_THROWS_WITH(read_paths({output}, options),
                    Catch::Contains("closer than their period of 60 s (--metric-period)"));
}

TEST_CASE("two values for one CloudWatch point are warned with both values; the same value twice is noted") {
  const std::string query = temp_file("qc.json", R"([{"Id": "a", "MetricStat": {"Metric": {"MetricName":
    "InputTokenCount", "Dimensions": [{"Name": "ModelId", "Value": "amazon.nova-lite-v1:0"}]}, "Period": 60}}])");
  const std::string output = temp_file("oc.json", R"({"MetricDataResults": [
    {"Id": "a", "Timestamps": ["2024-05-14T09:01:00Z", "2024-05-14T09:00:00Z"], "Values": [40, 10]},
    {"Id": "a", "Timestamps": ["2024-05-14T09:01:00Z", "2024-05-14T09:00:00Z"], "Values": [55, 10]}]})");
  const auto set = read_paths({query, output});
  REQUIRE(set.models.size() == 1);
  CHECK(set.models.begin()->second.total().input == 50);
  CHECK(set.stats.duplicates == 1);
  REQUIRE(set.warnings.size() == 1);
  CHECK(set.warnings[0] == output + ": /MetricDataResults/1/Values/0: InputTokenCount of amazon.nova-lite-v1:0 at "
                                    "2024-05-14T09:01:00Z is given twice, as 40 and as 55; the first is counted (were "
                                    "two fetches of different times merged?)");
}
