#include "price_list_import.hpp"

#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <string>
#include <vector>

// Model matching: which catalog model a price-list model name ("Claude 3 Haiku", "Llama 3.1 405B", the usage
// type's "claude3haiku") stands for, by --map, name, model ID or name and a suffix.

namespace bedrock_cost::catalog::detail {

namespace {

bool is_alpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

// Lower-case letters and digits only, with "2.0" read as "2": "Nova 2.0 Lite" and "Nova2.0Lite" -> "nova2lite".
std::string name_key(std::string_view text) {
  std::string key;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '.' && i > 0 && is_digit(text[i - 1]) && i + 1 < text.size() && text[i + 1] == '0' &&
        (i + 2 == text.size() || !is_digit(text[i + 2]))) {
      ++i; // skip ".0"
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (c == '+') {
      key += "plus"; // "Command R+" is not "Command R"
    }
  }
  return key;
}

// What a catalog name may add to a price-list name that is its prefix ("Llama 3.1 405B" + "Instruct").
const std::set<std::string, std::less<>> k_name_suffixes = {"instruct", "chat", "it"};

// "anthropic.claude-3-haiku-20240307-v1:0" -> "claude-3-haiku": without the provider, date and version.
std::string bare_model_id(std::string_view id) {
  std::string text(id);
  if (const auto dot = text.find('.'); dot != std::string::npos && dot > 0 &&
                                       std::all_of(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(dot),
                                                   [](char c) { return is_alpha(c) || c == '-'; })) {
    text.erase(0, dot + 1);
  }
  for (bool changed = true; changed;) {
    changed = false;
    const auto strip = [&](std::size_t at, std::size_t digits_from) {
      if (at != std::string::npos && at > 0 && digits_from < text.size() &&
          std::all_of(text.begin() + static_cast<std::ptrdiff_t>(digits_from), text.end(), is_digit)) {
        text.erase(at);
        changed = true;
      }
    };
    const auto colon = text.rfind(':');
    strip(colon, colon == std::string::npos ? text.size() : colon + 1);
    if (const auto v = text.rfind("-v"); !changed && v != std::string::npos) {
      strip(v, v + 2);
    }
    if (const auto dash = text.rfind('-'); !changed && dash != std::string::npos && text.size() - dash == 9) {
      strip(dash, dash + 1); // -YYYYMMDD
    }
  }
  return text;
}

std::string without_parentheses(std::string_view text) {
  std::string result;
  int depth = 0;
  for (const char c : text) {
    depth += c == '(' ? 1 : 0;
    if (depth == 0) {
      result += c;
    }
    depth -= c == ')' && depth > 0 ? 1 : 0;
  }
  return result;
}

} // namespace

ModelMatcher::ModelMatcher(const Catalog& base, const std::map<std::string, std::string>& model_map) : m_base(base) {
  for (const auto& [name, id] : model_map) {
    m_map[trim(name)] = id; // exact: "Command R" and "Command R+" are different models
  }
  for (const Model& model : base.models) {
    for (const std::string& name : {model.name, without_parentheses(model.name)}) {
      add(m_names, name_key(name), model.id);
    }
    std::vector<std::string> ids = model.aliases;
    ids.push_back(model.id);
    for (const std::string& id : ids) {
      add(m_ids, name_key(id), model.id);
      add(m_ids, name_key(bare_model_id(id)), model.id);
    }
  }
}

ModelMatcher::Match ModelMatcher::match(const std::vector<std::string>& candidates) const {
  for (const std::string& candidate : candidates) {
    if (const auto found = m_map.find(candidate); found != m_map.end()) {
      return {found->second, "--map", {}};
    }
  }
  std::string ambiguity;
  for (const std::string& candidate : candidates) {
    const std::string key = name_key(candidate);
    const std::string of = candidate == candidates.front() ? "" : fmt::format(" of '{}'", util::excerpt(candidate));
    std::set<std::string> ids;
    std::string how;
    if (const auto found = m_names.find(key); found != m_names.end()) {
      ids = found->second;
      how = "name";
    } else if (const auto by_id = m_ids.find(key); by_id != m_ids.end()) {
      ids = by_id->second;
      how = "model ID";
    } else {
      ids = prefix_match(key);
      how = "name and a suffix";
    }
    if (ids.size() == 1) {
      return {*ids.begin(), how + of, {}};
    }
    if (ids.size() > 1 && ambiguity.empty()) {
      ambiguity = fmt::format("'{}' matches several models ({})", util::excerpt(candidate), fmt::join(ids, ", "));
    }
    if (ids.size() > 1) {
      break; // a weaker name (the usage type's) must not settle what a stronger one could not
    }
  }
  const std::string shown = candidates.empty() ? std::string("(no model name)") : util::excerpt(candidates.front());
  return {{},
          {},
          ambiguity.empty()
              ? fmt::format("no catalog model matches '{}' (map it with --map \"{}=MODEL_ID\")", shown, shown)
              : fmt::format("{} (choose with --map \"{}=MODEL_ID\")", ambiguity, shown)};
}

void ModelMatcher::add(Index& index, const std::string& key, const std::string& id) {
  if (!key.empty()) {
    index[key].insert(id);
  }
}

// Catalog names that start with `key` ("Llama 3.1 405B" -> "Llama 3.1 405B Instruct"), where the name does not
// go on with a digit after a digit ("GPT-5" is not "GPT-5.4").
std::set<std::string> ModelMatcher::prefix_match(const std::string& key) const {
  std::set<std::string> ids;
  if (key.size() < 4) {
    return ids;
  }
  for (auto it = m_names.lower_bound(key); it != m_names.end() && it->first.starts_with(key); ++it) {
    if (k_name_suffixes.contains(std::string_view(it->first).substr(key.size()))) {
      ids.insert(it->second.begin(), it->second.end());
    }
  }
  return ids;
}

} // namespace bedrock_cost::catalog::detail
