#include <bedrock_cost/error.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/json_reader.hpp>
#include <bedrock_cost/util/json_sax.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace bedrock_cost::util {

namespace {

std::string describe(const nlohmann::json& value) {
  switch (value.type()) {
  case nlohmann::json::value_t::null: return "null";
  case nlohmann::json::value_t::object: return "an object";
  case nlohmann::json::value_t::array: return "an array";
  case nlohmann::json::value_t::string: return fmt::format("\"{}\"", excerpt(value.get_ref<const std::string&>()));
  case nlohmann::json::value_t::boolean: return value.get<bool>() ? "true" : "false";
  default: return value.dump();
  }
}

int to_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

bool all_digits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

} // namespace

void append_child(std::string& path, std::string_view key) {
  path += '/';
  for (const char c : key) {
    if (c == '~') {
      path += "~0";
    } else if (c == '/') {
      path += "~1";
    } else {
      path += c;
    }
  }
}

void append_child(std::string& path, std::size_t index) { fmt::format_to(std::back_inserter(path), "/{}", index); }

std::string child_path(std::string_view path, std::string_view key) {
  std::string result(path);
  append_child(result, key);
  return result;
}

std::string child_path(std::string_view path, std::size_t index) {
  std::string result(path);
  append_child(result, index);
  return result;
}

bool is_valid_date(std::string_view text) {
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) {
    return false;
  }
  if (!all_digits(text.substr(0, 4)) || to_int(text.substr(0, 4)) < 2000) {
    return false;
  }
  if (text.size() == 4) {
    return true;
  }
  if (text[4] != '-' || !all_digits(text.substr(5, 2))) {
    return false;
  }
  const int month = to_int(text.substr(5, 2));
  if (month < 1 || month > 12) {
    return false;
  }
  if (text.size() == 7) {
    return true;
  }
  if (text[7] != '-' || !all_digits(text.substr(8, 2))) {
    return false;
  }
  const int year = to_int(text.substr(0, 4));
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  constexpr std::array<int, 12> k_days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days = k_days.at(static_cast<std::size_t>(month - 1)) + (month == 2 && leap ? 1 : 0);
  const int day = to_int(text.substr(8, 2));
  return day >= 1 && day <= days;
}

namespace {

// The parser quotes the text it read: "number overflow parsing '<number>'", or "...; last read: '<token>'" with
// maybe "; expected <token kind>" after it. A token can be a whole 100 KB string, so the quote is shortened.
std::string shorten_quote(const std::string& what, std::string_view opening) {
  const auto at = what.find(opening);
  if (at == std::string::npos) {
    return what;
  }
  const std::size_t begin = at + opening.size();
  std::size_t end = what.rfind("'; expected ");
  constexpr std::size_t k_longest_kind = 40; // "'; expected '[', '{', or a literal" and the like
  if (end == std::string::npos || end < begin || what.size() - end > k_longest_kind) {
    end = what.size() - 1; // the closing quote
  }
  if (end < begin || what[end] != '\'') {
    return what;
  }
  return what.substr(0, begin) + excerpt(std::string_view(what).substr(begin, end - begin)) + what.substr(end);
}

} // namespace

std::string json_error_message(std::string_view source, std::string_view pointer,
                               const nlohmann::detail::exception& error) {
  const std::string what = shorten_quote(shorten_quote(error.what(), "last read: '"), "parsing '");
  if (error.id >= 400 && error.id < 500) { // out_of_range: a number too large for a double
    return fmt::format("{}: {}: invalid JSON: a number is out of range ({})", source,
                       pointer.empty() ? "/" : excerpt(pointer), what.substr(what.find(']') + 2));
  }
  // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error ..." -> "3:5: syntax..."
  const auto at = what.find(" at line ");
  if (at != std::string::npos) {
    const auto comma = what.find(", column ", at);
    const auto colon = what.find(": ", at);
    if (comma != std::string::npos && colon != std::string::npos) {
      const std::string line = what.substr(at + 9, comma - at - 9);
      const std::string column = what.substr(comma + 9, colon - comma - 9);
      return fmt::format("{}:{}:{}: invalid JSON: {}", source, line, column, what.substr(colon + 2));
    }
  }
  return fmt::format("{}: invalid JSON: {}", source, what);
}

namespace {

// Builds the document from the parser's events (linear in its size: nlohmann's callback parser rescans a parent
// object each time a child closes, which made a 30 MB price list take half a minute), and rejects an object that
// names a key twice (the parser would silently keep the last value), naming its JSON pointer.
class DomBuilder final : public nlohmann::json_sax<nlohmann::json> {
public:
  using json = nlohmann::json;

  explicit DomBuilder(const JsonReader& reader) : m_reader(reader) {}

  bool null() override { return add(nullptr) != nullptr; }
  bool boolean(bool value) override { return add(value) != nullptr; }
  bool number_integer(number_integer_t value) override { return add(value) != nullptr; }
  bool number_unsigned(number_unsigned_t value) override { return add(value) != nullptr; }
  bool number_float(number_float_t value, const string_t& /*text*/) override { return add(value) != nullptr; }
  bool string(string_t& value) override { return add(std::move(value)) != nullptr; }
  bool binary(binary_t& value) override { return add(json::binary(std::move(value))) != nullptr; }
  bool start_object(std::size_t /*size*/) override {
    m_frames.push_back(Frame{add(json::object()), false, {}});
    return true;
  }
  bool key(string_t& key) override {
    Frame& frame = m_frames.back();
    frame.key = std::move(key);
    if (frame.value->contains(frame.key)) {
      m_reader.fail(pointer(false), fmt::format("duplicate key '{}'", excerpt(frame.key)));
    }
    return true;
  }
  bool end_object() override {
    m_frames.pop_back();
    return true;
  }
  bool start_array(std::size_t /*size*/) override {
    m_frames.push_back(Frame{add(json::array()), true, {}});
    return true;
  }
  bool end_array() override {
    m_frames.pop_back();
    return true;
  }
  [[noreturn]] bool parse_error(std::size_t /*position*/, const std::string& /*last_token*/,
                                const nlohmann::detail::exception& error) override {
    throw InputError(json_error_message(m_reader.source(), pointer(true), error));
  }

  json take() { return std::move(m_root); }

private:
  struct Frame {
    json* value; // stable: only the innermost container grows
    bool array;
    std::string key;
  };

  json* add(json value) {
    if (m_frames.empty()) {
      m_root = std::move(value);
      return &m_root;
    }
    Frame& frame = m_frames.back();
    if (frame.array) {
      frame.value->push_back(std::move(value));
      return &frame.value->back();
    }
    json& slot = (*frame.value)[frame.key];
    slot = std::move(value);
    return &slot;
  }

  // The JSON pointer of the current value: an array's current element is its last one, or with `pending` (a
  // value being read, not yet added) the innermost array's next one. Built in one string, linear in its length.
  std::string pointer(bool pending) const {
    std::string result;
    for (std::size_t i = 0; i < m_frames.size(); ++i) {
      const Frame& frame = m_frames[i];
      if (!frame.array) {
        append_child(result, frame.key);
      } else {
        const bool next = pending && i + 1 == m_frames.size();
        append_child(result, next ? frame.value->size() : frame.value->size() - 1);
      }
    }
    return result;
  }

  const JsonReader& m_reader;
  json m_root;
  std::vector<Frame> m_frames;
};

} // namespace

nlohmann::json JsonReader::parse(std::istream& in) const {
  DomBuilder builder(*this);
  sax_parse(in, m_source, builder);
  return builder.take();
}

void JsonReader::fail(std::string_view path, std::string_view message) const {
  throw InputError(fmt::format("{}: {}", m_source, path.empty() ? "/" : excerpt(path)), std::string(message));
}

void JsonReader::expect_object(const nlohmann::json& value, std::string_view path,
                               std::initializer_list<std::string_view> allowed) const {
  if (!value.is_object()) {
    fail(path, fmt::format("expected an object, got {}", describe(value)));
  }
  for (const auto& [key, unused] : value.items()) {
    const bool note = key.starts_with("x_") || key.starts_with("_");
    if (!note && std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      fail(child_path(path, key),
           fmt::format("unknown key '{}' (expected one of: {})", excerpt(key), fmt::join(allowed, ", ")));
    }
  }
}

void JsonReader::expect_array(const nlohmann::json& value, std::string_view path) const {
  if (!value.is_array()) {
    fail(path, fmt::format("expected an array, got {}", describe(value)));
  }
}

const nlohmann::json* JsonReader::member(const nlohmann::json& object, std::string_view key) {
  const auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> JsonReader::string(const nlohmann::json& object, std::string_view path, std::string_view key,
                                              bool required) const {
  const nlohmann::json* value = member(object, key);
  if (value == nullptr) {
    if (required) {
      fail(child_path(path, key), "missing required string");
    }
    return std::nullopt;
  }
  if (!value->is_string() || value->get_ref<const std::string&>().empty()) {
    fail(child_path(path, key), fmt::format("expected a non-empty string, got {}", describe(*value)));
  }
  return value->get<std::string>();
}

std::optional<bool> JsonReader::boolean(const nlohmann::json& object, std::string_view path,
                                        std::string_view key) const {
  const nlohmann::json* value = member(object, key);
  if (value == nullptr) {
    return std::nullopt;
  }
  if (!value->is_boolean()) {
    fail(child_path(path, key), fmt::format("expected true or false, got {}", describe(*value)));
  }
  return value->get<bool>();
}

std::optional<Fixed9> JsonReader::decimal(const nlohmann::json& object, std::string_view path, std::string_view key,
                                          bool required) const {
  const nlohmann::json* value = member(object, key);
  const std::string where = child_path(path, key);
  if (value == nullptr) {
    if (required) {
      fail(where, "missing required number");
    }
    return std::nullopt;
  }
  Fixed9 parsed;
  try {
    if (value->is_number()) {
      parsed = Fixed9::from_double(value->get<double>());
    } else if (value->is_string()) {
      parsed = Fixed9::parse(value->get<std::string>());
    } else {
      fail(where, fmt::format("expected a number, got {}", describe(*value)));
    }
  } catch (const std::invalid_argument& e) {
    fail(where, fmt::format("expected a finite decimal number: {}", e.what()));
  }
  if (parsed.units() < 0) {
    fail(where, fmt::format("expected a non-negative number, got {}", parsed.to_string()));
  }
  return parsed;
}

std::optional<std::string> JsonReader::date(const nlohmann::json& object, std::string_view path, std::string_view key,
                                            bool required) const {
  auto text = string(object, path, key, required);
  if (text && !is_valid_date(*text)) {
    fail(child_path(path, key), fmt::format("expected a date YYYY, YYYY-MM or YYYY-MM-DD, got \"{}\"", excerpt(*text)));
  }
  return text;
}

std::vector<std::string> JsonReader::string_array(const nlohmann::json& object, std::string_view path,
                                                  std::string_view key) const {
  std::vector<std::string> result;
  const nlohmann::json* value = member(object, key);
  if (value == nullptr) {
    return result;
  }
  const std::string where = child_path(path, key);
  expect_array(*value, where);
  for (std::size_t i = 0; i < value->size(); ++i) {
    const auto& item = (*value)[i];
    if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
      fail(child_path(where, i), fmt::format("expected a non-empty string, got {}", describe(item)));
    }
    result.push_back(item.get<std::string>());
  }
  return result;
}

std::optional<std::string> JsonReader::choice(const nlohmann::json& object, std::string_view path, std::string_view key,
                                              std::initializer_list<std::string_view> choices) const {
  auto text = string(object, path, key, false);
  if (text && std::find(choices.begin(), choices.end(), *text) == choices.end()) {
    fail(child_path(path, key),
         fmt::format("unknown {} '{}' (expected one of: {})", key, excerpt(*text), fmt::join(choices, ", ")));
  }
  return text;
}

} // namespace bedrock_cost::util
