#include "pipeline/parallel_insert_select.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "absl/time/clock.h"
#include "io/deferred_indexes.h"
#include "io/progress_store.h"

namespace migrate::pipeline {
namespace {

struct Task {
  size_t job;
  io::InsertRange range;
};

// A target whose secondary keys are off for the run, and the first job that fills it.
struct DeferredTarget {
  size_t job;
  io::PendingIndexes pending;
};

// Takes the plain secondary keys off every target that is empty and filled from at least
// `min_rows` keys of `ranges` (io::DeferIndexesForLoad).
absl::StatusOr<std::vector<DeferredTarget>> DeferTargetIndexes(io::MysqlConnection& connection,
                                                              const std::vector<InsertSelectJob>& jobs,
                                                              const std::vector<std::vector<io::InsertRange>>& ranges,
                                                              uint64_t min_rows) {
  // Per target (database, table): its first job and the keys that fill it.
  std::map<std::pair<std::string, std::string>, std::pair<size_t, uint64_t>> targets;
  for (size_t job = 0; job < jobs.size(); ++job) {
    auto& [first_job, keys] =
        targets.try_emplace({jobs[job].plan.database, jobs[job].plan.target_table}, job, 0).first->second;
    for (const io::InsertRange& range : ranges[job]) keys += range.keys;
  }
  std::vector<io::LoadedTable> loaded;
  std::vector<size_t> first_jobs;
  for (const auto& [target, fill] : targets) {
    if (fill.second < min_rows) continue;
    loaded.push_back(io::LoadedTable{target.first, target.second});
    first_jobs.push_back(fill.first);
  }
  std::vector<DeferredTarget> deferred;
  if (loaded.empty()) return deferred;
  absl::StatusOr<io::ProgressStore> store = io::ProgressStore::Open(connection);
  if (!store.ok()) return store.status();
  absl::StatusOr<std::vector<std::optional<io::PendingIndexes>>> pending =
      io::DeferIndexesForLoad(connection, *store, loaded);
  if (!pending.ok()) return pending.status();
  for (size_t i = 0; i < loaded.size(); ++i) {
    if ((*pending)[i].has_value()) deferred.push_back(DeferredTarget{first_jobs[i], std::move(*(*pending)[i])});
  }
  return deferred;
}

// Builds the keys DeferTargetIndexes took off, several targets at once on up to `lanes` connections
// of their own (the run's may have idled out; a key build is single-threaded on the server), noting
// each build's time in its first job's outcome. Returns the first error.
absl::Status RestoreTargetIndexes(const ConnectionSource& connections, const std::vector<DeferredTarget>& deferred,
                                  size_t lanes, std::vector<InsertSelectOutcome>& outcomes) {
  std::atomic<size_t> next{0};
  std::mutex mutex;
  absl::Status error;
  auto build = [&]() -> absl::Status {
    absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = connections.OpenDestination();
    if (!connection.ok()) return connection.status();
    absl::StatusOr<io::ProgressStore> store = io::ProgressStore::Open(**connection);
    if (!store.ok()) return store.status();
    for (size_t i = next.fetch_add(1); i < deferred.size(); i = next.fetch_add(1)) {
      const absl::Time start = absl::Now();
      if (absl::Status status = io::RestoreIndexes(**connection, *store, deferred[i].pending); !status.ok()) {
        return status;
      }
      outcomes[deferred[i].job].index_build = absl::Now() - start;
    }
    return absl::OkStatus();
  };
  auto work = [&] {
    absl::Status status = build();
    std::lock_guard<std::mutex> lock(mutex);
    if (error.ok()) error = std::move(status);
  };
  std::vector<std::thread> threads;
  for (size_t lane = 1; lane < std::min(lanes, deferred.size()); ++lane) threads.emplace_back(work);
  if (!deferred.empty()) work();
  for (std::thread& thread : threads) thread.join();
  return error;
}

class Lanes {
 public:
  Lanes(const ConnectionSource& connections, const std::vector<InsertSelectJob>& jobs, std::vector<Task> tasks,
        const Cancellation& cancellation)
      : connections_(connections),
        jobs_(jobs),
        tasks_(std::move(tasks)),
        cancellation_(cancellation),
        outcomes_(jobs.size()),
        first_start_(jobs.size(), absl::InfiniteFuture()),
        last_end_(jobs.size(), absl::InfinitePast()) {}

  // Runs the tasks on `lanes` threads; the first of them works on `connection`.
  absl::StatusOr<std::vector<InsertSelectOutcome>> Run(std::unique_ptr<io::MysqlConnection> connection,
                                                       size_t lanes) {
    std::vector<std::thread> threads;
    for (size_t lane = 1; lane < lanes; ++lane) threads.emplace_back([this] { Work(nullptr); });
    Work(std::move(connection));
    for (std::thread& thread : threads) thread.join();
    if (!error_.ok()) return error_;
    for (size_t job = 0; job < jobs_.size(); ++job) {
      if (first_start_[job] < last_end_[job]) outcomes_[job].elapsed = last_end_[job] - first_start_[job];
    }
    return std::move(outcomes_);
  }

 private:
  void Work(std::unique_ptr<io::MysqlConnection> connection) {
    if (connection == nullptr) {
      absl::StatusOr<std::unique_ptr<io::MysqlConnection>> opened = connections_.OpenDestination();
      if (!opened.ok()) return Fail(opened.status());
      connection = std::move(*opened);
    }
    while (!failed_.load()) {
      const size_t next = next_.fetch_add(1);
      if (next >= tasks_.size()) return;
      if (cancellation_.stop_requested()) return Fail(absl::CancelledError("stopped by a stop request"));
      const Task& task = tasks_[next];
      const InsertSelectJob& job = jobs_[task.job];
      const absl::Time start = absl::Now();
      if (absl::Status status = io::RunInsertRange(*connection, job.plan, task.range, job.on_changes); !status.ok()) {
        return Fail(std::move(status));
      }
      std::lock_guard<std::mutex> lock(mutex_);
      outcomes_[task.job].rows += task.range.keys;
      first_start_[task.job] = std::min(first_start_[task.job], start);
      last_end_[task.job] = std::max(last_end_[task.job], absl::Now());
    }
  }

  void Fail(absl::Status status) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (error_.ok()) error_ = std::move(status);
    failed_ = true;
  }

  const ConnectionSource& connections_;
  const std::vector<InsertSelectJob>& jobs_;
  const std::vector<Task> tasks_;
  const Cancellation& cancellation_;
  std::atomic<size_t> next_{0};
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  absl::Status error_;
  std::vector<InsertSelectOutcome> outcomes_;
  std::vector<absl::Time> first_start_;
  std::vector<absl::Time> last_end_;
};

}  // namespace

absl::StatusOr<std::vector<InsertSelectOutcome>> RunInsertSelects(const ConnectionSource& connections,
                                                                  const std::vector<InsertSelectJob>& jobs,
                                                                  const InsertSelectOptions& options,
                                                                  const Cancellation& cancellation) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = connections.OpenDestination();
  if (!connection.ok()) return connection.status();
  std::vector<std::vector<io::InsertRange>> ranges;
  for (const InsertSelectJob& job : jobs) {
    absl::StatusOr<std::vector<io::InsertRange>> planned =
        io::PlanInsertRanges(**connection, job.plan, options.rows_per_range);
    if (!planned.ok()) return planned.status();
    ranges.push_back(std::move(*planned));
  }
  absl::StatusOr<std::vector<DeferredTarget>> deferred =
      DeferTargetIndexes(**connection, jobs, ranges, options.min_rows_to_defer_indexes);
  if (!deferred.ok()) return deferred.status();
  // Taken in turns, so that the lanes mostly write different targets at the same moment.
  std::vector<Task> tasks;
  for (size_t turn = 0, left = 1; left > 0; ++turn) {
    left = 0;
    for (size_t job = 0; job < jobs.size(); ++job) {
      if (turn >= ranges[job].size()) continue;
      tasks.push_back(Task{job, std::move(ranges[job][turn])});
      left += ranges[job].size() - turn - 1;
    }
  }
  const size_t used_lanes = std::clamp<size_t>(tasks.size(), 1, std::max<size_t>(options.lanes, 1));
  Lanes run(connections, jobs, std::move(tasks), cancellation);
  absl::StatusOr<std::vector<InsertSelectOutcome>> outcomes = run.Run(std::move(*connection), used_lanes);
  if (!outcomes.ok()) return outcomes.status();
  if (absl::Status status = RestoreTargetIndexes(connections, *deferred, used_lanes, *outcomes); !status.ok()) {
    return status;
  }
  return outcomes;
}

}  // namespace migrate::pipeline
