#include "generator/chunk_queue.h"

#include <utility>

namespace migrate::generator {

void ChunkQueue::Push(std::string chunk) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return cancelled_ || chunks_.size() < capacity_; });
  if (cancelled_) return;
  chunks_.push_back(std::move(chunk));
  changed_.notify_all();
}

bool ChunkQueue::Pop(std::string& chunk) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return cancelled_ || closed_ || !chunks_.empty(); });
  if (cancelled_ || chunks_.empty()) return false;
  chunk = std::move(chunks_.front());
  chunks_.pop_front();
  changed_.notify_all();
  return true;
}

void ChunkQueue::Close() {
  std::lock_guard<std::mutex> lock(mutex_);
  closed_ = true;
  changed_.notify_all();
}

void ChunkQueue::Cancel() {
  std::lock_guard<std::mutex> lock(mutex_);
  cancelled_ = true;
  chunks_.clear();
  changed_.notify_all();
}

}  // namespace migrate::generator
