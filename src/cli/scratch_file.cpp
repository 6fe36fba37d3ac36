#include "scratch_file.hpp"

#include <bedrock_cost/error.hpp>

#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <streambuf>
#include <unistd.h>

namespace bedrock_cost::cli {

namespace {

[[noreturn]] void fail(const std::string& folder, std::string_view what, int error) {
  throw InputError(fmt::format("{}: cannot {} a temporary file: {}", folder, what, std::strerror(error)));
}

} // namespace

// Reads the file descriptor from where it stands, through a buffer of its own.
class ScratchFile::Buffer : public std::streambuf {
public:
  explicit Buffer(int fd) : m_fd(fd) {}

protected:
  int_type underflow() override {
    ssize_t n = 0;
    do {
      n = ::read(m_fd, m_data.data(), m_data.size());
    } while (n < 0 && errno == EINTR);
    if (n <= 0) {
      return traits_type::eof(); // a read error ends the stream: the JSON reader then names the truncated input
    }
    setg(m_data.data(), m_data.data(), m_data.data() + n);
    return traits_type::to_int_type(m_data[0]);
  }

private:
  int m_fd;
  std::array<char, std::size_t{1} << 16> m_data{};
};

ScratchFile::ScratchFile(std::string folder) : m_folder(std::move(folder)) {
  std::string name = m_folder + "/.download.XXXXXX";
  m_fd = ::mkstemp(name.data());
  if (m_fd < 0) {
    fail(m_folder, "create", errno);
  }
  ::unlink(name.c_str());
}

ScratchFile::~ScratchFile() { ::close(m_fd); }

void ScratchFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(m_fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      fail(m_folder, "write", n == 0 ? EIO : errno);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::istream& ScratchFile::read() {
  if (::lseek(m_fd, 0, SEEK_SET) != 0) {
    fail(m_folder, "read", errno);
  }
  m_stream.reset();
  m_buffer = std::make_unique<Buffer>(m_fd);
  m_stream = std::make_unique<std::istream>(m_buffer.get());
  return *m_stream;
}

} // namespace bedrock_cost::cli
