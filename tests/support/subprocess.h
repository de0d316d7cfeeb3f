// Runs a program of the build (e.g. the migrate binary) as a child process, for tests that judge a
// command by its exit code and output, or kill it in the middle.
#ifndef MIGRATE_TESTS_SUPPORT_SUBPROCESS_H_
#define MIGRATE_TESTS_SUPPORT_SUBPROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace migrate::testing {

struct ProcessResult {
  // The exit code, or 128 + the signal that ended the process.
  int exit_code = -1;
  // Standard output and standard error, interleaved.
  std::string output;
  // The process's peak resident memory (its VmHWM, from wait4's rusage), in KiB.
  long peak_rss_kib = 0;
};

class Subprocess {
 public:
  // Starts `argv` (argv[0] is a path) in `working_directory`, output going to a file.
  Subprocess(const std::vector<std::string>& argv, const std::string& working_directory);
  Subprocess(const Subprocess&) = delete;
  Subprocess& operator=(const Subprocess&) = delete;
  // Kills the process if it still runs.
  ~Subprocess();

  pid_t pid() const { return pid_; }
  void Kill(int signal_number);
  // False once the process has ended (its exit code is kept for Wait()).
  bool Running();
  // Waits for the end and returns the exit code and output.
  ProcessResult Wait();

 private:
  pid_t pid_ = -1;
  std::string output_path_;
  bool waited_ = false;
  int status_ = 0;
  long peak_rss_kib_ = 0;
};

// Starts `argv` and waits for it.
ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& working_directory = ".");

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_SUPPORT_SUBPROCESS_H_
