// net::check_url and net::fetch (src/net/fetch.cpp) against a one-connection server on 127.0.0.1 in a thread: the
// words of each failure, the body handed over whole, a sink's own error passed through. tests/catalog_update.py
// runs the same failures through the binary.

#include <bedrock_cost/error.hpp>
#include <bedrock_cost/net/fetch.hpp>

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using bedrock_cost::net::check_url;
using bedrock_cost::net::fetch;
using bedrock_cost::net::FetchLimits;

namespace {

// A socket on 127.0.0.1 at an ephemeral port, listening when asked: it answers one connection with `response`
// (after reading the request's headers) and closes it.
class LocalServer {
public:
  explicit LocalServer(bool listening = true) {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    // NOLINTNEXTLINE(cppcoreguidelines-pro-type-reinterpret-cast): the sockets API takes a sockaddr*
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    REQUIRE(::bind(m_fd, generic, size) == 0);
    REQUIRE(::getsockname(m_fd, generic, &size) == 0);
    m_port = ntohs(address.sin_port);
    if (listening) {
      REQUIRE(::listen(m_fd, 1) == 0);
    }
  }
  ~LocalServer() {
    if (m_thread.joinable()) {
      m_thread.join();
    }
    ::close(m_fd);
  }
  LocalServer(const LocalServer&) = delete;
  LocalServer& operator=(const LocalServer&) = delete;
  LocalServer(LocalServer&&) = delete;
  LocalServer& operator=(LocalServer&&) = delete;

  void answer(std::string response) {
    m_thread = std::thread([this, response = std::move(response)] {
      const int client = ::accept(m_fd, nullptr, nullptr);
      std::string request;
      char buffer[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::read(client, buffer, sizeof(buffer));
        if (n <= 0) {
          break;
        }
        request.append(buffer, static_cast<std::size_t>(n));
      }
      (void)!::send(client, response.data(), response.size(), MSG_NOSIGNAL);
      ::close(client);
    });
  }
  std::string url(std::string_view path = "/index.json") const {
    return fmt::format("http://127.0.0.1:{}{}", m_port, path);
  }

private:
  int m_fd = -1;
  int m_port = 0;
  std::thread m_thread;
};

std::string get(const std::string& url, const FetchLimits& limits = {}) {
  std::string body;
  fetch(url, limits, [&body](std::string_view bytes) { body.append(bytes); });
  return body;
}

} // namespace

TEST_CASE("check_url takes https:// anywhere and plain http:// only to this machine", "[net]") {
  CHECK_NOTHROW(check_url("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws", "--endpoint"));
  CHECK_NOTHROW(check_url("http://127.0.0.1:8080/offers", "--endpoint"));
  CHECK_NOTHROW(check_url("http://localhost:8080", "--endpoint"));
  CHECK_NOTHROW(check_url("HTTP://LOCALHOST", "--endpoint"));
  CHECK_NOTHROW(check_url("http://[::1]:8080/", "--endpoint"));
  CHECK_THROWS_AS(check_url("http://example.com", "--endpoint"), bedrock_cost::UsageError);
  CHECK_THROWS_WITH(check_url("http://pricing.us-east-1.amazonaws.com/offers", "--endpoint"),
                    "--endpoint: plain http:// is allowed only for 127.0.0.1 and localhost (a local test server); "
                    "use https:// (got 'http://pricing.us-east-1.amazonaws.com/offers')");
  // The host is what libcurl would connect to, not the text before '@'.
  CHECK_THROWS_WITH(check_url("http://127.0.0.1@example.com/", "--endpoint"),
                    "--endpoint: plain http:// is allowed only for 127.0.0.1 and localhost (a local test server); "
                    "use https:// (got 'http://127.0.0.1@example.com/')");
  CHECK_THROWS_WITH(check_url("ftp://example.com/", "--endpoint"),
                    "--endpoint: expected an https:// URL, got 'ftp://example.com/'");
  CHECK_THROWS_WITH(check_url("pricing.example.com/offers", "--endpoint"),
                    "--endpoint: expected an https:// URL, got 'pricing.example.com/offers'");
}

TEST_CASE("fetch hands the body over whole and returns its size", "[net]") {
  LocalServer server;
  server.answer("HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"a\": true}");
  std::string body;
  CHECK(fetch(server.url(), {}, [&body](std::string_view bytes) { body.append(bytes); }) == 11);
  CHECK(body == "{\"a\": true}");
}

TEST_CASE("fetch names each way a download fails", "[net]") {
  SECTION("an HTTP error status") {
    LocalServer server;
    server.answer("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy");
    CHECK_THROWS_WITH(get(server.url()), fmt::format("GET {}: HTTP 503", server.url()));
  }
  SECTION("a body shorter than its Content-Length") {
    LocalServer server;
    server.answer("HTTP/1.1 200 OK\r\nContent-Length: 20\r\nConnection: close\r\n\r\n0123456789");
    CHECK_THROWS_WITH(get(server.url()),
                      fmt::format("GET {}: transfer ended early (got 10 of 20 bytes)", server.url()));
  }
  SECTION("a body over the size limit") {
    LocalServer server;
    server.answer("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n0123456789abcdef");
    FetchLimits limits;
    limits.max_bytes = 10;
    CHECK_THROWS_WITH(get(server.url(), limits),
                      fmt::format("GET {}: larger than the limit of 10 bytes", server.url()));
  }
  SECTION("no server listening") {
    const LocalServer closed(false); // bound, so that no other process has the port, but not listening
    CHECK_THROWS_WITH(get(closed.url()), fmt::format("GET {}: cannot connect: Connection refused", closed.url()));
  }
  SECTION("the sink's own error (a full disk) reaches the caller as it was") {
    LocalServer server;
    server.answer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
    CHECK_THROWS_WITH(fetch(server.url(), {},
                            [](std::string_view) -> void {
                              throw bedrock_cost::InputError("cache: cannot write: No space left on device");
                            }),
                      "cache: cannot write: No space left on device");
  }
}
