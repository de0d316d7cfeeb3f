// What to copy for one document: which source table and columns, into which destination table
// and columns, through which transforms. Built by the stages from the map rules; immutable and
// shared by every chunk of the document.
#ifndef MIGRATE_PIPELINE_COPY_PLAN_H_
#define MIGRATE_PIPELINE_COPY_PLAN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "io/bulk_writer.h"
#include "io/key_range.h"
#include "io/table_schema.h"
#include "pipeline/batch_transform.h"

namespace migrate::pipeline {

// Source rows a plan's filter leaves out that a later step would remove from the destination anyway
// (stages/steps/post_processing_leftouts.h): the coordinator records them as that step's rows removed
// (io/adjustment_store.h) when it starts the document afresh, so volume checks allow for them.
struct LeftOutRows {
  // The step the figure is recorded under.
  std::string adjustment_step;
  int64_t rows = 0;
};

// Where a destination column's value comes from before transforms run.
struct DestinationColumn {
  std::string name;
  // Index into CopyPlan::source_columns, or nullopt: the column starts as `initial` and a
  // transform sets it.
  std::optional<size_t> source_index;
  // The starting value of a column with no source; nullopt is SQL NULL.
  std::optional<std::string> initial;
};

struct CopyPlan {
  // The progress name of the document: the source document as the map names it.
  std::string document;

  // The source table as introspected (database, name, keys, row estimate).
  io::TableSchema source;
  std::vector<std::string> source_columns;
  // The resume key, normally source.ResumeKey(); empty for a table without a usable key (read
  // whole, all-or-nothing; see io/chunk_reader.h).
  std::vector<io::KeyColumn> key;
  // An extra SQL condition on source rows; may be empty.
  std::string filter;
  // The rows `filter` leaves out for a later step's sake, or nullopt.
  std::optional<LeftOutRows> left_out;

  std::string destination_database;
  std::string destination_table;
  std::vector<DestinationColumn> destination_columns;
  io::WriteMode write_mode = io::WriteMode::kInsert;
  // kUpsert: the columns a duplicate key updates; empty means every destination column.
  std::vector<std::string> update_columns;
  // Empty the destination table before the document's first batch (not on resume).
  bool clear_destination = true;
  // Copy with one INSERT ... SELECT on the destination server (pipeline/direct_copy.h): both
  // databases are on that server and the rows move unchanged.
  bool direct_copy = false;
  // Magento's handler chain: source transforms rewrite the rows as read, the copy follows, then
  // destination transforms rewrite the rows to be written.
  std::vector<std::shared_ptr<const BatchTransform>> source_transforms;
  std::vector<std::shared_ptr<const BatchTransform>> destination_transforms;

  std::vector<std::string> DestinationColumnNames() const {
    std::vector<std::string> names;
    names.reserve(destination_columns.size());
    for (const DestinationColumn& column : destination_columns) names.push_back(column.name);
    return names;
  }
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_COPY_PLAN_H_
