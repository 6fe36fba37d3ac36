#pragma once

// The engine's own failures, by type. The capacity formulas throw the overflow types where they arise, saying what
// went wrong; estimate() translates them into InputError once, adding where the MU capacity or the workload came
// from (as a loader adds file:line). A workload the catalog cannot price is an UnpricedWorkload, which carries why
// apart from where. Nothing classifies an error by its message.

#include <bedrock_cost/engine/notes.hpp>
#include <bedrock_cost/error.hpp>

#include <cstdint>
#include <stdexcept>

namespace bedrock_cost::engine {

// An amount of the capacity formulas does not fit in 128 bits: the traffic, a price or the MU capacity is absurd.
class AmountOutOfRange : public std::overflow_error {
public:
  AmountOutOfRange();
};

// Sizing the traffic needs more than `limit` model units at the MU capacity given: that capacity is too small for the
// traffic (a typo, or a figure in thousands). what() is "the traffic needs more than 1,000,000 model units at this MU
// capacity".
class TooManyModelUnits : public std::overflow_error {
public:
  explicit TooManyModelUnits(std::int64_t limit);
  std::int64_t limit() const { return m_limit; }

private:
  std::int64_t m_limit;
};

// A workload the catalog cannot price: an unknown model, or no price for its Region, its route or a dimension its
// traffic uses. what() is "where: fact (detail)"; report::gap_message() words the gap with its remedy for the way the
// workload was given. estimate() lists imported usage that meets it (EstimateOptions::list_unpriced) instead.
class UnpricedWorkload : public UnpricedError {
public:
  explicit UnpricedWorkload(PriceGap gap);
  const PriceGap& gap() const { return m_gap; }

private:
  PriceGap m_gap;
};

} // namespace bedrock_cost::engine
