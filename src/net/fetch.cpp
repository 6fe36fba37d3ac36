#include <bedrock_cost/error.hpp>
#include <bedrock_cost/net/fetch.hpp>
#include <bedrock_cost/util/format.hpp>
#include <bedrock_cost/version.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <curl/curl.h>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>

namespace bedrock_cost::net {

namespace {

using Clock = std::chrono::steady_clock;

// Owns a libcurl handle (curl_url or curl_easy) and frees it with `Free`.
template <class Handle, void (*Free)(Handle*)> struct Deleter {
  void operator()(Handle* handle) const { Free(handle); }
};
using UrlHandle = std::unique_ptr<CURLU, Deleter<CURLU, curl_url_cleanup>>;
using EasyHandle = std::unique_ptr<CURL, Deleter<CURL, curl_easy_cleanup>>;

// A part of a URL parsed by libcurl ("https", "127.0.0.1"), or empty when it has none.
std::string url_part(CURLU* url, CURLUPart what) {
  char* text = nullptr;
  if (curl_url_get(url, what, &text, 0) != CURLUE_OK || text == nullptr) {
    return {};
  }
  std::string part(text);
  curl_free(text);
  std::transform(part.begin(), part.end(), part.begin(), [](unsigned char c) { return std::tolower(c); });
  return part;
}

bool is_local_host(std::string_view host) { return host == "127.0.0.1" || host == "localhost" || host == "[::1]"; }

// libcurl's curl_easy_setopt is variadic; this gives each call a type.
template <class Value> void set(CURL* curl, CURLoption option, Value value) {
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-vararg): libcurl's C API takes the value through varargs
  if (const CURLcode code = curl_easy_setopt(curl, option, value); code != CURLE_OK) {
    throw Error(fmt::format("libcurl: cannot set option {}: {}", static_cast<int>(option), curl_easy_strerror(code)));
  }
}

template <class Value> Value info(CURL* curl, CURLINFO what) {
  Value value{};
  curl_easy_getinfo(curl, what, &value); // NOLINT(cppcoreguidelines-pro-type-vararg): libcurl's C API
  return value;
}

// What one transfer saw, for its callbacks and for the message when it fails.
struct Transfer {
  CURL* curl = nullptr;
  const FetchLimits* limits = nullptr;
  const Sink* sink = nullptr;
  std::uint64_t received = 0; // decoded body bytes handed to the sink
  std::exception_ptr sink_error;
  bool too_large = false;
  bool stalled = false;
  curl_off_t last_count = -1; // bytes on the wire when the stall clock last started
  Clock::time_point last_change = Clock::now();
};

extern "C" size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto& transfer = *static_cast<Transfer*>(user);
  const std::size_t bytes = size * count;
  if (transfer.received + bytes > transfer.limits->max_bytes) {
    transfer.too_large = true;
    return 0; // ends the transfer (CURLE_WRITE_ERROR)
  }
  try {
    (*transfer.sink)(std::string_view(data, bytes));
  } catch (...) {
    transfer.sink_error = std::current_exception(); // never through libcurl's C frames
    return 0;
  }
  transfer.received += bytes;
  return bytes;
}

// Called about once a second even when nothing arrives: ends the transfer once no byte came for the stall timeout
// (counted from the end of the connection set-up, which the connect timeout bounds).
extern "C" int on_progress(void* user, curl_off_t /*dltotal*/, curl_off_t dlnow, curl_off_t /*ultotal*/,
                           curl_off_t /*ulnow*/) {
  auto& transfer = *static_cast<Transfer*>(user);
  const Clock::time_point now = Clock::now();
  const bool connected = dlnow > 0 || info<curl_off_t>(transfer.curl, CURLINFO_PRETRANSFER_TIME_T) > 0;
  if (!connected || dlnow != transfer.last_count) {
    transfer.last_count = dlnow;
    transfer.last_change = now;
    return 0;
  }
  if (now - transfer.last_change >= transfer.limits->stall_timeout) {
    transfer.stalled = true;
    return 1; // CURLE_ABORTED_BY_CALLBACK
  }
  return 0;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
      throw Error("libcurl: cannot initialise");
    }
  });
}

void configure(CURL* curl, const std::string& url, Transfer& transfer, char* error_buffer) {
  const FetchLimits& limits = *transfer.limits;
  set(curl, CURLOPT_URL, url.c_str());
  set(curl, CURLOPT_ERRORBUFFER, error_buffer);
  set(curl, CURLOPT_NOSIGNAL, 1L);
  set(curl, CURLOPT_FAILONERROR, 1L); // an HTTP status of 400 or more is an error, its body not the file
  set(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  // A redirect may not leave HTTPS; plain HTTP (a local test server, check_url) may only go to HTTP(S).
  set(curl, CURLOPT_REDIR_PROTOCOLS_STR, url.starts_with("https:") ? "https" : "http,https");
  set(curl, CURLOPT_FOLLOWLOCATION, 1L);
  set(curl, CURLOPT_MAXREDIRS, limits.max_redirects);
  set(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(limits.connect_timeout.count()));
  set(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_bytes)); // from Content-Length
  set(curl, CURLOPT_ACCEPT_ENCODING, "");                                          // gzip, deflate, ...
  set(curl, CURLOPT_USERAGENT, fmt::format("bedrock-cost/{}", k_version).c_str());
  set(curl, CURLOPT_WRITEFUNCTION, on_body);
  set(curl, CURLOPT_WRITEDATA, static_cast<void*>(&transfer));
  set(curl, CURLOPT_NOPROGRESS, 0L);
  set(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  set(curl, CURLOPT_XFERINFODATA, static_cast<void*>(&transfer));
}

std::string seconds(std::chrono::seconds value) { return fmt::format("{} s", value.count()); }

// "transfer ended early (got 10 of 20 bytes)": the bytes on the wire, and the Content-Length when there was one.
std::string ended_early(CURL* curl) {
  const auto got = info<curl_off_t>(curl, CURLINFO_SIZE_DOWNLOAD_T);
  const auto length = info<curl_off_t>(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T);
  return length >= 0 ? fmt::format("transfer ended early (got {} of {} bytes)", got, length)
                     : fmt::format("transfer ended early (got {} bytes)", got);
}

// What went wrong in words, for "GET <url>: <why>".
std::string failure(CURLcode code, const Transfer& transfer, const char* error_buffer) {
  CURL* curl = transfer.curl;
  std::string detail = error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
  switch (code) {
  case CURLE_HTTP_RETURNED_ERROR: return fmt::format("HTTP {}", info<long>(curl, CURLINFO_RESPONSE_CODE));
  case CURLE_COULDNT_CONNECT: {
    const auto error = static_cast<int>(info<long>(curl, CURLINFO_OS_ERRNO));
    return fmt::format("cannot connect: {}", error != 0 ? std::strerror(error) : detail.c_str());
  }
  case CURLE_COULDNT_RESOLVE_HOST: return fmt::format("cannot resolve the host name: {}", detail);
  case CURLE_OPERATION_TIMEDOUT:
    return info<curl_off_t>(curl, CURLINFO_PRETRANSFER_TIME_T) == 0
               ? fmt::format("no connection within {}", seconds(transfer.limits->connect_timeout))
               : detail;
  case CURLE_ABORTED_BY_CALLBACK:
    return transfer.stalled ? fmt::format("stalled, no data for {}", seconds(transfer.limits->stall_timeout)) : detail;
  case CURLE_PARTIAL_FILE: return ended_early(curl);
  case CURLE_FILESIZE_EXCEEDED: return fmt::format("larger than the limit of {} bytes", transfer.limits->max_bytes);
  case CURLE_WRITE_ERROR:
    return transfer.too_large ? fmt::format("larger than the limit of {} bytes", transfer.limits->max_bytes) : detail;
  case CURLE_TOO_MANY_REDIRECTS: return fmt::format("more than {} redirects", transfer.limits->max_redirects);
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CACERT_BADFILE:
    return fmt::format("the server's certificate cannot be verified ({}); is the ca-certificates package installed?",
                       detail);
  default: return detail;
  }
}

} // namespace

void check_url(std::string_view url, std::string_view option) {
  global_init();
  const UrlHandle parsed(curl_url());
  const std::string text(url);
  const bool valid = parsed && curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) == CURLUE_OK;
  const std::string scheme = valid ? url_part(parsed.get(), CURLUPART_SCHEME) : std::string();
  if (scheme == "https") {
    return;
  }
  if (scheme == "http") {
    if (is_local_host(url_part(parsed.get(), CURLUPART_HOST))) {
      return;
    }
    throw UsageError(fmt::format("{}: plain http:// is allowed only for 127.0.0.1 and localhost (a local test server); "
                                 "use https:// (got '{}')",
                                 option, util::excerpt(url)));
  }
  throw UsageError(fmt::format("{}: expected an https:// URL, got '{}'", option, util::excerpt(url)));
}

std::uint64_t fetch(const std::string& url, const FetchLimits& limits, const Sink& sink) {
  global_init();
  const EasyHandle curl(curl_easy_init());
  if (!curl) {
    throw Error("libcurl: cannot create a transfer");
  }
  Transfer transfer;
  transfer.curl = curl.get();
  transfer.limits = &limits;
  transfer.sink = &sink;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  configure(curl.get(), url, transfer, error_buffer.data());
  const CURLcode code = curl_easy_perform(curl.get());
  if (transfer.sink_error) {
    std::rethrow_exception(transfer.sink_error);
  }
  if (code != CURLE_OK) {
    throw InputError(fmt::format("GET {}", util::excerpt(url)), failure(code, transfer, error_buffer.data()));
  }
  return transfer.received;
}

} // namespace bedrock_cost::net
