#!/usr/bin/env python3
"""`bedrock-cost catalog update` end to end, against an HTTP server on 127.0.0.1 (an ephemeral port) serving the
fixture offer files of tests/fixtures/pricing: nothing here reaches the internet.

A first update stores the overlay, which later runs use (and --offline and --catalog leave out); then servers that
fail (HTTP 500), stall mid-body, cut the body short, serve what is not JSON, not an offer file or another offer's,
redirect without end, or are not there at all: each update exits 1 with a message naming the URL, the stored
overlay stays byte for byte as it was, and no temporary file is left in the cache folder.
    tests/catalog_update.py BIN FIXTURES_DIR     (FIXTURES_DIR: tests/fixtures/pricing)
"""
import hashlib
import http.server
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
import time

BIN = sys.argv[1]
FIXTURES = pathlib.Path(sys.argv[2])
OFFERS = {
    "AmazonBedrock": (FIXTURES / "AmazonBedrock-offer.json").read_bytes(),
    "AmazonBedrockFoundationModels": (FIXTURES / "AmazonBedrockFoundationModels-offer.json").read_bytes(),
}
failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAIL:", what)


class Handler(http.server.BaseHTTPRequestHandler):
    # What the server does for the next requests, set by each case: "ok", "500", "stall", "truncate", "html",
    # "not-offer", "other-offer", "loop", each for AmazonBedrockFoundationModels only unless `both` (so that a
    # failure comes after a file that downloaded well).
    mode = "ok"
    both = False

    def log_message(self, *args):  # quiet
        pass

    def send_body(self, body, length=None):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        match = re.fullmatch(r"/(\w+)/current/index\.json", self.path)
        if self.path.startswith("/loop"):
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if not match or match.group(1) not in OFFERS:
            self.send_error(404)
            return
        offer = match.group(1)
        body = OFFERS[offer]
        mode = Handler.mode if (Handler.both or offer == "AmazonBedrockFoundationModels") else "ok"
        if mode == "ok":
            self.send_body(body)
        elif mode == "500":
            self.send_error(500)
        elif mode == "stall":
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[:1000])
            self.wfile.flush()
            time.sleep(4)  # the client gives up after --stall-timeout 1
        elif mode == "truncate":
            self.send_body(body[:1000], length=len(body))
            self.close_connection = True
        elif mode == "html":
            self.send_body(b"<html><body>Service temporarily unavailable</body></html>\n")
        elif mode == "not-offer":
            self.send_body(b'{"message": "hello"}\n')
        elif mode == "other-offer":
            self.send_body(OFFERS["AmazonBedrock"])
        elif mode == "loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.send_header("Content-Length", "0")
            self.end_headers()


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Thread(target=server.serve_forever, daemon=True).start()
endpoint = f"http://127.0.0.1:{server.server_address[1]}"

work = tempfile.TemporaryDirectory()
home = pathlib.Path(work.name) / "home"
cache = pathlib.Path(work.name) / "cache"
home.mkdir()
overlay = cache / "bedrock-cost" / "prices-overlay.json"
environment = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
environment.update({"HOME": str(home), "XDG_CACHE_HOME": str(cache), "NO_COLOR": "1", "no_proxy": "*"})


def run(*args, env=None):
    result = subprocess.run([BIN, *args], capture_output=True, text=True, env=env or environment, timeout=60)
    return result.returncode, result.stdout, result.stderr


def update(*extra):
    return run("catalog", "update", "--endpoint", endpoint, "--stall-timeout", "1", *extra)


def digest():
    return hashlib.sha256(overlay.read_bytes()).hexdigest()


def cache_files():
    return sorted(p.name for p in overlay.parent.iterdir())


# (a) Success: the overlay is stored with where and when, and later runs use it.
code, out, err = update()
check(code == 0, f"first update: exit {code}, stderr {err!r}")
check(overlay.is_file(), "first update: no overlay stored")
stored = json.loads(overlay.read_text())
offers = stored["x_download"]["offers"]
check([o["offer_code"] for o in offers] == ["AmazonBedrock", "AmazonBedrockFoundationModels"], f"offers {offers}")
check(offers[0] == {"offer_code": "AmazonBedrock", "version": "20261101000000", "publication_date": "2026-11-01",
                    "url": f"{endpoint}/AmazonBedrock/current/index.json"}, f"first offer {offers[0]}")
check(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stored["x_download"]["downloaded_at"]) is not None,
      "downloaded_at")
check(f"into {overlay}:" in out and "Imported 41 prices for 8 models; 9 products not imported" in out,
      f"summary: {out!r}")
check("AmazonBedrock version 20261101000000, published 2026-11-01: 41 products" in out, f"summary: {out!r}")
check(cache_files() == ["prices-overlay.json"], f"after success: {cache_files()}")
day = stored["x_download"]["downloaded_at"][:10]
label = f"AWS Price List downloaded {day} (published 2026-11-01, 2026-10-15)"

code, out, err = run("models", "--provider", "amazon")
nova_lite = [line for line in out.splitlines() if line.startswith("amazon.nova-2-lite-v1:0") and "global" in line]
check(code == 0 and label in out, f"models footer: {out[-300:]!r} {err!r}")
check(nova_lite and "0.3 " in nova_lite[0] and "2.5 " in nova_lite[0], f"models: the overlay's price: {nova_lite}")
code, offline, _ = run("models", "--provider", "amazon", "--offline")
check(code == 0 and label not in offline and offline != out, "models --offline still shows the downloaded prices")
code, out, err = run("models", "--format", "json", "--provider", "amazon")
document = json.loads(out)
check(document["catalog"]["price_list"]["file"] == str(overlay), f"models json: {document['catalog']}")

estimate = ["estimate", "--model", "amazon.nova-2-lite-v1:0", "--region", "us-east-1", "--tpm", "1000"]
code, out, err = run(*estimate)
check(code == 0 and f"+ {label}." in out, f"estimate footer: {out[-400:]!r} {err!r}")
code, out, err = run(*estimate, "--format", "json")
check(json.loads(out)["catalog"]["price_list"]["offers"][1]["publication_date"] == "2026-10-15", "estimate json")
code, out, err = run(*estimate, "--format", "markdown")
check(label in out, "estimate markdown footer")
code, out, err = run(*estimate, "--offline")
check(code == 0 and "AWS Price List" not in out, "estimate --offline")
catalog_file = pathlib.Path(__file__).resolve().parents[1] / "data" / "catalog.json"
code, out, err = run(*estimate, "--catalog", str(catalog_file))
check(code == 0 and "AWS Price List" not in out, f"estimate --catalog: {err!r}")
code, out, err = run("--version")
check(code == 0 and f"; {label} from {overlay}" in out, f"--version: {out!r}")

# (b)-(e) Failures after the first file downloaded well: exit 1, the message, the overlay as it was, no temporary.
before = digest()
foundation = f"{endpoint}/AmazonBedrockFoundationModels/current/index.json"
cases = {
    "500": f"GET {foundation}: HTTP 500",
    "stall": f"GET {foundation}: stalled, no data for 1 s",
    "truncate": f"GET {foundation}: transfer ended early (got 1000 of {len(OFFERS['AmazonBedrockFoundationModels'])} "
                "bytes)",
    "html": f"{foundation}:1:1: invalid JSON",
    "not-offer": f"{foundation}: /: not an AWS price list",
    "other-offer": f"{foundation}: expected the offer file of AmazonBedrockFoundationModels, got offer file "
                   "AmazonBedrock",
}
for mode, message in cases.items():
    Handler.mode = mode
    code, out, err = update()
    check(code == 1 and err.startswith(f"bedrock-cost: error: {message}"), f"{mode}: exit {code}, stderr {err!r}")
    check(out == "", f"{mode}: stdout {out!r}")
    check(digest() == before, f"{mode}: the stored overlay changed")
    check(cache_files() == ["prices-overlay.json"], f"{mode}: files left: {cache_files()}")
Handler.mode = "ok"

# Nothing to import (every product outside --region), and a cache folder that cannot be made.
code, out, err = update("--region", "xx-nowhere-1")
check(code == 1 and f"catalog update: no price could be imported for xx-nowhere-1; {overlay} was left as it was" in err,
      f"no price: {code} {err!r}")
check(digest() == before and cache_files() == ["prices-overlay.json"], "no price: the cache changed")
not_a_folder = pathlib.Path(work.name) / "file"
not_a_folder.write_text("")
code, out, err = run("catalog", "update", "--endpoint", endpoint, env={**environment, "XDG_CACHE_HOME": str(not_a_folder)})
check(code == 1 and err == f"bedrock-cost: error: {not_a_folder}/bedrock-cost: cannot create the cache folder: Not a "
      "directory\n", f"cache folder: {code} {err!r}")

# Redirects without end, and no server at all.
code, out, err = run("catalog", "update", "--endpoint", f"{endpoint}/loop")
check(code == 1 and "more than 5 redirects" in err, f"redirect loop: {code} {err!r}")
server.shutdown()
server.server_close()
code, out, err = update()
check(code == 1 and f"GET {endpoint}/AmazonBedrock/current/index.json: cannot connect: Connection refused" in err,
      f"no server: {code} {err!r}")
check(digest() == before and cache_files() == ["prices-overlay.json"], "no server: the cache changed")

# Plain http:// is for a local server only; the cache folder needs XDG_CACHE_HOME or HOME.
code, out, err = run("catalog", "update", "--endpoint", "http://pricing.example.com/offers")
check(code == 2 and "--endpoint: plain http:// is allowed only for 127.0.0.1 and localhost" in err, f"http: {err!r}")
code, out, err = run("catalog", "update", "--endpoint", endpoint,
                     env={"PATH": environment.get("PATH", ""), "HOME": "relative", "XDG_CACHE_HOME": ""})
check(code == 1 and "neither XDG_CACHE_HOME nor HOME is set to an absolute path" in err, f"no cache folder: {err!r}")

# A stored overlay that cannot be read is an error naming it, never ignored; --offline goes on without it.
overlay.write_text('{"schema_version": 1, "kind": "overlay", "models": []}\n')
code, out, err = run("models")
check(code == 1 and f"{overlay}: /x_download: missing" in err and "--offline" in err, f"broken overlay: {err!r}")
code, out, err = run("models", "--offline")
check(code == 0, f"broken overlay with --offline: {err!r}")
code, out, err = run("--version")
check(code == 0 and "the downloaded prices cannot be used" in out, f"--version with a broken overlay: {out!r}")

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("catalog update: every case passed")
