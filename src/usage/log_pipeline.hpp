#pragma once

// Internal to usage import: invocation-log lines parsed on the other cores while this thread reads the next ones
// and adds the parsed records, in the order they were read, to the usage. Every record is added on this thread in
// file order, so the totals, the requestIds counted once, and which bad record is reported are exactly those of a
// single-threaded read.

#include "readers.hpp"

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace bedrock_cost::usage::detail {

class LogPipeline {
public:
  // Starts one parsing thread per core but this one (at most 3; none on a single core, where this thread parses).
  explicit LogPipeline(Context& context);
  // Stops the parsing threads; lines not yet added are dropped (only after an error).
  ~LogPipeline();
  LogPipeline(const LogPipeline&) = delete;
  LogPipeline& operator=(const LogPipeline&) = delete;
  LogPipeline(LogPipeline&&) = delete;
  LogPipeline& operator=(LogPipeline&&) = delete;

  // A stable copy of a file name, for the messages of its records.
  const std::string& file_name(const std::string& name);
  // Queues one record's line (copied) of `file` (from file_name) at line `line_number`; may add earlier records
  // to the usage, and so throws what adding them throws (an InputError for an invalid record).
  void add(std::string_view line, const std::string& file, std::int64_t line_number);
  // Parses and adds every queued record.
  void flush();

private:
  struct Line {
    std::size_t offset;
    std::size_t length;
    const std::string* file;
    std::int64_t number;
  };
  struct Chunk {
    std::string bytes; // the lines, each followed by a newline, then k_padding readable bytes
    std::vector<Line> lines;
    std::vector<RecordFields> fields; // one per line, once parsed; their strings point into `strings`
    std::string strings;
    bool parsed = false;
    std::exception_ptr error;
  };

  void submit();
  void apply_oldest();
  void work();
  static void parse(Chunk& chunk, RecordParserFunction parser);

  Context& m_context;
  std::deque<std::unique_ptr<std::string>> m_files; // names, at stable addresses
  std::unique_ptr<Chunk> m_filling;
  std::deque<std::unique_ptr<Chunk>> m_in_flight; // submitted, in order
  std::vector<std::unique_ptr<Chunk>> m_spare;    // applied, for reuse
  std::mutex m_mutex;
  std::condition_variable m_work_ready;
  std::condition_variable m_chunk_parsed;
  std::deque<Chunk*> m_queue; // submitted, not yet taken by a thread
  bool m_stop = false;
  std::vector<std::thread> m_threads; // last: stopped before the chunks they may hold go
};

} // namespace bedrock_cost::usage::detail
