// `bedrock-cost cloudwatch-query`: the get-metric-data queries written, and the commands to run next.

#include "grid.hpp"
#include "numbers.hpp"

#include <bedrock_cost/report/render.hpp>
#include <bedrock_cost/usage/timestamp.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/util/printable.hpp>

#include <fmt/format.h>

namespace bedrock_cost::report {

namespace {

std::string count(std::int64_t n) { return util::group_thousands(static_cast<std::uint64_t>(n)); }

std::string queries_text(std::size_t queries, std::size_t models) {
  return fmt::format("{} {}, {} metrics of {} model{}", count(static_cast<std::int64_t>(queries)),
                     queries == 1 ? "query" : "queries", usage::k_traffic_metrics.size(),
                     count(static_cast<std::int64_t>(models)), models == 1 ? "" : "s");
}

void write_call(const usage::QueryCall& call, std::ostream& out) {
  out << util::printable(
             fmt::format("{}: {}", call.query_file,
                         queries_text(call.queries.size(), call.queries.size() / usage::k_traffic_metrics.size())))
      << '\n';
  detail::Grid grid;
  detail::add_columns(grid, detail::Content::text, {"Id", "ModelId", "Metric"});
  for (const usage::MetricQuerySpec& query : call.queries) {
    grid.rows.push_back({query.id, query.model, std::string(query.metric)});
  }
  detail::write_text(grid, false, out, "  ");
  out << '\n';
}

void write_range(const usage::QueryPlan& plan, std::ostream& out) {
  const usage::QueryRequest& request = plan.request;
  std::int64_t points = 0;
  std::int64_t pages = 0;
  for (const usage::QueryCall& call : plan.calls) {
    points += plan.points(call);
    pages += plan.pages(call);
  }
  out << fmt::format("From {} to {} ({}) in {}-second periods: {} data point{} a query,\nat most {} in all, "
                     "fetched in {} (the AWS CLI fetches every page).\n\n",
                     usage::format_timestamp(request.start_seconds), usage::format_timestamp(request.end_seconds),
                     detail::duration((request.end_seconds - request.start_seconds) / 60), request.period_seconds,
                     count(plan.points_per_query), plan.points_per_query == 1 ? "" : "s", count(points),
                     pages == 1
                         ? std::string("one page")
                         : fmt::format("up to {} pages of {}", count(pages), count(usage::k_max_points_per_page)));
}

void write_commands(const usage::QueryPlan& plan, std::ostream& out) {
  out << (plan.calls.size() == 1 ? std::string("Fetch the data (one call):\n")
                                 : fmt::format("Fetch the data ({} calls: at most {} queries a call):\n",
                                               plan.calls.size(), usage::k_max_queries_per_call));
  for (const usage::QueryCall& call : plan.calls) {
    out << "  " << util::printable(usage::fetch_command(plan, call)) << '\n';
  }
  out << "Then price it:\n  " << util::printable(usage::estimate_command(plan)) << '\n';
}

} // namespace

void render(const usage::QueryPlan& plan, bool queries, std::ostream& out) {
  if (queries) {
    for (const usage::QueryCall& call : plan.calls) {
      write_call(call, out);
    }
  } else {
    out << util::printable(fmt::format("{}, written to stdout: save them as {}.",
                                       queries_text(plan.queries(), plan.models), plan.request.query_file))
        << "\n\n";
  }
  write_range(plan, out);
  write_commands(plan, out);
}

} // namespace bedrock_cost::report
