#pragma once

// Internal: a rectangular table of text cells that prints as an aligned text table, RFC 4180 CSV or a
// Markdown table, so that every format shares one row layout. Every writer shows cells through
// util::printable(), so text from the input cannot drive a terminal or break a row.

#include <initializer_list>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::report::detail {

enum class Align { left, right };

// What a column's cells hold. CSV writes number cells as they are (-155052 stays a number) and guards text
// cells against being read as spreadsheet formulas (spreadsheet_text()).
enum class Content { text, number };

struct Column {
  std::string header;
  Align align = Align::left;
  Content content = Content::text;
};

struct Grid {
  std::vector<Column> columns;
  std::vector<std::vector<std::string>> rows;
};

// Appends one left-aligned column per name, all holding `content`.
void add_columns(Grid& grid, Content content, std::initializer_list<const char*> names);
// Aligned columns separated by two spaces, header underlined with dashes; bold header when `color`.
void write_text(const Grid& grid, bool color, std::ostream& out, std::string_view indent = "");
// RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or line break; text cells
// through spreadsheet_text().
void write_csv(const Grid& grid, std::ostream& out);
// `text` with a leading single quote when it begins with '=', '+', '-', '@', tab or carriage return, so that a
// spreadsheet shows it as text instead of running it as a formula (the OWASP rule for CSV injection).
std::string spreadsheet_text(std::string_view text);
// A GitHub-flavoured Markdown table (pipes in cells escaped, line breaks shown as \n by util::printable()).
void write_markdown(const Grid& grid, std::ostream& out);
// An HTML <table> (cells escaped; right-aligned columns get class "num").
void write_html(const Grid& grid, std::ostream& out, std::string_view css_class = "");

} // namespace bedrock_cost::report::detail
