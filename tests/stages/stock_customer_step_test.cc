// Magento's stock Customer Attributes step on the real 1.6.1.0 sample into the 2.4.8 schema, run by
// the migrate binary with the stock 1.6.1.0 config and files (its data steps this build implements),
// with -a. The sample has one customer and no address: the test adds customers with each kind of
// password hash (md5, sha256, sha512, a bare md5), EAV values of static attributes, and addresses.
//
// What must hold: the static attributes arrive in customer_entity and customer_address_entity's
// columns (NULL or the type's empty value where a customer has none); hashes take Magento 2's form
// ("hash:salt:0" for md5, ":1" for sha256), a sha512 hash stays only in customer_entity_varchar
// (where Magento's Magento 2 login plugin looks); the value tables keep no row of a static
// attribute; the attributes are static in Magento 2's eav_attribute; the volume check passes. And a
// listed attribute Magento 1 lacks is named, failing the integrity check.
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/stages/stock_sample_rows.h"
#include "tests/stages/stock_sample_test.h"
#include "tests/support/migrate_run_test.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class StockCustomerStepTest : public StockSampleTest {
 protected:
  std::string StockConfig(const std::string& fixtures) {
    return WriteFile("stock-config.xml",
                     StockConfigWithDataSteps(fixtures, {"Data Integrity Step", "EAV Step",
                                                         "Customer Attributes Step", "Map Step"}));
  }

  void Prepare(const std::string& fixtures) {
    LoadDumps(fixtures);
    Exec(*source_, kCustomerRows);
  }
};

TEST_F(StockCustomerStepTest, StaticAttributesAndPasswordHashesArrive) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  Prepare(fixtures);
  const ProcessResult data = Migrate({"data", "-a", StockConfig(fixtures)});
  ASSERT_EQ(data.exit_code, 0) << data.output;
  EXPECT_THAT(data.output, HasSubstr("[stage: data migration][step: Customer Attributes Step]: copied "));
  EXPECT_THAT(data.output, Not(HasSubstr("Mismatch of entities")));

  const std::string md5 = Scalar(*source_, "SELECT MD5('saltsecret')");
  const std::string sha256 = Scalar(*source_, "SELECT SHA2('saltsecret', 256)");
  const std::string sha512 = Scalar(*source_, "SELECT SHA2('saltsecret', 512)");
  const std::string bare = Scalar(*source_, "SELECT MD5('secret')");
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, email, firstname, lastname, dob, gender, default_billing, "
                                  "default_shipping, created_in, password_hash FROM customer_entity WHERE entity_id "
                                  "> 100 ORDER BY 1"),
              ElementsAre(absl::StrCat("101|md5@example.com|Ann|Md|1980-05-06|2|201|201|NULL|", md5, ":salt:0"),
                          absl::StrCat("102|sha256@example.com|Bo|Sha|NULL|NULL|NULL|NULL|NULL|", sha256, ":salt:1"),
                          "103|sha512@example.com|Cy|Five|NULL|NULL|NULL|NULL|NULL|NULL",
                          absl::StrCat("104|bare@example.com|Di|NULL|NULL|NULL|NULL|NULL|Default Store View|", bare,
                                       "::0")));
  // Addresses: NOT NULL columns without a value get their type's empty value.
  EXPECT_THAT(Rows(*destination_, "SELECT entity_id, parent_id, firstname, lastname, city, country_id, postcode, "
                                  "street, telephone, region_id FROM customer_address_entity ORDER BY 1"),
              ElementsAre("201|101|Ann|Md|Berlin|DE|10115|Unter den Linden 1\nHof 2|030 1|82",
                          "202|102|Bo||Paris|FR|NULL|||NULL"));
  // The value tables keep only the sha512 hash, for Magento's login plugin.
  EXPECT_THAT(Rows(*destination_, "SELECT v.entity_id, a.attribute_code, v.value FROM customer_entity_varchar v "
                                  "JOIN eav_attribute a USING (attribute_id)"),
              ElementsAre(absl::StrCat("103|password_hash|", sha512, ":salt")));
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM customer_address_entity_varchar"), "0");
  EXPECT_EQ(Scalar(*destination_, "SELECT COUNT(*) FROM customer_entity_datetime"), "0");
  EXPECT_THAT(Rows(*destination_, "SELECT DISTINCT a.backend_type FROM eav_attribute a JOIN eav_entity_type t USING "
                                  "(entity_type_id) WHERE (t.entity_type_code = 'customer' AND a.attribute_code IN "
                                  "('firstname', 'dob', 'password_hash', 'gender')) OR (t.entity_type_code = "
                                  "'customer_address' AND a.attribute_code IN ('city', 'street', 'region_id'))"),
              ElementsAre("static"));
}

TEST_F(StockCustomerStepTest, AListedAttributeMagento1LacksFailsTheIntegrityCheck) {
  MIGRATE_FIXTURES_OR_SKIP(fixtures);
  Prepare(fixtures);
  Exec(*source_, "DELETE a FROM eav_attribute a JOIN eav_entity_type t USING (entity_type_id) WHERE "
                 "t.entity_type_code = 'customer' AND a.attribute_code = 'gender'");
  const ProcessResult data = Migrate({"data", StockConfig(fixtures)});
  EXPECT_EQ(data.exit_code, 1);
  EXPECT_THAT(data.output, HasSubstr("[ERROR][mode: data][stage: integrity check][step: Customer Attributes Step]: "
                                     "Attribute gender does not exist in the type customer"));
}

}  // namespace
}  // namespace migrate::testing
