// Splits a table's key space into contiguous chunks that parallel ChunkReaders can copy.
//
// The ranges returned cover the whole key space exactly once: the first starts unbounded, the last
// ends unbounded, and each one's `upto` is the next one's `after`. Every bound is a complete key
// tuple of a row that exists, so no row is read twice or missed whatever the data. The number of
// chunks is at most `chunk_count` and shrinks for small tables (min_rows_per_chunk) and when the
// key has fewer distinct values than requested; a table without a usable key is one chunk.
//
// Cost: for a key whose leading column is an integer, MIN/MAX of that column and one index dive
// per boundary (ranges of equal width on the leading column). Other keys are sampled with one
// stride query per boundary (ORDER BY key LIMIT 1 OFFSET stride, starting after the previous
// boundary), which together scan the key's index once.
#ifndef MIGRATE_IO_KEY_RANGE_SPLITTER_H_
#define MIGRATE_IO_KEY_RANGE_SPLITTER_H_

#include <cstddef>
#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "io/table_schema.h"

namespace migrate::io {

struct SplitOptions {
  size_t chunk_count = 1;
  // Tables estimated to have fewer rows than chunk_count * min_rows_per_chunk get fewer chunks.
  uint64_t min_rows_per_chunk = 100000;
};

absl::StatusOr<std::vector<KeyRange>> SplitKeyRange(MysqlConnection& connection, const TableSchema& table,
                                                    const SplitOptions& options);

}  // namespace migrate::io

#endif  // MIGRATE_IO_KEY_RANGE_SPLITTER_H_
