#include "grid.hpp"

#include "numbers.hpp"

#include <bedrock_cost/util/printable.hpp>

#include <algorithm>

namespace bedrock_cost::report::detail {

void add_columns(Grid& grid, Content content, std::initializer_list<const char*> names) {
  for (const char* name : names) {
    grid.columns.push_back({name, Align::left, content});
  }
}

namespace {

// Display width of UTF-8 text: code points, not bytes.
std::size_t width(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

void pad(std::ostream& out, const std::string& text, std::size_t to, Align align, bool last) {
  const std::string fill(to - width(text), ' ');
  if (align == Align::right) {
    out << fill << text;
  } else {
    out << text;
    if (!last) {
      out << fill;
    }
  }
}

std::string csv_field(const std::string& text) {
  // (CSV may hold line breaks, but util::printable() has shown them as \n before this.)
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (const char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

std::string csv_cell(const std::string& text, Content content) {
  const std::string shown = util::printable(text);
  return csv_field(content == Content::text ? spreadsheet_text(shown) : shown);
}

std::string markdown_cell(const std::string& text) {
  std::string escaped;
  for (const char c : util::printable(text)) {
    escaped += c == '|' ? std::string("\\|") : std::string(1, c);
  }
  return escaped;
}

// write_text() of cells already through util::printable().
void write_printable_text(const Grid& grid, bool color, std::ostream& out, std::string_view indent) {
  std::vector<std::size_t> widths;
  for (const Column& column : grid.columns) {
    widths.push_back(width(column.header));
  }
  for (const auto& row : grid.rows) {
    for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], width(row[i]));
    }
  }
  const auto line = [&](const std::vector<std::string>& cells, bool header) {
    out << indent;
    if (header && color) {
      out << "\x1b[1m";
    }
    for (std::size_t i = 0; i < grid.columns.size(); ++i) {
      if (i != 0) {
        out << "  ";
      }
      pad(out, i < cells.size() ? cells[i] : std::string(), widths[i], grid.columns[i].align,
          i + 1 == grid.columns.size());
    }
    if (header && color) {
      out << "\x1b[0m";
    }
    out << '\n';
  };
  std::vector<std::string> headers;
  std::vector<std::string> rules;
  for (std::size_t i = 0; i < grid.columns.size(); ++i) {
    headers.push_back(grid.columns[i].header);
    rules.emplace_back(widths[i], '-');
  }
  line(headers, true);
  line(rules, false);
  for (const auto& row : grid.rows) {
    line(row, false);
  }
}

} // namespace

void write_text(const Grid& grid, bool color, std::ostream& out, std::string_view indent) {
  Grid shown = grid; // escape the cells, not the output: the colour codes are the only escapes written
  for (auto& row : shown.rows) {
    for (auto& cell : row) {
      cell = util::printable(cell);
    }
  }
  write_printable_text(shown, color, out, indent);
}

std::string spreadsheet_text(std::string_view text) {
  std::string cell(text);
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
    cell.insert(0, 1, '\'');
  }
  return cell;
}

void write_csv(const Grid& grid, std::ostream& out) {
  for (std::size_t i = 0; i < grid.columns.size(); ++i) {
    out << (i == 0 ? "" : ",") << csv_field(grid.columns[i].header);
  }
  out << "\r\n";
  for (const auto& row : grid.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      const Content content = i < grid.columns.size() ? grid.columns[i].content : Content::text;
      out << (i == 0 ? "" : ",") << csv_cell(row[i], content);
    }
    out << "\r\n";
  }
}

void write_markdown(const Grid& grid, std::ostream& out) {
  out << '|';
  for (const Column& column : grid.columns) {
    out << ' ' << markdown_cell(column.header) << " |";
  }
  out << "\n|";
  for (const Column& column : grid.columns) {
    out << (column.align == Align::right ? "---:|" : "---|");
  }
  out << '\n';
  for (const auto& row : grid.rows) {
    out << '|';
    for (const auto& cell : row) {
      out << ' ' << markdown_cell(cell) << " |";
    }
    out << '\n';
  }
}

} // namespace bedrock_cost::report::detail

namespace bedrock_cost::report::detail {

void write_html(const Grid& grid, std::ostream& out, std::string_view css_class) {
  out << "<table" << (css_class.empty() ? std::string() : " class=\"" + std::string(css_class) + "\"")
      << ">\n<thead><tr>";
  for (const Column& column : grid.columns) {
    out << (column.align == Align::right ? "<th class=\"num\">" : "<th>") << escape(column.header) << "</th>";
  }
  out << "</tr></thead>\n<tbody>\n";
  for (const auto& row : grid.rows) {
    out << "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const bool right = i < grid.columns.size() && grid.columns[i].align == Align::right;
      out << (right ? "<td class=\"num\">" : "<td>") << escape(row[i]) << "</td>";
    }
    out << "</tr>\n";
  }
  out << "</tbody>\n</table>\n";
}

} // namespace bedrock_cost::report::detail
