#include <gtest/gtest.h>
#include <simdjson.h>

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

}  // namespace
}  // namespace sitrep
