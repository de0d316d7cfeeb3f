// BatchMapper: renamed and reordered columns, initial values and NULLs; values borrowed, not copied;
// after rewrites on either side, mapping the rewritten columns again gives what a fresh Map gives.
#include "pipeline/batch_mapper.h"

#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "io/row_batch.h"
#include "pipeline/copy_plan.h"

namespace migrate::pipeline {
namespace {

// Source (id, name, note) -> destination (name, id, note_copy, fixed, empty).
CopyPlan MakePlan() {
  CopyPlan plan;
  plan.source_columns = {"id", "name", "note"};
  plan.destination_columns = {{"name", 1, std::nullopt},
                              {"id", 0, std::nullopt},
                              {"note_copy", 2, std::nullopt},
                              {"fixed", std::nullopt, std::string("7")},
                              {"empty", std::nullopt, std::nullopt}};
  return plan;
}

io::RowBatch MakeSource() {
  io::RowBatch source(3);
  for (const char* id : {"1", "2", "3"}) {
    source.AddValue(id);
    source.AddValue(std::string("name ") + id);
    if (std::string(id) == "2") {
      source.AddNull();
    } else {
      source.AddValue(std::string("note ") + id);
    }
    source.FinishRow();
  }
  return source;
}

// Every cell of `batch`, NULL as "<null>", row by row.
std::vector<std::string> Cells(const io::RowBatch& batch) {
  std::vector<std::string> cells;
  for (size_t row = 0; row < batch.row_count(); ++row) {
    for (size_t column = 0; column < batch.column_count(); ++column) {
      cells.push_back(batch.IsNull(row, column) ? "<null>" : std::string(batch.Value(row, column)));
    }
  }
  return cells;
}

TEST(BatchMapperTest, PlacesSourceValuesInitialValuesAndNullsAndBorrowsTheSourceBytes) {
  const CopyPlan plan = MakePlan();
  const BatchMapper mapper(plan);
  const io::RowBatch source = MakeSource();
  io::RowBatch destination;
  mapper.Map(source, destination);

  EXPECT_EQ(Cells(destination), (std::vector<std::string>{"name 1", "1", "note 1", "7", "<null>",  //
                                                          "name 2", "2", "<null>", "7", "<null>",  //
                                                          "name 3", "3", "note 3", "7", "<null>"}));
  EXPECT_EQ(destination.Value(1, 0).data(), source.Value(1, 1).data());
  EXPECT_FALSE(destination.Rewritten(0));
}

TEST(BatchMapperTest, MappingTheRewrittenColumnsAgainGivesWhatAFreshMapGives) {
  const CopyPlan plan = MakePlan();
  const BatchMapper mapper(plan);
  io::RowBatch source = MakeSource();
  io::RowBatch destination;
  mapper.Map(source, destination);
  // What a caller puts in before the source transforms (the opposite rows they read) ...
  destination.SetValue(0, 1, "opposite id");
  destination.SetNull(2, 3);
  // ... and what the source transforms rewrite.
  source.SetValue(0, 1, "renamed 1");
  source.SetNull(2, 1);
  source.SetValue(1, 2, "note 2 added");

  mapper.MapRewrittenColumns(source, destination);

  io::RowBatch fresh;
  mapper.Map(source, fresh);
  EXPECT_EQ(Cells(destination), Cells(fresh));
  EXPECT_EQ(Cells(destination), (std::vector<std::string>{"renamed 1", "1", "note 1", "7", "<null>",  //
                                                          "name 2", "2", "note 2 added", "7", "<null>",  //
                                                          "<null>", "3", "note 3", "7", "<null>"}));
}

}  // namespace
}  // namespace migrate::pipeline
