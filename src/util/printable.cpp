#include <bedrock_cost/util/printable.hpp>

#include <fmt/format.h>

namespace bedrock_cost::util {

namespace {

unsigned byte_at(std::string_view text, std::size_t at) {
  return at < text.size() ? static_cast<unsigned char>(text[at]) : 0U;
}

// The length of the well-formed UTF-8 sequence that starts at text[at] (Unicode table 3-7), or 0 when none does.
std::size_t sequence_length(std::string_view text, std::size_t at) {
  const unsigned lead = byte_at(text, at);
  if (lead < 0x80) {
    return 1;
  }
  std::size_t length = 0;
  unsigned low = 0x80;  // the range of the second byte
  unsigned high = 0xBF; //
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : low;   // no overlong forms
    high = lead == 0xED ? 0x9F : high; // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : low;   // no overlong forms
    high = lead == 0xF4 ? 0x8F : high; // nothing beyond U+10FFFF
  } else {
    return 0; // a continuation byte, C0 or C1 (overlong), or F5 to FF
  }
  const unsigned second = byte_at(text, at + 1);
  if (second < low || second > high) {
    return 0;
  }
  for (std::size_t i = 2; i < length; ++i) {
    if (const unsigned next = byte_at(text, at + i); next < 0x80 || next > 0xBF) {
      return 0;
    }
  }
  return length;
}

// Appends one well-formed sequence as printable() shows it.
void append_shown(std::string& out, std::string_view sequence) {
  const unsigned first = byte_at(sequence, 0);
  if (sequence.size() == 1 && (first < 0x20 || first == 0x7F)) {
    out += first == '\t' ? "\\t" : first == '\n' ? "\\n" : first == '\r' ? "\\r" : fmt::format("\\x{:02x}", first);
  } else if (sequence.size() == 2 && first == 0xC2 && byte_at(sequence, 1) < 0xA0) { // U+0080 to U+009F
    out += fmt::format("\\u{:04x}", byte_at(sequence, 1));
  } else {
    out += sequence;
  }
}

std::string escaped(std::string_view text, bool controls) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t length = sequence_length(text, at);
    if (length == 0) {
      out += fmt::format("\\x{:02x}", byte_at(text, at));
      ++at;
      continue;
    }
    if (controls) {
      append_shown(out, text.substr(at, length));
    } else {
      out += text.substr(at, length);
    }
    at += length;
  }
  return out;
}

} // namespace

std::string printable(std::string_view text) { return escaped(text, true); }

std::string valid_utf8(std::string_view text) { return escaped(text, false); }

} // namespace bedrock_cost::util
