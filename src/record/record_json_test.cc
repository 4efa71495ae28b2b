#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <random>
#include <string>

#include "sitrep/record.h"

namespace sitrep {
namespace {

TEST(RecordJson, EscapesAndKeepsUtf8) {
  std::string out;
  AppendJsonString(&out, "a\"b\\c\nd\te\x01 Ḥalab’s");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 Ḥalab’s\"");
  out.clear();
  AppendJsonString(&out, "");
  EXPECT_EQ(out, "\"\"");
}

TEST(RecordJson, RecordIsOneValidObjectWithNulls) {
  EventRecord r;
  r.doc_id = "doc-1";
  r.event_id = "ev-1";
  r.event_type = "Battles";
  r.sub_event_type = "Armed clash";
  r.actor1 = "Military Forces of \"X\"";
  r.assoc_actor_1 = {"A", "B"};
  r.fatalities = 3;
  r.evidence.sentence = {0, 10};
  r.evidence.trigger = {2, 5};
  r.evidence.roles.emplace_back("actor1", Span{0, 1});
  std::string json = ToJson(r);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS) << json;
  EXPECT_EQ(std::string_view(doc["actor1"]), "Military Forces of \"X\"");
  EXPECT_EQ(int64_t(doc["fatalities"]), 3);
  EXPECT_TRUE(doc["civilian_fatalities"].is_null());
  EXPECT_TRUE(doc["latitude"].is_null());
  EXPECT_TRUE(doc["event_date"].is_null());
  EXPECT_EQ(doc["assoc_actor_1"].get_array().size(), 2u);
  EXPECT_EQ(int64_t(doc["evidence"]["trigger"].at(1)), 5);
  EXPECT_EQ(int64_t(doc["evidence"]["actor1"].at(1)), 1);
}

// The number fields are written as printf writes them: "%.6g" for goldstein and confidence,
// "%.5f" for coordinates (ToJson has fast paths for both; this pins them to printf, ties
// and near ties included).
std::string Printf(const char* format, double v) {
  char buf[512];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

void ExpectPrintfNumbers(double v) {
  EventRecord r;
  r.goldstein = v;
  r.latitude = v;
  std::string json = ToJson(r);
  EXPECT_NE(json.find("\"goldstein\":" + Printf("%.6g", v) + ","), std::string::npos) << json;
  EXPECT_NE(json.find("\"latitude\":" + Printf("%.5f", v) + ","), std::string::npos) << json;
}

TEST(RecordJson, NumbersAsPrintf) {
  for (double v : {0.0, -0.0, 1.0, -1.0, 0.5, -7.5, 10.0, -10.0, 0.565, 0.73, 0.99, 0.015625, -0.015625,
                   0.000005, 0.0000049999, -0.000001, 1e-4, 0.00049, 0.0005, 999.9995, 999.999, 1000.0,
                   9999.999995, 9999.99999, 10000.0, 123456.5, 999999.5, 999999.4, 1e6, 1e15, 99999.95, 0.00999999,
                   0.000999999, 0.0001, 0.00009999995, 0.1, 0.01, 0.001, 123.4565, 1.5, 2.5, 0.1234565, 1e40, 2.23500, 42.69751,
                   -180.0, 179.999995, std::nextafter(0.015625, 1.0), std::nextafter(0.015625, 0.0)})
    ExpectPrintfNumbers(v);
  for (int j = 0; j < 4000; ++j) {
    ExpectPrintfNumbers((2 * j + 1) / 64.0);   // exact ties of "%.5f"
    ExpectPrintfNumbers((2 * j + 1) / 128.0);  // and of "%.6g" from 0.1 on
  }
  std::mt19937_64 rng(4);
  std::uniform_real_distribution<double> coord(-200, 200), unit(-1, 1), exponent(-6, 8);
  std::uniform_int_distribution<int64_t> milli(-2000000, 2000000), tie(-999999999, 999999999);
  for (int i = 0; i < 20000; ++i) {
    ExpectPrintfNumbers(coord(rng));
    ExpectPrintfNumbers(unit(rng));
    ExpectPrintfNumbers(std::pow(10.0, exponent(rng)) * (i % 2 ? 1 : -1));
    // Values of 6 significant digits and the doubles either side (rounding, carries).
    double six = static_cast<double>(milli(rng) % 1000000) * std::pow(10.0, (i % 12) - 10);
    ExpectPrintfNumbers(six);
    ExpectPrintfNumbers(std::nextafter(six, 1e9));
    ExpectPrintfNumbers(std::nextafter(six, -1e9));
    ExpectPrintfNumbers(static_cast<double>(milli(rng)) / 1000);
    // Halfway between two 5-decimal values, and the doubles either side.
    double half = (static_cast<double>(tie(rng)) + 0.5) / 1e5;
    ExpectPrintfNumbers(half);
    ExpectPrintfNumbers(std::nextafter(half, 1e9));
    ExpectPrintfNumbers(std::nextafter(half, -1e9));
  }
}

TEST(RecordJson, NonFiniteNumbersAreZero) {
  EventRecord r;
  r.goldstein = std::numeric_limits<double>::quiet_NaN();
  r.longitude = std::numeric_limits<double>::infinity();
  std::string json = ToJson(r);
  EXPECT_NE(json.find("\"goldstein\":0,"), std::string::npos) << json;
  EXPECT_NE(json.find("\"longitude\":0.00000,"), std::string::npos) << json;
}

TEST(RecordJson, LongStringsAndAppend) {
  EventRecord r;
  // Every byte of a long string escaped: larger than the writer's stack buffer.
  r.location = std::string(5000, '\x01') + "\"end\\";
  r.actor1 = std::string(3000, 'a') + "\n" + std::string(7, 'b');
  r.evidence.roles.emplace_back("loc\"ation", Span{7, 123456});
  std::string expected_location = "\"";
  for (int i = 0; i < 5000; ++i) expected_location += "\\u0001";
  expected_location += "\\\"end\\\\\"";
  std::string json = ToJson(r);
  EXPECT_NE(json.find("\"location\":" + expected_location + ","), std::string::npos);
  EXPECT_NE(json.find("\"actor1\":\"" + std::string(3000, 'a') + "\\nbbbbbbb\","), std::string::npos);
  EXPECT_NE(json.find(",\"loc\\\"ation\":[7,123456]}"), std::string::npos);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(json).get(doc), simdjson::SUCCESS);
  EXPECT_EQ(std::string_view(doc["location"]), r.location);
  EXPECT_EQ(std::string_view(doc["actor1"]), r.actor1);

  std::string out = "prefix";
  AppendJson(&out, r);
  EXPECT_EQ(out, "prefix" + json);
}

TEST(RecordJson, EscapesEveryLengthAndPosition) {
  // Strings of 0..40 bytes with one byte to escape at each position (the writer checks
  // words of 8 and 4 bytes, overlapping at the end).
  for (size_t n = 0; n <= 40; ++n) {
    for (size_t at = 0; at <= n; ++at) {
      std::string s(n, 'x');
      std::string expected(n, 'x');
      if (at < n) {
        s[at] = '\\';
        expected.replace(at, 1, "\\\\");
      }
      EventRecord r;
      r.admin2 = s;
      std::string plain;
      AppendJsonString(&plain, s);
      EXPECT_EQ(plain, "\"" + expected + "\"");
      EXPECT_NE(ToJson(r).find(",\"admin2\":\"" + expected + "\","), std::string::npos) << n << " " << at;
    }
  }
}

}  // namespace
}  // namespace sitrep
