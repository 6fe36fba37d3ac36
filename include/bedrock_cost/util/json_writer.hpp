#pragma once

#include <bedrock_cost/util/printable.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bedrock_cost::util {

// `value` with every string and object key passed through valid_utf8() (iteratively: no recursion on nesting).
template <class Json> Json with_valid_utf8(Json value) {
  std::vector<Json*> pending{&value};
  while (!pending.empty()) {
    Json& node = *pending.back();
    pending.pop_back();
    if (node.is_string()) {
      auto& text = node.template get_ref<typename Json::string_t&>();
      text = valid_utf8(text);
      continue;
    }
    if (node.is_object()) {
      Json keyed = Json::object(); // keys cannot change in place
      for (auto& [key, member] : node.items()) {
        keyed[valid_utf8(key)] = std::move(member);
      }
      node = std::move(keyed);
    }
    if (node.is_structured()) {
      for (Json& child : node) { // the elements of an array, the values of an object
        pending.push_back(&child);
      }
    }
  }
  return value;
}

// JSON text `dumped` (from nlohmann's dump()) with DEL and the C1 controls (U+0080 to U+009F), which the writer
// leaves raw, as \u007f-style escapes: the same value, and no raw control character in the text.
std::string escape_raw_controls(std::string dumped);

// value.dump(indent), except that it never throws on invalid UTF-8 (a model ID or file name given on the command
// line, say): such bytes are written as "\xff"-style text, the rule of valid_utf8(). Every control character is
// a JSON \u escape (C0 by the writer itself, DEL and C1 by escape_raw_controls()), so strings parse back exactly.
template <class Json> std::string dump_json(const Json& value, int indent = -1) {
  try {
    return escape_raw_controls(value.dump(indent));
  } catch (const nlohmann::json::type_error& e) {
    if (e.id != 316) { // 316: invalid UTF-8
      throw;
    }
    return escape_raw_controls(with_valid_utf8(value).dump(indent));
  }
}

} // namespace bedrock_cost::util
