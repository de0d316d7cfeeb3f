#include "io/mysql_connection.h"

#include <mysql.h>

#include <mutex>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "io/mysql_error.h"

namespace migrate::io {
namespace {

// mysql_library_init is not thread-safe; every connection goes through here first.
void InitLibraryOnce() {
  static std::once_flag once;
  std::call_once(once, [] { mysql_library_init(0, nullptr, nullptr); });
}

const char* OrNull(const std::string& value) { return value.empty() ? nullptr : value.c_str(); }

}  // namespace

absl::StatusOr<std::unique_ptr<MysqlConnection>> MysqlConnection::Open(const ConnectionOptions& options) {
  InitLibraryOnce();
  MYSQL* mysql = mysql_init(nullptr);
  if (mysql == nullptr) return absl::ResourceExhaustedError("mysql_init failed: out of memory");

  unsigned int connect_timeout = 10;
  mysql_options(mysql, MYSQL_OPT_CONNECT_TIMEOUT, &connect_timeout);
  mysql_options(mysql, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  unsigned int local_infile = options.allow_local_infile ? 1 : 0;
  mysql_options(mysql, MYSQL_OPT_LOCAL_INFILE, &local_infile);
  if (options.UsesTls()) {
    mysql_ssl_set(mysql, OrNull(options.ssl_key), OrNull(options.ssl_cert), OrNull(options.ssl_ca),
                  nullptr, nullptr);
    // No plaintext fallback, and the server's certificate is checked against ssl_ca (the chain) and,
    // unless relaxed, against the host name connected to.
    my_bool enforce = 1;
    mysql_options(mysql, MYSQL_OPT_SSL_ENFORCE, &enforce);
    my_bool verify_name = options.ssl_verify_server_name ? 1 : 0;
    mysql_options(mysql, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, &verify_name);
  }

  const bool use_socket = !options.socket.empty();
  unsigned long flags = CLIENT_FOUND_ROWS;
  if (options.allow_multi_statements) flags |= CLIENT_MULTI_STATEMENTS;
  if (options.allow_local_infile) flags |= CLIENT_LOCAL_FILES;
  const bool connected =
      mysql_real_connect(mysql, use_socket ? "localhost" : options.host.c_str(), options.user.c_str(),
                         options.password.c_str(), OrNull(options.database), use_socket ? 0 : options.port,
                         OrNull(options.socket), flags) != nullptr;
  // The connector falls back to plaintext when the server lacks TLS and the name check is off.
  const bool plaintext_instead_of_tls = connected && options.UsesTls() && mysql_get_ssl_cipher(mysql) == nullptr;
  if (!connected || plaintext_instead_of_tls) {
    absl::Status status =
        connected ? absl::FailedPreconditionError(absl::StrCat(options.Describe(), ": the server does not support TLS"))
                  : MysqlError(mysql_errno(mysql), mysql_error(mysql), options.Describe());
    mysql_close(mysql);
    if (!options.UsesTls()) return status;
    return WithContext(status, absl::StrCat("TLS connection (ssl_ca, ssl_cert, ssl_key) failed: the server must offer "
                                            "TLS with a certificate signed by ssl_ca",
                                            options.ssl_verify_server_name
                                                ? absl::StrCat(" and issued for the host name ", options.host)
                                                : " (its host name is not checked: ssl_skip_name_check)"));
  }

  std::unique_ptr<MysqlConnection> connection(new MysqlConnection(mysql, options));
  for (const std::string& statement : options.init_statements) {
    absl::Status status = connection->Execute(statement);
    if (!status.ok()) {
      return absl::Status(status.code(), absl::StrCat("init statement failed: ", status.message()));
    }
  }
  return connection;
}

MysqlConnection::MysqlConnection(MYSQL* mysql, ConnectionOptions options)
    : mysql_(mysql), options_(std::move(options)) {}

MysqlConnection::~MysqlConnection() { mysql_close(mysql_); }

absl::Status MysqlConnection::LastError() const {
  return MysqlError(mysql_errno(mysql_), mysql_error(mysql_), options_.Describe());
}

absl::Status MysqlConnection::Execute(absl::string_view sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  affected_rows_ = 0;
  // Drains every result (a CALL's, or a test fixture's multi-statement text), so the connection is ready.
  while (true) {
    MYSQL_RES* result = mysql_store_result(mysql_);
    if (result != nullptr) {
      mysql_free_result(result);
    } else if (mysql_field_count(mysql_) != 0) {
      return LastError();
    } else {
      affected_rows_ += mysql_affected_rows(mysql_);
    }
    int next = mysql_next_result(mysql_);
    if (next == -1) break;
    if (next > 0) return LastError();
  }
  return absl::OkStatus();
}

absl::StatusOr<ResultSet> MysqlConnection::Query(absl::string_view sql) {
  if (mysql_real_query(mysql_, sql.data(), sql.size()) != 0) return LastError();
  MYSQL_RES* result = mysql_store_result(mysql_);
  if (result == nullptr) {
    if (mysql_field_count(mysql_) != 0) return LastError();
    return ResultSet();
  }
  const unsigned int field_count = mysql_num_fields(result);
  std::vector<std::string> columns;
  columns.reserve(field_count);
  MYSQL_FIELD* fields = mysql_fetch_fields(result);
  for (unsigned int i = 0; i < field_count; ++i) columns.emplace_back(fields[i].name, fields[i].name_length);

  std::vector<Row> rows;
  rows.reserve(mysql_num_rows(result));
  while (MYSQL_ROW values = mysql_fetch_row(result)) {
    unsigned long* lengths = mysql_fetch_lengths(result);
    Row row(field_count);
    for (unsigned int i = 0; i < field_count; ++i) {
      if (values[i] != nullptr) row[i].emplace(values[i], lengths[i]);
    }
    rows.push_back(std::move(row));
  }
  mysql_free_result(result);
  // A query that was several statements leaves more results: drain them.
  while (mysql_more_results(mysql_) && mysql_next_result(mysql_) == 0) {
    if (MYSQL_RES* extra = mysql_store_result(mysql_)) mysql_free_result(extra);
  }
  return ResultSet(std::move(columns), std::move(rows));
}

absl::StatusOr<std::string> MysqlConnection::QueryScalar(absl::string_view sql) {
  absl::StatusOr<ResultSet> result = Query(sql);
  if (!result.ok()) return result.status();
  return result->Scalar();
}

std::string QuoteIdentifier(absl::string_view name) {
  return absl::StrCat("`", absl::StrReplaceAll(name, {{"`", "``"}}), "`");
}

std::string QualifiedName(absl::string_view database, absl::string_view table) {
  if (database.empty()) return QuoteIdentifier(table);
  return absl::StrCat(QuoteIdentifier(database), ".", QuoteIdentifier(table));
}

}  // namespace migrate::io
