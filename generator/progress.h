// Reports the load as it goes: on a terminal, one line rewritten in place four times a second
// (tables done, rows, rows/s, and the tables loading now, with their rows); elsewhere, one plain
// line per finished table with its rows, seconds and rows/s; nothing when quiet. Thread-safe:
// loaders call Started() and Finished() concurrently.
#ifndef MIGRATE_SCRIPTS_GENERATOR_PROGRESS_H_
#define MIGRATE_SCRIPTS_GENERATOR_PROGRESS_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "generator/row_sink.h"

namespace migrate::generator {

class Progress {
 public:
  enum class Mode { kQuiet, kLines, kTerminal };

  // kTerminal when `out` is a terminal, else kLines; kQuiet when `quiet`.
  static Mode ModeFor(std::FILE* out, bool quiet);

  Progress(Mode mode, std::FILE* out, size_t tables);
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;
  ~Progress();

  // `sink` is being loaded; its rows() count is read until Finished().
  void Started(const RowSink* sink);
  void Finished(const RowSink* sink, uint64_t rows, double seconds);

 private:
  void Refresh();
  std::string StatusLine();

  const Mode mode_;
  std::FILE* const out_;
  const size_t tables_;
  const std::chrono::steady_clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stopping_ = false;
  std::vector<const RowSink*> loading_;
  size_t finished_tables_ = 0;
  uint64_t finished_rows_ = 0;
  std::thread refresher_;
};

// 1234567 -> "1,234,567".
std::string WithThousands(uint64_t value);

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_PROGRESS_H_
