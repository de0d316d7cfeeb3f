// One table the generator fills: its name, how many rows to expect, and the code that writes them.
//
// emit() must write the same rows in the same order every time it runs with the same seed: it may
// run on any thread, and other tables' emitters run at the same time, so it reads only immutable
// model data and draws only from its own Random streams.
#ifndef MIGRATE_SCRIPTS_GENERATOR_TABLE_SPEC_H_
#define MIGRATE_SCRIPTS_GENERATOR_TABLE_SPEC_H_

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "generator/row_sink.h"

namespace migrate::generator {

struct TableSpec {
  TableSpec(std::string name, uint64_t expected_rows, std::function<void(RowSink&)> emit)
      : name(std::move(name)), expected_rows(expected_rows), emit(std::move(emit)) {}

  std::string name;
  // An estimate, for scheduling the largest tables first and for progress.
  uint64_t expected_rows;
  std::function<void(RowSink&)> emit;
  // Statements the loading session runs on the empty table before the load and after it (see
  // deferred_keys.h); usually none.
  std::vector<std::string> before_load;
  std::vector<std::string> after_load;
};

using TableList = std::vector<TableSpec>;

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_TABLE_SPEC_H_
