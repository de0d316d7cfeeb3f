#include "pipeline/parallel_insert_select.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <utility>

#include "absl/time/clock.h"

namespace migrate::pipeline {
namespace {

struct Task {
  size_t job;
  io::InsertRange range;
};

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
                                                                  size_t lanes, size_t rows_per_range,
                                                                  const Cancellation& cancellation) {
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = connections.OpenDestination();
  if (!connection.ok()) return connection.status();
  std::vector<std::vector<io::InsertRange>> ranges;
  for (const InsertSelectJob& job : jobs) {
    absl::StatusOr<std::vector<io::InsertRange>> planned = io::PlanInsertRanges(**connection, job.plan, rows_per_range);
    if (!planned.ok()) return planned.status();
    ranges.push_back(std::move(*planned));
  }
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
  const size_t used_lanes = std::clamp<size_t>(tasks.size(), 1, std::max<size_t>(lanes, 1));
  Lanes run(connections, jobs, std::move(tasks), cancellation);
  return run.Run(std::move(*connection), used_lanes);
}

}  // namespace migrate::pipeline
