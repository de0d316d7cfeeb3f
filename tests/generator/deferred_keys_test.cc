// The statements that take a table's keys off before a bulk load and put them back after it.
#include "generator/deferred_keys.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace migrate::generator {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(DeferKeysTest, DropsForeignKeysFirstAndAddsThemLast) {
  const DeferredKeys keys = DeferKeys(
      "CREATE TABLE `item` (\n"
      "  `id` int(10) unsigned NOT NULL AUTO_INCREMENT COMMENT 'Id, KEY of it',\n"
      "  `order_id` int(10) unsigned NOT NULL,\n"
      "  `sku` varchar(64) DEFAULT NULL,\n"
      "  PRIMARY KEY (`id`),\n"
      "  UNIQUE KEY `UNQ_SKU` (`sku`,`order_id`),\n"
      "  KEY `IDX_ORDER` (`order_id`),\n"
      "  CONSTRAINT `FK_ORDER` FOREIGN KEY (`order_id`) REFERENCES `order` (`id`) ON DELETE CASCADE\n"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8 COMMENT='Items'");
  EXPECT_THAT(keys.before_load, ElementsAre("ALTER TABLE `item` DROP FOREIGN KEY `FK_ORDER`",
                                            "ALTER TABLE `item` DROP KEY `UNQ_SKU`, DROP KEY `IDX_ORDER`"));
  EXPECT_THAT(keys.after_load,
              ElementsAre("ALTER TABLE `item` ADD UNIQUE KEY `UNQ_SKU` (`sku`,`order_id`), ADD KEY `IDX_ORDER` "
                          "(`order_id`)",
                          "ALTER TABLE `item` ADD CONSTRAINT `FK_ORDER` FOREIGN KEY (`order_id`) REFERENCES `order` "
                          "(`id`) ON DELETE CASCADE"));
}

TEST(DeferKeysTest, NothingToDoForAPrimaryKeyOnly) {
  const DeferredKeys keys =
      DeferKeys("CREATE TABLE `t` (\n  `id` int NOT NULL,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB");
  EXPECT_THAT(keys.before_load, IsEmpty());
  EXPECT_THAT(keys.after_load, IsEmpty());
}

}  // namespace
}  // namespace migrate::generator
