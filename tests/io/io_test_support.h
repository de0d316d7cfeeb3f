// Small helpers shared by the io/ integration tests: connecting, running SQL, reading every row a
// reader returns, and table checksums.
#ifndef MIGRATE_TESTS_IO_IO_TEST_SUPPORT_H_
#define MIGRATE_TESTS_IO_IO_TEST_SUPPORT_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "io/chunk_reader.h"
#include "io/connection_options.h"
#include "io/mysql_connection.h"
#include "io/result_set.h"
#include "io/row_batch.h"

namespace migrate::io::testing {

// Opens a connection; a failure is a test failure and yields nullptr.
std::unique_ptr<MysqlConnection> Connect(const ConnectionOptions& options);

// Runs `sql`, failing the test when it fails.
void Exec(MysqlConnection& connection, absl::string_view sql);

// Every row of `sql`; a failure is a test failure and yields no rows.
std::vector<Row> Rows(MysqlConnection& connection, absl::string_view sql);

// The rows of `batch`, as nullable strings.
std::vector<Row> Rows(const RowBatch& batch);

// Every row the reader returns until it reports the end, appended batch by batch.
std::vector<Row> ReadAll(ChunkReader& reader, size_t* batches = nullptr);

// CHECKSUM TABLE's value for `table`.
std::string Checksum(MysqlConnection& connection, absl::string_view table);

}  // namespace migrate::io::testing

#endif  // MIGRATE_TESTS_IO_IO_TEST_SUPPORT_H_
