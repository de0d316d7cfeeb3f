// Row digests computed by the server, for comparing a table with its copy on another server without
// moving the rows: a digest of a key range (row count and the sum of each row's CRC32), the digest of
// each row of a range in key order, sampled keys to split a range, and the normalised values of
// given rows.
//
// A row's text is CONCAT_WS(CHAR(31), value...) over the spec's columns, each normalised as its
// Normalisation says, followed by one '0'/'1' per column saying whether it is NULL (CONCAT_WS skips
// NULLs, so NULL and '' and a missing value stay apart). Its digest is CRC32 of that text; a range's
// is COUNT(*) and SUM of those CRC32s, so the rows' order on either server does not matter. Two rows
// that differ collide with a chance of 2^-32.
//
// Normalisations make equal values of different column types give equal text on both sides:
//   kText     CONVERT(c USING utf8mb4): character columns, whatever their charset
//   kBinary   c as it is (binary strings, blobs, and any column whose type both sides share)
//   kDecimal  CAST(c AS DECIMAL(65,scale)): integer and decimal columns whose values print with
//             different numbers of decimals (decimal(12,4) / decimal(20,6) at scale 6)
//   kFloat    CAST(c AS FLOAT): a float or double column whose counterpart's type differs (compared
//             at float precision)
//   kDateTime CAST(c AS DATETIME(6)): date, datetime and timestamp columns whose types differ
//             (timestamps in the session's time zone, which io/session_setup fixes at +00:00)
//   kChar     CONVERT(CAST(c AS CHAR) USING utf8mb4): any other pair of differing types
// Ranges are KeyRange's (after, upto] over `key`; key values are the server's text, so a key read on
// one side bounds a range on the other.
#ifndef MIGRATE_IO_RANGE_CHECKSUM_H_
#define MIGRATE_IO_RANGE_CHECKSUM_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "io/result_set.h"

namespace migrate::io {

enum class Normalisation { kBinary, kText, kDecimal, kFloat, kDateTime, kChar };

struct DigestColumn {
  std::string name;
  Normalisation normalisation = Normalisation::kBinary;
  // The decimals of kDecimal (at most 30).
  int scale = 0;
};

// What to digest of one table: its key (the columns ranges and row digests are keyed by) and the
// columns compared, in the order both sides agree on.
struct DigestSpec {
  std::string database;
  std::string table;
  std::vector<KeyColumn> key;
  std::vector<DigestColumn> columns;
};

struct RangeDigest {
  uint64_t rows = 0;
  // The sum of the rows' CRC32s, as the server's decimal text ("0" for an empty range).
  std::string sum = "0";

  bool operator==(const RangeDigest&) const = default;
};

struct RowDigest {
  Key key;
  uint32_t crc = 0;
};

// COUNT(*) and SUM(CRC32(row)) of the rows of `range`.
absl::StatusOr<RangeDigest> DigestRange(MysqlConnection& connection, const DigestSpec& spec, const KeyRange& range);

// Each row's key and CRC32, in key order: the first `limit` rows of `range` (0: all of them).
absl::StatusOr<std::vector<RowDigest>> DigestRows(MysqlConnection& connection, const DigestSpec& spec,
                                                  const KeyRange& range, size_t limit);

// Up to `count` keys of `range`, `stride` rows apart in key order (the stride-th, the 2*stride-th, ...),
// to split it into `count` + 1 ranges. Together the queries scan the range's part of the key's index once.
absl::StatusOr<std::vector<Key>> SampleKeys(MysqlConnection& connection, const DigestSpec& spec, const KeyRange& range,
                                            uint64_t stride, size_t count);

// The rows of `keys` (not empty): each the key's values, then the normalised value of every
// column of the spec.
absl::StatusOr<std::vector<Row>> NormalisedRows(MysqlConnection& connection, const DigestSpec& spec,
                                                const std::vector<Key>& keys);

}  // namespace migrate::io

#endif  // MIGRATE_IO_RANGE_CHECKSUM_H_
