// Writes a realistic model-invocation log (JSON lines, as delivered to S3) for the import benchmark:
// several models, a week of diurnal traffic, request and response bodies of a few hundred to a few thousand
// bytes, some cache fields, some bodies moved to S3.
//   bedrock_cost_gen_log SIZE_MB > logs.jsonl
// The output is deterministic (fixed seed).

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numbers>
#include <random>
#include <string>

int main(int argc, char** argv) {
  const double megabytes = argc > 1 ? std::atof(argv[1]) : 300.0;
  const auto target = static_cast<std::uint64_t>(megabytes * 1024 * 1024);
  const char* models[] = {
      "anthropic.claude-3-haiku-20240307-v1:0",
      "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-5-20250929-v1:0",
      "amazon.nova-lite-v1:0", "meta.llama3-1-70b-instruct-v1:0", "amazon.nova-pro-v1:0"};
  std::mt19937_64 random(42);
  std::uniform_int_distribution<int> model_pick(0, 4);
  std::uniform_int_distribution<int> body(200, 3000);
  std::uniform_int_distribution<int> words(0, 25);
  const char* vocabulary[] = {"the",      "invoice", "customer", "refund", "policy",        "summary", "please",
                              "shipping", "order",   "account",  "error",  "request",       "model",   "answer",
                              "ticket",   "team",    "data",     "report", "quarter",       "revenue", "with",
                              "from",     "about",   "and",      "for",    "\\\"quoted\\\""};
  std::string text;
  std::uint64_t written = 0;
  std::int64_t t = 1715644800; // 2024-05-14T00:00:00Z, a Tuesday
  const std::int64_t week = 7 * 86400;
  std::uint64_t id = 0;
  std::string line;
  double gap_carry = 0;
  // About 3.2 KB a record: spread the records the size asks for over one week, busier in the afternoon.
  const double mean_gap = static_cast<double>(week) * 3240.0 / static_cast<double>(target);
  while (written < target) {
    // Diurnal arrivals: mean gap shorter in the afternoon.
    const double hour = static_cast<double>(t % 86400) / 3600.0;
    const double load = 0.2 + 0.8 * 0.5 * (1.0 - std::cos(2.0 * std::numbers::pi * (hour - 3.0) / 24.0));
    gap_carry += std::exponential_distribution<double>(load / (0.6 * mean_gap))(random);
    t += static_cast<std::int64_t>(gap_carry);
    gap_carry -= std::floor(gap_carry);
    if (t >= 1715644800 + week) {
      t = 1715644800;
    }
    const auto make_text = [&](int bytes) {
      text.clear();
      while (static_cast<int>(text.size()) < bytes) {
        text += vocabulary[words(random)];
        text += ' ';
      }
      return text;
    };
    const int model = model_pick(random);
    const bool cache_model = model == 1 || model == 2 || model == 4; // the ones priced for prompt caching
    const int in_tokens = body(random) / 4;
    const int out_tokens = body(random) / 8;
    const bool offloaded = id % 50 == 0;
    const std::string input_body =
        offloaded
            ? fmt::format(
                  R"("inputBodyS3Path":"s3://logs/AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/data/{:016x}_input.json.gz")",
                  id)
            : fmt::format(
                  R"("inputBodyJson":{{"messages":[{{"role":"user","content":[{{"text":"{}"}}]}}],"inferenceConfig":{{"maxTokens":1024,"temperature":0.2}}}})",
                  make_text(in_tokens * 4));
    const std::string output_text = make_text(out_tokens * 4);
    line = fmt::format(
        R"({{"schemaType":"ModelInvocationLog","schemaVersion":"1.0","timestamp":"{}","accountId":"123456789012","identity":{{"arn":"arn:aws:sts::123456789012:assumed-role/App/worker-{}"}},"region":"us-east-1","requestId":"{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}","operation":"Converse","modelId":"{}","input":{{"inputContentType":"application/json",{},"inputTokenCount":{},"cacheReadInputTokenCount":{},"cacheWriteInputTokenCount":0}},"output":{{"outputContentType":"application/json","outputBodyJson":{{"output":{{"message":{{"role":"assistant","content":[{{"text":"{}"}}]}}}},"stopReason":"end_turn","metrics":{{"latencyMs":{}}},"usage":{{"inputTokens":{},"outputTokens":{},"totalTokens":{}}}}},"outputTokenCount":{}}}}})",
        fmt::format("2024-05-{:02}T{:02}:{:02}:{:02}Z", 14 + (t - 1715644800) / 86400, t % 86400 / 3600, t % 3600 / 60,
                    t % 60),
        id % 7, id >> 20, id & 0xffff, id % 4096, (id * 7) % 4096, id, models[model], input_body, in_tokens,
        cache_model && id % 3 == 0 ? in_tokens * 2 : 0, output_text, 300 + id % 900, in_tokens, out_tokens,
        in_tokens + out_tokens, out_tokens);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    written += line.size();
    ++id;
  }
  std::fprintf(stderr, "%llu records, %.1f MB\n", static_cast<unsigned long long>(id),
               static_cast<double>(written) / 1048576.0);
  return 0;
}
