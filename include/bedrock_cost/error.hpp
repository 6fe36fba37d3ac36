#pragma once

#include <stdexcept>
#include <string>

namespace bedrock_cost {

// Base of every error the tool reports; caught once, in cli::run.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// Bad catalog, overlay, workload or usage data (exit code 1). The message names the file and the line or
// JSON path.
class InputError : public Error {
public:
  using Error::Error;
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
