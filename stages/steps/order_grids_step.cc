#include "stages/steps/order_grids_step.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "io/table_sql.h"
#include "mapping/document_prefix.h"
#include "pipeline/parallel_insert_select.h"
#include "stages/steps/order_grids_columns.h"
#include "stages/steps/structure_check.h"
#include "stages/value_change_report.h"

namespace migrate::stages {
namespace {

std::string Destination(const RunContext& context, absl::string_view table) {
  return mapping::AddDocumentPrefix(context.prefixes().destination, table);
}

std::string Source(const RunContext& context, absl::string_view table) {
  return mapping::AddDocumentPrefix(context.prefixes().source, table);
}

// Magento 1's rows of `table`, or nullopt when the source has no such table.
absl::StatusOr<std::optional<uint64_t>> SourceCount(RunContext& context, io::MysqlConnection& source,
                                                    absl::string_view table) {
  const std::string& database = context.connections().source().database;
  absl::StatusOr<bool> exists = io::TableExists(source, database, Source(context, table));
  if (!exists.ok()) return exists.status();
  if (!*exists) return std::nullopt;
  absl::StatusOr<uint64_t> rows = io::CountRows(source, database, Source(context, table));
  if (!rows.ok()) return rows.status();
  return *rows;
}

// Logs how many entities of Magento 1's base table its grid lacked (Magento's step leaves them out).
absl::Status ReportSourceGridGaps(RunContext& context, io::MysqlConnection& source, const GridDefinition& grid,
                                  const StepLog& log) {
  absl::StatusOr<std::optional<uint64_t>> base = SourceCount(context, source, grid.source_base);
  if (!base.ok()) return base.status();
  absl::StatusOr<std::optional<uint64_t>> listed = SourceCount(context, source, grid.source_grid);
  if (!listed.ok()) return listed.status();
  if (base->has_value() && listed->has_value() && **listed < **base) {
    log.Info(absl::StrCat(grid.source_grid, " lists ", **listed, " of the ", **base, " rows of ", grid.source_base,
                          "; ", grid.grid, " gets a row for every one"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<bool> OrderGridsIntegrity::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  const std::string& database = context.connections().destination().database;
  std::vector<std::string> needed = GridJoinedTables();
  for (const GridDefinition& grid : GridDefinitions()) {
    needed.push_back(grid.base);
    needed.push_back(grid.grid);
  }
  std::vector<ExpectedTable> expected;
  for (const std::string& table : needed) {
    if (std::none_of(expected.begin(), expected.end(), [&](const ExpectedTable& e) { return e.shown_as == table; })) {
      expected.push_back({Destination(context, table), table, {}});
    }
  }
  absl::StatusOr<bool> passed = CheckExactStructures(context, **destination, expected, log);
  if (!passed.ok()) return passed.status();
  for (const GridDefinition& grid : GridDefinitions()) {
    absl::StatusOr<std::optional<std::vector<std::string>>> columns =
        io::TableColumns(**destination, database, Destination(context, grid.grid));
    if (!columns.ok()) return columns.status();
    if (!columns->has_value()) continue;
    for (const auto& [column, expression] : grid.columns) {
      if (std::find((*columns)->begin(), (*columns)->end(), column) != (*columns)->end()) continue;
      log.Error(absl::StrCat(grid.grid, " table does not contain field: ", column));
      *passed = false;
    }
  }
  return *passed;
}

absl::StatusOr<bool> OrderGridsData::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  const std::string& database = context.connections().destination().database;
  auto table = [&](absl::string_view name) { return io::QualifiedName(database, Destination(context, name)); };
  std::vector<pipeline::InsertSelectJob> jobs;
  for (const GridDefinition& grid : GridDefinitions()) {
    absl::StatusOr<std::optional<std::vector<std::string>>> columns =
        io::TableColumns(**destination, database, Destination(context, grid.grid));
    if (!columns.ok()) return columns.status();
    if (!columns->has_value()) return absl::NotFoundError(absl::StrCat("the destination has no ", grid.grid));
    const GridSelect select = BuildGridSelect(grid, **columns, table);
    pipeline::InsertSelectJob job;
    job.plan.database = database;
    job.plan.driving_table = Destination(context, grid.base);
    job.plan.driving_alias = grid.base;
    job.plan.key_column = "entity_id";
    job.plan.select = select.select;
    job.plan.target_table = Destination(context, grid.grid);
    job.plan.target_columns = select.columns;
    job.on_changes = ValueChangeRecorder(context, job.plan.target_table);
    jobs.push_back(std::move(job));
  }
  // Every grid is emptied before any is filled, so a rerun starts from empty grids as the first run.
  for (const GridDefinition& grid : GridDefinitions()) {
    if (absl::Status status = (*destination)->Execute(absl::StrCat("TRUNCATE TABLE ", table(grid.grid)));
        !status.ok()) {
      return status;
    }
  }
  pipeline::InsertSelectOptions options;
  options.lanes = context.CopyOptions(log.context().step, log.context().stage).threads;
  options.rows_per_range = context.BulkSize();
  options.min_rows_to_defer_indexes = context.MinRowsToDeferIndexes();
  const absl::Time start = absl::Now();
  absl::StatusOr<std::vector<pipeline::InsertSelectOutcome>> outcomes =
      pipeline::RunInsertSelects(context.connections(), jobs, options, context.cancellation());
  if (!outcomes.ok()) return outcomes.status();
  uint64_t total = 0;
  for (size_t i = 0; i < jobs.size(); ++i) {
    const GridDefinition& grid = GridDefinitions()[i];
    const pipeline::InsertSelectOutcome& outcome = (*outcomes)[i];
    total += outcome.rows;
    log.Info(absl::StrFormat("%s: %d rows in %.1f s", grid.grid, outcome.rows, absl::ToDoubleSeconds(outcome.elapsed)));
    if (outcome.index_build > absl::ZeroDuration()) {
      log.Info(absl::StrFormat("%s: secondary keys built after the load in %.1f s", grid.grid,
                               absl::ToDoubleSeconds(outcome.index_build)));
    }
    if (absl::Status status = ReportSourceGridGaps(context, **source, grid, log); !status.ok()) return status;
  }
  log.Info(absl::StrFormat("%d grid rows in %.1f s on up to %d connections", total,
                           absl::ToDoubleSeconds(absl::Now() - start), options.lanes));
  context.totals().rows += total;
  return true;
}

absl::StatusOr<bool> OrderGridsVolume::Run(RunContext& context, const StepLog& log) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  bool passed = true;
  for (const GridDefinition& grid : GridDefinitions()) {
    absl::StatusOr<uint64_t> source_rows =
        io::CountRows(**source, context.connections().source().database, Source(context, grid.source_base));
    if (!source_rows.ok()) return source_rows.status();
    absl::StatusOr<uint64_t> destination_rows =
        io::CountRows(**destination, context.connections().destination().database, Destination(context, grid.grid));
    if (!destination_rows.ok()) return destination_rows.status();
    if (*source_rows == *destination_rows) continue;
    log.Warning(absl::StrCat("Mismatch of entities in the document: ", grid.grid, " Source: ", *source_rows,
                             " Destination: ", *destination_rows));
    passed = false;
  }
  return passed;
}

}  // namespace migrate::stages
