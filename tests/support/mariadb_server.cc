#include "tests/support/mariadb_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

// A port the kernel says is free right now; the start script still checks, and Start() retries.
absl::StatusOr<int> PickFreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return absl::InternalError("socket() failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  bool ok = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
            getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  if (!ok) return absl::InternalError("could not find a free port on 127.0.0.1");
  return ntohs(address.sin_port);
}

std::string ShellQuote(absl::string_view text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "'\\''";
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string ServerScript() { return SourceDir() + "/scripts/mariadb-server"; }

}  // namespace

absl::StatusOr<std::string> RunCommand(const std::string& command_line) {
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return absl::InternalError(absl::StrCat("cannot run: ", command_line));
  std::string output;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof(buffer), pipe)) > 0) output.append(buffer, n);
  int status = pclose(pipe);
  if (status != 0) {
    return absl::InternalError(absl::StrCat("command failed (status ", status, "): ", command_line, "\n", output));
  }
  return output;
}

absl::StatusOr<std::unique_ptr<MariadbServer>> MariadbServer::Start(absl::string_view name,
                                                                    const std::vector<std::string>& extra_options) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/migrate-", name, "-XXXXXX");
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::InternalError(absl::StrCat("cannot create a temporary folder like ", pattern));
  }
  const std::string dir = pattern;
  std::vector<std::string> quoted_options;
  for (const std::string& option : extra_options) quoted_options.push_back(ShellQuote(option));

  absl::Status last_error;
  for (int attempt = 0; attempt < 3; ++attempt) {
    absl::StatusOr<int> port = PickFreePort();
    if (!port.ok()) return port.status();
    std::string command = absl::StrCat(ShellQuote(ServerScript()), " start ", ShellQuote(dir), " ", *port,
                                       " --owner-pid ", getpid(), " -- ", absl::StrJoin(quoted_options, " "));
    absl::StatusOr<std::string> output = RunCommand(command);
    if (!output.ok()) {
      last_error = output.status();
      if (absl::StrContains(output.status().message(), "already taken")) continue;
      break;
    }
    for (absl::string_view field : absl::StrSplit(absl::StripAsciiWhitespace(*output), ' ')) {
      int pid = 0;
      if (absl::ConsumePrefix(&field, "pid=") && absl::SimpleAtoi(field, &pid)) {
        return std::unique_ptr<MariadbServer>(new MariadbServer(dir, *port, pid));
      }
    }
    last_error = absl::InternalError(absl::StrCat("no pid in the start script's output: ", *output));
    break;
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir, ignored);
  return last_error;
}

MariadbServer::MariadbServer(std::string dir, int port, int pid)
    : dir_(std::move(dir)), socket_(dir_ + "/mysqld.sock"), port_(port), pid_(pid) {}

MariadbServer::~MariadbServer() { Stop().IgnoreError(); }

absl::Status MariadbServer::Stop() {
  if (dir_.empty()) return absl::OkStatus();
  absl::StatusOr<std::string> output = RunCommand(absl::StrCat(ShellQuote(ServerScript()), " stop ", ShellQuote(dir_)));
  if (!output.ok()) {
    kill(pid_, SIGKILL);
    return output.status();
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
  dir_.clear();
  return absl::OkStatus();
}

io::ConnectionOptions MariadbServer::Options(absl::string_view database) const {
  io::ConnectionOptions options;
  options.host = "127.0.0.1";
  options.port = static_cast<unsigned int>(port_);
  options.user = "root";
  options.database = std::string(database);
  // Fixtures run multi-statement SQL; the product's sessions turn this off (io/session_setup.h).
  options.allow_multi_statements = true;
  return options;
}

}  // namespace migrate::testing
