#pragma once

// Downloads over HTTP(S), for `catalog update` (libcurl, private to this module): one GET of a URL, its body
// handed to the caller in pieces, with every way a transfer fails named in words.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace bedrock_cost::net {

// The limits of one download.
struct FetchLimits {
  std::chrono::seconds connect_timeout{30};         // name lookup, TCP connect and TLS handshake
  std::chrono::seconds stall_timeout{30};           // once connected, no byte received for this long ends the transfer
  std::uint64_t max_bytes = std::uint64_t{1} << 30; // the body (decoded) may not be larger: 1 GiB
  long max_redirects = 5;
};

// Throws UsageError naming `option` unless `url` is an https:// URL, or a plain http:// one to 127.0.0.1, [::1] or
// localhost (a local test server): a typing slip must not send the download over an unencrypted connection.
void check_url(std::string_view url, std::string_view option);

// Receives the body in pieces, in order; an exception it throws stops the transfer and reaches fetch()'s caller.
using Sink = std::function<void(std::string_view bytes)>;

// GETs `url` (redirects followed within limits, HTTPS certificates verified, proxies from the environment) and
// hands the body to `sink`; returns its size in bytes. Throws InputError "GET <url>: <why>": "HTTP 503", "cannot
// connect: Connection refused", "no connection within 30 s", "stalled, no data for 30 s", "transfer ended early
// (got 10 of 20 bytes)", "larger than the limit of N bytes", "more than 5 redirects", a certificate that cannot be
// verified, or libcurl's own message.
std::uint64_t fetch(const std::string& url, const FetchLimits& limits, const Sink& sink);

} // namespace bedrock_cost::net
