// Test support for handlers that query the source or write the destination: in-memory SourceLookup
// and DestinationAccess answering each query with the rows of the first canned answer whose key the
// SQL contains, and remembering every statement with its bound values spelled in ('value' or NULL
// for each placeholder), so tests read what the handler asked for.
#ifndef MIGRATE_TESTS_MAPPING_HANDLERS_FAKE_DATABASES_H_
#define MIGRATE_TESTS_MAPPING_HANDLERS_FAKE_DATABASES_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "mapping/handler.h"

namespace migrate::mapping {

using QueryRows = std::vector<std::vector<std::optional<std::string>>>;
// {substring of the SQL, the rows to answer}; the first match wins, no match answers no rows.
using CannedAnswers = std::vector<std::pair<std::string, QueryRows>>;

inline QueryRows AnswerFor(const CannedAnswers& answers, absl::string_view sql) {
  for (const auto& [key, rows] : answers) {
    if (absl::StrContains(sql, key)) return rows;
  }
  return {};
}

// `sql` with each `?` replaced by its value quoted, or NULL.
inline std::string Inlined(absl::string_view sql, const SqlValues& values) {
  std::string out;
  size_t next = 0;
  for (char c : sql) {
    if (c != '?' || next >= values.size()) {
      out.push_back(c);
      continue;
    }
    const std::optional<std::string>& value = values[next++];
    absl::StrAppend(&out, value.has_value() ? absl::StrCat("'", *value, "'") : "NULL");
  }
  return out;
}

// The SourceLookup or DestinationAccess part both fakes share: tables named `prefix` + document.
template <typename Database>
class FakeDatabase : public Database {
 public:
  FakeDatabase(std::string prefix, CannedAnswers answers) : prefix_(std::move(prefix)), answers_(std::move(answers)) {}

  std::string Table(absl::string_view document) const override { return absl::StrCat("`", prefix_, document, "`"); }
  absl::StatusOr<std::vector<typename Database::Row>> Query(absl::string_view sql,
                                                           const SqlValues& values) const override {
    queries.push_back(Inlined(sql, values));
    return AnswerFor(answers_, queries.back());
  }

  mutable std::vector<std::string> queries;

 private:
  std::string prefix_;
  CannedAnswers answers_;
};

class FakeSource : public FakeDatabase<SourceLookup> {
 public:
  explicit FakeSource(CannedAnswers answers = {}) : FakeDatabase("m1_", std::move(answers)) {}
};

class FakeDestination : public FakeDatabase<DestinationAccess> {
 public:
  explicit FakeDestination(CannedAnswers answers = {}) : FakeDatabase("m2_", std::move(answers)) {}

  absl::Status Execute(absl::string_view sql, const SqlValues& values) const override {
    executed.push_back(Inlined(sql, values));
    return absl::OkStatus();
  }

  mutable std::vector<std::string> executed;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_TESTS_MAPPING_HANDLERS_FAKE_DATABASES_H_
