// FindOrphans on a real server: the orphan tuples of single and composite keys, NULLs left out (in
// the child) and harmless (in the parent), a child without an index on the key, a parent table that
// is missing, values sorted by their type, and the loose index scan that keeps a check of a
// repetitive child column cheap.
#include "io/orphan_scan.h"

#include <cstdint>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/table_schema.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::io::testing::Rows;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

using Tuples = std::vector<std::vector<std::string>>;

class OrphanScanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    connection_ = Connect(TestDatabase(SourceServer()));
    ASSERT_NE(connection_, nullptr);
  }

  // The orphans of the one foreign key of `table`, read from information_schema as the step reads it.
  Tuples Orphans(const std::string& table, ParentTable parent = ParentTable::kExists) {
    absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection_, database());
    EXPECT_TRUE(schema.ok()) << schema.status();
    if (!schema.ok() || !schema->contains(table) || schema->at(table).foreign_keys.size() != 1) {
      ADD_FAILURE() << table << " should have exactly one foreign key";
      return {};
    }
    absl::StatusOr<Tuples> orphans =
        FindOrphans(*connection_, database(), table, schema->at(table).foreign_keys[0], parent);
    EXPECT_TRUE(orphans.ok()) << orphans.status();
    return orphans.ok() ? *orphans : Tuples{};
  }

  // Index and row reads of this session so far (SHOW STATUS itself adds to neither).
  uint64_t IndexReads() {
    uint64_t reads = 0;
    for (const Row& row : Rows(*connection_, "SHOW SESSION STATUS WHERE Variable_name IN "
                                             "('Handler_read_first', 'Handler_read_key', 'Handler_read_next', "
                                             "'Handler_read_last', 'Handler_read_prev')")) {
      uint64_t value = 0;
      EXPECT_TRUE(absl::SimpleAtoi(row[1].value_or(""), &value));
      reads += value;
    }
    return reads;
  }

  const std::string& database() { return connection_->options().database; }

  std::unique_ptr<MysqlConnection> connection_;
};

TEST_F(OrphanScanTest, SingleColumnKeyIgnoresNullsAndSortsByValue) {
  Exec(*connection_, R"sql(
    CREATE TABLE parent (entity_id INT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB;
    CREATE TABLE child (id INT NOT NULL PRIMARY KEY, parent_id INT UNSIGNED NULL,
      CONSTRAINT fk_child FOREIGN KEY (parent_id) REFERENCES parent (entity_id)) ENGINE=InnoDB;
    INSERT INTO parent VALUES (1), (2), (3);
    SET SESSION foreign_key_checks = 0;
    INSERT INTO child VALUES (1, 1), (2, 10), (3, NULL), (4, 9), (5, 2), (6, 10), (7, 9), (8, NULL);
    SET SESSION foreign_key_checks = 1;
  )sql");
  EXPECT_THAT(Orphans("child"), ElementsAre(ElementsAre("9"), ElementsAre("10")));

  Exec(*connection_, "DELETE FROM child WHERE parent_id > 3");
  EXPECT_THAT(Orphans("child"), IsEmpty());
}

TEST_F(OrphanScanTest, CompositeKeyMatchesEveryColumnAndSkipsTuplesWithANull) {
  Exec(*connection_, R"sql(
    CREATE TABLE website_store (website_id INT NOT NULL, store_id INT NOT NULL,
      PRIMARY KEY (website_id, store_id)) ENGINE=InnoDB;
    CREATE TABLE price (price_id INT NOT NULL PRIMARY KEY, website_id INT NULL, store_id INT NULL,
      CONSTRAINT fk_price FOREIGN KEY (website_id, store_id) REFERENCES website_store (website_id, store_id))
      ENGINE=InnoDB;
    INSERT INTO website_store VALUES (1, 1), (1, 2), (2, 2);
    SET SESSION foreign_key_checks = 0;
    INSERT INTO price VALUES (1, 1, 1), (2, 2, 1), (3, 1, 5), (4, NULL, 7), (5, 2, 1), (6, 3, NULL),
      (7, 2, 2), (8, 1, 10), (9, 1, 5);
    SET SESSION foreign_key_checks = 1;
  )sql");
  // (2,1): both values exist, but not together; (1,10) sorts after (1,5) as numbers.
  EXPECT_THAT(Orphans("price"),
              ElementsAre(ElementsAre("1", "5"), ElementsAre("1", "10"), ElementsAre("2", "1")));
}

TEST_F(OrphanScanTest, NullsInTheParentsKeyHideNoOrphan) {
  // A NOT IN over the parent's values would find nothing once they hold a NULL.
  Exec(*connection_, R"sql(
    CREATE TABLE parent (id INT NOT NULL PRIMARY KEY, a INT NULL, b INT NULL, UNIQUE KEY uniq_a_b (a, b))
      ENGINE=InnoDB;
    CREATE TABLE child (id INT NOT NULL PRIMARY KEY, a INT NULL, b INT NULL,
      CONSTRAINT fk_child FOREIGN KEY (a, b) REFERENCES parent (a, b)) ENGINE=InnoDB;
    INSERT INTO parent VALUES (1, 1, NULL), (2, NULL, 2), (3, 1, 2), (4, NULL, NULL);
    SET SESSION foreign_key_checks = 0;
    INSERT INTO child VALUES (1, 1, 2), (2, 1, 3), (3, 2, 2), (4, 1, NULL), (5, NULL, 2), (6, 2, 2);
    SET SESSION foreign_key_checks = 1;
  )sql");
  EXPECT_THAT(Orphans("child"), ElementsAre(ElementsAre("1", "3"), ElementsAre("2", "2")));
}

TEST_F(OrphanScanTest, ChildWithoutAnIndexOnTheKey) {
  Exec(*connection_, R"sql(
    CREATE TABLE parent (entity_id INT NOT NULL PRIMARY KEY) ENGINE=InnoDB;
    CREATE TABLE child (id INT NOT NULL PRIMARY KEY, parent_id INT NULL, KEY idx_parent (parent_id),
      CONSTRAINT fk_child FOREIGN KEY (parent_id) REFERENCES parent (entity_id)) ENGINE=InnoDB;
    SET SESSION foreign_key_checks = 0;
    ALTER TABLE child DROP INDEX idx_parent;
    INSERT INTO parent VALUES (1), (2);
    INSERT INTO child VALUES (1, 2), (2, 5), (3, NULL), (4, 1), (5, 5), (6, 4);
    SET SESSION foreign_key_checks = 1;
  )sql");
  ASSERT_THAT(Rows(*connection_, "SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = "
                                 "DATABASE() AND TABLE_NAME = 'child' AND COLUMN_NAME = 'parent_id'"),
              IsEmpty());
  EXPECT_THAT(Orphans("child"), ElementsAre(ElementsAre("4"), ElementsAre("5")));
}

TEST_F(OrphanScanTest, MissingParentTableMakesEveryNonNullValueAnOrphan) {
  Exec(*connection_, R"sql(
    SET SESSION foreign_key_checks = 0;
    CREATE TABLE child (id INT NOT NULL PRIMARY KEY, gone_id INT NULL,
      CONSTRAINT fk_gone FOREIGN KEY (gone_id) REFERENCES gone (id)) ENGINE=InnoDB;
    INSERT INTO child VALUES (1, 3), (2, NULL), (3, 1), (4, 3);
    SET SESSION foreign_key_checks = 1;
  )sql");
  EXPECT_THAT(Orphans("child", ParentTable::kMissing), ElementsAre(ElementsAre("1"), ElementsAre("3")));
}

TEST_F(OrphanScanTest, RepetitiveChildColumnIsReadByLooseIndexScan) {
  // An EAV-like table: 20,000 rows holding 4 attribute ids, one of them unknown to the parent. A
  // LEFT JOIN reads every row (and looks 20,000 up); the loose index scan reads a handful per value.
  Exec(*connection_, R"sql(
    CREATE TABLE attribute (attribute_id SMALLINT UNSIGNED NOT NULL PRIMARY KEY) ENGINE=InnoDB;
    CREATE TABLE value_int (value_id INT NOT NULL PRIMARY KEY, attribute_id SMALLINT UNSIGNED NOT NULL,
      value INT NULL, KEY idx_attribute (attribute_id),
      CONSTRAINT fk_value_attribute FOREIGN KEY (attribute_id) REFERENCES attribute (attribute_id)) ENGINE=InnoDB;
    INSERT INTO attribute SELECT seq FROM seq_1_to_100;
    SET SESSION foreign_key_checks = 0;
    INSERT INTO value_int SELECT seq, IF(seq % 4 = 0, 300, seq % 4), seq FROM seq_1_to_20000;
    SET SESSION foreign_key_checks = 1;
    ANALYZE TABLE attribute, value_int;
  )sql");
  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection_, database());
  ASSERT_TRUE(schema.ok()) << schema.status();
  const uint64_t before = IndexReads();
  absl::StatusOr<Tuples> orphans =
      FindOrphans(*connection_, database(), "value_int", schema->at("value_int").foreign_keys[0], ParentTable::kExists);
  const uint64_t reads = IndexReads() - before;
  ASSERT_TRUE(orphans.ok()) << orphans.status();
  EXPECT_THAT(*orphans, ElementsAre(ElementsAre("300")));
  EXPECT_LT(reads, 1000u);
}

}  // namespace
}  // namespace migrate::io
