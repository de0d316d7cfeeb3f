#include "mapping/handlers/source_queries.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"

namespace migrate::mapping::handlers {
namespace {

// Well under the 65,535 placeholders a statement may hold.
constexpr size_t kKeysPerQuery = 10000;

}  // namespace

std::string QuoteColumn(absl::string_view name) {
  return absl::StrCat("`", absl::StrReplaceAll(name, {{"`", "``"}}), "`");
}

absl::StatusOr<const SourceLookup*> NeedSource(const HandlerArgs& args) {
  if (args.context().source == nullptr) return args.Error("needs the source database");
  return args.context().source;
}

std::string Placeholders(size_t count) {
  std::string list;
  for (size_t i = 0; i < count; ++i) list.append(i == 0 ? "?" : ", ?");
  return list;
}

absl::StatusOr<std::optional<std::string>> FetchFirst(const SourceLookup& source, absl::string_view sql,
                                                      const SqlValues& bound) {
  absl::StatusOr<std::vector<SourceLookup::Row>> rows = source.Query(sql, bound);
  if (!rows.ok()) return rows.status();
  if (rows->empty() || rows->front().empty()) return std::nullopt;
  return std::move(rows->front()[0]);
}

absl::StatusOr<absl::flat_hash_set<std::string>> FetchColumn(const SourceLookup& source, absl::string_view sql,
                                                             const SqlValues& bound) {
  absl::StatusOr<std::vector<SourceLookup::Row>> rows = source.Query(sql, bound);
  if (!rows.ok()) return rows.status();
  absl::flat_hash_set<std::string> values;
  for (const SourceLookup::Row& row : *rows) {
    if (!row.empty() && row[0].has_value()) values.insert(*row[0]);
  }
  return values;
}

absl::StatusOr<ValueByKey> FetchPairs(const SourceLookup& source, absl::string_view sql, const SqlValues& bound) {
  absl::StatusOr<std::vector<SourceLookup::Row>> rows = source.Query(sql, bound);
  if (!rows.ok()) return rows.status();
  ValueByKey values;
  for (SourceLookup::Row& row : *rows) {
    if (row.size() < 2 || !row[0].has_value()) continue;
    values.try_emplace(*row[0], std::move(row[1]));
  }
  return values;
}

absl::StatusOr<ValueByKey> FetchForBatch(const SourceLookup& source, absl::string_view document,
                                         absl::string_view key_column, absl::string_view value_column,
                                         const FieldValues& rows, size_t key_field) {
  absl::flat_hash_set<absl::string_view> keys;
  for (size_t row = 0; row < rows.row_count(); ++row) {
    if (!rows.IsNull(row, key_field)) keys.insert(rows.Value(row, key_field));
  }
  ValueByKey found;
  SqlValues chunk;
  auto fetch = [&]() -> absl::Status {
    absl::StatusOr<ValueByKey> pairs = FetchPairs(
        source,
        absl::StrCat("SELECT ", QuoteColumn(key_column), ", ", QuoteColumn(value_column), " FROM ",
                     source.Table(document), " WHERE ", QuoteColumn(key_column), " IN (", Placeholders(chunk.size()), ")"),
        chunk);
    if (!pairs.ok()) return pairs.status();
    for (auto& [key, value] : *pairs) found.try_emplace(key, std::move(value));
    chunk.clear();
    return absl::OkStatus();
  };
  for (absl::string_view key : keys) {
    chunk.emplace_back(std::string(key));
    if (chunk.size() == kKeysPerQuery) {
      if (absl::Status status = fetch(); !status.ok()) return status;
    }
  }
  if (!chunk.empty()) {
    if (absl::Status status = fetch(); !status.ok()) return status;
  }
  return found;
}

}  // namespace migrate::mapping::handlers
