// ResolveDocumentPlan(): Magento's Map step for one document, resolved from rules and field lists.
#include "mapping/document_plan.h"

#include <string>
#include <utility>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mapping/document_prefix.h"
#include "mapping/map_rules.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::SizeIs;

constexpr char kMap[] = R"(<map>
  <source>
    <document_rules>
      <rename><document>sales_flat_order</document><to>sales_order</to></rename>
      <ignore><document>log_*</document></ignore>
    </document_rules>
    <field_rules>
      <move>
        <field>sales_flat_order.hidden_tax_amount</field>
        <to>sales_order.discount_tax_compensation_amount</to>
      </move>
      <ignore><field>sales_flat_order.gift_message</field></ignore>
      <ignore><datatype>sales_flat_order.state</datatype></ignore>
      <transform>
        <field>sales_flat_order.state</field>
        <handler class="\Migration\Handler\Convert"><param name="map" value="[a:b]"/></handler>
      </transform>
    </field_rules>
  </source>
  <destination>
    <document_rules>
      <ignore><document>report_event_types</document></ignore>
    </document_rules>
    <field_rules>
      <ignore><field>sales_order.send_email</field></ignore>
      <transform>
        <field>sales_order.store_name</field>
        <handler class="\Migration\Handler\SetValue"><param name="value" value="NULL"/></handler>
      </transform>
    </field_rules>
  </destination>
</map>)";

MapRules Rules(absl::string_view xml) {
  absl::StatusOr<MapRules> rules = MapRules::Parse("map.xml", xml);
  EXPECT_TRUE(rules.ok()) << rules.status();
  return *std::move(rules);
}

std::vector<std::pair<std::string, std::optional<std::string>>> Assignments(
    const DocumentPlan& plan) {
  std::vector<std::pair<std::string, std::optional<std::string>>> result;
  for (const FieldAssignment& field : plan.fields) {
    result.emplace_back(field.destination_field, field.source_field);
  }
  return result;
}

std::vector<std::string> HandlerSummary(const std::vector<FieldHandler>& handlers) {
  std::vector<std::string> summary;
  for (const FieldHandler& handler : handlers) {
    std::string params;
    for (const HandlerParam& param : handler.handler.params) {
      absl::StrAppend(&params, " ", param.name, "=", param.value);
    }
    summary.push_back(absl::StrCat(handler.field, ": ", handler.handler.ClassKey(), params));
  }
  return summary;
}

TEST(DocumentPlanTest, RenameMoveIgnoreAndTransform) {
  const MapRules rules = Rules(kMap);
  absl::StatusOr<DocumentPlan> plan = ResolveDocumentPlan(
      rules, "sales_flat_order",
      {"entity_id", "hidden_tax_amount", "gift_message", "legacy_flag", "state"},
      {"entity_id", "discount_tax_compensation_amount", "state", "send_email", "store_name"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_FALSE(plan->ignored);
  EXPECT_EQ(plan->source_document, "sales_flat_order");
  EXPECT_EQ(plan->destination_document, "sales_order");
  EXPECT_EQ(plan->source_table, "sales_flat_order");
  EXPECT_EQ(plan->destination_table, "sales_order");
  EXPECT_FALSE(plan->copy_unchanged);
  EXPECT_THAT(Assignments(*plan),
              ElementsAre(Pair("entity_id", "entity_id"),
                          Pair("discount_tax_compensation_amount", "hidden_tax_amount"),
                          Pair("state", "state"), Pair("send_email", std::nullopt),
                          Pair("store_name", std::nullopt)));
  EXPECT_THAT(HandlerSummary(plan->source_handlers),
              ElementsAre("state: Migration\\Handler\\Convert map=[a:b]"));
  EXPECT_THAT(HandlerSummary(plan->destination_handlers),
              ElementsAre("store_name: Migration\\Handler\\SetValue value=NULL"));
  EXPECT_THAT(plan->ignored_source_fields, ElementsAre("gift_message"));
  EXPECT_THAT(plan->ignored_destination_fields, ElementsAre("send_email"));

  // verifyFields() both ways: legacy_flag has no destination field, store_name no source field;
  // state's data type check is ignored on the source side only.
  EXPECT_THAT(plan->source_findings.not_mapped, ElementsAre("legacy_flag"));
  EXPECT_THAT(plan->source_findings.type_checks,
              ElementsAre(Pair("entity_id", "entity_id"),
                          Pair("hidden_tax_amount", "discount_tax_compensation_amount")));
  ASSERT_TRUE(plan->destination_findings.has_value());
  EXPECT_THAT(plan->destination_findings->not_mapped, ElementsAre("store_name"));
  EXPECT_THAT(plan->destination_findings->type_checks,
              ElementsAre(Pair("entity_id", "entity_id"),
                          Pair("discount_tax_compensation_amount", "hidden_tax_amount"),
                          Pair("state", "state")));
}

TEST(DocumentPlanTest, NotMappedListsTheMappedNames) {
  // Magento reports a moved field under its destination name.
  const MapRules rules = Rules(
      "<map><source><field_rules><move><field>a.x</field><to>a.y</to></move></field_rules>"
      "</source><destination/></map>");
  absl::StatusOr<DocumentPlan> plan = ResolveDocumentPlan(rules, "a", {"id", "x"}, {"id"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(plan->source_findings.not_mapped, ElementsAre("y"));
  EXPECT_THAT(Assignments(*plan), ElementsAre(Pair("id", "id")));
}

TEST(DocumentPlanTest, SameStructureWithoutHandlersIsCopiedUnchanged) {
  // Magento's canJustCopy: rows go as they are, ignores and moves notwithstanding.
  const MapRules rules = Rules(
      "<map><source><field_rules>"
      "<ignore><field>t.note</field></ignore>"
      "<move><field>t.a</field><to>t.b</to></move>"
      "</field_rules></source><destination/></map>");
  absl::StatusOr<DocumentPlan> plan =
      ResolveDocumentPlan(rules, "t", {"id", "a", "b", "note"}, {"id", "a", "b", "note", "extra"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_TRUE(plan->copy_unchanged);
  EXPECT_THAT(Assignments(*plan), ElementsAre(Pair("id", "id"), Pair("a", "a"), Pair("b", "b"),
                                              Pair("note", "note"), Pair("extra", std::nullopt)));
  EXPECT_THAT(plan->ignored_source_fields, ElementsAre("note"));
}

TEST(DocumentPlanTest, HandlersOrExtraSourceFieldsPreventUnchangedCopy) {
  const MapRules rules = Rules(kMap);
  absl::StatusOr<DocumentPlan> extra =
      ResolveDocumentPlan(rules, "cms_page", {"id", "old"}, {"id"});
  ASSERT_TRUE(extra.ok()) << extra.status();
  EXPECT_FALSE(extra->copy_unchanged);
  absl::StatusOr<DocumentPlan> handlers =
      ResolveDocumentPlan(rules, "sales_flat_order", {"state"}, {"state"});
  ASSERT_TRUE(handlers.ok()) << handlers.status();
  EXPECT_FALSE(handlers->copy_unchanged);
  absl::StatusOr<DocumentPlan> plain =
      ResolveDocumentPlan(rules, "cms_page", {"id"}, {"id", "new"});
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_TRUE(plain->copy_unchanged);
}

TEST(DocumentPlanTest, OneHandlerPerFieldAndClassKeepingTheLastParams) {
  const MapRules rules = Rules(R"(<map><source><field_rules>
      <transform><field>t.a</field>
        <handler class="\H\One"><param name="v" value="1"/></handler></transform>
      <transform><field>t.a</field><handler class="\H\Two"/></transform>
      <transform><field>t.a</field>
        <handler class="\H\One"><param name="v" value="3"/></handler></transform>
      <transform><field>t.b</field><handler class="\H\One"/></transform>
    </field_rules></source><destination/></map>)");
  // Handlers follow the column order of the document, not the file.
  absl::StatusOr<DocumentPlan> plan = ResolveDocumentPlan(rules, "t", {"b", "a"}, {"a", "b"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(HandlerSummary(plan->source_handlers),
              ElementsAre("b: H\\One", "a: H\\One v=3", "a: H\\Two"));
  EXPECT_EQ(plan->source_handlers[1].handler.line, 6);
}

TEST(DocumentPlanTest, LastSourceFieldWinsADestinationField) {
  const MapRules rules = Rules(
      "<map><source><field_rules>"
      "<move><field>t.a</field><to>t.c</to></move>"
      "<move><field>t.b</field><to>t.c</to></move>"
      "</field_rules></source><destination/></map>");
  absl::StatusOr<DocumentPlan> plan = ResolveDocumentPlan(rules, "t", {"a", "b"}, {"c"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(Assignments(*plan), ElementsAre(Pair("c", "b")));
  absl::StatusOr<DocumentPlan> reversed = ResolveDocumentPlan(rules, "t", {"b", "a"}, {"c"});
  ASSERT_TRUE(reversed.ok()) << reversed.status();
  EXPECT_THAT(Assignments(*reversed), ElementsAre(Pair("c", "a")));
}

TEST(DocumentPlanTest, AMoveIsFoundFromEitherEnd) {
  // Magento looks a move up by either child, so the source field named like the target of a move
  // maps back to the move's origin.
  const MapRules rules = Rules(
      "<map><source><field_rules><move><field>t.a</field><to>t.b</to></move></field_rules>"
      "</source><destination/></map>");
  absl::StatusOr<DocumentPlan> plan =
      ResolveDocumentPlan(rules, "t", {"a", "b", "id"}, {"b", "id"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_THAT(Assignments(*plan), ElementsAre(Pair("b", "a"), Pair("id", "id")));
  EXPECT_THAT(plan->source_findings.not_mapped, ElementsAre("a"));
}

TEST(DocumentPlanTest, AmbiguousRulesFailWithMagentosMessage) {
  const MapRules rules = Rules(
      "<map><source><field_rules><move><field>a.x</field><to>b.y</to></move></field_rules>"
      "</source><destination><field_rules><ignore><field>b.y</field></ignore></field_rules>"
      "</destination></map>");
  EXPECT_EQ(ResolveDocumentPlan(rules, "a", {"x"}, {"x", "y"}).status(),
            absl::InvalidArgumentError("Field has ambiguous configuration: b.y"));
  const MapRules documents = Rules(
      "<map><source><field_rules><move><field>a.x</field><to>b.y</to></move></field_rules>"
      "</source><destination><document_rules><ignore><document>b</document></ignore>"
      "</document_rules></destination></map>");
  EXPECT_EQ(ResolveDocumentPlan(documents, "a", {"x"}, {"x"}).status(),
            absl::InvalidArgumentError("Document has ambiguous configuration: b"));
}

TEST(DocumentPlanTest, IgnoredSourceDocument) {
  absl::StatusOr<DocumentPlan> plan = ResolveDocumentPlan(Rules(kMap), "log_url", {"id"}, {"id"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_TRUE(plan->ignored);
  EXPECT_EQ(plan->destination_document, "");
  EXPECT_THAT(plan->fields, IsEmpty());
}

TEST(DocumentPlanTest, DestinationIgnoredOnItsSideIsNotChecked) {
  absl::StatusOr<DocumentPlan> plan =
      ResolveDocumentPlan(Rules(kMap), "report_event_types", {"id"}, {"id", "new"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_FALSE(plan->destination_findings.has_value());
  EXPECT_THAT(Assignments(*plan), ElementsAre(Pair("id", "id"), Pair("new", std::nullopt)));
}

TEST(DocumentPlanTest, PrefixesMakeTableNames) {
  absl::StatusOr<DocumentPlan> plan = ResolveDocumentPlan(
      Rules(kMap), "sales_flat_order", {"entity_id"}, {"entity_id"}, {"m1_", "m2_"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->source_document, "sales_flat_order");
  EXPECT_EQ(plan->destination_document, "sales_order");
  EXPECT_EQ(plan->source_table, "m1_sales_flat_order");
  EXPECT_EQ(plan->destination_table, "m2_sales_order");
}

TEST(DocumentPrefixTest, AddsAndRemovesAsMagentoDoes) {
  EXPECT_EQ(AddDocumentPrefix("m1_", "core_store"), "m1_core_store");
  EXPECT_EQ(AddDocumentPrefix("m1_", "m1_core_store"), "m1_core_store");
  EXPECT_EQ(AddDocumentPrefix("", "core_store"), "core_store");
  EXPECT_EQ(AddDocumentPrefix("0", "core_store"), "core_store");
  EXPECT_EQ(RemoveDocumentPrefix("m1_", "m1_core_store"), "core_store");
  EXPECT_EQ(RemoveDocumentPrefix("m1_", "core_store"), "core_store");
  EXPECT_EQ(RemoveDocumentPrefix("0", "0core"), "0core");
}

TEST(VerifyFieldsTest, DestinationSide) {
  const MapRules rules = Rules(kMap);
  absl::StatusOr<FieldFindings> findings =
      VerifyFields(rules, Side::kDestination, "sales_order",
                   {"entity_id", "discount_tax_compensation_amount", "send_email", "fresh"},
                   {"entity_id", "hidden_tax_amount"});
  ASSERT_TRUE(findings.ok()) << findings.status();
  EXPECT_THAT(findings->not_mapped, ElementsAre("fresh"));
  EXPECT_THAT(findings->type_checks, SizeIs(2));
}

}  // namespace
}  // namespace migrate::mapping
