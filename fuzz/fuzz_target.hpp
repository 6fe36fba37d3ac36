#pragma once

// Shared by the fuzz targets: what counts as a normal outcome of one input, and what is a finding.

#include <bedrock_cost/error.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <initializer_list>
#include <string>
#include <string_view>
#include <typeinfo>

// The libFuzzer entry point, defined once per target; the corpus replay tool (replay_main.cpp) calls it too.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace bedrock_cost::fuzz {

// The input as text.
inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return size == 0 ? std::string() : std::string(reinterpret_cast<const char*>(data), size);
}

// Reports a finding and aborts, so that libFuzzer saves the input (and a replay fails).
[[noreturn]] inline void finding(const char* kind, const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s: %s\n", kind, what.c_str());
  std::abort();
}

// Runs `parse` on one input. The documented errors for bad input (bedrock_cost::Error and its subclasses) are a
// normal outcome, provided their message says where the problem is: it must start with the name of one of the
// `sources` and a colon. Any other exception, std::logic_error ("internal error") included, is a finding.
template <class Parse> void run_input(std::initializer_list<std::string_view> sources, Parse&& parse) {
  try {
    parse();
  } catch (const Error& e) {
    const std::string_view message = e.what();
    for (const std::string_view source : sources) {
      if (message.starts_with(source) && message.substr(source.size(), 1) == ":") {
        return;
      }
    }
    finding("error message does not name the file", e.what());
  } catch (const std::exception& e) {
    finding(typeid(e).name(), e.what());
  } catch (...) {
    finding("exception", "not derived from std::exception");
  }
}

} // namespace bedrock_cost::fuzz
