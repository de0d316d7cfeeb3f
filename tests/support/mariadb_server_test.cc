// The throwaway server fixture: starts, answers, stops by pid, cleans up, and reports failures.
#include "tests/support/mariadb_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"
#include "tests/support/test_paths.h"

namespace migrate::testing {
namespace {

using ::testing::HasSubstr;

bool ProcessAlive(int pid) { return kill(pid, 0) == 0; }

bool WaitUntilGone(int pid, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (ProcessAlive(pid)) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

std::string Script() { return SourceDir() + "/scripts/mariadb-server"; }

TEST(MariadbServerTest, StartsAnswersAndStopsCleanly) {
  absl::StatusOr<std::unique_ptr<MariadbServer>> server = MariadbServer::Start("fixture");
  ASSERT_TRUE(server.ok()) << server.status();
  const std::string dir = (*server)->dir();
  const int pid = (*server)->pid();

  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open((*server)->Options());
  ASSERT_TRUE(connection.ok()) << connection.status();
  EXPECT_EQ(*(*connection)->QueryScalar("SELECT @@port"), absl::StrCat((*server)->port()));
  EXPECT_EQ(*(*connection)->QueryScalar("SELECT @@character_set_server"), "utf8mb4");
  EXPECT_EQ(*(*connection)->QueryScalar("SELECT @@tmpdir"), dir + "/tmp");
  connection->reset();

  ASSERT_TRUE((*server)->Stop().ok());
  EXPECT_TRUE(WaitUntilGone(pid, std::chrono::seconds(5)));
  EXPECT_FALSE(std::filesystem::exists(dir));
}

TEST(MariadbServerTest, TakenPortIsAClearError) {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  ASSERT_EQ(bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ASSERT_EQ(listen(listener, 1), 0);
  ASSERT_EQ(getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const int port = ntohs(address.sin_port);

  const std::string dir = ::testing::TempDir() + "taken-port";
  absl::StatusOr<std::string> output = RunCommand(absl::StrCat(Script(), " start ", dir, " ", port));
  close(listener);
  ASSERT_FALSE(output.ok());
  EXPECT_THAT(std::string(output.status().message()), HasSubstr(absl::StrCat("port ", port, " on 127.0.0.1 is already taken")));
  std::filesystem::remove_all(dir);
}

TEST(MariadbServerTest, FailedStartShowsTheErrorLog) {
  absl::StatusOr<std::unique_ptr<MariadbServer>> server =
      MariadbServer::Start("bad-option", {"--innodb-buffer-pool-size=not-a-size"});
  ASSERT_FALSE(server.ok());
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("mariadbd exited during start-up"));
  EXPECT_THAT(std::string(server.status().message()), HasSubstr("innodb-buffer-pool-size"));
}

TEST(MariadbServerTest, WatchdogStopsAndRemovesTheServerOfAKilledOwner) {
  int pipe_fds[2];
  ASSERT_EQ(pipe(pipe_fds), 0);
  pid_t owner = fork();
  ASSERT_GE(owner, 0);
  if (owner == 0) {
    close(pipe_fds[0]);
    absl::StatusOr<std::unique_ptr<MariadbServer>> server = MariadbServer::Start("owned");
    int pid = server.ok() ? (*server)->pid() : -1;
    char dir[512] = {};
    if (server.ok()) (*server)->dir().copy(dir, sizeof(dir) - 1);
    if (write(pipe_fds[1], &pid, sizeof(pid)) != sizeof(pid)) _exit(1);
    if (write(pipe_fds[1], dir, sizeof(dir)) != sizeof(dir)) _exit(1);
    pause();
    _exit(0);
  }
  close(pipe_fds[1]);
  int server_pid = -1;
  char dir[512] = {};
  ASSERT_EQ(read(pipe_fds[0], &server_pid, sizeof(server_pid)), static_cast<ssize_t>(sizeof(server_pid)));
  ASSERT_EQ(read(pipe_fds[0], dir, sizeof(dir)), static_cast<ssize_t>(sizeof(dir)));
  close(pipe_fds[0]);
  ASSERT_GT(server_pid, 0);
  EXPECT_TRUE(ProcessAlive(server_pid));

  kill(owner, SIGKILL);
  waitpid(owner, nullptr, 0);
  EXPECT_TRUE(WaitUntilGone(server_pid, std::chrono::seconds(30)))
      << "the server of a killed owner is still running: pid " << server_pid;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::filesystem::exists(dir) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_FALSE(std::filesystem::exists(dir)) << dir << " was left behind";
}

}  // namespace
}  // namespace migrate::testing
