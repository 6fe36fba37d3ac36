#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bedrock_cost::util {

// Levenshtein distance between a and b (insertions, deletions and substitutions each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The longest word or candidate `nearest` compares by edit distance, in bytes: far longer than any model ID,
// command or Region, and it bounds the work of one comparison.
constexpr std::size_t k_max_compared = 256;

// Up to `limit` candidates nearest to `word` by edit distance, nearest first (ties in input order),
// keeping only those within max(3, |word| / 3) edits or containing `word` as a substring, and at most two
// edits worse than the best. A word longer than k_max_compared has no candidates; a candidate longer than that
// is kept only if it contains the word. Linear in the total length of the candidates.
std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates,
                                 std::size_t limit = 3);

} // namespace bedrock_cost::util
