#include <bedrock_cost/util/edit_distance.hpp>

#include <algorithm>
#include <numeric>

namespace bedrock_cost::util {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      const std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::vector<std::string> nearest(std::string_view word, const std::vector<std::string>& candidates, std::size_t limit) {
  if (word.size() > k_max_compared) {
    return {}; // no name is that long, so it is no typo of one (and comparing would cost its length squared)
  }
  const std::size_t threshold = std::max<std::size_t>(3, word.size() / 3);
  std::vector<std::pair<std::size_t, std::size_t>> scored; // (distance, index)
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const std::string& candidate = candidates[i];
    const bool contains = word.size() >= 4 && candidate.find(word) != std::string::npos;
    // The lengths alone tell that a candidate is too far: the distance is at least their difference.
    const std::size_t gap =
        candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
    if (!contains && (gap > threshold || candidate.size() > k_max_compared)) {
      continue;
    }
    const std::size_t distance = contains ? 0 : edit_distance(word, candidate);
    if (contains || distance <= threshold) {
      scored.emplace_back(distance, i);
    }
  }
  std::stable_sort(scored.begin(), scored.end());
  std::vector<std::string> result;
  for (const auto& [distance, index] : scored) {
    // Far worse than the best match is noise, not a suggestion.
    if (result.size() == limit || distance > scored.front().first + 2) {
      break;
    }
    result.push_back(candidates[index]);
  }
  return result;
}

} // namespace bedrock_cost::util
