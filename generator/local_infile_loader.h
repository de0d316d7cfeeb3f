// Streams rows from memory into a table with LOAD DATA LOCAL INFILE, with no temporary file.
//
// The statement's file name is never opened: Connector/C's local infile handler is pointed, for this
// one statement, at a callback that hands the server whatever bytes the caller produces, chunk by
// chunk, so a table of any size loads in constant memory. The connection must have been opened with
// ConnectionOptions::allow_local_infile and the server must allow local_infile.
//
// As with any LOCAL load, the server cannot stop the stream, so it skips duplicate keys and bad
// values as if IGNORE had been given: they come back only as LoadDataResult::warnings.
#ifndef MIGRATE_GENERATOR_LOCAL_INFILE_LOADER_H_
#define MIGRATE_GENERATOR_LOCAL_INFILE_LOADER_H_

#include <cstdint>
#include <string>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"

namespace migrate::generator {

struct LoadDataResult {
  // Rows the server stored.
  uint64_t rows = 0;
  // Warnings the statement raised (truncated values, bad dates...); SHOW WARNINGS lists them.
  unsigned int warnings = 0;
};

// Runs `statement` (a LOAD DATA LOCAL INFILE statement, e.g. from LoadDataStatement()) and feeds it
// the bytes `next_chunk` produces: each call replaces `chunk` with the next bytes and returns true,
// or returns false when the data is complete. Chunks need not end on row boundaries. When the
// statement fails, `next_chunk` may not have been called until it returned false.
absl::StatusOr<LoadDataResult> LoadDataLocalInfile(io::MysqlConnection& connection, absl::string_view statement,
                                                   absl::FunctionRef<bool(std::string& chunk)> next_chunk);

}  // namespace migrate::generator

#endif  // MIGRATE_GENERATOR_LOCAL_INFILE_LOADER_H_
