#include <bedrock_cost/engine/errors.hpp>
#include <bedrock_cost/util/format.hpp>

#include <fmt/format.h>

#include <utility>

namespace bedrock_cost::engine {

namespace {

// "where: fact (detail)": the gap without its remedy, which only the report can word for the input.
std::string gap_without_remedy(const PriceGap& gap) {
  return fmt::format("{}: {}{}", gap.where, gap.fact, gap.detail.empty() ? "" : fmt::format(" ({})", gap.detail));
}

} // namespace

AmountOutOfRange::AmountOutOfRange() : std::overflow_error("amount too large to compute") {}

TooManyModelUnits::TooManyModelUnits(std::int64_t limit)
    : std::overflow_error(fmt::format("the traffic needs more than {} model units at this MU capacity",
                                      util::group_thousands(static_cast<std::uint64_t>(limit)))),
      m_limit(limit) {}

UnpricedWorkload::UnpricedWorkload(PriceGap gap) : UnpricedError(gap_without_remedy(gap)), m_gap(std::move(gap)) {}

} // namespace bedrock_cost::engine
