// Every stock configuration file of Magento's Data Migration Tool (../shared/fixtures/magento-dmt)
// reads without error, and what it says arrives in the models.
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "mapping/class_map.h"
#include "mapping/config.h"
#include "mapping/document_plan.h"
#include "mapping/groups.h"
#include "mapping/map_rules.h"
#include "mapping/settings_rules.h"
#include "tests/support/test_paths.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string ToolRoot(const std::string& fixtures) { return fixtures + "/magento-dmt"; }

std::string EditionDir(const std::string& fixtures) {
  return ToolRoot(fixtures) + "/etc/opensource-to-opensource";
}

std::vector<std::string> DistFiles(const std::string& fixtures, absl::string_view suffix) {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(EditionDir(fixtures))) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && absl::EndsWith(name, suffix)) {
      files.push_back(entry.path().string());
    }
  }
  return files;
}

TEST(StockFilesTest, EveryFileReadsWithoutError) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  int read = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(EditionDir(fixtures))) {
    if (!entry.is_regular_file()) continue;
    const std::string path = entry.path().string();
    const std::string name = entry.path().filename().string();
    absl::Status status;
    if (name == "config.xml.dist") {
      status = Config::Read(path, ToolRoot(fixtures)).status();
    } else if (absl::StartsWith(name, "map")) {
      // map-document-groups.xml.dist is a groups file despite its name.
      status = absl::StrContains(name, "groups") ? Groups::Read(path).status()
                                                 : MapRules::Read(path).status();
    } else if (absl::StrContains(name, "groups") || name == "deltalog.xml.dist") {
      status = Groups::Read(path).status();
    } else if (name == "class-map.xml.dist") {
      status = ClassMap::Read(path).status();
    } else if (name == "settings.xml.dist") {
      status = SettingsRules::Read(path).status();
    } else {
      ADD_FAILURE() << "no reader for " << path;
      continue;
    }
    EXPECT_TRUE(status.ok()) << status;
    ++read;
  }
  EXPECT_GE(read, 19);  // the stock files of the 1.6.1.0 and 1.9.4.5 sets and the shared ones
}

TEST(StockFilesTest, ConfigStepsAndOptions) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  absl::StatusOr<Config> config =
      Config::Read(EditionDir(fixtures) + "/1.6.1.0/config.xml.dist", ToolRoot(fixtures));
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_THAT(config->Modes(), ElementsAre("settings", "data", "delta"));
  EXPECT_THAT(config->Steps("settings"), SizeIs(2));
  EXPECT_THAT(config->Steps("data"), SizeIs(13));
  EXPECT_THAT(config->Steps("delta"), SizeIs(9));
  const StepConfig& map_step = config->Steps("data")[3];
  EXPECT_EQ(map_step.title, "Map Step");
  ASSERT_NE(map_step.Stage(StageKind::kVolume), nullptr);
  EXPECT_EQ(map_step.Stage(StageKind::kVolume)->class_name, "Migration\\Step\\Map\\Volume");
  EXPECT_EQ(map_step.Stage(StageKind::kDelta), nullptr);
  EXPECT_EQ(config->Steps("data").back().title, "PostProcessing Step");
  EXPECT_EQ(config->Steps("data").back().stages.size(), 1u);

  EXPECT_EQ(config->source().name, "magento1");
  EXPECT_EQ(config->destination().Describe(), "root@localhost/magento2");
  const ConfigOptions& options = config->options();
  EXPECT_EQ(options.bulk_size(), 0);
  EXPECT_FALSE(options.direct_document_copy());
  EXPECT_EQ(options.source_prefix(), "");
  EXPECT_THAT(options.init_statements_source(), ElementsAre("SET NAMES utf8"));
  EXPECT_EQ(options.edition_number(), "1.6.1.0");
  EXPECT_EQ(options.Get("auto_resolve_urlrewrite_duplicates"), "0");
  EXPECT_EQ(options.progress_bar_format(), "%percent%% [%bar%] Remaining Time: %remaining%");
  EXPECT_TRUE(options.upgrade_customer_password_hash());
  EXPECT_EQ(options.crypt_key(), "");
}

TEST(StockFilesTest, EveryFileOptionResolvesAgainstTheToolRoot) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  absl::StatusOr<Config> config =
      Config::Read(EditionDir(fixtures) + "/1.6.1.0/config.xml.dist", ToolRoot(fixtures));
  ASSERT_TRUE(config.ok()) << config.status();
  int files = 0;
  for (const ConfigOption& option : config->options().all()) {
    if (!absl::EndsWith(option.value, ".xml.dist")) continue;
    absl::StatusOr<std::string> path = ResolvePath(*config, option.value);
    ASSERT_TRUE(path.ok()) << option.name << ": " << path.status();
    EXPECT_EQ(*path, ToolRoot(fixtures) + "/" + option.value);
    ++files;
  }
  EXPECT_EQ(files, 16);
  EXPECT_EQ(*ResolvePath(*config, config->options().map_file()),
            ToolRoot(fixtures) + "/etc/opensource-to-opensource/1.6.1.0/map.xml.dist");
}

TEST(StockFilesTest, MapRules) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  absl::StatusOr<MapRules> map = MapRules::Read(EditionDir(fixtures) + "/1.6.1.0/map.xml.dist");
  ASSERT_TRUE(map.ok()) << map.status();
  // A rename.
  EXPECT_EQ(map->DocumentMap("sales_flat_order", Side::kSource), "sales_order");
  EXPECT_EQ(map->DocumentMap("sales_order", Side::kDestination), "sales_flat_order");
  // Wildcard ignores: "m2_cl_*", "catalog_product_index*".
  EXPECT_TRUE(map->IsDocumentIgnored("m2_cl_sales_flat_order", Side::kSource));
  EXPECT_TRUE(map->IsDocumentIgnored("catalog_product_index_price", Side::kSource));
  EXPECT_FALSE(map->IsDocumentIgnored("catalog_product_entity", Side::kSource));
  EXPECT_EQ(map->DocumentMap("m2_cl_sales_flat_order", Side::kSource), std::nullopt);
  // A move into the renamed document.
  EXPECT_EQ(*map->FieldMap("sales_flat_order", "hidden_tax_amount", Side::kSource),
            "discount_tax_compensation_amount");
  EXPECT_EQ(*map->FieldMap("sales_order", "discount_tax_compensation_amount", Side::kDestination),
            "hidden_tax_amount");
  // A transform with params.
  std::vector<const HandlerRef*> handlers =
      map->Handlers("cms_page", "root_template", Side::kSource);
  ASSERT_THAT(handlers, SizeIs(1));
  EXPECT_EQ(handlers[0]->ClassKey(), "Migration\\Handler\\Convert");
  ASSERT_NE(handlers[0]->Param("defaultValue"), nullptr);
  EXPECT_EQ(handlers[0]->Param("defaultValue")->value, "1column");
  EXPECT_EQ(handlers[0]->Param("map")->value,
            "[one_column:1column;two_columns_left:2columns-left;two_columns_right:2columns-right;"
            "three_columns:3columns]");
  EXPECT_EQ(handlers[0]->Location(), map->file() + ":833");
  // Several transforms of one field, in file order; "NULL" params.
  handlers = map->Handlers("catalog_category_entity_varchar", "value", Side::kSource);
  ASSERT_GE(handlers.size(), 3u);
  EXPECT_EQ(handlers[0]->ClassKey(), "Migration\\Handler\\ConvertEavValue");
  EXPECT_EQ(handlers[1]->ClassKey(), "Migration\\Handler\\TruncateSuffix");
  EXPECT_EQ(handlers[2]->ClassKey(), "Migration\\Handler\\SetValueAttributeCondition");
  EXPECT_TRUE(handlers[2]->Param("value")->IsNull());
}

TEST(StockFilesTest, StockMapResolvesEveryRenamedDocumentWithoutAmbiguity) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  for (const std::string& path : DistFiles(fixtures, ".xml.dist")) {
    const std::string name = std::filesystem::path(path).filename().string();
    if (!absl::StartsWith(name, "map") || absl::StrContains(name, "groups")) continue;
    absl::StatusOr<MapRules> map = MapRules::Read(path);
    ASSERT_TRUE(map.ok()) << map.status();
    for (const FieldMove& move : map->rules(Side::kSource).moves) {
      const std::vector<std::string> parts = absl::StrSplit(move.field, '.');
      EXPECT_TRUE(map->FieldMap(parts[0], parts[1], Side::kSource).ok())
          << path << " " << move.field;
    }
  }
}

TEST(StockFilesTest, SalesOrderPlanFromTheStockMap) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  absl::StatusOr<MapRules> map = MapRules::Read(EditionDir(fixtures) + "/1.6.1.0/map.xml.dist");
  ASSERT_TRUE(map.ok()) << map.status();
  absl::StatusOr<DocumentPlan> plan =
      ResolveDocumentPlan(*map, "sales_flat_order", {"entity_id", "hidden_tax_amount", "state"},
                          {"entity_id", "discount_tax_compensation_amount", "state", "send_email"});
  ASSERT_TRUE(plan.ok()) << plan.status();
  EXPECT_EQ(plan->destination_document, "sales_order");
  EXPECT_FALSE(plan->copy_unchanged);
  ASSERT_THAT(plan->fields, SizeIs(4));
  EXPECT_EQ(plan->fields[1].destination_field, "discount_tax_compensation_amount");
  EXPECT_EQ(plan->fields[1].source_field, "hidden_tax_amount");
  EXPECT_EQ(plan->fields[3].source_field, std::nullopt);
  EXPECT_THAT(plan->source_findings.not_mapped, IsEmpty());
}

TEST(StockFilesTest, DeltalogGroupKeys) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  absl::StatusOr<Groups> groups = Groups::Read(EditionDir(fixtures) + "/deltalog.xml.dist");
  ASSERT_TRUE(groups.ok()) << groups.status();
  const Group* delta_map = groups->Find("delta_map");
  ASSERT_NE(delta_map, nullptr);
  const GroupEntry* order = delta_map->Find("sales_flat_order");
  ASSERT_NE(order, nullptr);
  EXPECT_EQ(order->kind, GroupEntry::Kind::kDocument);
  EXPECT_THAT(order->KeyColumns(), ElementsAre("entity_id"));
  EXPECT_THAT(delta_map->Find("catalog_compare_item")->KeyColumns(),
              ElementsAre("catalog_compare_item_id"));

  absl::StatusOr<Groups> duplicates =
      Groups::Read(EditionDir(fixtures) + "/map-document-groups.xml.dist");
  ASSERT_TRUE(duplicates.ok()) << duplicates.status();
  EXPECT_THAT(duplicates->Find("destination_documents_update_on_duplicate")
                  ->Find("search_query")
                  ->KeyColumns(),
              ElementsAre("query_text", "store_id"));

  absl::StatusOr<Groups> attributes =
      Groups::Read(EditionDir(fixtures) + "/eav-attribute-groups.xml.dist");
  ASSERT_TRUE(attributes.ok()) << attributes.status();
  const GroupEntry* msrp = attributes->Find("ignore")->Find("msrp_enabled");
  ASSERT_NE(msrp, nullptr);
  EXPECT_EQ(msrp->kind, GroupEntry::Kind::kAttribute);
  EXPECT_EQ(msrp->type, "catalog_product");
}

TEST(StockFilesTest, ClassMapEntries) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  absl::StatusOr<ClassMap> map = ClassMap::Read(EditionDir(fixtures) + "/class-map.xml.dist");
  ASSERT_TRUE(map.ok()) << map.status();
  EXPECT_EQ(map->Convert("catalogrule/rule_condition_combine"),
            "Magento\\CatalogRule\\Model\\Rule\\Condition\\Combine");
  EXPECT_TRUE(map->Has("adminhtml/catalog_product_helper_form_msrp_enabled"));
  EXPECT_EQ(map->Convert("adminhtml/catalog_product_helper_form_msrp_enabled"), "");
  EXPECT_FALSE(map->Has("no/such_class"));
}

TEST(StockFilesTest, SettingsRules) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  absl::StatusOr<SettingsRules> settings =
      SettingsRules::Read(EditionDir(fixtures) + "/settings.xml.dist");
  ASSERT_TRUE(settings.ok()) << settings.status();
  EXPECT_EQ(settings->Rename("shipping/option/checkout_multiple"),
            "multishipping/options/checkout_multiple");
  EXPECT_EQ(settings->Rename("web/secure/base_url"), "web/secure/base_url");
  EXPECT_TRUE(settings->IsIgnored("advanced/modules_disable_output/Mage_Catalog"));
  EXPECT_TRUE(settings->IsIgnored("web/cookie/cookie_lifetime"));
  EXPECT_FALSE(settings->IsIgnored("web/cookie"));
  EXPECT_TRUE(settings->IsIgnored("carriers/dhl/debug"));
  const HandlerRef* handler = settings->ValueHandler("catalog/seo/product_url_suffix");
  ASSERT_NE(handler, nullptr);
  EXPECT_EQ(handler->ClassKey(), "Migration\\Handler\\Settings\\UrlSuffix");
  EXPECT_EQ(settings->ValueHandler("web/secure/base_url"), nullptr);
}

}  // namespace
}  // namespace migrate::mapping
