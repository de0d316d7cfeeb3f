#include "generator/schema.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/mysql_connection.h"
#include "generator/embedded_schema.h"

namespace migrate::generator {
namespace {

constexpr absl::string_view kCreate = "CREATE TABLE `";

// As Magento's own dumps create tables: no foreign key checks (children may come first), zero-date
// defaults allowed.
std::vector<std::string> DdlSession() {
  return {"SET SESSION foreign_key_checks = 0, sql_mode = 'NO_AUTO_VALUE_ON_ZERO', innodb_strict_mode = 0"};
}

}  // namespace

absl::StatusOr<SchemaKind> ParseSchemaKind(absl::string_view name) {
  if (name == "magento1") return SchemaKind::kMagento1;
  if (name == "magento2") return SchemaKind::kMagento2;
  return absl::InvalidArgumentError(absl::StrCat("unknown schema \"", name, "\": use magento1 or magento2"));
}

absl::string_view SchemaSql(SchemaKind kind) {
  return kind == SchemaKind::kMagento1 ? kMagento1SchemaSql : kMagento2SchemaSql;
}

std::vector<absl::string_view> SchemaStatements(SchemaKind kind) {
  const absl::string_view sql = SchemaSql(kind);
  std::vector<absl::string_view> statements;
  for (size_t at = sql.find(kCreate); at != absl::string_view::npos; at = sql.find(kCreate, at + 1)) {
    const size_t end = sql.find(";\n", at);
    statements.push_back(sql.substr(at, end == absl::string_view::npos ? absl::string_view::npos : end - at));
  }
  return statements;
}

std::vector<std::string> SchemaTables(SchemaKind kind) {
  std::vector<std::string> tables;
  for (absl::string_view statement : SchemaStatements(kind)) {
    statement.remove_prefix(kCreate.size());
    tables.emplace_back(statement.substr(0, statement.find('`')));
  }
  return tables;
}

absl::Status CreateSchema(const io::ConnectionOptions& options, SchemaKind kind, int connections) {
  io::ConnectionOptions session = options;
  session.init_statements = DdlSession();
  const std::vector<absl::string_view> statements = SchemaStatements(kind);
  {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(session);
    if (!connection.ok()) return connection.status();
    std::vector<std::string> quoted;
    for (const std::string& table : SchemaTables(kind)) quoted.push_back(io::QuoteIdentifier(table));
    if (absl::Status status =
            (*connection)->Execute(absl::StrCat("DROP TABLE IF EXISTS ", absl::StrJoin(quoted, ", ")));
        !status.ok()) {
      return status;
    }
  }
  std::mutex mutex;
  absl::Status first_error;
  auto create = [&](size_t first) {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(session);
    absl::Status status = connection.status();
    for (size_t i = first; status.ok() && i < statements.size(); i += connections) {
      status = (*connection)->Execute(statements[i]);
      if (!status.ok()) status = absl::Status(status.code(), absl::StrCat("creating the schema: ", status.message()));
    }
    std::lock_guard<std::mutex> lock(mutex);
    if (first_error.ok()) first_error = status;
  };
  connections = std::max(connections, 1);
  std::vector<std::thread> threads;
  for (int i = 0; i < connections; ++i) threads.emplace_back(create, static_cast<size_t>(i));
  for (std::thread& thread : threads) thread.join();
  return first_error;
}

}  // namespace migrate::generator
