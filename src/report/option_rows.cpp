// The option rows of an estimate: the CSV columns (also chosen with --fields, for machines or aligned for people)
// and the options table people read.

#include "numbers.hpp"
#include "rows.hpp"

#include <bedrock_cost/usage/timestamp.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <variant>

namespace bedrock_cost::report::detail {

namespace {

// One option of one workload, with what its row needs.
struct OptionRow {
  const engine::WorkloadResult& workload;
  const engine::OptionResult& option;
  const engine::BreakEvenRow* break_even; // of the option's MU term, or nullptr
  bool recommended;
};

bool is_recommended(const engine::WorkloadResult& workload, const engine::OptionResult& option) {
  const auto& rec = workload.recommendation;
  return option.strategy == rec.strategy && option.term == rec.term && option.model_units == rec.model_units;
}

const engine::BreakEvenRow* break_even_of(const engine::WorkloadResult& workload, const engine::OptionResult& option) {
  if (!option.model_units || !option.term) {
    return nullptr;
  }
  const engine::BreakEvenRow* found = nullptr;
  for (const auto& candidate : workload.break_even) {
    if (candidate.term == *option.term) {
      found = &candidate;
    }
  }
  return found;
}

// A cell's value before it is written: none, text, a number, or money.
using Value = std::variant<std::monostate, std::string, double, util::Money>;

// How a column's numbers read: counts (tokens, TPM, MUs), shares in [0, 1], or USD.
enum class Kind { text, count, share, usd };

struct Field {
  const char* name;
  Kind kind;
  Value (*value)(const OptionRow&);
};

template <class T> Value optional_number(const std::optional<T>& value) {
  return value ? Value(static_cast<double>(*value)) : Value();
}

Value text(std::string value) { return value; }

Value flag(bool value) { return std::string(value ? "true" : "false"); }

std::string minute_text(std::int64_t minute) { return usage::format_timestamp(minute * 60); }

// A text of the workload's coverage (imported usage), or none.
template <class F> Value coverage_value(const OptionRow& r, F of) {
  return r.workload.traffic.coverage ? Value(of(*r.workload.traffic.coverage)) : Value();
}

// The CSV columns, in order. Captureless lambdas: each reads one value of the row.
const std::array<Field, 31> k_fields = {{
    {"workload", Kind::text, [](const OptionRow& r) { return text(r.workload.name); }},
    {"model", Kind::text, [](const OptionRow& r) { return text(r.workload.model_id); }},
    {"region", Kind::text, [](const OptionRow& r) { return text(r.workload.region); }},
    {"profile", Kind::text, [](const OptionRow& r) { return text(r.workload.profile.value_or("")); }},
    {"strategy", Kind::text,
     [](const OptionRow& r) { return text(std::string(engine::to_string(r.option.strategy))); }},
    {"term", Kind::text, [](const OptionRow& r) { return text(r.option.term.value_or("")); }},
    {"model_units", Kind::count, [](const OptionRow& r) { return optional_number(r.option.model_units); }},
    {"reserved_input_tpm", Kind::count,
     [](const OptionRow& r) { return optional_number(r.option.reserved_input_tpm); }},
    {"reserved_output_tpm", Kind::count,
     [](const OptionRow& r) { return optional_number(r.option.reserved_output_tpm); }},
    {"committed_usd", Kind::usd, [](const OptionRow& r) { return Value(r.option.committed); }},
    {"on_demand_usd", Kind::usd, [](const OptionRow& r) { return Value(r.option.on_demand); }},
    {"monthly_usd", Kind::usd, [](const OptionRow& r) { return Value(r.option.monthly); }},
    {"savings_vs_on_demand_usd", Kind::usd, [](const OptionRow& r) { return Value(r.option.savings_vs_on_demand); }},
    {"term_commitment_usd", Kind::usd,
     [](const OptionRow& r) { return r.option.term_commitment ? Value(*r.option.term_commitment) : Value(); }},
    {"utilization", Kind::share, [](const OptionRow& r) { return optional_number(r.option.utilization); }},
    {"throttled_share", Kind::share, [](const OptionRow& r) { return Value(r.option.throttled_share); }},
    {"overflow_share", Kind::share, [](const OptionRow& r) { return Value(r.option.overflow_share); }},
    {"break_even_utilization", Kind::share,
     [](const OptionRow& r) { return r.break_even != nullptr ? optional_number(r.break_even->utilization) : Value(); }},
    {"break_even_tpm_per_model_unit", Kind::count,
     [](const OptionRow& r) {
       return r.break_even != nullptr ? optional_number(r.break_even->tpm_per_model_unit) : Value();
     }},
    {"input_tokens_per_month", Kind::count,
     [](const OptionRow& r) { return Value(r.workload.traffic.input_tokens_per_month); }},
    {"output_tokens_per_month", Kind::count,
     [](const OptionRow& r) { return Value(r.workload.traffic.output_tokens_per_month); }},
    {"avg_tpm", Kind::count, [](const OptionRow& r) { return Value(r.workload.traffic.avg_tpm); }},
    {"peak_tpm", Kind::count, [](const OptionRow& r) { return Value(r.workload.traffic.peak_tpm); }},
    {"peak_model_units", Kind::count,
     [](const OptionRow& r) { return optional_number(r.workload.traffic.peak_model_units); }},
    {"recommended", Kind::text, [](const OptionRow& r) { return flag(r.recommended); }},
    {"assumptions", Kind::text,
     [](const OptionRow& r) { return text(fmt::format("{}", fmt::join(r.option.assumptions, "; "))); }},
    {"comparable", Kind::text, [](const OptionRow& r) { return flag(r.option.comparable); }},
    // Imported usage only: the period priced, the minutes with data in it and the factor that reached the month.
    {"period_start", Kind::text,
     [](const OptionRow& r) {
       return coverage_value(r, [](const workload::Coverage& c) { return minute_text(c.period_first_minute); });
     }},
    {"period_end", Kind::text,
     [](const OptionRow& r) {
       return coverage_value(
           r, [](const workload::Coverage& c) { return minute_text(c.period_first_minute + c.period_minutes); });
     }},
    {"minutes_with_data", Kind::count,
     [](const OptionRow& r) {
       return r.workload.traffic.coverage ? Value(static_cast<double>(r.workload.traffic.coverage->minutes_with_data))
                                          : Value();
     }},
    {"month_factor", Kind::text,
     [](const OptionRow& r) {
       return r.workload.traffic.coverage ? Value(plain(r.workload.traffic.month_factor, 6)) : Value();
     }},
}};

// A value as CSV writes it (plain numbers, micro-dollars) or as a table shows it (grouped counts, percentages,
// dollars and cents; "-" for none).
std::string cell(const Value& value, Kind kind, Audience audience) {
  const bool people = audience == Audience::people;
  if (const auto* number = std::get_if<double>(&value)) {
    if (kind == Kind::share) {
      return people ? percent(*number) : plain(*number, 6);
    }
    return people ? grouped(*number) : plain(*number);
  }
  if (const auto* money = std::get_if<util::Money>(&value)) {
    return people ? usd(*money) : usd_plain(*money);
  }
  if (const auto* words = std::get_if<std::string>(&value)) {
    return *words;
  }
  return people ? "-" : "";
}

std::vector<const Field*> fields_named(const std::vector<std::string>& names) {
  std::vector<const Field*> chosen;
  for (const auto& name : names) {
    for (const Field& field : k_fields) {
      if (name == field.name) {
        chosen.push_back(&field);
      }
    }
  }
  return chosen;
}

Grid fields_grid(std::span<const engine::WorkloadResult> workloads, const std::vector<const Field*>& fields,
                 Audience audience) {
  Grid grid;
  for (const Field* field : fields) {
    const bool number = field->kind != Kind::text;
    grid.columns.push_back({field->name, number && audience == Audience::people ? Align::right : Align::left,
                            number ? Content::number : Content::text});
  }
  for (const auto& workload : workloads) {
    for (const auto& option : workload.options) {
      const OptionRow row{workload, option, break_even_of(workload, option), is_recommended(workload, option)};
      std::vector<std::string> cells;
      cells.reserve(fields.size());
      for (const Field* field : fields) {
        cells.push_back(cell(field->value(row), field->kind, audience));
      }
      grid.rows.push_back(std::move(cells));
    }
  }
  return grid;
}

// The marker of an option that throttles traffic, and what it means.
constexpr std::string_view k_not_comparable = "\u2020";
constexpr std::string_view k_not_comparable_note =
    "\u2020 Throttles traffic: the fixed number of MUs is below what the peak needs, so this option does not serve "
    "the whole workload. Its cost is not comparable with the other options' (no saving is shown), and it is never "
    "recommended.";

std::vector<std::string> people_row(const OptionRow& r) {
  const engine::OptionResult& option = r.option;
  std::string strategy = strategy_label(option.strategy);
  if (r.recommended) {
    strategy += " *";
  }
  if (!option.comparable) {
    strategy += fmt::format(" {}", k_not_comparable);
  }
  return {strategy,
          term_label(option.term),
          commitment_text(option),
          usd(option.committed),
          usd(option.on_demand),
          usd(option.monthly),
          option.comparable ? usd(option.savings_vs_on_demand) : "-",
          option.utilization ? percent(*option.utilization) : "-",
          percent(option.overflow_share),
          percent(option.throttled_share)};
}

// "the no commitment term", "the no commitment and 1 month terms", "the 1 month, 3 month and 6 month terms".
std::string terms_text(const std::vector<std::string>& terms) {
  if (terms.size() == 1) {
    return fmt::format("the {} term", terms.front());
  }
  const std::vector<std::string> head(terms.begin(), terms.end() - 1);
  return fmt::format("the {} and {} terms", fmt::join(head, ", "), terms.back());
}

// The line that replaces the blended rows at N* = 0 (the on-demand row again) of one workload, or "".
std::string idle_blended_note(const engine::WorkloadResult& workload, bool with_workload_column) {
  std::vector<std::string> idle;
  std::size_t blended = 0;
  for (const auto& option : workload.options) {
    if (option.strategy == engine::Strategy::blended) {
      ++blended;
      if (option.model_units.value_or(0) == 0) {
        idle.push_back(term_label(option.term));
      }
    }
  }
  if (idle.empty()) {
    return "";
  }
  const std::string which = idle.size() == blended && blended > 1 ? "any term" : terms_text(idle);
  return fmt::format("{}Blended does not pay for {}: N* = 0 MU, the same as on-demand.",
                     with_workload_column ? workload.name + ": " : "", which);
}

bool idle_blended(const engine::OptionResult& option) {
  return option.strategy == engine::Strategy::blended && option.model_units.value_or(0) == 0;
}

} // namespace

Grid option_grid(std::span<const engine::WorkloadResult> workloads) {
  return fields_grid(workloads, fields_named(option_field_names()), Audience::machines);
}

Grid option_fields_grid(std::span<const engine::WorkloadResult> workloads, const std::vector<std::string>& names,
                        Audience audience) {
  return fields_grid(workloads, fields_named(names), audience);
}

std::vector<std::string> option_field_names() {
  std::vector<std::string> names;
  names.reserve(k_fields.size());
  for (const Field& field : k_fields) {
    names.emplace_back(field.name);
  }
  return names;
}

NotedGrid option_table(std::span<const engine::WorkloadResult> workloads, bool with_workload_column) {
  NotedGrid table;
  if (with_workload_column) {
    table.grid.columns.push_back({"Workload"});
  }
  table.grid.columns.insert(table.grid.columns.end(), {{"Strategy"},
                                                       {"Term"},
                                                       {"Commitment", Align::right},
                                                       {"Committed $/mo", Align::right},
                                                       {"On-demand $/mo", Align::right},
                                                       {"Total $/mo", Align::right},
                                                       {"Saves $/mo", Align::right},
                                                       {"Utilisation", Align::right},
                                                       {"Overflow", Align::right},
                                                       {"Throttled", Align::right}});
  bool throttles = false;
  for (const auto& workload : workloads) {
    for (const auto& option : workload.options) {
      if (idle_blended(option)) {
        continue;
      }
      std::vector<std::string> cells =
          with_workload_column ? std::vector<std::string>{workload.name} : std::vector<std::string>{};
      for (auto& value : people_row({workload, option, nullptr, is_recommended(workload, option)})) {
        cells.push_back(std::move(value));
      }
      table.grid.rows.push_back(std::move(cells));
      throttles = throttles || !option.comparable;
    }
    if (std::string note = idle_blended_note(workload, with_workload_column); !note.empty()) {
      table.notes.push_back(std::move(note));
    }
  }
  if (throttles) {
    table.notes.emplace_back(k_not_comparable_note);
  }
  return table;
}

} // namespace bedrock_cost::report::detail
