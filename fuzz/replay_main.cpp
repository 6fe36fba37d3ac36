// Replays inputs through one fuzz target without libFuzzer (any compiler): each file given, and every file under
// each folder given (names starting with '.' skipped), in name order. The fuzz.corpus.<target> tests run it over
// fuzz/corpus/<target> and fuzz/regressions/<target>; a finding aborts, after the name of the file being run.

#include "fuzz_target.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

namespace {

namespace fs = std::filesystem;

// The inputs named by `arg`; empty with a message when it names nothing.
bool collect(const fs::path& arg, std::vector<fs::path>& files) {
  std::error_code error;
  if (fs::is_directory(arg, error)) {
    for (const auto& entry : fs::recursive_directory_iterator(arg)) {
      if (entry.is_regular_file() && !entry.path().filename().string().starts_with(".")) {
        files.push_back(entry.path());
      }
    }
    return true;
  }
  if (fs::is_regular_file(arg, error)) {
    files.push_back(arg);
    return true;
  }
  std::cerr << arg.string() << ": no such file or folder\n";
  return false;
}

} // namespace

int main(int argc, char** argv) {
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    if (!collect(argv[i], files)) {
      return 2;
    }
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      std::cerr << file.string() << ": cannot open\n";
      return 2;
    }
    const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::cerr << file.string() << '\n';
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  }
  std::cout << "replayed " << files.size() << " input(s)\n";
  return 0;
}
