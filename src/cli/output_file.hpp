#pragma once

// Internal to the CLI: how an --output or --chart file is written without damaging what its name points at
// (docs/output-files.md).

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
class OutputFile {
public:
  OutputFile(std::string path, std::string content);
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

} // namespace bedrock_cost::cli
