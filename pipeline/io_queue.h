// Hands work from a chunk's graph to one of its I/O threads (pipeline/chunk_copy.cc): the graph's
// nodes Push() without waiting; the thread's Pop() sleeps, never spinning, until an item arrives
// or Close() was called and every item was taken. Thread-safe.
#ifndef MIGRATE_PIPELINE_IO_QUEUE_H_
#define MIGRATE_PIPELINE_IO_QUEUE_H_

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace migrate::pipeline {

template <typename T>
class IoQueue {
 public:
  void Push(T item) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      items_.push_back(std::move(item));
    }
    ready_.notify_one();
  }

  void Close() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      closed_ = true;
    }
    ready_.notify_one();
  }

  // The next item, or nullopt once closed and empty.
  std::optional<T> Pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [this] { return closed_ || !items_.empty(); });
    if (items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    return item;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<T> items_;
  bool closed_ = false;
};

}  // namespace migrate::pipeline

#endif  // MIGRATE_PIPELINE_IO_QUEUE_H_
