#pragma once

// Internal to the CLI: where `catalog update` keeps the AWS Price List overlay it downloads, and its use by every
// command that loads the catalog (docs/price-updates.md).

#include <bedrock_cost/catalog/catalog.hpp>

#include <optional>
#include <string>

namespace bedrock_cost::cli {

// bedrock-cost's cache folder from the values of XDG_CACHE_HOME and HOME (nullptr when unset):
// "$XDG_CACHE_HOME/bedrock-cost", else "$HOME/.cache/bedrock-cost". As the XDG Base Directory specification says, a
// value that is empty or not an absolute path is ignored; nullopt when neither is usable.
std::optional<std::string> cache_folder(const char* xdg_cache_home, const char* home);

// The downloaded overlay's path, "<cache folder>/prices-overlay.json", from this process's environment; nullopt
// when there is no cache folder.
std::optional<std::string> cached_overlay_path();

// The same for writing it; throws InputError naming both variables when neither gives a cache folder.
std::string cached_overlay_path_to_write();

// Merges the downloaded overlay into `catalog` when there is one (catalog::apply_price_list_overlay; no file: nothing
// is done). Throws InputError naming the file, with what to do: run `catalog update` again, or pass --offline.
void apply_cached_overlay(catalog::Catalog& catalog);

// --version's line on prices: "prices: embedded catalog as of 2026-10-08; AWS Price List downloaded 2026-12-07
// (published 2026-12-01) from PATH", "…; no downloaded prices", or why the downloaded ones cannot be used.
std::string prices_version_text();

} // namespace bedrock_cost::cli
