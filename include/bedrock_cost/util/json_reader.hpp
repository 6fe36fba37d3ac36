#pragma once

#include <bedrock_cost/util/fixed.hpp>

#include <nlohmann/json.hpp>

#include <initializer_list>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::util {

// Reads a JSON document and validates it explicitly. Every error is an InputError of the form
// "<source>: <JSON pointer>: <what>", or "<source>:<line>:<column>: <what>" for syntax errors and nesting deeper
// than k_max_json_depth. A pointer, key or value quoted in a message is cut to util::excerpt's length.
class JsonReader {
public:
  explicit JsonReader(std::string source_name) : m_source(std::move(source_name)) {}

  // Parses the whole stream; throws InputError on a syntax error, an empty document, a key given twice in an
  // object, or arrays and objects nested deeper than k_max_json_depth.
  nlohmann::json parse(std::istream& in) const;

  [[noreturn]] void fail(std::string_view path, std::string_view message) const;

  // Throws unless `value` is an object whose keys are all in `allowed` (keys starting with "x_" or "_" are
  // always allowed, for the author's own notes).
  void expect_object(const nlohmann::json& value, std::string_view path,
                     std::initializer_list<std::string_view> allowed) const;
  void expect_array(const nlohmann::json& value, std::string_view path) const;

  // The member `key` of `object`, or nullptr when absent or null.
  static const nlohmann::json* member(const nlohmann::json& object, std::string_view key);

  std::optional<std::string> string(const nlohmann::json& object, std::string_view path, std::string_view key,
                                    bool required) const;
  std::optional<bool> boolean(const nlohmann::json& object, std::string_view path, std::string_view key) const;
  // A non-negative decimal (a JSON number or a decimal string); rejects negative, non-finite or
  // over-precise numbers.
  std::optional<Fixed9> decimal(const nlohmann::json& object, std::string_view path, std::string_view key,
                                bool required) const;
  // A date "YYYY", "YYYY-MM" or "YYYY-MM-DD" that exists on the calendar.
  std::optional<std::string> date(const nlohmann::json& object, std::string_view path, std::string_view key,
                                  bool required) const;
  std::vector<std::string> string_array(const nlohmann::json& object, std::string_view path,
                                        std::string_view key) const;
  // One of `choices`, or nullopt when absent.
  std::optional<std::string> choice(const nlohmann::json& object, std::string_view path, std::string_view key,
                                    std::initializer_list<std::string_view> choices) const;

  const std::string& source() const { return m_source; }

private:
  std::string m_source;
};

// "path/key" with JSON Pointer escaping of the key.
std::string child_path(std::string_view path, std::string_view key);
std::string child_path(std::string_view path, std::size_t index);
// Adds "/key" (escaped) or "/index" to `path` in place: a pointer built level by level costs its length, not
// its length times its depth.
void append_child(std::string& path, std::string_view key);
void append_child(std::string& path, std::size_t index);

// True when text is "YYYY", "YYYY-MM" or "YYYY-MM-DD" naming a real calendar date.
bool is_valid_date(std::string_view text);

// The message of a JSON parser error in `source`: "<source>:<line>:<column>: invalid JSON: <what>" for a syntax
// error, "<source>: <pointer>: invalid JSON: a number is out of range (...)" for a number too large for a double
// (`pointer` is the JSON pointer of the value being read).
std::string json_error_message(std::string_view source, std::string_view pointer,
                               const nlohmann::detail::exception& error);

} // namespace bedrock_cost::util
