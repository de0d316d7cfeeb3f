// A bounded queue of text chunks between the thread that generates a table and the thread that
// streams it to the server.
//
// Push() blocks while the queue is full, so generation never runs far ahead of loading and memory
// stays flat. Close() marks the end of the data; Cancel() (the load failed) makes every later Push()
// drop its chunk and every Pop() return false, so neither side can block forever.
#ifndef MIGRATE_SCRIPTS_GENERATOR_CHUNK_QUEUE_H_
#define MIGRATE_SCRIPTS_GENERATOR_CHUNK_QUEUE_H_

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>

namespace migrate::generator {

class ChunkQueue {
 public:
  explicit ChunkQueue(size_t capacity) : capacity_(capacity) {}

  void Push(std::string chunk);
  // Waits for the next chunk; false once the queue is closed and empty, or cancelled.
  bool Pop(std::string& chunk);
  void Close();
  void Cancel();

 private:
  const size_t capacity_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> chunks_;
  bool closed_ = false;
  bool cancelled_ = false;
};

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_CHUNK_QUEUE_H_
