#include <bedrock_cost/util/json_writer.hpp>
#include <bedrock_cost/util/printable.hpp>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>

using bedrock_cost::util::dump_json;
using bedrock_cost::util::printable;
using bedrock_cost::util::valid_utf8;
using namespace std::string_literals;

TEST_CASE("printable leaves valid UTF-8 text alone", "[printable]") {
  CHECK(printable("anthropic.claude-3-haiku-20240307-v1:0") == "anthropic.claude-3-haiku-20240307-v1:0");
  CHECK(printable("Caf\xc3\xa9") == "Caf\xc3\xa9");                                             // 2 bytes: é
  CHECK(printable("\xe6\x9d\xb1\xe4\xba\xac") == "\xe6\x9d\xb1\xe4\xba\xac");                   // 3 bytes: 東京
  CHECK(printable("\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf") == "\xf0\x9f\x98\x80 \xf4\x8f\xbf\xbf"); // 4: U+1F600, U+10FFFF
  CHECK(printable("\xc2\xa0\xc2\xbf") == "\xc2\xa0\xc2\xbf"); // U+00A0 and U+00BF: just past the C1 controls
  CHECK(printable("\xed\x9f\xbf\xee\x80\x80") == "\xed\x9f\xbf\xee\x80\x80"); // U+D7FF, U+E000: around the surrogates
  CHECK(printable(R"(C:\path "quoted" | <b>&)") == R"(C:\path "quoted" | <b>&)");
  CHECK(printable("").empty());
}

TEST_CASE("printable shows C0 controls and DEL as escapes", "[printable]") {
  CHECK(printable("a\x1b[2Jb") == R"(a\x1b[2Jb)");
  CHECK(printable("\x1b]0;title\x07") == R"(\x1b]0;title\x07)");
  CHECK(printable("tab\tnew\nline\rcr") == R"(tab\tnew\nline\rcr)");
  CHECK(printable("nul\0byte"s) == R"(nul\x00byte)");
  CHECK(printable("\x01\x1f\x7f") == R"(\x01\x1f\x7f)");
}

TEST_CASE("printable shows C1 controls as \\u escapes", "[printable]") {
  CHECK(printable("\xc2\x80") == R"(\u0080)");
  CHECK(printable("csi\xc2\x9b"
                  "2J") == R"(csi\u009b2J)");
  CHECK(printable("\xc2\x9f") == R"(\u009f)");
}

TEST_CASE("printable shows each byte outside valid UTF-8 as \\x escapes", "[printable]") {
  CHECK(printable("\xff") == R"(\xff)");
  CHECK(printable("acme.x\xfe\xff") == R"(acme.x\xfe\xff)");
  CHECK(printable("\x80 stray continuation") == R"(\x80 stray continuation)");
  CHECK(printable("\xc0\xaf") == R"(\xc0\xaf)");                 // overlong '/'
  CHECK(printable("\xe0\x80\xaf") == R"(\xe0\x80\xaf)");         // overlong, 3 bytes
  CHECK(printable("\xf0\x80\x80\xaf") == R"(\xf0\x80\x80\xaf)"); // overlong, 4 bytes
  CHECK(printable("\xc1\xbf") == R"(\xc1\xbf)");                 // overlong U+007F
  CHECK(printable("\xed\xa0\x80") == R"(\xed\xa0\x80)");         // a surrogate, U+D800
  CHECK(printable("\xf4\x90\x80\x80") == R"(\xf4\x90\x80\x80)"); // beyond U+10FFFF
  CHECK(printable("\xf5\x80\x80\x80") == R"(\xf5\x80\x80\x80)");
  CHECK(printable("\xe2\x82") == R"(\xe2\x82)"); // truncated at the end
  CHECK(printable("\xe2\x82"
                  "A") == R"(\xe2\x82A)"); // truncated before a valid character, which stays
  CHECK(printable("\xf0\x9f\x98") == R"(\xf0\x9f\x98)");
  CHECK(printable("\xc3"
                  "\xc3\xa9") == "\\xc3\xc3\xa9"); // a lone lead byte, then a valid é
}

TEST_CASE("printable twice is printable once", "[printable]") {
  for (const char* text : {"a\x1b[2Jb", "\xff\xc2\x9b\t", "Caf\xc3\xa9 \\x1b"}) {
    CHECK(printable(printable(text)) == printable(text));
  }
}

TEST_CASE("valid_utf8 escapes only bytes outside valid UTF-8", "[printable]") {
  CHECK(valid_utf8("a\x1b[2Jb\xc2\x9b\t") == "a\x1b[2Jb\xc2\x9b\t");
  CHECK(valid_utf8("Caf\xc3\xa9 \xff\xe2\x82") == R"(Café \xff\xe2\x82)");
}

TEST_CASE("dump_json writes invalid UTF-8 as \\x escapes instead of throwing", "[printable]") {
  nlohmann::ordered_json document{{"model", "acme.x\xff"}, {"regions", {"us-east-1", "eu\xc3"}}, {"count", 3}};
  document["by_model"]["acme.\xfe"] = "\x1b";
  CHECK_THROWS(document.dump()); // what nlohmann does on its own
  CHECK(dump_json(document) ==
        R"({"model":"acme.x\\xff","regions":["us-east-1","eu\\xc3"],"count":3,"by_model":{"acme.\\xfe":"\u001b"}})");
  const nlohmann::json plain{{"name", "Caf\xc3\xa9"}, {"bad", "\xff"}};
  CHECK(dump_json(plain, 1) == "{\n \"bad\": \"\\\\xff\",\n \"name\": \"Caf\xc3\xa9\"\n}");
  CHECK(dump_json(nlohmann::json{{"a", 1}}, 2) == nlohmann::json{{"a", 1}}.dump(2));
}

TEST_CASE("dump_json escapes every control character, and the value parses back exactly", "[printable]") {
  const nlohmann::ordered_json document{{"name", "csi\xc2\x9b del\x7f esc\x1b nbsp\xc2\xa0 Caf\xc3\xa9"}};
  const std::string text = dump_json(document);
  CHECK(text == R"({"name":"csi\u009b del\u007f esc\u001b nbsp)"
                "\xc2\xa0 Caf\xc3\xa9\"}");
  CHECK(nlohmann::ordered_json::parse(text) == document);
}
