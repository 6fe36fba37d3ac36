// --output and --chart files (src/cli/output_file.hpp): what each kind of node a path names becomes, the refusal of
// outputs that are inputs, and output that cannot be written (a full disk) failing the run.

#include "../../src/cli/output_file.hpp"
#include "test_helpers.hpp"

#include <bedrock_cost/cli/run.hpp>
#include <bedrock_cost/error.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

using namespace bedrock_cost;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_haiku = "anthropic.claude-3-haiku-20240307-v1:0";

// A fresh folder for one test, removed afterwards.
struct TempDir {
  fs::path path = fs::temp_directory_path() / fmt::format("bedrock-cost-output-{}", ::getpid());
  TempDir() {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path / name).string(); }
  // The names in the folder, sorted: a leftover temporary file shows here.
  std::vector<std::string> names() const {
    std::vector<std::string> result;
    for (const auto& entry : fs::directory_iterator(path)) {
      result.push_back(entry.path().filename().string());
    }
    std::sort(result.begin(), result.end());
    return result;
  }
};

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

struct stat node_of(const std::string& path) {
  struct stat node {};
  REQUIRE(::lstat(path.c_str(), &node) == 0);
  return node;
}

void output(const std::string& path, const std::string& content) { cli::OutputFile(path, content).commit(); }

using Result = test::CliResult;
const auto run = test::run_cli;

// A character device node made in `dir` (as root), like /dev/null (1,3) or /dev/full (1,7); else the system's.
std::string char_device(const TempDir& dir, const std::string& name, unsigned minor) {
  const std::string own = dir / name;
  return ::mknod(own.c_str(), S_IFCHR | 0666, makedev(1, minor)) == 0 ? own : "/dev/" + name;
}

} // namespace

TEST_CASE("a new output file gets 0666 less the umask, and no temporary file stays", "[cli][output]") {
  const TempDir dir;
  const mode_t previous = ::umask(027);
  output(dir / "report.json", "{}\n");
  ::umask(previous);
  CHECK((node_of(dir / "report.json").st_mode & 07777) == 0640);
  CHECK(read(dir / "report.json") == "{}\n");
  CHECK(dir.names() == std::vector<std::string>{"report.json"});
}

TEST_CASE("an existing output file is replaced atomically and keeps its mode", "[cli][output]") {
  const TempDir dir;
  write(dir / "report.json", "old\n");
  ::chmod((dir / "report.json").c_str(), 0600);
  const ino_t before = node_of(dir / "report.json").st_ino;
  output(dir / "report.json", "new\n");
  const struct stat after = node_of(dir / "report.json");
  CHECK((after.st_mode & 07777) == 0600);
  CHECK(after.st_ino != before); // a new file renamed over the old one
  CHECK(read(dir / "report.json") == "new\n");
  CHECK(dir.names() == std::vector<std::string>{"report.json"});
}

TEST_CASE("an output that is a symlink stays one: the file at the end of the chain is replaced", "[cli][output]") {
  const TempDir dir;
  fs::create_directories(dir.path / "reports");
  write(dir / "reports/report.json", "old\n");
  fs::create_directories(dir.path / "links");
  fs::create_symlink("../reports/report.json", dir / "links/link.json"); // relative to its own folder
  fs::create_symlink("links/link.json", dir / "chain.json");             // a chain of two
  output(dir / "chain.json", "new\n");
  CHECK(fs::is_symlink(dir / "chain.json"));
  CHECK(fs::read_symlink(dir / "chain.json") == "links/link.json");
  CHECK(fs::read_symlink(dir / "links/link.json") == "../reports/report.json");
  CHECK(read(dir / "reports/report.json") == "new\n");
  CHECK(fs::directory_iterator(dir.path / "reports")->path().filename() == "report.json"); // no temporary file
  CHECK(cli::resolve_output(dir / "chain.json").path == dir / "links/../reports/report.json");
}

TEST_CASE("an output that is a dangling symlink creates its target", "[cli][output]") {
  const TempDir dir;
  fs::create_symlink("new.json", dir / "link.json");
  output(dir / "link.json", "new\n");
  CHECK(fs::is_symlink(dir / "link.json"));
  CHECK(read(dir / "new.json") == "new\n");
  CHECK(dir.names() == std::vector<std::string>{"link.json", "new.json"});
}

TEST_CASE("an output file with several hard links is rewritten in place: every link shows the report",
          "[cli][output]") {
  const TempDir dir;
  write(dir / "report.json", "an older and longer report\n");
  ::chmod((dir / "report.json").c_str(), 0604);
  fs::create_hard_link(dir / "report.json", dir / "link.json");
  const ino_t before = node_of(dir / "report.json").st_ino;
  CHECK(cli::resolve_output(dir / "report.json").mode == cli::WriteMode::in_place);
  output(dir / "report.json", "new\n");
  const struct stat after = node_of(dir / "link.json");
  CHECK(after.st_ino == before);
  CHECK(after.st_nlink == 2);
  CHECK((after.st_mode & 07777) == 0604);
  CHECK(read(dir / "link.json") == "new\n"); // cut to the new length
  CHECK(dir.names() == std::vector<std::string>{"link.json", "report.json"});
}

TEST_CASE("a FIFO is written through once a reader opens it, and stays a FIFO", "[cli][output]") {
  const TempDir dir;
  const std::string fifo = dir / "report.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const std::string report(200'000, 'x'); // more than a pipe holds: the writer waits for the reader
  std::string received;
  std::thread reader([&] { received = read(fifo); });
  output(fifo, report);
  reader.join();
  CHECK(received == report);
  CHECK(S_ISFIFO(node_of(fifo).st_mode));
  CHECK(dir.names() == std::vector<std::string>{"report.fifo"});
}

TEST_CASE("a run waiting for a FIFO's reader ends when a held-back signal is pending", "[cli][output]") {
  const TempDir dir;
  const std::string fifo = dir / "report.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  sigset_t interrupt;
  sigemptyset(&interrupt);
  sigaddset(&interrupt, SIGINT);
  sigset_t previous;
  ::sigprocmask(SIG_BLOCK, &interrupt, &previous); // as DeferSignals holds it while a --chart is staged
  ::raise(SIGINT);
  CHECK_THROWS_WITH(output(fifo, "report\n"), fifo + ": interrupted while waiting for a reader of the FIFO");
  int taken = 0;
  ::sigwait(&interrupt, &taken); // the pending signal, consumed before unblocking
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);
  CHECK(taken == SIGINT);
  CHECK(dir.names() == std::vector<std::string>{"report.fifo"});
}

TEST_CASE("a Unix socket is connected to and written through", "[cli][output]") {
  const TempDir dir;
  const std::string path = dir / "report.sock";
  const int listener = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::copy(path.begin(), path.end(), std::begin(address.sun_path));
  // NOLINTNEXTLINE(*-pro-type-reinterpret-cast): the sockets API takes a sockaddr*
  REQUIRE(::bind(listener, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
  REQUIRE(::listen(listener, 1) == 0);
  std::string received;
  std::thread server([&] {
    const int connection = ::accept(listener, nullptr, nullptr);
    std::array<char, 4096> buffer{};
    for (ssize_t n = 0; (n = ::read(connection, buffer.data(), buffer.size())) > 0;) {
      received.append(buffer.data(), static_cast<std::size_t>(n));
    }
    ::close(connection);
  });
  output(path, "report\n");
  server.join();
  ::close(listener);
  CHECK(received == "report\n");
  CHECK(S_ISSOCK(node_of(path).st_mode));
}

TEST_CASE("a character device is written through, never replaced", "[cli][output]") {
  const TempDir dir;
  const std::string null = char_device(dir, "null", 3); // /dev/null itself when not root
  const struct stat before = node_of(null);
  REQUIRE(S_ISCHR(before.st_mode));
  output(null, "report\n");
  const struct stat after = node_of(null);
  REQUIRE(S_ISCHR(after.st_mode));
  CHECK(after.st_ino == before.st_ino);
  CHECK(after.st_rdev == before.st_rdev);
  if (null != "/dev/null") { // and now that writing through is shown safe, /dev/null itself (as root)
    const ino_t system_null = node_of("/dev/null").st_ino;
    output("/dev/null", "report\n");
    CHECK(S_ISCHR(node_of("/dev/null").st_mode));
    CHECK(node_of("/dev/null").st_ino == system_null);
  }
  const std::string full = char_device(dir, "full", 7);
  CHECK_THROWS_WITH(output(full, "report\n"), full + ": cannot write: No space left on device");
  CHECK(S_ISCHR(node_of(full).st_mode));
}

TEST_CASE("/dev/fd/N and /dev/stdout are written through their descriptor", "[cli][output]") {
  CHECK(cli::resolve_output("/dev/stdout").descriptor == 1);
  CHECK(cli::resolve_output("/dev/stderr").descriptor == 2);
  CHECK(cli::resolve_output("/proc/self/fd/1").descriptor == 1);
  std::array<int, 2> pipe{};
  REQUIRE(::pipe(pipe.data()) == 0);
  const std::string path = fmt::format("/dev/fd/{}", pipe[1]);
  CHECK(cli::resolve_output(path).mode == cli::WriteMode::through);
  output(path, "report\n");
  ::close(pipe[1]);
  std::array<char, 64> buffer{};
  const ssize_t n = ::read(pipe[0], buffer.data(), buffer.size());
  ::close(pipe[0]);
  CHECK(std::string(buffer.data(), static_cast<std::size_t>(std::max<ssize_t>(n, 0))) == "report\n");
}

TEST_CASE("an output name of 250 characters works: the temporary name is shortened", "[cli][output]") {
  const TempDir dir;
  const std::string name(250, 'r');
  output(dir / name, "report\n");
  CHECK(read(dir / name) == "report\n");
  CHECK(dir.names() == std::vector<std::string>{name});
  output(dir / name, "again\n"); // replacing it too
  CHECK(read(dir / name) == "again\n");
  CHECK(dir.names() == std::vector<std::string>{name});
}

TEST_CASE("outputs that cannot be files are refused, and a staged file never committed is removed", "[cli][output]") {
  const TempDir dir;
  CHECK_THROWS_WITH(cli::resolve_output(dir.path.string()),
                    dir.path.string() + ": is a directory, expected a file name");
  fs::create_symlink("loop", dir / "loop");
  CHECK_THROWS_WITH(cli::resolve_output(dir / "loop"),
                    dir / "loop" + ": cannot write: Too many levels of symbolic links");
  fs::remove(dir / "loop");
  const std::string block = dir / "block";
  if (::mknod(block.c_str(), S_IFBLK | 0600, makedev(7, 200)) == 0) { // as root
    CHECK_THROWS_WITH(cli::resolve_output(block), block + ": is a block device, expected a file name");
    fs::remove(block);
  }
  {
    const cli::OutputFile staged(dir / "report.json", "report\n");
    CHECK(dir.names().size() == 1); // the temporary file
  }
  CHECK(dir.names().empty());
  CHECK_THROWS_WITH(output(dir / "no-such-folder/report.json", "x"),
                    dir / "no-such-folder/report.json" + ": cannot write: No such file or directory");
}

TEST_CASE("one file given to both --output and --chart is a usage error", "[cli][output]") {
  const TempDir dir;
  const std::string svg = dir / "charts.svg";
  const std::vector<std::string> estimate = {"estimate", "-m", k_haiku, "--tpm", "1000"};
  auto with = [&](std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return run(args);
  };
  auto r = with(estimate, {"-o", svg, "--chart", svg});
  CHECK(r.code == 2);
  CHECK(r.err == fmt::format("bedrock-cost: error: estimate: --output '{0}' and --chart '{0}' are the same file; "
                             "give two different files\n",
                             svg));
  write(svg, "old");
  fs::create_symlink(svg, dir / "link.svg");
  fs::create_hard_link(svg, dir / "hard.svg");
  for (const std::string& other : {dir / "link.svg", dir / "hard.svg", dir.path.string() + "/./charts.svg"}) {
    r = with(estimate, {"--output", other, "--chart", svg});
    CHECK(r.code == 2);
    CHECK(r.err == fmt::format("bedrock-cost: error: estimate: --output '{}' and --chart '{}' are the same file; "
                               "give two different files\n",
                               other, svg));
  }
  CHECK(read(svg) == "old");
  CHECK(with(estimate, {"-o", "/dev/null", "--chart", "/dev/null"}).code == 0); // written through: nothing replaced
}

TEST_CASE("an output that is also an input is a usage error, in every command with --output", "[cli][output]") {
  const TempDir dir;
  const std::string file = dir / "input.json";
  write(file, "keep");
  fs::create_directories(dir.path / "logs");
  const std::string base = dir / "base.json";
  write(base, "keep");
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::string also = "write the output to another file";
  const std::vector<Case> cases = {
      {{"estimate", "--usage", file, "-o", file},
       fmt::format("estimate: --output '{0}' is also an input (--usage '{0}'); {1}", file, also)},
      {{"estimate", "-m", k_haiku, "--tpm", "1", "--prices", base, file, "-o", file},
       fmt::format("estimate: --output '{0}' is also an input (--prices '{0}'); {1}", file, also)},
      {{"estimate", "--catalog", file, "-m", k_haiku, "--tpm", "1", "--chart", file},
       fmt::format("estimate: --chart '{0}' is also an input (--catalog '{0}'); {1}", file, also)},
      {{"estimate", "--workload", file, "--output", file},
       fmt::format("estimate: --output '{0}' is also an input (--workload '{0}'); {1}", file, also)},
      {{"estimate", "-m", k_haiku, "--tpm", "1", "--compare-to", file, "-o", dir / "link.json"},
       fmt::format("estimate: --output '{}' is also an input (--compare-to '{}'); {}", dir / "link.json", file, also)},
      {{"estimate", "--usage", dir / "logs", "-o", dir / "logs/sub/report.json"},
       fmt::format("estimate: --output '{}' is inside an input folder (--usage '{}'); write the output elsewhere",
                   dir / "logs/sub/report.json", dir / "logs")},
      {{"profile", file, "-o", file},
       fmt::format("profile: --output '{0}' is also an input (USAGE '{0}'); {1}", file, also)},
      {{"models", "--catalog", file, "-o", file},
       fmt::format("models: --output '{0}' is also an input (--catalog '{0}'); {1}", file, also)},
      {{"diff", base, file, "-o", file},
       fmt::format("diff: --output '{0}' is also an input (HEAD.json '{0}'); {1}", file, also)},
      {{"catalog", "import", file, "-o", file},
       fmt::format("catalog import: --output '{0}' is also an input (FILE '{0}'); {1}", file, also)},
      {{"catalog", "import", "--catalog", base, file, "-o", dir / "hard.json"},
       fmt::format("catalog import: --output '{}' is also an input (FILE '{}'); {}", dir / "hard.json", file, also)},
  };
  fs::create_symlink(file, dir / "link.json");
  fs::create_hard_link(file, dir / "hard.json");
  for (const Case& c : cases) {
    INFO(fmt::format("{}", fmt::join(c.args, " ")));
    const Result r = run(c.args);
    CHECK(r.code == 2);
    CHECK(r.err == "bedrock-cost: error: " + c.message + "\n");
    CHECK(read(file) == "keep");
  }
  CHECK(dir.names() == std::vector<std::string>{"base.json", "hard.json", "input.json", "link.json", "logs"});
}

TEST_CASE("help, version, completion and reports on a full stdout fail with exit 1", "[cli][output]") {
  for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                               {"--version"},
                                               {"estimate", "--help"},
                                               {"completion", "bash"},
                                               {"completion", "zsh"},
                                               {"completion", "man"},
                                               {"models"},
                                               {"estimate", "-m", k_haiku, "--tpm", "1000"},
                                               {"catalog", "validate", BEDROCK_COST_EXAMPLES_DIR "/quote.json"}}) {
    INFO(fmt::format("{}", fmt::join(args, " ")));
    std::ofstream full("/dev/full");
    REQUIRE(full.is_open());
    std::ostringstream err;
    cli::Io io{full, err, false, false, nullptr};
    CHECK(cli::run(args, io) == 1);
    CHECK(err.str() == "bedrock-cost: error: stdout: cannot write: No space left on device\n");
  }
}
