#include "log_pipeline.hpp"

#include <algorithm>

namespace bedrock_cost::usage::detail {

namespace {

// Lines are handed to a parsing thread a megabyte at a time; a few chunks may be in flight per thread.
constexpr std::size_t k_chunk_bytes = std::size_t{1} << 20;
constexpr std::size_t k_chunks_per_thread = 3;

std::size_t parsing_threads() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores <= 1 ? 0 : std::min<std::size_t>(cores - 1, 3);
}

} // namespace

LogPipeline::LogPipeline(Context& context) : m_context(context) {
  const std::size_t threads = parsing_threads();
  for (std::size_t i = 0; i < threads; ++i) {
    m_threads.emplace_back([this] { work(); });
  }
}

LogPipeline::~LogPipeline() {
  {
    const std::lock_guard lock(m_mutex);
    m_stop = true;
  }
  m_work_ready.notify_all();
  for (std::thread& thread : m_threads) {
    thread.join();
  }
}

const std::string& LogPipeline::file_name(const std::string& name) {
  if (m_files.empty() || *m_files.back() != name) {
    m_files.push_back(std::make_unique<std::string>(name));
  }
  return *m_files.back();
}

void LogPipeline::add(std::string_view line, const std::string& file, std::int64_t line_number) {
  if (!m_filling) {
    if (m_spare.empty()) {
      m_filling = std::make_unique<Chunk>();
      m_filling->bytes.reserve(k_chunk_bytes + LineReader::k_padding);
    } else {
      m_filling = std::move(m_spare.back());
      m_spare.pop_back();
    }
  }
  Chunk& chunk = *m_filling;
  chunk.lines.push_back(Line{chunk.bytes.size(), line.size(), &file, line_number});
  chunk.bytes.append(line);
  chunk.bytes.push_back('\n');
  if (chunk.bytes.size() >= k_chunk_bytes) {
    submit();
  }
}

void LogPipeline::flush() {
  if (m_filling && !m_filling->lines.empty()) {
    submit();
  }
  while (!m_in_flight.empty()) {
    apply_oldest();
  }
}

void LogPipeline::submit() {
  std::unique_ptr<Chunk> chunk = std::move(m_filling);
  chunk->bytes.append(LineReader::k_padding, ' '); // simdjson reads a little past the last line
  if (m_threads.empty()) {
    parse(*chunk, m_context.parse_record);
    chunk->parsed = true;
  } else {
    {
      const std::lock_guard lock(m_mutex);
      m_queue.push_back(chunk.get());
    }
    m_work_ready.notify_one();
  }
  m_in_flight.push_back(std::move(chunk));
  while (m_in_flight.size() > std::max<std::size_t>(1, m_threads.size() * k_chunks_per_thread)) {
    apply_oldest();
  }
}

void LogPipeline::apply_oldest() {
  std::unique_ptr<Chunk> chunk = std::move(m_in_flight.front());
  m_in_flight.pop_front();
  {
    std::unique_lock lock(m_mutex);
    m_chunk_parsed.wait(lock, [&] { return chunk->parsed; });
  }
  if (chunk->error) {
    std::rethrow_exception(chunk->error);
  }
  for (std::size_t i = 0; i < chunk->lines.size(); ++i) {
    const Line& line = chunk->lines[i];
    apply_invocation_record(chunk->fields[i], m_context, Where(*line.file, line.number));
  }
  chunk->bytes.clear();
  chunk->lines.clear();
  chunk->fields.clear();
  chunk->parsed = false;
  m_spare.push_back(std::move(chunk));
}

void LogPipeline::work() {
  const RecordParserFunction parser = m_context.parse_record;
  for (;;) {
    Chunk* chunk = nullptr;
    {
      std::unique_lock lock(m_mutex);
      m_work_ready.wait(lock, [&] { return m_stop || !m_queue.empty(); });
      if (m_stop) {
        return;
      }
      chunk = m_queue.front();
      m_queue.pop_front();
    }
    try {
      parse(*chunk, parser);
    } catch (...) {
      chunk->error = std::current_exception(); // out of memory, say: rethrown where the chunk is added
    }
    {
      const std::lock_guard lock(m_mutex);
      chunk->parsed = true;
    }
    m_chunk_parsed.notify_all();
  }
}

void LogPipeline::parse(Chunk& chunk, RecordParserFunction parser) {
  chunk.fields.resize(chunk.lines.size());
  // The parser's strings live in its own buffer until its next record: each record's are copied into the chunk.
  // They are parts of the lines (unescaped, so no longer), so the strings fit in the chunk's size and the copy
  // never moves: the views stay valid.
  chunk.strings.clear();
  chunk.strings.reserve(chunk.bytes.size());
  const auto keep = [&chunk](std::string_view& text) {
    const std::size_t at = chunk.strings.size();
    chunk.strings.append(text);
    text = std::string_view(chunk.strings).substr(at, text.size());
  };
  for (std::size_t i = 0; i < chunk.lines.size(); ++i) {
    const Line& line = chunk.lines[i];
    RecordFields& fields = chunk.fields[i];
    parser(chunk.bytes.data() + line.offset, line.length, chunk.bytes.size() - line.offset, fields);
    for (std::string_view* text : {&fields.timestamp, &fields.request_id, &fields.model, &fields.region}) {
      keep(*text);
    }
  }
}

} // namespace bedrock_cost::usage::detail
