#include "rows.hpp"

#include <bedrock_cost/report/render.hpp>

namespace bedrock_cost::report::csv {

void render(const engine::CostReport& report, const RenderOptions& /*options*/, std::ostream& out) {
  detail::write_csv(detail::option_grid(report.workloads), out);
}

void render(const ModelListing& listing, const RenderOptions& /*options*/, std::ostream& out) {
  detail::write_csv(detail::model_grid(listing, detail::Audience::machines), out);
}

} // namespace bedrock_cost::report::csv
