#pragma once

// Internal: a rectangular table of text cells that prints as an aligned text table, RFC 4180 CSV or a
// Markdown table, so that every format shares one row layout.

#include <ostream>
#include <string>
#include <vector>

namespace bedrock_cost::report::detail {

enum class Align { left, right };

struct Column {
  std::string header;
  Align align = Align::left;
};

struct Grid {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
};

// The columns named in `names`, in that order (every name must be a column).
Grid select_columns(const Grid& grid, const std::vector<std::string>& names);
// Aligned columns separated by two spaces, header underlined with dashes; bold header when `color`.
void write_text(const Grid& grid, bool color, std::ostream& out, std::string_view indent = "");
// RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break.
void write_csv(const Grid& grid, std::ostream& out);
// A GitHub-flavoured Markdown table (pipes in cells escaped).
void write_markdown(const Grid& grid, std::ostream& out);
// An HTML <table> (cells escaped; right-aligned columns get class "num").
void write_html(const Grid& grid, std::ostream& out, std::string_view css_class = "");

} // namespace bedrock_cost::report::detail
