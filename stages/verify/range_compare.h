// Compares one key range of a document on both servers by digests (io/range_checksum.h), and
// narrows a range whose digests differ down to its differing keys.
//
// A range whose row count and CRC32 sum are equal on both sides is equal. Otherwise, while the
// larger side holds more than `leaf_rows` rows, the range is split into `fanout` parts at keys
// sampled on that side and each part is compared the same way (a bisection that reads only the
// differing parts again); a part of at most `leaf_rows` rows is compared row by row: each side's
// keys with their row's CRC32, a page at a time, matched by key. A range (or part) that only one
// side has rows in is not split: its rows are all missing (or extra), and only the first `keep` keys
// are read. With `row_wise`, the whole range
// is compared row by row at once (for documents where many rows are expected to differ).
// A document without a key (DigestSpec::key empty) has one range, compared by its digest alone.
// Source and destination queries of a step run at the same time on the two connections.
#ifndef MIGRATE_STAGES_VERIFY_RANGE_COMPARE_H_
#define MIGRATE_STAGES_VERIFY_RANGE_COMPARE_H_

#include <cstdint>
#include <vector>

#include "absl/status/statusor.h"
#include "io/key_range.h"
#include "io/mysql_connection.h"
#include "stages/verify/document_digest.h"

namespace migrate::stages {

struct CompareOptions {
  uint64_t leaf_rows = 2000;
  size_t fanout = 8;
  bool row_wise = false;
  // Keys of each kind kept for the report; the counts go on.
  size_t keep = 20;
};

struct RangeOutcome {
  uint64_t source_rows = 0;
  uint64_t destination_rows = 0;
  // Keys on both sides whose compared columns differ, keys only the source has, keys only the
  // destination has: counts, and the first `keep` keys of each found.
  uint64_t changed = 0;
  uint64_t missing = 0;
  uint64_t extra = 0;
  std::vector<io::Key> changed_keys;
  std::vector<io::Key> missing_keys;
  std::vector<io::Key> extra_keys;
  // Set for a keyless document whose digests differ: no key to narrow it down.
  bool digest_differs = false;
  // The work done: ranges split in parts, and row digests read (both sides).
  uint64_t splits = 0;
  uint64_t rows_listed = 0;

  // Adds `other`'s counts and keys, keeping the first `keep` keys of each kind in key order.
  void Add(const RangeOutcome& other, size_t keep);
};

absl::StatusOr<RangeOutcome> CompareRange(io::MysqlConnection& source, io::MysqlConnection& destination,
                                          const DocumentDigest& document, const io::KeyRange& range,
                                          const CompareOptions& options);

}  // namespace migrate::stages

#endif  // MIGRATE_STAGES_VERIFY_RANGE_COMPARE_H_
