// A stop request shared by everything a run started: set once (Ctrl+C, SIGTERM, or a failure
// elsewhere), read by readers between batches. Work in flight finishes and commits; no new batch
// is read after the request. Safe to call from a signal handler (one lock-free atomic store).
// A cancellation made with a parent also stops when the parent does, so a failing part of a run
// can stop its siblings without stopping the whole run.
#ifndef MIGRATE_PIPELINE_CANCELLATION_H_
#define MIGRATE_PIPELINE_CANCELLATION_H_

#include <atomic>

namespace migrate::pipeline {

class Cancellation {
 public:
  Cancellation() = default;
  explicit Cancellation(const Cancellation* parent) : parent_(parent) {}

  void RequestStop() { stop_.store(true, std::memory_order_relaxed); }
  bool stop_requested() const {
    return stop_.load(std::memory_order_relaxed) || (parent_ != nullptr && parent_->stop_requested());
  }

 private:
  const Cancellation* parent_ = nullptr;
  std::atomic<bool> stop_{false};
  static_assert(std::atomic<bool>::is_always_lock_free);
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_CANCELLATION_H_
