#include "tests/support/test_servers.h"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"

namespace migrate::testing {
namespace {

struct SharedServer {
  const char* name;
  std::once_flag started;
  std::unique_ptr<MariadbServer> server;
};

SharedServer source{"source", {}, nullptr};
SharedServer destination{"destination", {}, nullptr};

// Server pids for the signal handler, which may only call async-signal-safe functions.
std::array<std::atomic<int>, 2> running_pids{};

MariadbServer& Get(SharedServer& shared, int slot) {
  std::call_once(shared.started, [&] {
    absl::StatusOr<std::unique_ptr<MariadbServer>> server = MariadbServer::Start(shared.name);
    if (!server.ok()) {
      std::cerr << "cannot start the " << shared.name << " test server: " << server.status() << "\n";
      std::exit(2);
    }
    shared.server = std::move(*server);
    running_pids[slot] = shared.server->pid();
  });
  return *shared.server;
}

void StopAll() {
  for (SharedServer* shared : {&source, &destination}) {
    if (shared->server != nullptr) shared->server->Stop().IgnoreError();
  }
  for (auto& pid : running_pids) pid = 0;
}

extern "C" void StopServersOnSignal(int signal_number) {
  for (auto& pid : running_pids) {
    if (int value = pid.load(); value > 0) kill(value, SIGTERM);
  }
  _exit(128 + signal_number);
}

std::string SanitizedTestName() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info == nullptr ? "no_test" : absl::StrCat(info->test_suite_name(), "_", info->name());
  for (char& c : name) {
    if (!absl::ascii_isalnum(c)) c = '_';
  }
  return absl::AsciiStrToLower(name.substr(0, 50));
}

}  // namespace

MariadbServer& SourceServer() { return Get(source, 0); }
MariadbServer& DestinationServer() { return Get(destination, 1); }

io::ConnectionOptions TestDatabase(MariadbServer& server, absl::string_view suffix) {
  std::string name = SanitizedTestName() + std::string(suffix);
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(server.Options());
  if (!connection.ok()) {
    ADD_FAILURE() << connection.status();
    return server.Options(name);
  }
  absl::Status status = (*connection)->Execute(absl::StrCat("DROP DATABASE IF EXISTS ", io::QuoteIdentifier(name),
                                                            "; CREATE DATABASE ", io::QuoteIdentifier(name)));
  if (!status.ok()) ADD_FAILURE() << status;
  return server.Options(name);
}

}  // namespace migrate::testing

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  signal(SIGINT, migrate::testing::StopServersOnSignal);
  signal(SIGTERM, migrate::testing::StopServersOnSignal);
  signal(SIGHUP, migrate::testing::StopServersOnSignal);
  std::atexit(migrate::testing::StopAll);
  int result = RUN_ALL_TESTS();
  migrate::testing::StopAll();
  return result;
}
