#include "pipeline/memory_budget.h"

#include <algorithm>
#include <chrono>

namespace migrate::pipeline {
namespace {

// How often a waiter looks at its cancellation, which cannot wake it.
constexpr std::chrono::milliseconds kStopPoll{100};

}  // namespace

bool MemoryBudget::Reserve(size_t bytes, size_t held, const Cancellation& cancellation) {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto ticket = waiting_.insert(waiting_.end(), bytes);
  held_by_waiters_ += held;
  bool granted = false;
  while (!cancellation.stop_requested()) {
    const bool first = ticket == waiting_.begin();
    if (first && (reserved_ + bytes <= limit_ || reserved_ <= held_by_waiters_)) {
      granted = true;
      break;
    }
    released_.wait_for(lock, kStopPoll);
  }
  held_by_waiters_ -= held;
  waiting_.erase(ticket);
  if (granted) Add(bytes);
  lock.unlock();
  released_.notify_all();
  return granted;
}

bool MemoryBudget::TryReserve(size_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!waiting_.empty() || reserved_ + bytes > limit_) return false;
  Add(bytes);
  return true;
}

void MemoryBudget::Charge(size_t bytes) {
  std::lock_guard<std::mutex> lock(mutex_);
  Add(bytes);
}

void MemoryBudget::Release(size_t bytes) {
  if (bytes == 0) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    reserved_ -= std::min(bytes, reserved_);
  }
  released_.notify_all();
}

bool MemoryBudget::contended() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return !waiting_.empty();
}

size_t MemoryBudget::reserved() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return reserved_;
}

size_t MemoryBudget::peak() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return peak_;
}

void MemoryBudget::Add(size_t bytes) {
  reserved_ += bytes;
  peak_ = std::max(peak_, reserved_);
}

}  // namespace migrate::pipeline
