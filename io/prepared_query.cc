#include "io/prepared_query.h"

#include <mysql.h>

#include <atomic>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/bound_statement.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

// Statement names are unique in the process, so several queries may be prepared on one connection.
std::string NextName() {
  static std::atomic<uint64_t> counter{0};
  return absl::StrCat("migrate_", counter.fetch_add(1));
}

// The session variables that carry the values: the same names for every query on a connection (each
// run sets them right before its EXECUTE), so a session holds at most as many as one query has values.
constexpr absl::string_view kValuePrefix = "migrate_value";

// "@prefix_0, @prefix_1, ..."
std::string Variables(absl::string_view prefix, size_t count) {
  std::vector<std::string> variables;
  for (size_t i = 0; i < count; ++i) variables.push_back(absl::StrCat("@", prefix, "_", i));
  return absl::StrJoin(variables, ", ");
}

// "SET @prefix_0 = ?, ..." for `count` values.
std::string SetVariables(absl::string_view prefix, size_t count) {
  std::vector<std::string> assignments;
  for (size_t i = 0; i < count; ++i) assignments.push_back(absl::StrCat("@", prefix, "_", i, " = ?"));
  return absl::StrCat("SET ", absl::StrJoin(assignments, ", "));
}

// "EXECUTE name" or "EXECUTE name USING @migrate_value_0, ...".
std::string ExecuteStatement(absl::string_view name, size_t count) {
  if (count == 0) return absl::StrCat("EXECUTE ", name);
  return absl::StrCat("EXECUTE ", name, " USING ", Variables(kValuePrefix, count));
}

}  // namespace

absl::StatusOr<std::unique_ptr<PreparedQuery>> PreparedQuery::Prepare(MysqlConnection& connection,
                                                                     absl::string_view sql) {
  // The text reaches PREPARE through a bound variable, never spelled into another statement.
  if (absl::StatusOr<uint64_t> set = ExecuteBound(connection, "SET @migrate_sql = ?", {std::string(sql)}); !set.ok()) {
    return set.status();
  }
  std::string name = NextName();
  if (absl::Status status = connection.Execute(absl::StrCat("PREPARE ", name, " FROM @migrate_sql")); !status.ok()) {
    return status;
  }
  return std::unique_ptr<PreparedQuery>(new PreparedQuery(connection, std::move(name)));
}

PreparedQuery::PreparedQuery(MysqlConnection& connection, std::string name)
    : connection_(connection), name_(std::move(name)), execute_sql_(ExecuteStatement(name_, 0)) {}

PreparedQuery::~PreparedQuery() {
  CloseSet();
  // A lost connection took the statement with it; nothing to report either way.
  connection_.Execute(absl::StrCat("DEALLOCATE PREPARE ", name_)).IgnoreError();
}

void PreparedQuery::CloseSet() {
  if (set_ != nullptr) mysql_stmt_close(set_);
  set_ = nullptr;
  set_size_ = 0;
}

absl::Status PreparedQuery::Bind(const BoundValues& values) {
  if (values.empty()) {
    execute_sql_ = ExecuteStatement(name_, 0);
    return absl::OkStatus();
  }
  if (set_ == nullptr || set_size_ != values.size()) {
    CloseSet();
    set_ = mysql_stmt_init(connection_.handle());
    if (set_ == nullptr) return connection_.LastError();
    const std::string sql = SetVariables(kValuePrefix, values.size());
    if (mysql_stmt_prepare(set_, sql.data(), sql.size()) != 0) {
      absl::Status error = MysqlError(mysql_stmt_errno(set_), mysql_stmt_error(set_), connection_.options().Describe());
      CloseSet();
      return error;
    }
    set_size_ = values.size();
    execute_sql_ = ExecuteStatement(name_, values.size());
  }
  if (mysql_stmt_bind_param(set_, binds_.Fill(values)) != 0 || mysql_stmt_execute(set_) != 0) {
    return MysqlError(mysql_stmt_errno(set_), mysql_stmt_error(set_), connection_.options().Describe());
  }
  return absl::OkStatus();
}

absl::Status PreparedQuery::Send(const BoundValues& values) {
  if (absl::Status status = Bind(values); !status.ok()) return status;
  if (mysql_real_query(connection_.handle(), execute_sql_.data(), execute_sql_.size()) != 0) {
    return connection_.LastError();
  }
  return absl::OkStatus();
}

absl::StatusOr<ResultSet> PreparedQuery::Query(const BoundValues& values) {
  if (absl::Status status = Bind(values); !status.ok()) return status;
  return connection_.Query(execute_sql_);
}

absl::StatusOr<ResultSet> QueryBoundText(MysqlConnection& connection, absl::string_view sql,
                                         const BoundValues& values) {
  BoundValues all = {std::string(sql)};
  all.insert(all.end(), values.begin(), values.end());
  if (absl::StatusOr<uint64_t> set = ExecuteBound(connection, SetVariables(kValuePrefix, all.size()), all); !set.ok()) {
    return set.status();
  }
  std::string execute = absl::StrCat("EXECUTE IMMEDIATE @", kValuePrefix, "_0");
  if (!values.empty()) {
    std::vector<std::string> variables;
    for (size_t i = 1; i < all.size(); ++i) variables.push_back(absl::StrCat("@", kValuePrefix, "_", i));
    absl::StrAppend(&execute, " USING ", absl::StrJoin(variables, ", "));
  }
  return connection.Query(execute);
}

}  // namespace migrate::io
