#pragma once

// Internal to usage import: byte input (a file, stdin, gzip) and fast line splitting.

#include <cstdint>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>
#include <string_view>

namespace bedrock_cost::usage::detail {

// Bytes left uninitialised until written: a 4 MB line buffer for a 2 KB file touches one page, not a thousand (a
// folder of small S3 log files would otherwise spend most of its time clearing buffers).
// (unique_ptr<char[]> rather than a container: std::vector and std::string would initialise the bytes.)
class ByteBuffer {
public:
  explicit ByteBuffer(std::size_t size)
      : m_data(std::make_unique_for_overwrite<char[]>(size)), // NOLINT(*-avoid-c-arrays): see above
        m_size(size) {}

  char* data() { return m_data.get(); }
  const char* data() const { return m_data.get(); }
  std::size_t size() const { return m_size; }
  // Grows to `size` bytes, keeping the first `keep`.
  void grow(std::size_t size, std::size_t keep);

private:
  std::unique_ptr<char[]> m_data; // NOLINT(*-avoid-c-arrays): see above
  std::size_t m_size;
};

// A file or stdin, decompressed on the fly when it starts with the gzip magic bytes (concatenated gzip members
// are read in turn). A gzip stream that ends early is an error, not a short read.
class Input {
public:
  // Opens `path` ("-": `stdin_stream`); throws InputError naming the path when it cannot be read.
  Input(const std::string& path, std::istream* stdin_stream);
  ~Input();
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;
  Input(Input&&) = delete;
  Input& operator=(Input&&) = delete;

  // Up to `size` bytes of (decompressed) content; 0 at the end. Throws InputError on a read or gzip error.
  std::size_t read(char* out, std::size_t size);
  // The first `size` bytes of the content (fewer when it is shorter), without consuming them: read() returns them
  // again. Only before the first read(); a pipe is read once, so its head must not be read twice.
  std::string_view head(std::size_t size);

  const std::string& name() const { return m_name; }
  bool compressed() const { return m_gzip != nullptr; }
  std::uint64_t file_size() const { return m_file_size; }     // 0 when unknown
  std::uint64_t raw_bytes_read() const { return m_raw_read; } // of the file as stored

private:
  std::size_t read_raw(char* out, std::size_t size);
  std::size_t inflate_into(char* out, std::size_t size);

  std::string m_name;
  int m_fd = -1;
  std::istream* m_stream = nullptr;
  std::uint64_t m_file_size = 0;
  std::uint64_t m_raw_read = 0;
  ByteBuffer m_raw; // compressed input not yet inflated, or the peeked head of a plain file
  std::size_t m_raw_begin = 0;
  std::size_t m_raw_end = 0;
  bool m_raw_eof = false;
  struct Gzip;
  std::unique_ptr<Gzip> m_gzip;
  std::size_t read_content(char* out, std::size_t size);

  std::string m_head; // what head() read, returned by read() first
  std::size_t m_head_pos = 0;
};

// Splits an Input into lines without copying them (the view is valid until the next call). The buffer keeps
// `k_padding` readable bytes after every line, as simdjson requires. A UTF-8 byte-order mark before the first
// line is dropped. Memory follows the longest line, up to k_max_line.
class LineReader {
public:
  static constexpr std::size_t k_padding = 64;
  // The longest line read (64 MiB): far above any record AWS writes (bodies over 100 KB go to separate files), and
  // a bound on the memory a file without newlines can take.
  static constexpr std::size_t k_max_line = std::size_t{64} << 20;

  explicit LineReader(Input& input) : m_input(input), m_buffer(k_first_chunk + k_padding) {}

  enum class Status { line, too_long, end };
  // The next line without its '\n' (and '\r'): Status::line; Status::too_long for a line longer than k_max_line
  // (its bytes are skipped, and `line` is empty); Status::end at the end.
  Status next(std::string_view& line);
  std::int64_t line_number() const { return m_line; }
  // Bytes after the current line that may be read (for simdjson's padding requirement).
  std::size_t capacity_after(std::string_view line) const {
    return static_cast<std::size_t>(m_buffer.data() + m_buffer.size() - (line.data() + line.size()));
  }
  std::uint64_t bytes() const { return m_bytes; }

private:
  bool fill();
  void skip_rest_of_line();

  // The buffer starts small, so a small file costs little (a folder of S3 log files is mostly small files), and
  // doubles at each refill up to k_chunk for throughput on a large one; beyond, only for a line that long.
  static constexpr std::size_t k_first_chunk = std::size_t{1} << 16;
  static constexpr std::size_t k_chunk = std::size_t{1} << 22;

  Input& m_input;
  ByteBuffer m_buffer;
  std::size_t m_begin = 0;   // next unread byte
  std::size_t m_end = 0;     // end of valid data
  std::size_t m_scanned = 0; // bytes from m_begin already searched for a newline (a long line is scanned once)
  bool m_eof = false;
  bool m_skipping = false; // inside a line too long to keep
  std::int64_t m_line = 0;
  std::uint64_t m_bytes = 0;
};

// A std::streambuf over an Input, for the JSON parser (which takes a std::istream). A NUL byte is an InputError
// naming its offset: nlohmann's parser would end the input there without a word.
class InputStreamBuf : public std::streambuf {
public:
  explicit InputStreamBuf(Input& input) : m_input(input), m_buffer(1 << 16) {}

protected:
  int_type underflow() override;

private:
  Input& m_input;
  ByteBuffer m_buffer;
  std::size_t m_offset = 0; // bytes before the buffer
};

} // namespace bedrock_cost::usage::detail
