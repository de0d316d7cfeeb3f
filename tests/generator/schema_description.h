// Describes tables the way the generator tests compare schemas: one line per table (engine,
// collation), column (type, nullability, default, extra, character set), key (uniqueness, name,
// type, columns) and foreign key (columns, parent, rules), without the database's name.
#ifndef MIGRATE_TESTS_GENERATOR_SCHEMA_DESCRIPTION_H_
#define MIGRATE_TESTS_GENERATOR_SCHEMA_DESCRIPTION_H_

#include <set>
#include <string>
#include <vector>

#include "io/mysql_connection.h"

namespace migrate::generator {

// E.g. "column sales_flat_order.state varchar(32) NULL default=NULL  utf8mb3",
//      "key customer_entity UNIQUE UNQ_CUSTOMER_ENTITY_EMAIL_WEBSITE_ID BTREE (email,website_id)",
//      "fk sales_flat_order_item (order_id) -> sales_flat_order (entity_id) DELETE CASCADE UPDATE CASCADE".
std::set<std::string> Describe(io::MysqlConnection& connection, const std::string& database,
                               const std::vector<std::string>& tables);

// The rows of a query, each as its fields joined by spaces (NULL as "NULL").
std::vector<std::string> Lines(io::MysqlConnection& connection, const std::string& sql);

// `text` as a utf8mb4 string literal spelled in hex: no escaping.
std::string Utf8Literal(const std::string& text);

}  // namespace migrate::generator

#endif  // MIGRATE_TESTS_GENERATOR_SCHEMA_DESCRIPTION_H_
