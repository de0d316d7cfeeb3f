#include "stages/steps/structure_check.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/table_sql.h"

namespace migrate::stages {
namespace {

// The names of `a` that `b` lacks, in `a`'s order (PHP's array_diff).
std::vector<std::string> Difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> out;
  for (const std::string& name : a) {
    if (std::find(b.begin(), b.end(), name) == b.end()) out.push_back(name);
  }
  return out;
}

}  // namespace

absl::StatusOr<bool> CheckExactStructures(RunContext& context, io::MysqlConnection& destination,
                                          const std::vector<ExpectedTable>& tables, const StepLog& log) {
  const std::string& database = context.connections().destination().database;
  std::vector<std::string> missing;
  std::vector<std::pair<std::string, std::vector<std::string>>> unknown_columns;
  std::vector<std::pair<std::string, std::vector<std::string>>> missing_columns;
  for (const ExpectedTable& expected : tables) {
    absl::StatusOr<std::optional<std::vector<std::string>>> columns =
        io::TableColumns(destination, database, expected.table);
    if (!columns.ok()) return columns.status();
    if (!columns->has_value()) {
      missing.push_back(expected.shown_as);
      continue;
    }
    if (expected.columns.empty()) continue;
    if (std::vector<std::string> extra = Difference(**columns, expected.columns); !extra.empty()) {
      unknown_columns.emplace_back(expected.shown_as, std::move(extra));
    }
    if (std::vector<std::string> lacking = Difference(expected.columns, **columns); !lacking.empty()) {
      missing_columns.emplace_back(expected.shown_as, std::move(lacking));
    }
  }
  if (!missing.empty()) {
    log.Difference(absl::StrCat("Destination documents are missing: ", absl::StrJoin(missing, ",")));
  }
  for (const auto& [table, fields] : unknown_columns) {
    log.Difference(absl::StrCat("Source fields are missing. Document: ", table,
                                                   ". Fields: ", absl::StrJoin(fields, ",")));
  }
  for (const auto& [table, fields] : missing_columns) {
    log.Difference(absl::StrCat("Destination fields are missing. Document: ", table,
                                                   ". Fields: ", absl::StrJoin(fields, ",")));
  }
  return missing.empty() && unknown_columns.empty() && missing_columns.empty();
}

}  // namespace migrate::stages
