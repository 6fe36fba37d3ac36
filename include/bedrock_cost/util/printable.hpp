#pragma once

// Text from input files and the command line (model IDs, Regions, workload names, notes, file names) is shown
// only through these functions, so that it can neither drive the terminal (ESC sequences), break a one-line
// message or an XML document (control characters), nor make a JSON writer fail (invalid UTF-8).

#include <string>
#include <string_view>

namespace bedrock_cost::util {

// `text` with every control character and every byte outside valid UTF-8 written as a visible escape: tab, line
// feed and carriage return as \t, \n and \r, the other C0 controls and DEL as \x1b-style escapes, C1 controls
// (U+0080 to U+009F) as \u009b-style escapes, and each byte that is not part of a valid UTF-8 sequence (stray,
// truncated, overlong, surrogate or beyond U+10FFFF) as \xff-style escapes. Valid text passes unchanged, and a
// backslash is not escaped, so applying it twice gives the same result as once.
std::string printable(std::string_view text);

// `text` with each byte that is not part of a valid UTF-8 sequence written as printable() writes it ("\xff");
// everything else, control characters included, unchanged. For writers that escape controls themselves (JSON).
std::string valid_utf8(std::string_view text);

} // namespace bedrock_cost::util
