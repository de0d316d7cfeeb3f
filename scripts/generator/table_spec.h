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
#include <vector>

#include "scripts/generator/row_sink.h"

namespace migrate::generator {

struct TableSpec {
  std::string name;
  // An estimate, for scheduling the largest tables first and for progress.
  uint64_t expected_rows = 0;
  std::function<void(RowSink&)> emit;
};

using TableList = std::vector<TableSpec>;

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_TABLE_SPEC_H_
