#pragma once

// Internal to the CLI: how an --output or --chart file is written without damaging what its name points at
// (docs/output-files.md), and the check that no output is also an input.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <vector>

namespace bedrock_cost::cli {

// How an output path is written.
enum class WriteMode {
  replace,  // a new or regular file: a temporary file beside it, renamed over it (atomic)
  in_place, // a regular file with several hard links: rewritten in place, so that the links stay (not atomic)
  through,  // a character device, FIFO or socket, or an open descriptor (/dev/stdout): written to, never replaced
};

// What an output path names once its symbolic links are followed.
struct OutputTarget {
  std::string path; // the end of the symlink chain: the node written or replaced
  WriteMode mode = WriteMode::replace;
  std::optional<int> descriptor;       // /dev/stdout, /dev/fd/N, /proc/self/fd/N: the descriptor written to
  std::optional<struct stat> existing; // the node at `path`, if there is one
};

// Follows `path`'s symlinks and says how it will be written; throws InputError naming `path` if it is a folder, a
// block device or a symlink loop.
OutputTarget resolve_output(const std::string& path);

class DeferSignals;

// `content` bound for `path`, put there by commit() as resolve_output() says. For `replace` the constructor writes
// a temporary file beside the target (with the target's mode and owner, or 0666 & ~umask for a new file) and
// commit() renames it into place; the destructor removes it if never committed, and SIGINT, SIGTERM, SIGHUP and
// SIGQUIT wait while it lives. The other modes write at commit(). Throws InputError naming `path`.
// How strictly OutputFile replaces: as resolve_output() says, or `always` by a rename (a cache that must never be half
// written): a file with several hard links is replaced too (the other links keep the old content), and a path that
// is not a regular file (a device, a FIFO, a socket, /dev/stdout) is refused.
enum class Replace { as_resolved, always };

class OutputFile {
public:
  OutputFile(std::string path, std::string content, Replace replace = Replace::as_resolved);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;
  OutputFile(OutputFile&&) = delete;
  OutputFile& operator=(OutputFile&&) = delete;
  void commit();

private:
  std::string m_path; // as given, for messages
  OutputTarget m_target;
  std::string m_content; // in_place and through: written by commit()
  std::unique_ptr<DeferSignals> m_defer;
  std::string m_temp; // replace: the temporary file, empty once committed
};

// A file named on the command line, with the flag (or argument) that names it.
struct NamedFile {
  std::string_view flag; // "--output", "--usage", "FILE"
  std::string path;      // empty or "-" (stdin): no file
};

// Throws UsageError naming both flags if two `outputs` are the same file, or if an output is the same file as one
// of `inputs` or lies inside an input folder; `command` prefixes the message. Files are the same by device and
// inode when the output exists, else by absolute path with symlinks resolved. Outputs written through (devices,
// FIFOs, sockets, /dev/stdout) replace nothing and are not checked. Throws InputError as resolve_output() does.
void check_outputs(std::string_view command, const std::vector<NamedFile>& outputs,
                   const std::vector<NamedFile>& inputs);

// `paths` (the values of a repeatable flag or argument), each named by `flag`.
std::vector<NamedFile> named_files(std::string_view flag, const std::vector<std::string>& paths);

} // namespace bedrock_cost::cli
