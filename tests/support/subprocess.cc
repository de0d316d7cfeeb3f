#include "tests/support/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace migrate::testing {

Subprocess::Subprocess(const std::vector<std::string>& argv, const std::string& working_directory) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp != nullptr ? tmp : "/tmp") + "/migrate-output-XXXXXX";
  int fd = mkstemp(pattern.data());
  output_path_ = pattern;
  pid_ = fork();
  if (pid_ == 0) {
    dup2(fd, STDOUT_FILENO);
    dup2(fd, STDERR_FILENO);
    if (chdir(working_directory.c_str()) != 0) _exit(126);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    execv(args[0], args.data());
    _exit(127);
  }
  close(fd);
}

Subprocess::~Subprocess() {
  if (!waited_ && pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  std::remove(output_path_.c_str());
}

void Subprocess::Kill(int signal_number) {
  if (pid_ > 0 && !waited_) kill(pid_, signal_number);
}

bool Subprocess::Running() {
  if (waited_ || pid_ <= 0) return false;
  struct rusage usage {};
  if (wait4(pid_, &status_, WNOHANG, &usage) != pid_) return true;
  waited_ = true;
  peak_rss_kib_ = usage.ru_maxrss;
  return false;
}

ProcessResult Subprocess::Wait() {
  ProcessResult result;
  if (!waited_ && pid_ > 0) {
    struct rusage usage {};
    wait4(pid_, &status_, 0, &usage);
    waited_ = true;
    peak_rss_kib_ = usage.ru_maxrss;
  }
  if (pid_ > 0) result.exit_code = WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
  result.peak_rss_kib = peak_rss_kib_;
  std::ifstream file(output_path_);
  std::stringstream contents;
  contents << file.rdbuf();
  result.output = contents.str();
  return result;
}

ProcessResult RunProcess(const std::vector<std::string>& argv, const std::string& working_directory) {
  Subprocess process(argv, working_directory);
  return process.Wait();
}

}  // namespace migrate::testing
