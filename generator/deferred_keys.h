// Building a big table's secondary keys after its rows are in, rather than row by row: the
// statements that take a table's secondary keys and foreign keys off before a bulk load, and put
// them back, exactly as its CREATE TABLE statement declares them, after it.
//
// InnoDB then builds each key once, from sorted rows, instead of inserting every row into every
// key; core_url_rewrite, whose unique keys on long paths take rows in random order, loads with half
// the server CPU. The caller's session must have foreign_key_checks=0.
#ifndef MIGRATE_SCRIPTS_GENERATOR_DEFERRED_KEYS_H_
#define MIGRATE_SCRIPTS_GENERATOR_DEFERRED_KEYS_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::generator {

struct DeferredKeys {
  // ALTER TABLE statements to run, in order, on the empty table before loading it.
  std::vector<std::string> before_load;
  // ALTER TABLE statements to run, in order, after loading it.
  std::vector<std::string> after_load;
};

// The statements for `create_table`, a CREATE TABLE statement written one column or key per line
// (as the schema files are). Both lists are empty when the table has nothing but a primary key.
DeferredKeys DeferKeys(absl::string_view create_table);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_DEFERRED_KEYS_H_
