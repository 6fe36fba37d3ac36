#pragma once

// Internal to the CLI: a download's bytes on disk until they are read, in a file that never has a name.

#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace bedrock_cost::cli {

// A temporary file in `folder`, unlinked as soon as it is created (mkstemp, then unlink): it takes the folder's disk
// space, and nothing of it is left behind however the run ends, a kill included. Throws InputError naming `folder`.
class ScratchFile {
public:
  explicit ScratchFile(std::string folder);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  ScratchFile(ScratchFile&&) = delete;
  ScratchFile& operator=(ScratchFile&&) = delete;

  // Appends `bytes`; throws InputError "<folder>: cannot write a temporary file: No space left on device".
  void write(std::string_view bytes);
  // The whole file from its start, for reading (valid until the next call or the end of the ScratchFile).
  std::istream& read();

private:
  class Buffer;
  std::string m_folder;
  int m_fd = -1;
  std::unique_ptr<Buffer> m_buffer;
  std::unique_ptr<std::istream> m_stream;
};

} // namespace bedrock_cost::cli
