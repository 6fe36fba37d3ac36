#include <bedrock_cost/util/json_writer.hpp>

#include <fmt/format.h>

namespace bedrock_cost::util {

std::string escape_raw_controls(std::string dumped) {
  // Valid UTF-8 JSON text: outside strings all is ASCII, and C2 followed by 80 to 9F is always U+0080 to U+009F.
  const auto is_c1 = [&](std::size_t at) {
    return dumped[at] == '\xc2' && at + 1 < dumped.size() && static_cast<unsigned char>(dumped[at + 1]) < 0xA0;
  };
  if (dumped.find_first_of("\x7f\xc2") == std::string::npos) {
    return dumped;
  }
  std::string out;
  out.reserve(dumped.size());
  for (std::size_t at = 0; at < dumped.size(); ++at) {
    if (dumped[at] == '\x7f') {
      out += "\\u007f";
    } else if (is_c1(at)) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(dumped[++at]));
    } else {
      out += dumped[at];
    }
  }
  return out;
}

} // namespace bedrock_cost::util
