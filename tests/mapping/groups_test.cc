// Groups files (groups.xsd): deltalog.xml and the *-groups files.
#include "mapping/groups.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

constexpr char kGroups[] = R"(<?xml version="1.0"?>
<groups xmlns:xs="http://www.w3.org/2001/XMLSchema-instance">
    <group name="delta_map">
        <document key="entity_id">sales_flat_order</document>
        <document key="query_text,store_id">search_query</document>
        <document>core_store</document>
    </group>
    <group name="ignore">
        <attribute type="catalog_product">msrp_enabled</attribute>
        <attribute type="catalog_category">msrp_enabled</attribute>
        <attribute key="k">is_recurring</attribute>
    </group>
    <group name="empty" />
</groups>
)";

std::string ParseError(absl::string_view xml) {
  absl::StatusOr<Groups> groups = Groups::Parse("deltalog.xml", xml);
  EXPECT_FALSE(groups.ok());
  EXPECT_EQ(groups.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(groups.status().message());
}

TEST(GroupsTest, DocumentsWithKeys) {
  absl::StatusOr<Groups> groups = Groups::Parse("deltalog.xml", kGroups);
  ASSERT_TRUE(groups.ok()) << groups.status();
  EXPECT_EQ(groups->file(), "deltalog.xml");
  ASSERT_THAT(groups->groups(), SizeIs(3));
  const Group* delta = groups->Find("delta_map");
  ASSERT_NE(delta, nullptr);
  EXPECT_EQ(delta->line, 3);
  EXPECT_THAT(delta->Names(), ElementsAre("sales_flat_order", "search_query", "core_store"));
  EXPECT_THAT(delta->Find("sales_flat_order")->KeyColumns(), ElementsAre("entity_id"));
  EXPECT_THAT(delta->Find("search_query")->KeyColumns(), ElementsAre("query_text", "store_id"));
  EXPECT_EQ(delta->Find("core_store")->key, std::nullopt);
  EXPECT_THAT(delta->Find("core_store")->KeyColumns(), IsEmpty());
  EXPECT_EQ(delta->Find("core_store")->line, 6);
  EXPECT_EQ(delta->Find("missing"), nullptr);
  EXPECT_EQ(groups->Find("missing"), nullptr);
  EXPECT_THAT(groups->Find("empty")->entries, IsEmpty());
}

TEST(GroupsTest, AttributesWithTypes) {
  absl::StatusOr<Groups> groups = Groups::Parse("eav-attribute-groups.xml", kGroups);
  ASSERT_TRUE(groups.ok()) << groups.status();
  const Group* ignore = groups->Find("ignore");
  ASSERT_THAT(ignore->entries, SizeIs(3));
  EXPECT_EQ(ignore->entries[0].kind, GroupEntry::Kind::kAttribute);
  EXPECT_EQ(ignore->entries[0].type, "catalog_product");
  EXPECT_EQ(ignore->entries[1].type, "catalog_category");
  EXPECT_THAT(ignore->Names(), ElementsAre("msrp_enabled", "is_recurring"));
  EXPECT_EQ(ignore->Find("is_recurring")->key, "k");
}

TEST(GroupsTest, SchemaErrors) {
  EXPECT_EQ(ParseError("<groups/>"), "deltalog.xml:1: element <groups> lacks <group>");
  EXPECT_EQ(ParseError("<groups>\n<group name=\"a\"/>\n<group name=\"a\"/>\n</groups>"),
            "deltalog.xml:3: group name a is not unique");
  EXPECT_EQ(ParseError("<groups><group/></groups>"),
            "deltalog.xml:1: element <group> lacks attribute name");
  EXPECT_EQ(ParseError("<groups>\n<group name=\"g\">\n<attribute>a</attribute>\n"
                       "<document>d</document>\n</group>\n</groups>"),
            "deltalog.xml:4: element <document> is not allowed here in <group>");
  EXPECT_EQ(
      ParseError("<groups><group name=\"g\"><document type=\"x\">d</document></group></groups>"),
      "deltalog.xml:1: attribute type is not allowed in <document>");
  EXPECT_EQ(
      ParseError("<groups><group name=\"g\"><document key=\"\">d</document></group></groups>"),
      "deltalog.xml:1: attribute key of <document> is empty");
  EXPECT_EQ(ParseError("<groups><group name=\"g\"><document></document></group></groups>"),
            "deltalog.xml:1: <document> is empty");
  EXPECT_EQ(ParseError("<groups><group name=\"g\"><table>t</table></group></groups>"),
            "deltalog.xml:1: element <table> is not allowed in <group>");
  EXPECT_EQ(ParseError("<groups><group name=\"g\"><document>d<key/></document></group></groups>"),
            "deltalog.xml:1: element <key> is not allowed in <document>");
}

}  // namespace
}  // namespace migrate::mapping
