#include "output_file.hpp"

#include <bedrock_cost/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <utility>

namespace bedrock_cost::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::array k_deferred_signals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};
constexpr int k_max_links = 40;            // symlinks followed before ELOOP, as the kernel's MAXSYMLINKS
constexpr long k_default_name_max = 255;   // NAME_MAX, when pathconf cannot say
constexpr std::size_t k_max_fd_digits = 9; // /proc/self/fd/N: N fits an int
constexpr auto k_fifo_poll = std::chrono::milliseconds(10);

[[noreturn]] void fail_write(const std::string& path, int error) {
  throw InputError(fmt::format("{}: cannot write: {}", path, std::strerror(error)));
}

} // namespace

// Blocks SIGINT, SIGTERM, SIGHUP and SIGQUIT while it lives, so that Ctrl-C during a write takes effect only once
// the report is whole and in place (or the temporary file removed): never a truncated report or a stray
// temporary file.
class DeferSignals {
public:
  DeferSignals() {
    sigset_t blocked;
    sigemptyset(&blocked);
    for (const int signal : k_deferred_signals) {
      sigaddset(&blocked, signal);
    }
    ::sigprocmask(SIG_BLOCK, &blocked, &m_previous);
  }
  ~DeferSignals() { ::sigprocmask(SIG_SETMASK, &m_previous, nullptr); }
  DeferSignals(const DeferSignals&) = delete;
  DeferSignals& operator=(const DeferSignals&) = delete;
  DeferSignals(DeferSignals&&) = delete;
  DeferSignals& operator=(DeferSignals&&) = delete;

private:
  sigset_t m_previous{};
};

namespace {

// An open file descriptor, closed on destruction.
class Descriptor {
public:
  explicit Descriptor(int fd) : m_fd(fd) {}
  ~Descriptor() {
    if (m_fd >= 0) {
      ::close(m_fd);
    }
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  Descriptor(Descriptor&&) = delete;
  Descriptor& operator=(Descriptor&&) = delete;
  int get() const { return m_fd; }
  int release() { return std::exchange(m_fd, -1); }
  // Closes it; returns close(2)'s errno, or 0.
  int close() { return ::close(release()) == 0 ? 0 : errno; }

private:
  int m_fd;
};

// N when `path` is /proc/<this process>/fd/N, which /dev/stdout, /dev/stderr and /dev/fd/N lead to.
std::optional<int> process_descriptor(const fs::path& path) {
  const std::string name = path.filename().string();
  if (name.empty() || name.size() > k_max_fd_digits ||
      !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  std::error_code error;
  const fs::path folder = fs::canonical(path.has_parent_path() ? path.parent_path() : fs::path("."), error);
  if (error || folder != fs::path(fmt::format("/proc/{}/fd", ::getpid()))) {
    return std::nullopt;
  }
  return std::stoi(name);
}

// The end of the symlink chain from `given`: a path that is not a symlink (it may not exist), or a descriptor.
std::pair<std::string, std::optional<int>> follow_links(const std::string& given) {
  fs::path current = given;
  for (int hops = 0; hops <= k_max_links; ++hops) {
    if (const auto descriptor = process_descriptor(current)) {
      return {current.string(), descriptor};
    }
    std::error_code error;
    if (!fs::is_symlink(fs::symlink_status(current, error))) {
      return {current.string(), std::nullopt};
    }
    const fs::path target = fs::read_symlink(current, error);
    if (error) {
      fail_write(given, error.value());
    }
    current = target.is_absolute() || !current.has_parent_path() ? target : current.parent_path() / target;
  }
  fail_write(given, ELOOP);
}

// The process's umask, read without changing it where /proc allows.
mode_t process_umask() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("Umask:")) {
      return static_cast<mode_t>(std::stoul(line.substr(6), nullptr, 8));
    }
  }
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return mask;
}

// The mkstemp template beside `target`: ".NAME.XXXXXX", or ".bedrock-cost.XXXXXX" when that is longer than a file
// name in its folder may be.
std::string temp_template(const fs::path& target) {
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  const long name_max = ::pathconf(folder.c_str(), _PC_NAME_MAX);
  std::string name = fmt::format(".{}.XXXXXX", target.filename().string());
  if (name.size() > static_cast<std::size_t>(name_max > 0 ? name_max : k_default_name_max)) {
    name = ".bedrock-cost.XXXXXX";
  }
  return (folder / name).string();
}

// Writes all of `content` to `fd`, waiting while a non-blocking descriptor is full; throws naming `path`.
void write_all(int fd, std::string_view content, const std::string& path) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n > 0) {
      written += static_cast<std::size_t>(n);
    } else if (n < 0 && errno == EAGAIN) {
      pollfd ready{fd, POLLOUT, 0};
      ::poll(&ready, 1, -1);
    } else if (n == 0 || errno != EINTR) {
      fail_write(path, n == 0 ? EIO : errno);
    }
  }
}

// Gives the new file `fd` the owner (where allowed) and mode of the file it replaces, or 0666 & ~umask.
void set_attributes(int fd, const std::optional<struct stat>& replaced, const std::string& path) {
  if (replaced && ::fchown(fd, replaced->st_uid, replaced->st_gid) != 0 && errno != EPERM) {
    fail_write(path, errno);
  }
  const mode_t mode = replaced ? replaced->st_mode & 07777U : 0666U & ~process_umask();
  if (::fchmod(fd, mode) != 0) {
    fail_write(path, errno);
  }
}

// A temporary file beside `target.path` holding `content` (flushed to disk), with the attributes of the file it
// will replace; returns its name. Throws naming `path`, and leaves no file then.
std::string stage(const OutputTarget& target, std::string_view content, const std::string& path) {
  std::string temp = temp_template(target.path);
  Descriptor fd(::mkstemp(temp.data()));
  if (fd.get() < 0) {
    fail_write(path, errno);
  }
  try {
    write_all(fd.get(), content, path);
    set_attributes(fd.get(), target.existing, path);
    if (::fsync(fd.get()) != 0) {
      fail_write(path, errno);
    }
    if (const int error = fd.close(); error != 0) {
      fail_write(path, error);
    }
  } catch (...) {
    ::unlink(temp.c_str());
    throw;
  }
  return temp;
}

// Overwrites the regular file `target` with `content` from its start, cuts it there and flushes it: the inode, so
// every hard link, the mode and the owner, stays. Not atomic: a failure midway leaves a partial file.
void rewrite(const std::string& target, std::string_view content, const std::string& path) {
  Descriptor fd(::open(target.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC)); // NOLINT(*-pro-type-vararg): no mode
  if (fd.get() < 0) {
    fail_write(path, errno);
  }
  write_all(fd.get(), content, path);
  if (::ftruncate(fd.get(), static_cast<off_t>(content.size())) != 0 || ::fsync(fd.get()) != 0) {
    fail_write(path, errno);
  }
  if (const int error = fd.close(); error != 0) {
    fail_write(path, error);
  }
}

bool deferred_signal_pending() {
  sigset_t pending;
  sigemptyset(&pending);
  ::sigpending(&pending);
  return std::any_of(k_deferred_signals.begin(), k_deferred_signals.end(),
                     [&pending](int signal) { return sigismember(&pending, signal) == 1; });
}

// The FIFO `target` opened for writing once a reader has it open (non-blocking; write_all waits), or -1. It polls
// rather than blocking in open(2), so that a signal held back by DeferSignals (a staged --chart) still ends the
// wait: the InputError unwinds, the temporary file goes, and the signal is delivered.
int open_fifo(const std::string& target, const std::string& path) {
  while (true) {
    const int fd = ::open(target.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC); // NOLINT(*-pro-type-vararg): no mode
    if (fd >= 0 || errno != ENXIO) {
      return fd;
    }
    if (deferred_signal_pending()) {
      throw InputError(fmt::format("{}: interrupted while waiting for a reader of the FIFO", path));
    }
    std::this_thread::sleep_for(k_fifo_poll);
  }
}

// A stream connection to the Unix socket `target`, or -1.
int connect_socket(const std::string& target) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (target.size() >= sizeof(address.sun_path)) {
    errno = ENAMETOOLONG;
    return -1;
  }
  std::copy(target.begin(), target.end(), std::begin(address.sun_path));
  Descriptor fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  // NOLINTNEXTLINE(*-pro-type-reinterpret-cast): the sockets API takes a sockaddr*
  if (fd.get() < 0 || ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    return -1;
  }
  return fd.release();
}

// What `target` names, opened for writing without replacing it, or -1.
int open_through(const OutputTarget& target, const std::string& path) {
  if (target.descriptor) {
    return ::dup(*target.descriptor);
  }
  const mode_t type = target.existing ? target.existing->st_mode & S_IFMT : 0;
  if (type == S_IFSOCK) {
    return connect_socket(target.path);
  }
  if (type == S_IFIFO) {
    return open_fifo(target.path, path);
  }
  return ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC); // NOLINT(*-pro-type-vararg): no mode
}

void write_through(const OutputTarget& target, std::string_view content, const std::string& path) {
  Descriptor fd(open_through(target, path));
  if (fd.get() < 0) {
    fail_write(path, errno);
  }
  write_all(fd.get(), content, path);
  if (const int error = fd.close(); error != 0) {
    fail_write(path, error);
  }
}

} // namespace

OutputTarget resolve_output(const std::string& path) {
  auto [end, descriptor] = follow_links(path);
  OutputTarget target{std::move(end), WriteMode::through, descriptor, std::nullopt};
  if (descriptor) {
    return target;
  }
  struct stat node {};
  if (::stat(target.path.c_str(), &node) != 0) {
    target.mode = WriteMode::replace; // a new file; a missing folder, say, shows when it is created
    return target;
  }
  target.existing = node;
  if (S_ISDIR(node.st_mode)) {
    throw InputError(fmt::format("{}: is a directory, expected a file name", path));
  }
  if (S_ISBLK(node.st_mode)) {
    throw InputError(fmt::format("{}: is a block device, expected a file name", path));
  }
  if (S_ISREG(node.st_mode)) {
    target.mode = node.st_nlink > 1 ? WriteMode::in_place : WriteMode::replace;
  }
  return target;
}

OutputFile::OutputFile(std::string path, std::string content, Replace replace)
    : m_path(std::move(path)), m_target(resolve_output(m_path)) {
  if (replace == Replace::always && m_target.mode == WriteMode::in_place) {
    m_target.mode = WriteMode::replace;
  }
  if (replace == Replace::always && m_target.mode == WriteMode::through) {
    throw InputError(fmt::format("{}: is not a regular file; remove it and run again", m_path));
  }
  if (m_target.mode != WriteMode::replace) {
    m_content = std::move(content);
    return;
  }
  m_defer = std::make_unique<DeferSignals>();
  m_temp = stage(m_target, content, m_path);
}

OutputFile::~OutputFile() {
  if (!m_temp.empty()) {
    ::unlink(m_temp.c_str());
  }
}

void OutputFile::commit() {
  switch (m_target.mode) {
  case WriteMode::replace:
    if (::rename(m_temp.c_str(), m_target.path.c_str()) != 0) {
      fail_write(m_path, errno); // the destructor removes the temporary file
    }
    m_temp.clear();
    return;
  case WriteMode::in_place: {
    const DeferSignals defer;
    rewrite(m_target.path, m_content, m_path);
    return;
  }
  case WriteMode::through: write_through(m_target, m_content, m_path); return;
  }
}

} // namespace bedrock_cost::cli
