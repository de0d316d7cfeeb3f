// TruncateSuffix: the suffix and attribute ids come from the source, looked up once at creation.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/mapping/handlers/fake_databases.h"
#include "tests/mapping/handlers/fake_field_values.h"

namespace migrate::mapping {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Answers the two queries TruncateSuffix makes; remembers them.
class SuffixSource : public SourceLookup {
 public:
  SuffixSource(std::vector<Row> suffix_rows, std::vector<Row> id_rows)
      : suffix_rows_(std::move(suffix_rows)), id_rows_(std::move(id_rows)) {}

  std::string Table(absl::string_view document) const override { return absl::StrCat("`m1_", document, "`"); }
  absl::StatusOr<std::vector<Row>> Query(absl::string_view sql, const SqlValues& values) const override {
    queries.push_back(Inlined(sql, values));
    if (absl::StrContains(sql, "core_config_data")) return suffix_rows_;
    return id_rows_;
  }

  mutable std::vector<std::string> queries;

 private:
  std::vector<Row> suffix_rows_;
  std::vector<Row> id_rows_;
};

HandlerContext Context(const SourceLookup* source) {
  HandlerContext context = ContextFor("catalog_product_entity_varchar", "value",
                                      {"value_id", "entity_type_id", "attribute_id", "store_id", "entity_id", "value"});
  context.source = source;
  return context;
}

HandlerRef ProductRef() {
  return Ref("\\Migration\\Handler\\TruncateSuffix", {{"suffixPath", "catalog/seo/product_url_suffix"},
                                                      {"attributeCodes", "[url_key,url_path]"},
                                                      {"entityTypeCode", "catalog_product"}});
}

Rows Values(std::vector<std::pair<std::string, Cell>> attribute_values) {
  Rows rows;
  int id = 1;
  for (auto& [attribute, value] : attribute_values) {
    rows.push_back({std::to_string(id++), "4", attribute, "0", "1", std::move(value)});
  }
  return rows;
}

TEST(TruncateSuffixTest, StripsTheConfiguredSuffixFromUrlAttributes) {
  SuffixSource source({{".htm"}}, {{"97"}, {"98"}});
  RunResult result = RunHandler(ProductRef(), Context(&source),
                         Values({{"97", "shirt.htm"}, {"98", "men/shirt.htm"}, {"71", "Shirt.htm"},
                                 {"97", "shirt.html"}, {"97", "shirt.htm\n"}, {"98", std::nullopt},
                                 {"97", ".htm"}}));
  ASSERT_TRUE(result.status.ok()) << result.status;
  EXPECT_THAT(Column(result.rows, 5), ElementsAre("shirt", "men/shirt", "Shirt.htm", "shirt.html", "shirt\n",
                                                  std::nullopt, ""));
  ASSERT_EQ(source.queries.size(), 2u);
  EXPECT_EQ(source.queries[0],
            "SELECT value FROM `m1_core_config_data` WHERE path = 'catalog/seo/product_url_suffix' LIMIT 1");
  EXPECT_THAT(source.queries[1], HasSubstr("ea.attribute_code IN ('url_key', 'url_path')"));
  EXPECT_THAT(source.queries[1], HasSubstr("eet.entity_type_code = 'catalog_product'"));
}

TEST(TruncateSuffixTest, MissingOrFalsySuffixIsHtml) {
  for (std::vector<SourceLookup::Row> suffix_rows :
       {std::vector<SourceLookup::Row>{}, std::vector<SourceLookup::Row>{{std::nullopt}},
        std::vector<SourceLookup::Row>{{""}}}) {
    SuffixSource source(suffix_rows, {{"97"}});
    RunResult result = RunHandler(ProductRef(), Context(&source), Values({{"97", "a.html"}, {"97", "a.htm"}}));
    ASSERT_TRUE(result.status.ok()) << result.status;
    EXPECT_THAT(Column(result.rows, 5), ElementsAre("a", "a.htm"));
  }
}

TEST(TruncateSuffixTest, NeedsTheSourceAndItsParams) {
  RunResult no_source = RunHandler(ProductRef(), Context(nullptr), {});
  EXPECT_THAT(no_source.status.message(), HasSubstr("needs the source database"));
  SuffixSource source({}, {});
  RunResult no_param = RunHandler(Ref("\\Migration\\Handler\\TruncateSuffix", {{"suffixPath", "x"}}), Context(&source), {});
  EXPECT_EQ(no_param.status.message(),
            "map.xml:7: handler \\Migration\\Handler\\TruncateSuffix needs param attributeCodes");
}

}  // namespace
}  // namespace migrate::mapping
