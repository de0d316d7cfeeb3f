// The bytes every chunk's rows in flight share: one budget per run (option memory_limit), which
// each reader reserves from before it holds a row and gets back once the row's batch is written.
//
// Reserve() waits its turn, first come first served. A request the limit cannot hold even when
// empty (one row wider than the whole budget) is granted once nothing is reserved but what the
// waiters themselves hold, so it goes through alone instead of waiting forever. TryReserve() never
// waits and never overtakes a waiter: a reader that cannot grow its batch ends the batch there.
// Charge() counts bytes already taken that could not be refused (what the client library buffered,
// what a transform added), so later reservations see them.
//
// A waiter holds nothing it waits for, so no set of waiters can block each other: what is reserved
// belongs to batches on their way to the writer, which give it back without reserving more.
// Thread-safe.
#ifndef MIGRATE_PIPELINE_MEMORY_BUDGET_H_
#define MIGRATE_PIPELINE_MEMORY_BUDGET_H_

#include <condition_variable>
#include <cstddef>
#include <list>
#include <mutex>

#include "pipeline/cancellation.h"

namespace migrate::pipeline {

class MemoryBudget {
 public:
  explicit MemoryBudget(size_t limit_bytes) : limit_(limit_bytes) {}
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  size_t limit() const { return limit_; }

  // Waits until `bytes` more fit, or until nothing is reserved beyond what the waiters hold (the
  // caller holds `held` bytes it keeps while waiting). False, with nothing reserved, once
  // `cancellation` asks to stop.
  bool Reserve(size_t bytes, size_t held, const Cancellation& cancellation);
  // Reserves `bytes` when they fit now and nobody waits; false otherwise.
  bool TryReserve(size_t bytes);
  // Counts `bytes` as reserved at once, over the limit if need be.
  void Charge(size_t bytes);
  void Release(size_t bytes);

  // True while a reservation waits: holders of idle memory should give it back.
  bool contended() const;
  size_t reserved() const;
  // The most ever reserved at once.
  size_t peak() const;

 private:
  void Add(size_t bytes);

  const size_t limit_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  size_t reserved_ = 0;
  size_t peak_ = 0;
  // What each waiter asks for, first come first; held_by_waiters_ is what they keep meanwhile.
  std::list<size_t> waiting_;
  size_t held_by_waiters_ = 0;
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_MEMORY_BUDGET_H_
