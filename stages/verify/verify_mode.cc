#include "stages/verify/verify_mode.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "io/adjustment_store.h"
#include "io/key_range_splitter.h"
#include "io/range_checksum.h"
#include "stages/steps/map_step.h"
#include "stages/verify/document_digest.h"
#include "stages/verify/range_compare.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kMode = "verify";
// Keys of each kind named per differing document.
constexpr size_t kKeysShown = 5;
// Characters of a value shown in the report.
constexpr size_t kValueShown = 60;

struct VerifiedDocument {
  DocumentDigest digest;
  const io::TableSchema* source_table = nullptr;
  bool upsert = false;
  // Rows later steps removed, net, as migrate_volume_adjustments records.
  std::optional<int64_t> adjustment;
  RangeOutcome outcome;
  // The workers' time on its ranges, summed.
  absl::Duration busy;
};

struct Task {
  size_t document = 0;
  io::KeyRange range;
};

// The specs of the Map-like steps config.xml names.
std::vector<MapStepSpec> VerifiedSteps(const mapping::Config& config) {
  std::vector<MapStepSpec> steps;
  for (absl::string_view mode : {"settings", "data"}) {
    for (const mapping::StepConfig& step : config.Steps(mode)) {
      const mapping::StageClass* data = step.Stage(mapping::StageKind::kData);
      if (data == nullptr) continue;
      if (data->class_name == "Migration\\Step\\Map\\Data") steps.push_back(MapStep());
      if (data->class_name == "Migration\\Step\\Stores\\Data") steps.push_back(StoresStep());
    }
  }
  return steps;
}

absl::StatusOr<std::map<std::string, int64_t>> LoadAdjustments(RunContext& context) {
  absl::StatusOr<const io::DatabaseSchema*> schema = context.DestinationSchema();
  if (!schema.ok()) return schema.status();
  if (!(*schema)->contains(std::string(io::AdjustmentStore::kDefaultTable))) return std::map<std::string, int64_t>();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = context.connections().OpenDestination();
  if (!connection.ok()) return connection.status();
  absl::StatusOr<io::AdjustmentStore> store = io::AdjustmentStore::Open(**connection);
  if (!store.ok()) return store.status();
  return store->LoadByDocument(**connection);
}

std::string KeyText(const std::vector<io::KeyColumn>& columns, const io::Key& key) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < columns.size() && i < key.size(); ++i) {
    parts.push_back(absl::StrCat(columns[i].name, "=", key[i]));
  }
  return parts.size() == 1 ? parts[0] : absl::StrCat("(", absl::StrJoin(parts, ", "), ")");
}

// A value for the report; a decimal-normalised one without trailing zeros.
std::string ValueText(std::optional<std::string> value, io::Normalisation normalisation) {
  if (!value.has_value()) return "NULL";
  if (normalisation == io::Normalisation::kDecimal && value->find('.') != std::string::npos) {
    value->erase(value->find_last_not_of('0') + 1);
    if (value->back() == '.') value->pop_back();
  }
  if (value->size() <= kValueShown) return absl::StrCat("'", *value, "'");
  return absl::StrCat("'", value->substr(0, kValueShown), "...'");
}

// "key: column (source 'a', destination 'b'), ..." for each of `keys`.
absl::StatusOr<std::vector<std::string>> DescribeChanged(io::MysqlConnection& source, io::MysqlConnection& destination,
                                                         const DocumentDigest& digest,
                                                         const std::vector<io::Key>& keys) {
  absl::StatusOr<std::vector<io::Row>> source_rows = io::NormalisedRows(source, digest.source, keys);
  if (!source_rows.ok()) return source_rows.status();
  absl::StatusOr<std::vector<io::Row>> destination_rows = io::NormalisedRows(destination, digest.destination, keys);
  if (!destination_rows.ok()) return destination_rows.status();
  const size_t key_size = digest.source.key.size();
  absl::flat_hash_map<std::string, const io::Row*> by_key;
  for (const io::Row& row : *destination_rows) {
    io::Key key;
    for (size_t i = 0; i < key_size; ++i) key.push_back(row[i].value_or(""));
    by_key[io::EncodeKey(key)] = &row;
  }
  std::vector<std::string> described;
  for (const io::Row& row : *source_rows) {
    io::Key key;
    for (size_t i = 0; i < key_size; ++i) key.push_back(row[i].value_or(""));
    auto found = by_key.find(io::EncodeKey(key));
    if (found == by_key.end()) continue;
    std::vector<std::string> columns;
    for (size_t i = 0; i < digest.destination.columns.size(); ++i) {
      const std::optional<std::string>& a = row[key_size + i];
      const std::optional<std::string>& b = (*found->second)[key_size + i];
      if (a == b) continue;
      const io::DigestColumn& column = digest.destination.columns[i];
      columns.push_back(absl::StrCat(column.name, " (source ", ValueText(a, column.normalisation), ", destination ",
                                     ValueText(b, column.normalisation), ")"));
    }
    described.push_back(absl::StrCat(KeyText(digest.source.key, key), ": ", absl::StrJoin(columns, ", ")));
  }
  return described;
}

std::string KeyList(const std::vector<io::KeyColumn>& columns, const std::vector<io::Key>& keys) {
  std::vector<std::string> texts;
  for (size_t i = 0; i < keys.size() && i < kKeysShown; ++i) texts.push_back(KeyText(columns, keys[i]));
  return absl::StrJoin(texts, ", ");
}

// The notes of an equal document: what was left out or normalised.
std::string Notes(const VerifiedDocument& document) {
  std::vector<std::string> notes;
  const RangeOutcome& outcome = document.outcome;
  if (document.digest.source.key.empty()) notes.push_back("no key: compared as a whole");
  if (!document.digest.transformed.empty()) {
    notes.push_back(absl::StrCat("columns transformed by handlers, not compared: ",
                                 absl::StrJoin(document.digest.transformed, ", ")));
  }
  if (!document.digest.normalised.empty()) {
    notes.push_back(absl::StrCat(document.digest.normalised.size(),
                                 " columns of differing types compared normalised (-vv lists them)"));
  }
  if (document.upsert && outcome.extra > 0) notes.push_back(absl::StrCat(outcome.extra, " rows of Magento 2's own"));
  if (document.adjustment.has_value() && (outcome.missing > 0 || outcome.extra > 0)) {
    notes.push_back(absl::StrCat(outcome.missing, " rows removed and ", outcome.extra,
                                 " added by later steps, as recorded in ", io::AdjustmentStore::kDefaultTable));
  }
  return notes.empty() ? "" : absl::StrCat("; ", absl::StrJoin(notes, "; "));
}

bool IsEqual(const VerifiedDocument& document) {
  const RangeOutcome& outcome = document.outcome;
  if (outcome.digest_differs || outcome.changed > 0) return false;
  if (document.adjustment.has_value()) {
    return static_cast<int64_t>(outcome.missing) - static_cast<int64_t>(outcome.extra) == *document.adjustment;
  }
  return outcome.missing == 0 && (document.upsert || outcome.extra == 0);
}

class Verifier {
 public:
  Verifier(RunContext& context, std::vector<VerifiedDocument>& documents, const std::vector<Task>& tasks)
      : context_(context), documents_(documents), tasks_(tasks) {}

  absl::Status Run(size_t threads) {
    std::vector<std::thread> workers;
    for (size_t i = 0; i < threads; ++i) workers.emplace_back([this] { Work(); });
    for (std::thread& worker : workers) worker.join();
    return error_;
  }

 private:
  void Work() {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context_.connections().OpenSource();
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context_.connections().OpenDestination();
    if (!source.ok() || !destination.ok()) return Fail(source.ok() ? destination.status() : source.status());
    while (!failed_.load()) {
      const size_t next = next_.fetch_add(1);
      if (next >= tasks_.size()) return;
      if (context_.cancellation().stop_requested()) return Fail(absl::CancelledError("stopped by a stop request"));
      const Task& task = tasks_[next];
      VerifiedDocument& document = documents_[task.document];
      CompareOptions options;
      options.row_wise = document.upsert || document.adjustment.has_value();
      options.keep = kKeysShown;
      const absl::Time start = absl::Now();
      absl::StatusOr<RangeOutcome> outcome =
          CompareRange(**source, **destination, document.digest, task.range, options);
      if (!outcome.ok()) {
        return Fail(absl::Status(outcome.status().code(),
                                 absl::StrCat(document.digest.title, ": ", outcome.status().message())));
      }
      std::lock_guard<std::mutex> lock(mutex_);
      document.outcome.Add(*outcome, kKeysShown);
      document.busy += absl::Now() - start;
    }
  }

  void Fail(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (error_.ok()) error_ = std::move(status);
    failed_ = true;
  }

  RunContext& context_;
  std::vector<VerifiedDocument>& documents_;
  const std::vector<Task>& tasks_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  absl::Status error_;
};

}  // namespace

absl::Status RunVerifyMode(RunContext& context) {
  const std::vector<MapStepSpec> steps = VerifiedSteps(context.config());
  if (steps.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(context.config().path(),
                     ": verify compares the documents of the Map and Stores steps, and config.xml names "
                     "neither"));
  }
  const StepLog log(context.log(), LogContext{std::string(kMode), "", ""});
  absl::StatusOr<std::map<std::string, int64_t>> adjustments = LoadAdjustments(context);
  if (!adjustments.ok()) return adjustments.status();

  absl::StatusOr<std::set<std::string>> upserts = UpsertDocuments(context);
  if (!upserts.ok()) return upserts.status();
  std::vector<VerifiedDocument> documents;
  std::set<std::string> seen;
  for (const MapStepSpec& spec : steps) {
    absl::StatusOr<MapDocuments> pairs = LoadMapDocuments(context, spec);
    if (!pairs.ok()) return pairs.status();
    for (const DocumentPair& pair : pairs->pairs) {
      if (!seen.insert(pair.source->name).second) continue;
      VerifiedDocument document;
      document.digest = BuildDocumentDigest(pair);
      document.source_table = pair.source;
      document.upsert = spec.map_option == "map_file" && upserts->contains(pair.plan.destination_document);
      auto adjustment = adjustments->find(pair.destination->name);
      if (adjustment != adjustments->end()) document.adjustment = adjustment->second;
      documents.push_back(std::move(document));
    }
  }

  const size_t threads = context.Threads();
  const absl::Time start = absl::Now();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();

  // Largest documents first, so that the last ranges to finish are small.
  std::vector<size_t> order(documents.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return documents[a].source_table->estimated_rows > documents[b].source_table->estimated_rows;
  });
  std::vector<Task> tasks;
  for (size_t index : order) {
    if (documents[index].digest.source.key.empty()) {
      tasks.push_back(Task{index, io::KeyRange{}});
      continue;
    }
    absl::StatusOr<std::vector<io::KeyRange>> ranges =
        io::SplitKeyRange(**source, *documents[index].source_table, io::SplitOptions{threads * 4, 50000});
    if (!ranges.ok()) return ranges.status();
    for (io::KeyRange& range : *ranges) tasks.push_back(Task{index, std::move(range)});
  }
  Verifier verifier(context, documents, tasks);
  if (absl::Status status = verifier.Run(threads); !status.ok()) return status;
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);

  std::sort(documents.begin(), documents.end(),
            [](const VerifiedDocument& a, const VerifiedDocument& b) { return a.digest.title < b.digest.title; });
  uint64_t rows = 0;
  std::vector<std::string> differing;
  for (const VerifiedDocument& document : documents) {
    const RangeOutcome& outcome = document.outcome;
    rows += outcome.source_rows;
    log.Debug(absl::StrCat(document.digest.title, ": ", outcome.splits, " ranges split, ", outcome.rows_listed,
                           " row digests read, ", absl::StrFormat("%.2f", absl::ToDoubleSeconds(document.busy)),
                           " s of the workers' time"));
    if (!document.digest.normalised.empty()) {
      log.Debug(absl::StrCat(document.digest.title,
                             ": compared normalised: ", absl::StrJoin(document.digest.normalised, ", ")));
    }
    if (IsEqual(document)) {
      log.Info(absl::StrCat(document.digest.title, ": equal (", outcome.source_rows, " rows", Notes(document), ")"));
      continue;
    }
    differing.push_back(document.digest.title);
    std::string message = absl::StrCat(document.digest.title, ": differs (source ", outcome.source_rows,
                                       " rows, destination ", outcome.destination_rows, " rows)");
    if (outcome.digest_differs) absl::StrAppend(&message, "; no key to narrow the difference down");
    if (outcome.changed > 0) {
      absl::StatusOr<std::vector<std::string>> changed =
          DescribeChanged(**source, **destination, document.digest, outcome.changed_keys);
      if (!changed.ok()) return changed.status();
      absl::StrAppend(&message, "; ", outcome.changed, " changed, first: ", absl::StrJoin(*changed, "; "));
    }
    if (outcome.missing > 0) {
      absl::StrAppend(&message, "; ", outcome.missing, " missing from the destination, first: ",
                      KeyList(document.digest.source.key, outcome.missing_keys));
    }
    if (outcome.extra > 0 && !document.upsert) {
      absl::StrAppend(&message, "; ", outcome.extra, " only in the destination, first: ",
                      KeyList(document.digest.destination.key, outcome.extra_keys));
    }
    if (document.adjustment.has_value()) {
      absl::StrAppend(&message, "; later steps removed ", *document.adjustment, " rows net, as recorded in ",
                      io::AdjustmentStore::kDefaultTable);
    }
    log.Error(message);
  }
  context.totals().documents += documents.size();
  context.totals().rows += rows;
  log.Info(absl::StrFormat("%d documents, %d equal, %d differ; %d source rows in %.1f s (%.0f rows/s)",
                           documents.size(), documents.size() - differing.size(), differing.size(), rows, seconds,
                           seconds > 0 ? rows / seconds : 0.0));
  if (differing.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("Verify found differences in ", differing.size(), " documents: ", absl::StrJoin(differing, ", ")));
}

}  // namespace migrate::stages
