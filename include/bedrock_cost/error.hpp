#pragma once

#include <stdexcept>
#include <string>

namespace bedrock_cost {

// Base of every error the tool reports; caught once, in cli::run. what() is read as a C string, so a NUL byte
// quoted from the input would cut the message there: it is kept as the text \x00, as util::printable shows it.
class Error : public std::runtime_error {
public:
  explicit Error(const std::string& message) : std::runtime_error(without_nul(message)) {}
  explicit Error(const char* message) : std::runtime_error(message) {}

private:
  static std::string without_nul(const std::string& message) {
    if (message.find('\0') == std::string::npos) {
      return message;
    }
    std::string text;
    for (const char c : message) {
      text += c == '\0' ? std::string("\\x00") : std::string(1, c);
    }
    return text;
  }
};

// Bad catalog, overlay, workload or usage data (exit code 1). The message names the file and the line or
// JSON path. Made from the two apart ("file: /path" and the reason), it keeps the reason alone too, for a caller
// that reports it elsewhere (a price-list row an overlay cannot hold, say).
class InputError : public Error {
public:
  using Error::Error;
  InputError(const std::string& where, const std::string& reason) : Error(where + ": " + reason), m_reason(reason) {}

  // What is wrong, without where: the reason given apart, else the whole message.
  std::string reason() const { return m_reason.empty() ? what() : m_reason; }

private:
  std::string m_reason;
};

// The catalog cannot price this traffic: an unknown model, or no price for its Region, route or a dimension it
// uses (exit code 1). Imported usage that meets it is listed as not priced instead (CostReport::unpriced); every
// other error stays an error.
class UnpricedError : public InputError {
public:
  using InputError::InputError;
};

// A bad combination of command-line options (exit code 2).
class UsageError : public Error {
public:
  using Error::Error;
};

} // namespace bedrock_cost
