#include "price_cache.hpp"

#include "common.hpp"

#include <bedrock_cost/catalog/loader.hpp>
#include <bedrock_cost/error.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <exception>
#include <filesystem>

namespace bedrock_cost::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_folder_name = "bedrock-cost";
constexpr const char* k_overlay_name = "prices-overlay.json";

bool usable(const char* value) { return value != nullptr && value[0] == '/'; }

} // namespace

std::optional<std::string> cache_folder(const char* xdg_cache_home, const char* home) {
  if (usable(xdg_cache_home)) {
    return (fs::path(xdg_cache_home) / k_folder_name).string();
  }
  if (usable(home)) {
    return (fs::path(home) / ".cache" / k_folder_name).string();
  }
  return std::nullopt;
}

std::optional<std::string> cached_overlay_path() {
  const auto folder = cache_folder(std::getenv("XDG_CACHE_HOME"), std::getenv("HOME"));
  return folder ? std::optional<std::string>((fs::path(*folder) / k_overlay_name).string()) : std::nullopt;
}

std::string cached_overlay_path_to_write() {
  if (auto path = cached_overlay_path()) {
    return *path;
  }
  throw InputError("no cache folder for the downloaded prices: neither XDG_CACHE_HOME nor HOME is set to an "
                   "absolute path");
}

void apply_cached_overlay(catalog::Catalog& catalog) {
  const std::optional<std::string> path = cached_overlay_path();
  std::error_code error;
  if (!path || fs::symlink_status(*path, error).type() == fs::file_type::not_found) {
    return;
  }
  try {
    InputFile file(*path);
    catalog::apply_price_list_overlay(catalog, file.stream(), file.name());
  } catch (const InputError& e) {
    throw InputError(fmt::format("{} (the prices 'catalog update' downloaded: run 'bedrock-cost catalog update' "
                                 "again, or pass --offline to leave them out)",
                                 e.what()));
  }
}

std::string prices_version_text() {
  catalog::Catalog catalog;
  try {
    catalog = catalog::embedded_catalog();
  } catch (const std::exception&) {
    return "prices: the embedded catalog cannot be read"; // --version must print even then
  }
  const std::string embedded = fmt::format("prices: embedded catalog as of {}", catalog.as_of);
  try {
    apply_cached_overlay(catalog);
  } catch (const std::exception& e) {
    return fmt::format("{}; the downloaded prices cannot be used: {}", embedded, e.what());
  }
  if (!catalog.price_list) {
    return embedded + "; no downloaded prices";
  }
  return fmt::format("{}; {} from {}", embedded, catalog::download_text(*catalog.price_list), catalog.price_list->file);
}

} // namespace bedrock_cost::cli
