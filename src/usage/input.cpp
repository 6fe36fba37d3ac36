#include "input.hpp"

#include <bedrock_cost/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

namespace bedrock_cost::usage::detail {

namespace {

constexpr std::size_t k_peek = std::size_t{1} << 16;      // the head of a file, read to tell gzip from text
constexpr std::size_t k_raw_chunk = std::size_t{1} << 20; // compressed bytes read at a time

} // namespace

void ByteBuffer::grow(std::size_t size, std::size_t keep) {
  auto bigger = std::make_unique_for_overwrite<char[]>(size); // NOLINT(*-avoid-c-arrays): see ByteBuffer
  std::memcpy(bigger.get(), m_data.get(), keep);
  m_data = std::move(bigger);
  m_size = size;
}

struct Input::Gzip {
  z_stream stream{};
  bool in_member = true; // inside a gzip member: the input must not end here
};

Input::Input(const std::string& path, std::istream* stdin_stream)
    : m_name(path == "-" ? std::string("<stdin>") : path), m_raw(k_peek) {
  if (path == "-") {
    if (stdin_stream == nullptr) {
      throw InputError("-: no standard input to read");
    }
    m_stream = stdin_stream;
  } else {
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC); // NOLINT(*-pro-type-vararg): the mode argument is not used
    if (m_fd < 0) {
      throw InputError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    }
    struct stat info {};
    if (::fstat(m_fd, &info) == 0) {
      if (S_ISDIR(info.st_mode)) {
        ::close(m_fd);
        throw InputError(fmt::format("{}: is a folder", path));
      }
      m_file_size = static_cast<std::uint64_t>(info.st_size);
    }
  }
  // Peek at the head: gzip starts with 1f 8b.
  while (m_raw_end < 2 && !m_raw_eof) {
    const std::size_t n = read_raw(m_raw.data() + m_raw_end, m_raw.size() - m_raw_end);
    m_raw_end += n;
    m_raw_eof = n == 0;
  }
  if (m_raw_end >= 2 && static_cast<unsigned char>(m_raw.data()[0]) == 0x1f &&
      static_cast<unsigned char>(m_raw.data()[1]) == 0x8b) {
    m_raw.grow(k_raw_chunk, m_raw_end);
    m_gzip = std::make_unique<Gzip>();
    if (inflateInit2(&m_gzip->stream, 15 + 16) != Z_OK) {
      throw InputError(fmt::format("{}: cannot start gzip decompression", m_name));
    }
  }
}

Input::~Input() {
  if (m_gzip) {
    inflateEnd(&m_gzip->stream);
  }
  if (m_fd >= 0) {
    ::close(m_fd);
  }
}

std::size_t Input::read_raw(char* out, std::size_t size) {
  if (m_stream != nullptr) {
    m_stream->read(out, static_cast<std::streamsize>(size));
    const auto n = static_cast<std::size_t>(m_stream->gcount());
    m_raw_read += n;
    return n;
  }
  for (;;) {
    const ssize_t n = ::read(m_fd, out, size);
    if (n >= 0) {
      m_raw_read += static_cast<std::uint64_t>(n);
      return static_cast<std::size_t>(n);
    }
    if (errno != EINTR) {
      throw InputError(fmt::format("{}: read error: {}", m_name, std::strerror(errno)));
    }
  }
}

std::size_t Input::read(char* out, std::size_t size) {
  if (m_head_pos < m_head.size()) {
    const std::size_t n = std::min(size, m_head.size() - m_head_pos);
    std::memcpy(out, m_head.data() + m_head_pos, n);
    m_head_pos += n;
    return n;
  }
  return read_content(out, size);
}

std::string_view Input::head(std::size_t size) {
  if (m_head_pos > 0) {
    throw std::logic_error("Input::head after read");
  }
  const std::size_t had = m_head.size();
  if (had < size) {
    m_head.resize(size);
    std::size_t filled = had;
    while (filled < size) {
      const std::size_t n = read_content(m_head.data() + filled, size - filled);
      if (n == 0) {
        break;
      }
      filled += n;
    }
    m_head.resize(filled);
  }
  return std::string_view(m_head).substr(0, std::min(size, m_head.size()));
}

std::size_t Input::read_content(char* out, std::size_t size) {
  if (!m_gzip) {
    if (m_raw_begin < m_raw_end) { // the bytes read to tell gzip from text
      const std::size_t n = std::min(size, m_raw_end - m_raw_begin);
      std::memcpy(out, m_raw.data() + m_raw_begin, n);
      m_raw_begin += n;
      return n;
    }
    return m_raw_eof ? 0 : read_raw(out, size);
  }
  return inflate_into(out, size);
}

std::size_t Input::inflate_into(char* out, std::size_t size) {
  z_stream& z = m_gzip->stream;
  z.next_out = reinterpret_cast<Bytef*>(out); // NOLINT(*-pro-type-reinterpret-cast): zlib's bytes are unsigned
  z.avail_out = static_cast<uInt>(std::min<std::size_t>(size, 1U << 30));
  const std::size_t wanted = z.avail_out;
  while (z.avail_out > 0) {
    if (m_raw_begin == m_raw_end && !m_raw_eof) {
      m_raw_begin = 0;
      m_raw_end = read_raw(m_raw.data(), m_raw.size());
      m_raw_eof = m_raw_end == 0;
    }
    if (m_raw_begin == m_raw_end) {
      if (m_gzip->in_member) {
        throw InputError(fmt::format("{}: the gzip data ends early (truncated file?)", m_name));
      }
      break; // a clean end after the last member
    }
    z.next_in = reinterpret_cast<Bytef*>(m_raw.data() + m_raw_begin); // NOLINT(*-pro-type-reinterpret-cast): as above
    z.avail_in = static_cast<uInt>(m_raw_end - m_raw_begin);
    const int status = ::inflate(&z, Z_NO_FLUSH);
    m_raw_begin = m_raw_end - z.avail_in;
    if (status == Z_STREAM_END) {
      m_gzip->in_member = false; // another member may follow (concatenated gzip)
      if (inflateReset(&z) != Z_OK) {
        throw InputError(fmt::format("{}: gzip error", m_name));
      }
      continue;
    }
    if (status != Z_OK && status != Z_BUF_ERROR) {
      throw InputError(fmt::format("{}: corrupt gzip data ({})", m_name, z.msg != nullptr ? z.msg : "inflate error"));
    }
    m_gzip->in_member = true;
  }
  return wanted - z.avail_out;
}

LineReader::Status LineReader::next(std::string_view& line) {
  if (m_skipping) { // the rest of a line too long to keep, once the caller has had its say
    m_skipping = false;
    skip_rest_of_line();
  }
  for (;;) {
    const char* start = m_buffer.data() + m_begin;
    const auto* newline = static_cast<const char*>(std::memchr(start + m_scanned, '\n', m_end - m_begin - m_scanned));
    if (newline != nullptr || (m_eof && m_begin < m_end)) {
      const char* stop = newline != nullptr ? newline : m_buffer.data() + m_end;
      auto length = static_cast<std::size_t>(stop - start);
      m_begin += length + (newline != nullptr ? 1 : 0);
      m_scanned = 0;
      ++m_line;
      if (length > k_max_line) {
        line = {};
        return Status::too_long;
      }
      if (length > 0 && start[length - 1] == '\r') {
        --length;
      }
      line = std::string_view(start, length);
      if (m_line == 1 && line.starts_with("\xEF\xBB\xBF")) {
        line.remove_prefix(3); // a UTF-8 byte-order mark (PowerShell and some editors write one)
      }
      return Status::line;
    }
    m_scanned = m_end - m_begin;
    if (m_eof) {
      return Status::end;
    }
    if (m_scanned > k_max_line) {
      ++m_line;
      m_skipping = true;
      line = {};
      return Status::too_long;
    }
    if (!fill()) {
      m_eof = true;
    }
  }
}

// Keeps the partial line, then fills the rest of the buffer (growing it: see k_first_chunk); false at the end.
bool LineReader::fill() {
  std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
  m_end -= m_begin;
  m_begin = 0;
  const std::size_t capacity = m_buffer.size() - k_padding;
  if ((m_bytes > 0 && capacity < k_chunk) || capacity - m_end < std::min(capacity, k_chunk) / 4) {
    m_buffer.grow(m_buffer.size() * 2, m_end);
  }
  const std::size_t n = m_input.read(m_buffer.data() + m_end, m_buffer.size() - k_padding - m_end);
  m_bytes += n;
  m_end += n;
  std::memset(m_buffer.data() + m_end, 0, std::min(k_padding, m_buffer.size() - m_end));
  return n > 0;
}

// Drops the bytes of the current line up to and including its newline, without keeping them.
void LineReader::skip_rest_of_line() {
  m_begin = m_end = m_scanned = 0;
  for (;;) {
    const std::size_t n = m_input.read(m_buffer.data(), m_buffer.size() - k_padding);
    m_bytes += n;
    if (n == 0) {
      m_eof = true;
      return;
    }
    if (const auto* newline = static_cast<const char*>(std::memchr(m_buffer.data(), '\n', n)); newline != nullptr) {
      m_begin = static_cast<std::size_t>(newline - m_buffer.data()) + 1;
      m_end = n;
      std::memset(m_buffer.data() + m_end, 0, std::min(k_padding, m_buffer.size() - m_end));
      return;
    }
  }
}

InputStreamBuf::int_type InputStreamBuf::underflow() {
  if (gptr() < egptr()) {
    return traits_type::to_int_type(*gptr());
  }
  const std::size_t n = m_input.read(m_buffer.data(), m_buffer.size());
  if (n == 0) {
    return traits_type::eof();
  }
  // JSON text has no NUL byte, and nlohmann's parser would take one for the end of the input, silently.
  if (const void* nul = std::memchr(m_buffer.data(), '\0', n); nul != nullptr) {
    throw InputError(fmt::format("{}: byte {}: a NUL byte, which JSON text never holds (a binary or corrupt file?)",
                                 m_input.name(),
                                 m_offset + static_cast<std::size_t>(static_cast<const char*>(nul) - m_buffer.data())));
  }
  m_offset += n;
  setg(m_buffer.data(), m_buffer.data(), m_buffer.data() + n);
  return traits_type::to_int_type(*gptr());
}

} // namespace bedrock_cost::usage::detail
