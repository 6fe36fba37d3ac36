// check_outputs (output_file.hpp): an output file must not be another output, an input, or inside an input folder.

#include "output_file.hpp"

#include <bedrock_cost/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <utility>

namespace bedrock_cost::cli {

namespace fs = std::filesystem;

namespace {

// What a file named on the command line is, for comparing it with others.
struct Identity {
  std::optional<std::pair<dev_t, ino_t>> node; // when it exists
  fs::path absolute;                           // with the symlinks of its existing part resolved
  bool folder = false;
};

Identity identify(const std::string& path) {
  Identity identity;
  std::error_code error;
  identity.absolute = fs::weakly_canonical(fs::absolute(path), error);
  if (error) {
    identity.absolute = fs::absolute(path).lexically_normal();
  }
  struct stat node {};
  if (::stat(path.c_str(), &node) == 0) {
    identity.node = {node.st_dev, node.st_ino};
    identity.folder = S_ISDIR(node.st_mode);
  }
  return identity;
}

bool same_file(const Identity& a, const Identity& b) {
  return a.node && b.node ? *a.node == *b.node : a.absolute == b.absolute;
}

bool inside(const Identity& file, const Identity& folder) {
  return std::mismatch(folder.absolute.begin(), folder.absolute.end(), file.absolute.begin(), file.absolute.end())
             .first == folder.absolute.end();
}

void check_against_inputs(std::string_view command, const NamedFile& output, const Identity& written,
                          const std::vector<NamedFile>& inputs) {
  for (const NamedFile& input : inputs) {
    if (input.path.empty() || input.path == "-") {
      continue;
    }
    const Identity read = identify(input.path);
    if (read.folder && inside(written, read)) {
      throw UsageError(fmt::format("{}: {} '{}' is inside an input folder ({} '{}'); write the output elsewhere",
                                   command, output.flag, output.path, input.flag, input.path));
    }
    if (!read.folder && same_file(written, read)) {
      throw UsageError(fmt::format("{}: {} '{}' is also an input ({} '{}'); write the output to another file", command,
                                   output.flag, output.path, input.flag, input.path));
    }
  }
}

} // namespace

void check_outputs(std::string_view command, const std::vector<NamedFile>& outputs,
                   const std::vector<NamedFile>& inputs) {
  std::vector<std::pair<const NamedFile*, Identity>> written;
  for (const NamedFile& output : outputs) {
    if (output.path.empty()) {
      continue;
    }
    const OutputTarget target = resolve_output(output.path);
    if (target.mode == WriteMode::through) {
      continue;
    }
    Identity identity = identify(target.path);
    for (const auto& [earlier, earlier_identity] : written) {
      if (same_file(identity, earlier_identity)) {
        throw UsageError(fmt::format("{}: {} '{}' and {} '{}' are the same file; give two different files", command,
                                     earlier->flag, earlier->path, output.flag, output.path));
      }
    }
    check_against_inputs(command, output, identity, inputs);
    written.emplace_back(&output, std::move(identity));
  }
}

std::vector<NamedFile> named_files(std::string_view flag, const std::vector<std::string>& paths) {
  std::vector<NamedFile> files;
  files.reserve(paths.size());
  for (const std::string& path : paths) {
    files.push_back({flag, path});
  }
  return files;
}

} // namespace bedrock_cost::cli
