// Schema introspection on a real server: columns, keys, indexes, foreign keys, resume keys.
#include "io/table_schema.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/io/io_test_support.h"
#include "tests/support/test_servers.h"

namespace migrate::io {
namespace {

using ::migrate::io::testing::Connect;
using ::migrate::io::testing::Exec;
using ::migrate::testing::SourceServer;
using ::migrate::testing::TestDatabase;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(TableSchemaTest, LoadsColumnsKeysIndexesAndForeignKeys) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection, R"sql(
    CREATE TABLE parent (
      entity_id INT(10) UNSIGNED NOT NULL AUTO_INCREMENT,
      sku VARCHAR(64) NOT NULL DEFAULT 'none',
      created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
      price DECIMAL(12,4) NULL,
      PRIMARY KEY (entity_id),
      UNIQUE KEY uniq_sku (sku),
      KEY idx_created (created_at, price)
    ) ENGINE=InnoDB;
    CREATE TABLE child (
      store_id SMALLINT UNSIGNED NOT NULL,
      parent_id INT(10) UNSIGNED NOT NULL,
      value TEXT,
      PRIMARY KEY (store_id, parent_id),
      CONSTRAINT fk_child_parent FOREIGN KEY (parent_id) REFERENCES parent (entity_id) ON DELETE CASCADE
    ) ENGINE=InnoDB;
    CREATE VIEW parent_view AS SELECT entity_id FROM parent;
  )sql");

  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection, connection->options().database);
  ASSERT_TRUE(schema.ok()) << schema.status();
  ASSERT_EQ(schema->size(), 2u);  // The view is left out.
  absl::StatusOr<std::vector<std::string>> tables = ListTables(*connection, connection->options().database);
  ASSERT_TRUE(tables.ok());
  EXPECT_THAT(*tables, ElementsAre("child", "parent"));

  const TableSchema& parent = schema->at("parent");
  EXPECT_EQ(parent.database, connection->options().database);
  EXPECT_EQ(parent.engine, "InnoDB");
  EXPECT_THAT(parent.ColumnNames(), ElementsAre("entity_id", "sku", "created_at", "price"));
  const ColumnSchema& id = parent.columns[0];
  EXPECT_EQ(id.column_type, "int(10) unsigned");
  EXPECT_EQ(id.data_type, "int");
  EXPECT_TRUE(id.is_auto_increment);
  EXPECT_FALSE(id.nullable);
  EXPECT_FALSE(id.default_value.has_value());
  EXPECT_TRUE(id.IsInteger());
  EXPECT_EQ(parent.columns[1].default_value, "'none'");
  EXPECT_EQ(parent.columns[2].default_value, "current_timestamp()");
  EXPECT_TRUE(parent.columns[3].nullable);
  EXPECT_EQ(parent.columns[3].default_value, "NULL");
  EXPECT_TRUE(parent.columns[3].IsNumeric());
  EXPECT_FALSE(parent.columns[3].IsInteger());
  EXPECT_FALSE(parent.columns[1].IsNumeric());

  EXPECT_THAT(parent.primary_key, ElementsAre("entity_id"));
  ASSERT_EQ(parent.unique_keys.size(), 1u);
  EXPECT_EQ(parent.unique_keys[0].name, "uniq_sku");
  ASSERT_EQ(parent.indexes.size(), 3u);
  EXPECT_EQ(parent.indexes[0].name, "idx_created");
  EXPECT_THAT(parent.indexes[0].columns, ElementsAre("created_at", "price"));
  EXPECT_FALSE(parent.indexes[0].unique);
  EXPECT_THAT(parent.ResumeKey(), ElementsAre(KeyColumn{"entity_id", true}));

  const TableSchema& child = schema->at("child");
  EXPECT_THAT(child.primary_key, ElementsAre("store_id", "parent_id"));
  ASSERT_EQ(child.foreign_keys.size(), 1u);
  const ForeignKeySchema& fk = child.foreign_keys[0];
  EXPECT_EQ(fk.name, "fk_child_parent");
  EXPECT_THAT(fk.columns, ElementsAre("parent_id"));
  EXPECT_EQ(fk.referenced_table, "parent");
  EXPECT_THAT(fk.referenced_columns, ElementsAre("entity_id"));
  EXPECT_EQ(fk.on_delete, "CASCADE");
  EXPECT_EQ(fk.on_update, "RESTRICT");
  EXPECT_THAT(child.ResumeKey(), ElementsAre(KeyColumn{"store_id", true}, KeyColumn{"parent_id", true}));
}

TEST(TableSchemaTest, ResumeKeyFallsBackToAFullNotNullUniqueKey) {
  auto connection = Connect(TestDatabase(SourceServer()));
  ASSERT_NE(connection, nullptr);
  Exec(*connection, R"sql(
    CREATE TABLE nullable_unique (a INT NULL, b VARCHAR(10) NOT NULL, UNIQUE KEY a_nullable (a),
                                  UNIQUE KEY b_not_null (b));
    CREATE TABLE prefix_unique (t VARCHAR(200) NOT NULL, UNIQUE KEY t_prefix (t(10)));
    CREATE TABLE no_key (a INT, b INT, KEY a (a));
  )sql");
  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection, connection->options().database);
  ASSERT_TRUE(schema.ok()) << schema.status();
  EXPECT_THAT(schema->at("nullable_unique").ResumeKey(), ElementsAre(KeyColumn{"b", false}));
  EXPECT_TRUE(schema->at("prefix_unique").indexes[0].has_prefix_part);
  EXPECT_THAT(schema->at("prefix_unique").ResumeKey(), IsEmpty());
  EXPECT_THAT(schema->at("no_key").ResumeKey(), IsEmpty());
  EXPECT_THAT(schema->at("no_key").primary_key, IsEmpty());
}

TEST(TableSchemaTest, AMissingDatabaseHasNoTables) {
  auto connection = Connect(SourceServer().Options());
  ASSERT_NE(connection, nullptr);
  absl::StatusOr<DatabaseSchema> schema = LoadDatabaseSchema(*connection, "no_such_database");
  ASSERT_TRUE(schema.ok()) << schema.status();
  EXPECT_TRUE(schema->empty());
}

}  // namespace
}  // namespace migrate::io
