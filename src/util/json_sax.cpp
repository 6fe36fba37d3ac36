#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/json_sax.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <streambuf>
#include <utility>

namespace bedrock_cost::util {

namespace {

using json = nlohmann::json;

// A read buffer over another stream buffer that knows the line and column of the last character taken from it.
// A SAX handler is told no position, but the parser takes one character at a time and none ahead of a '[' or '{',
// so at a start_array or start_object event the last character taken is that bracket.
class CountingBuffer : public std::streambuf {
public:
  CountingBuffer(std::streambuf& source, std::string_view name) : m_source(source), m_name(name) {}

  // The 1-based line and column of the last character taken (as the parser's own messages count them).
  std::pair<std::size_t, std::size_t> position() const {
    Lines lines = m_lines;
    count(eback(), gptr(), m_offset, lines);
    const std::size_t taken = m_offset + static_cast<std::size_t>(gptr() - eback());
    return {lines.newlines + 1, taken - lines.line_start};
  }

protected:
  int_type underflow() override {
    count(eback(), egptr(), m_offset, m_lines); // the buffer used up, counted once
    m_offset += static_cast<std::size_t>(egptr() - eback());
    const std::streamsize read = m_source.sgetn(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
    setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + std::max<std::streamsize>(read, 0));
    // JSON text has no NUL byte, and nlohmann's parser would take one for the end of the input, silently.
    if (const char* nul = std::find(eback(), egptr(), '\0'); nul != egptr()) {
      Lines lines = m_lines;
      count(eback(), nul, m_offset, lines);
      const std::size_t column = m_offset + static_cast<std::size_t>(nul - eback()) + 1 - lines.line_start;
      throw InputError(fmt::format("{}:{}:{}: a NUL byte, which JSON text never holds (a binary or corrupt file?)",
                                   m_name, lines.newlines + 1, column));
    }
    return read > 0 ? traits_type::to_int_type(m_buffer[0]) : traits_type::eof();
  }

private:
  struct Lines {
    std::size_t newlines = 0;
    std::size_t line_start = 0; // offset of the character after the last newline
  };

  // Adds the newlines of [begin, end), which starts at offset `offset` of the input.
  static void count(const char* begin, const char* end, std::size_t offset, Lines& lines) {
    for (const char* c = begin; c != end; ++c) {
      if (*c == '\n') {
        ++lines.newlines;
        lines.line_start = offset + static_cast<std::size_t>(c - begin) + 1;
      }
    }
  }

  std::streambuf& m_source;
  std::string_view m_name;
  std::array<char, 16384> m_buffer{};
  std::size_t m_offset = 0; // characters before the current buffer
  Lines m_lines;            // in the characters before the current buffer
};

// Passes every event on to `target`, counting how deep arrays and objects nest.
class DepthGuard {
public:
  DepthGuard(json::json_sax_t& target, const CountingBuffer& buffer, std::string_view source)
      : m_target(target), m_buffer(buffer), m_source(source) {}

  bool null() { return m_target.null(); }
  bool boolean(bool value) { return m_target.boolean(value); }
  bool number_integer(json::number_integer_t value) { return m_target.number_integer(value); }
  bool number_unsigned(json::number_unsigned_t value) { return m_target.number_unsigned(value); }
  bool number_float(json::number_float_t value, const json::string_t& text) {
    return m_target.number_float(value, text);
  }
  bool string(json::string_t& value) { return m_target.string(value); }
  bool binary(json::binary_t& value) { return m_target.binary(value); }
  bool key(json::string_t& value) { return m_target.key(value); }
  bool start_object(std::size_t size) {
    enter();
    return m_target.start_object(size);
  }
  bool end_object() {
    --m_depth;
    return m_target.end_object();
  }
  bool start_array(std::size_t size) {
    enter();
    return m_target.start_array(size);
  }
  bool end_array() {
    --m_depth;
    return m_target.end_array();
  }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& error) {
    return m_target.parse_error(position, last_token, error);
  }

private:
  void enter() {
    if (++m_depth > k_max_json_depth) {
      const auto [line, column] = m_buffer.position();
      throw InputError(
          fmt::format("{}:{}:{}: nesting deeper than {} levels", m_source, line, column, k_max_json_depth));
    }
  }

  json::json_sax_t& m_target;
  const CountingBuffer& m_buffer;
  std::string_view m_source;
  std::size_t m_depth = 0;
};

} // namespace

bool sax_parse(std::istream& in, std::string_view source, json::json_sax_t& sax) {
  CountingBuffer buffer(*in.rdbuf(), source);
  std::istream counted(&buffer);
  DepthGuard guard(sax, buffer, source);
  return json::sax_parse(counted, &guard);
}

} // namespace bedrock_cost::util
