// map.xml: reading (rules, lines, schema errors) and Magento's Map reader queries.
#include "mapping/map_rules.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Optional;
using ::testing::SizeIs;

// Source documents: sales_flat_order renamed to sales_order, log_* and url_rewrite_m2* ignored.
// Fields: a move into the renamed document, an ignore, a datatype ignore, transforms.
constexpr char kMap[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<map xmlns:xs="http://www.w3.org/2001/XMLSchema-instance"
     xs:noNamespaceSchemaLocation="urn:magento:module:Magento_DataMigrationTool:etc/map.xsd">
    <source>
        <document_rules>
            <rename>
                <document>sales_flat_order</document>
                <to>sales_order</to>
            </rename>
            <ignore>
                <document>log_*</document>
            </ignore>
            <ignore>
                <document>core_cache</document>
            </ignore>
        </document_rules>
        <field_rules>
            <move>
                <field>sales_flat_order.hidden_tax_amount</field>
                <to>sales_order.discount_tax_compensation_amount</to>
            </move>
            <ignore>
                <field>sales_flat_order.gift_message</field>
            </ignore>
            <ignore>
                <datatype>sales_flat_order.state</datatype>
            </ignore>
            <transform>
                <field>cms_page.root_template</field>
                <handler class="\Migration\Handler\Convert">
                    <param name="map" value="[one_column:1column]" />
                    <param name="defaultValue" value="1column" />
                </handler>
            </transform>
            <transform>
                <field>cms_page.root_template</field>
                <handler class="\Migration\Handler\SetValue">
                    <param name="value" value="NULL" />
                </handler>
            </transform>
        </field_rules>
    </source>
    <destination>
        <document_rules>
            <ignore>
                <document>ui_bookmark</document>
            </ignore>
        </document_rules>
        <field_rules>
            <ignore>
                <field>sales_order.send_email</field>
            </ignore>
            <transform>
                <field>sales_order.store_name</field>
                <handler class="Migration\Handler\SetValue">
                    <param name="value" value="Main" />
                </handler>
            </transform>
        </field_rules>
    </destination>
</map>
)";

MapRules ParseOrDie(absl::string_view xml) {
  absl::StatusOr<MapRules> rules = MapRules::Parse("map.xml", xml);
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *std::move(rules);
}

std::string ParseError(absl::string_view xml) {
  absl::StatusOr<MapRules> rules = MapRules::Parse("map.xml", xml);
  EXPECT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), absl::StatusCode::kInvalidArgument);
  return std::string(rules.status().message());
}

// A map whose source <field_rules> hold `field_rules` and whose destination holds
// `destination_field_rules`.
std::string MapWith(absl::string_view field_rules, absl::string_view destination_field_rules = "",
                    absl::string_view source_document_rules = "",
                    absl::string_view destination_document_rules = "") {
  return absl::StrCat("<map><source><document_rules>", source_document_rules,
                      "</document_rules><field_rules>", field_rules,
                      "</field_rules></source><destination><document_rules>",
                      destination_document_rules, "</document_rules><field_rules>",
                      destination_field_rules, "</field_rules></destination></map>");
}

TEST(MapRulesTest, ReadsEveryRuleWithItsLine) {
  const MapRules rules = ParseOrDie(kMap);
  EXPECT_EQ(rules.file(), "map.xml");
  const MapSide& source = rules.rules(Side::kSource);
  ASSERT_THAT(source.renames, SizeIs(1));
  EXPECT_EQ(source.renames[0].document, "sales_flat_order");
  EXPECT_EQ(source.renames[0].to, "sales_order");
  EXPECT_EQ(source.renames[0].line, 6);
  ASSERT_THAT(source.ignored_documents, SizeIs(2));
  EXPECT_EQ(source.ignored_documents[0].name, "log_*");
  ASSERT_THAT(source.moves, SizeIs(1));
  EXPECT_EQ(source.moves[0].to, "sales_order.discount_tax_compensation_amount");
  EXPECT_EQ(source.moves[0].line, 18);
  ASSERT_THAT(source.transforms, SizeIs(2));
  const HandlerRef& convert = source.transforms[0].handler;
  EXPECT_EQ(convert.class_name, "\\Migration\\Handler\\Convert");
  EXPECT_EQ(convert.ClassKey(), "Migration\\Handler\\Convert");
  EXPECT_THAT(convert.params, ElementsAre(HandlerParam{"map", "[one_column:1column]"},
                                          HandlerParam{"defaultValue", "1column"}));
  EXPECT_EQ(convert.Location(), "map.xml:30");
  EXPECT_TRUE(source.transforms[1].handler.Param("value")->IsNull());
  EXPECT_FALSE(convert.Param("defaultValue")->IsNull());
  EXPECT_EQ(convert.Param("missing"), nullptr);

  const MapSide& destination = rules.rules(Side::kDestination);
  EXPECT_THAT(destination.renames, IsEmpty());
  ASSERT_THAT(destination.ignored_fields, SizeIs(1));
  EXPECT_EQ(destination.ignored_fields[0].name, "sales_order.send_email");
  ASSERT_THAT(destination.transforms, SizeIs(1));
  EXPECT_EQ(destination.transforms[0].handler.ClassKey(), "Migration\\Handler\\SetValue");
}

TEST(MapRulesTest, DocumentIgnoresAndRenames) {
  const MapRules rules = ParseOrDie(kMap);
  EXPECT_TRUE(rules.IsDocumentIgnored("core_cache", Side::kSource));
  EXPECT_FALSE(rules.IsDocumentIgnored("core_cache", Side::kDestination));
  EXPECT_TRUE(rules.IsDocumentIgnored("ui_bookmark", Side::kDestination));
  EXPECT_EQ(rules.DocumentMap("core_cache", Side::kSource), std::nullopt);
  EXPECT_THAT(rules.DocumentMap("sales_flat_order", Side::kSource),
              Optional(std::string("sales_order")));
  EXPECT_THAT(rules.DocumentMap("catalog_product_entity", Side::kSource),
              Optional(std::string("catalog_product_entity")));
  // The destination document finds its source document through the same rename.
  EXPECT_THAT(rules.DocumentMap("sales_order", Side::kDestination),
              Optional(std::string("sales_flat_order")));
}

TEST(MapRulesTest, WildcardsMatchAsMagentoDoes) {
  const MapRules rules =
      ParseOrDie(MapWith("", "",
                         "<ignore><document>log_*</document></ignore>"
                         "<ignore><document>catalog_product_index*</document></ignore>"
                         "<ignore><document>a*b</document></ignore>"
                         "<ignore><document>x.y*</document></ignore>"));
  // '*' stands for at least one character.
  EXPECT_TRUE(rules.IsDocumentIgnored("log_url", Side::kSource));
  EXPECT_FALSE(rules.IsDocumentIgnored("log_", Side::kSource));
  EXPECT_TRUE(rules.IsDocumentIgnored("catalog_product_index_eav", Side::kSource));
  EXPECT_FALSE(rules.IsDocumentIgnored("catalog_product_index", Side::kSource));
  EXPECT_FALSE(rules.IsDocumentIgnored("catalog_product_entity", Side::kSource));
  // Anchored at the start only.
  EXPECT_FALSE(rules.IsDocumentIgnored("old_log_url", Side::kSource));
  EXPECT_TRUE(rules.IsDocumentIgnored("axb", Side::kSource));
  EXPECT_TRUE(rules.IsDocumentIgnored("axxbzz", Side::kSource));
  EXPECT_FALSE(rules.IsDocumentIgnored("ab", Side::kSource));
  // Other characters keep their regex meaning: '.' is any character.
  EXPECT_TRUE(rules.IsDocumentIgnored("xzy_table", Side::kSource));
  // Wildcards apply to their own side only.
  EXPECT_FALSE(rules.IsDocumentIgnored("log_url", Side::kDestination));
}

TEST(MapRulesTest, FieldMaps) {
  const MapRules rules = ParseOrDie(kMap);
  EXPECT_THAT(*rules.FieldMap("sales_flat_order", "hidden_tax_amount", Side::kSource),
              Optional(std::string("discount_tax_compensation_amount")));
  EXPECT_THAT(*rules.FieldMap("sales_flat_order", "entity_id", Side::kSource),
              Optional(std::string("entity_id")));
  EXPECT_EQ(*rules.FieldMap("sales_flat_order", "gift_message", Side::kSource), std::nullopt);
  EXPECT_THAT(
      *rules.FieldMap("sales_order", "discount_tax_compensation_amount", Side::kDestination),
      Optional(std::string("hidden_tax_amount")));
  EXPECT_EQ(*rules.FieldMap("sales_order", "send_email", Side::kDestination), std::nullopt);
  EXPECT_TRUE(rules.IsFieldDataTypeIgnored("sales_flat_order", "state", Side::kSource));
  EXPECT_FALSE(rules.IsFieldDataTypeIgnored("sales_flat_order", "state", Side::kDestination));
  EXPECT_FALSE(rules.IsFieldIgnored("sales_flat_order", "state", Side::kSource));
}

TEST(MapRulesTest, HandlersInFileOrder) {
  const MapRules rules = ParseOrDie(kMap);
  std::vector<const HandlerRef*> handlers =
      rules.Handlers("cms_page", "root_template", Side::kSource);
  ASSERT_THAT(handlers, SizeIs(2));
  EXPECT_EQ(handlers[0]->ClassKey(), "Migration\\Handler\\Convert");
  EXPECT_EQ(handlers[1]->ClassKey(), "Migration\\Handler\\SetValue");
  EXPECT_THAT(rules.Handlers("cms_page", "root_template", Side::kDestination), IsEmpty());
  EXPECT_THAT(rules.Handlers("sales_order", "store_name", Side::kDestination), SizeIs(1));
}

TEST(MapRulesTest, AmbiguousDocumentMessage) {
  // A move into a document the destination ignores.
  const MapRules rules = ParseOrDie(MapWith("<move><field>a.x</field><to>b.y</to></move>", "", "",
                                            "<ignore><document>b</document></ignore>"));
  absl::StatusOr<std::optional<std::string>> mapped = rules.FieldMap("a", "x", Side::kSource);
  EXPECT_EQ(mapped.status(), absl::InvalidArgumentError("Document has ambiguous configuration: b"));
  // Asking for a field of an ignored document.
  const MapRules ignored = ParseOrDie(MapWith("", "", "<ignore><document>a</document></ignore>"));
  EXPECT_EQ(ignored.FieldMap("a", "x", Side::kSource).status(),
            absl::InvalidArgumentError("Document has ambiguous configuration: a"));
}

TEST(MapRulesTest, AmbiguousFieldMessage) {
  // A move into a field the destination ignores.
  const MapRules into_ignored = ParseOrDie(MapWith("<move><field>a.x</field><to>b.y</to></move>",
                                                   "<ignore><field>b.y</field></ignore>"));
  EXPECT_EQ(into_ignored.FieldMap("a", "x", Side::kSource).status(),
            absl::InvalidArgumentError("Field has ambiguous configuration: b.y"));
  // A move from a field the source ignores, seen from the destination.
  const MapRules from_ignored = ParseOrDie(
      MapWith("<ignore><field>a.x</field></ignore><move><field>a.x</field><to>b.y</to></move>"));
  EXPECT_EQ(*from_ignored.FieldMap("a", "x", Side::kSource), std::nullopt);
  EXPECT_EQ(from_ignored.FieldMap("b", "y", Side::kDestination).status(),
            absl::InvalidArgumentError("Field has ambiguous configuration: a.x"));
}

TEST(MapRulesTest, FirstRenameNamingADocumentWins) {
  // Magento finds a rename by either child, first in file order.
  const MapRules rules = ParseOrDie(MapWith("", "",
                                            "<rename><document>a</document><to>b</to></rename>"
                                            "<rename><document>b</document><to>c</to></rename>"));
  EXPECT_THAT(rules.DocumentMap("a", Side::kSource), Optional(std::string("b")));
  EXPECT_THAT(rules.DocumentMap("b", Side::kSource), Optional(std::string("a")));
  EXPECT_THAT(rules.DocumentMap("c", Side::kDestination), Optional(std::string("b")));
}

TEST(MapRulesTest, EmptyRuleGroupsAreAllowed) {
  const MapRules rules =
      ParseOrDie("<map><source><document_rules/><field_rules/></source><destination/></map>");
  EXPECT_THAT(rules.rules(Side::kSource).ignored_documents, IsEmpty());
}

TEST(MapRulesTest, MalformedXmlNamesFileAndLine) {
  EXPECT_EQ(ParseError("<map>\n<source>\n</sourc>\n</map>"),
            "map.xml:3: malformed XML: invalid closing tag name");
  EXPECT_THAT(ParseError("<map>\n  <source>\n"), HasSubstr("map.xml:3: malformed XML:"));
  EXPECT_EQ(ParseError("<map><source a=\"1\" a=\"2\"/></map>"),
            "map.xml:1: malformed XML: attribute a is repeated in <source>");
  EXPECT_EQ(ParseError("<map/>\n<map/>"), "map.xml:2: malformed XML: a second root element");
  EXPECT_EQ(ParseError(""), "map.xml:1: malformed XML: no root element, expected <map>");
}

TEST(MapRulesTest, ElementTheSchemaDoesNotAllow) {
  const std::string xml = R"(<map>
  <source>
    <field_rules>
      <ignore><field>a.b</field></ignore>
      <foo/>
    </field_rules>
  </source>
  <destination/>
</map>)";
  EXPECT_EQ(ParseError(xml), "map.xml:5: element <foo> is not allowed in <field_rules>");
  EXPECT_EQ(ParseError(MapWith("", "<move><field>a.x</field><to>b.y</to></move>")),
            "map.xml:1: element <move> is not allowed in <field_rules>");
  EXPECT_EQ(ParseError(MapWith("", "", "", "<rename><document>a</document><to>b</to></rename>")),
            "map.xml:1: element <rename> is not allowed in <document_rules>");
  EXPECT_EQ(ParseError("<config/>"), "map.xml:1: root element is <config>, expected <map>");
}

TEST(MapRulesTest, ContentOutOfPlace) {
  EXPECT_EQ(ParseError(MapWith("<move><field>a.x</field></move>")),
            "map.xml:1: element <move> lacks <to>");
  EXPECT_EQ(ParseError(MapWith("<move><to>a.x</to><field>a.y</field></move>")),
            "map.xml:1: element <to> is not allowed here in <move>: expected <field>");
  EXPECT_EQ(ParseError(MapWith("<ignore><field>a.x</field><datatype>a.x</datatype></ignore>")),
            "map.xml:1: element <datatype> is not allowed here in <ignore>");
  EXPECT_EQ(ParseError("<map><source><field_rules/><document_rules/></source><destination/></map>"),
            "map.xml:1: element <document_rules> is not allowed here in <source>");
  EXPECT_EQ(ParseError("<map><source/></map>"), "map.xml:1: element <map> lacks <destination>");
  EXPECT_EQ(ParseError("<map><source/><destination/><source/></map>"),
            "map.xml:1: element <source> is repeated in <map>");
  EXPECT_EQ(ParseError(MapWith("<ignore>text<field>a.x</field></ignore>")),
            "map.xml:1: text is not allowed in <ignore>");
}

TEST(MapRulesTest, FirstErrorInDocumentOrder) {
  // Like a streaming validator: the bad field comes before the missing <destination>.
  EXPECT_EQ(ParseError("<map>\n<source>\n<field_rules>\n<ignore><field>bad</field></ignore>\n"
                       "</field_rules>\n</source>\n</map>"),
            "map.xml:4: <field> value \"bad\" is not of the form document.field");
  EXPECT_EQ(ParseError("<map>\n<source>\n<field_rules>\n<ignore><field>a.b</field></ignore>\n"
                       "<foo/>\n<ignore><field>bad</field></ignore>\n</field_rules>\n</source>\n"
                       "</map>"),
            "map.xml:5: element <foo> is not allowed in <field_rules>");
}

TEST(MapRulesTest, ValuesTheSchemaRejects) {
  EXPECT_EQ(ParseError(MapWith("<ignore><field>no_dot</field></ignore>")),
            "map.xml:1: <field> value \"no_dot\" is not of the form document.field");
  EXPECT_EQ(ParseError(MapWith("<ignore><field>a.b.c</field></ignore>")),
            "map.xml:1: <field> value \"a.b.c\" is not of the form document.field");
  EXPECT_EQ(ParseError(MapWith("", "", "<ignore><document></document></ignore>")),
            "map.xml:1: <document> is empty");
  EXPECT_EQ(
      ParseError(MapWith("<transform><field>a.b</field><handler class=\"A-B\"/></transform>")),
      "map.xml:1: handler class \"A-B\" is not a valid class name");
  EXPECT_EQ(ParseError(MapWith("<transform><field>a.b</field><handler/></transform>")),
            "map.xml:1: element <handler> lacks attribute class");
  EXPECT_EQ(
      ParseError(MapWith(
          "<transform><field>a.b</field><handler class=\"H\">"
          "<param name=\"v\" value=\"1\"/><param name=\"v\" value=\"2\"/></handler></transform>")),
      "map.xml:1: param v is repeated in <handler>");
  EXPECT_EQ(ParseError(MapWith("<transform><field>a.b</field><handler class=\"H\">"
                               "<param name=\"v\"/></handler></transform>")),
            "map.xml:1: element <param> lacks attribute value");
  EXPECT_EQ(ParseError(MapWith("<ignore><field size=\"1\">a.b</field></ignore>")),
            "map.xml:1: attribute size is not allowed in <field>");
}

TEST(MapRulesTest, NamespacesFollowXsd) {
  // Schema-instance attributes are allowed anywhere, under any prefix bound to that namespace.
  ParseOrDie(
      "<map xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "i:noNamespaceSchemaLocation=\"x\">"
      "<source/><destination i:nil=\"false\"/></map>");
  EXPECT_EQ(ParseError("<map xmlns:p=\"urn:other\" p:x=\"1\"><source/><destination/></map>"),
            "map.xml:1: attribute p:x is not allowed in <map>");
  EXPECT_EQ(ParseError("<map xmlns=\"urn:other\"><source/><destination/></map>"),
            "map.xml:1: namespace urn:other is not allowed: the schema has none");
}

TEST(MapRulesTest, ReadsAFileAndReportsAMissingOne) {
  absl::StatusOr<MapRules> missing = MapRules::Read("/nonexistent/map.xml");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("/nonexistent/map.xml: cannot open"));
}

}  // namespace
}  // namespace migrate::mapping
