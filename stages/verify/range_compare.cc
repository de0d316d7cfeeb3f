#include "stages/verify/range_compare.h"

#include <algorithm>
#include <future>
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/numbers.h"
#include "io/range_checksum.h"

namespace migrate::stages {
namespace {

// Rows per page of a row-by-row comparison.
constexpr size_t kPageRows = 10000;

void Keep(std::vector<io::Key>& keys, const io::Key& key, size_t keep) {
  if (keys.size() < keep) keys.push_back(key);
}

// Key order as the servers see it for integer columns (by value), else by bytes.
bool KeyLess(const io::Key& a, const io::Key& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    int64_t x = 0;
    int64_t y = 0;
    if (absl::SimpleAtoi(a[i], &x) && absl::SimpleAtoi(b[i], &y)) return x < y;
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

// Merges `more` into `keys`, keeping the first `keep` in key order.
void Merge(std::vector<io::Key>& keys, const std::vector<io::Key>& more, size_t keep) {
  keys.insert(keys.end(), more.begin(), more.end());
  std::sort(keys.begin(), keys.end(), KeyLess);
  if (keys.size() > keep) keys.resize(keep);
}

// Runs `on_source` on a thread of its own while `on_destination` runs on this one.
template <typename S, typename D>
auto OnBoth(S on_source, D on_destination) {
  auto source = std::async(std::launch::async, std::move(on_source));
  auto destination = on_destination();
  return std::make_pair(source.get(), std::move(destination));
}

class RangeComparer {
 public:
  RangeComparer(io::MysqlConnection& source, io::MysqlConnection& destination, const DocumentDigest& document,
                const CompareOptions& options, RangeOutcome& outcome)
      : source_(source), destination_(destination), document_(document), options_(options), outcome_(outcome) {}

  // Compares `range` by digests; `count` adds the rows to the outcome's (the top level does).
  absl::Status ByDigest(const io::KeyRange& range, bool count) {
    auto [source, destination] = OnBoth([&] { return io::DigestRange(source_, document_.source, range); },
                                        [&] { return io::DigestRange(destination_, document_.destination, range); });
    if (!source.ok()) return source.status();
    if (!destination.ok()) return destination.status();
    if (count) {
      outcome_.source_rows += source->rows;
      outcome_.destination_rows += destination->rows;
    }
    if (*source == *destination) return absl::OkStatus();
    if (document_.source.key.empty()) {
      outcome_.digest_differs = true;
      return absl::OkStatus();
    }
    const bool source_larger = source->rows >= destination->rows;
    if (source->rows == 0 || destination->rows == 0) {
      return OneSided(range, source_larger, source_larger ? source->rows : destination->rows);
    }
    const uint64_t rows = std::max(source->rows, destination->rows);
    if (rows <= options_.leaf_rows) return RowByRow(range, /*count=*/false);
    io::MysqlConnection& connection = source_larger ? source_ : destination_;
    const io::DigestSpec& spec = source_larger ? document_.source : document_.destination;
    const uint64_t stride = (rows + options_.fanout - 1) / options_.fanout;
    absl::StatusOr<std::vector<io::Key>> keys = io::SampleKeys(connection, spec, range, stride, options_.fanout - 1);
    if (!keys.ok()) return keys.status();
    if (keys->empty()) return RowByRow(range, /*count=*/false);
    ++outcome_.splits;
    io::KeyRange part{range.after, std::nullopt};
    for (const io::Key& key : *keys) {
      part.upto = key;
      if (absl::Status status = ByDigest(part, /*count=*/false); !status.ok()) return status;
      part.after = key;
    }
    part.upto = range.upto;
    return ByDigest(part, /*count=*/false);
  }

  // Compares `range` row by row, a page of source rows at a time.
  absl::Status RowByRow(const io::KeyRange& range, bool count) {
    std::optional<io::Key> after = range.after;
    while (true) {
      absl::StatusOr<std::vector<io::RowDigest>> source =
          io::DigestRows(source_, document_.source, io::KeyRange{after, range.upto}, kPageRows);
      if (!source.ok()) return source.status();
      const bool last = source->size() < kPageRows;
      const io::KeyRange page{after, last ? range.upto : std::optional<io::Key>(source->back().key)};
      absl::StatusOr<std::vector<io::RowDigest>> destination =
          io::DigestRows(destination_, document_.destination, page, 0);
      if (!destination.ok()) return destination.status();
      if (count) {
        outcome_.source_rows += source->size();
        outcome_.destination_rows += destination->size();
      }
      outcome_.rows_listed += source->size() + destination->size();
      Match(*source, *destination);
      if (last) return absl::OkStatus();
      after = page.upto;
    }
  }

 private:
  // A range only one side has rows in: all of them are missing (or extra), and the first keys are
  // read without matching.
  absl::Status OneSided(const io::KeyRange& range, bool source_side, uint64_t rows) {
    io::MysqlConnection& connection = source_side ? source_ : destination_;
    const io::DigestSpec& spec = source_side ? document_.source : document_.destination;
    absl::StatusOr<std::vector<io::RowDigest>> first = io::DigestRows(connection, spec, range, options_.keep);
    if (!first.ok()) return first.status();
    outcome_.rows_listed += first->size();
    (source_side ? outcome_.missing : outcome_.extra) += rows;
    for (const io::RowDigest& row : *first) {
      Keep(source_side ? outcome_.missing_keys : outcome_.extra_keys, row.key, options_.keep);
    }
    return absl::OkStatus();
  }

  void Match(const std::vector<io::RowDigest>& source, const std::vector<io::RowDigest>& destination) {
    absl::flat_hash_map<std::string, const io::RowDigest*> by_key;
    for (const io::RowDigest& row : destination) by_key[io::EncodeKey(row.key)] = &row;
    for (const io::RowDigest& row : source) {
      auto found = by_key.find(io::EncodeKey(row.key));
      if (found == by_key.end()) {
        ++outcome_.missing;
        Keep(outcome_.missing_keys, row.key, options_.keep);
        continue;
      }
      if (found->second->crc != row.crc) {
        ++outcome_.changed;
        Keep(outcome_.changed_keys, row.key, options_.keep);
      }
      by_key.erase(found);
    }
    for (const io::RowDigest& row : destination) {
      if (!by_key.contains(io::EncodeKey(row.key))) continue;
      ++outcome_.extra;
      Keep(outcome_.extra_keys, row.key, options_.keep);
    }
  }

  io::MysqlConnection& source_;
  io::MysqlConnection& destination_;
  const DocumentDigest& document_;
  const CompareOptions& options_;
  RangeOutcome& outcome_;
};

}  // namespace

void RangeOutcome::Add(const RangeOutcome& other, size_t keep) {
  source_rows += other.source_rows;
  destination_rows += other.destination_rows;
  changed += other.changed;
  missing += other.missing;
  extra += other.extra;
  digest_differs = digest_differs || other.digest_differs;
  splits += other.splits;
  rows_listed += other.rows_listed;
  Merge(changed_keys, other.changed_keys, keep);
  Merge(missing_keys, other.missing_keys, keep);
  Merge(extra_keys, other.extra_keys, keep);
}

absl::StatusOr<RangeOutcome> CompareRange(io::MysqlConnection& source, io::MysqlConnection& destination,
                                          const DocumentDigest& document, const io::KeyRange& range,
                                          const CompareOptions& options) {
  RangeOutcome outcome;
  RangeComparer comparer(source, destination, document, options, outcome);
  const bool row_wise = options.row_wise && !document.source.key.empty();
  absl::Status status = row_wise ? comparer.RowByRow(range, /*count=*/true) : comparer.ByDigest(range, /*count=*/true);
  if (!status.ok()) return status;
  return outcome;
}

}  // namespace migrate::stages
