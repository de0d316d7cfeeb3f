// TLS connections against servers started with certificates generated for the test: a TLS file in
// the options means TLS or nothing, a server certificate from the given CA, for the host name
// connected to unless the name check is relaxed.
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "io/mysql_connection.h"
#include "io/session_setup.h"
#include "tests/support/mariadb_server.h"
#include "tests/support/test_servers.h"
#include "tests/support/tls_certificates.h"

namespace migrate::io {
namespace {

using ::migrate::testing::GenerateTlsFiles;
using ::migrate::testing::MariadbServer;
using ::migrate::testing::ServerTlsOptions;
using ::migrate::testing::TlsFiles;
using ::testing::AllOf;
using ::testing::HasSubstr;

class TlsConnectionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = absl::StrCat(tmp != nullptr ? tmp : "/tmp", "/migrate-tls-certs-XXXXXX");
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = new std::string(pattern);
    absl::StatusOr<TlsFiles> ours = GenerateTlsFiles(*dir_, "ours", {"IP:127.0.0.1", "DNS:localhost"});
    ASSERT_TRUE(ours.ok()) << ours.status();
    absl::StatusOr<TlsFiles> elsewhere = GenerateTlsFiles(*dir_, "elsewhere", {"DNS:db.example.com"});
    ASSERT_TRUE(elsewhere.ok()) << elsewhere.status();
    absl::StatusOr<TlsFiles> stranger = GenerateTlsFiles(*dir_, "stranger", {"IP:127.0.0.1"});
    ASSERT_TRUE(stranger.ok()) << stranger.status();
    ours_ = new TlsFiles(*ours);
    elsewhere_ = new TlsFiles(*elsewhere);
    stranger_ = new TlsFiles(*stranger);

    absl::StatusOr<std::unique_ptr<MariadbServer>> server =
        MariadbServer::Start("tls", ServerTlsOptions(*ours_));
    ASSERT_TRUE(server.ok()) << server.status();
    server_ = server->release();
    absl::StatusOr<std::unique_ptr<MariadbServer>> misnamed =
        MariadbServer::Start("tls-misnamed", ServerTlsOptions(*elsewhere_));
    ASSERT_TRUE(misnamed.ok()) << misnamed.status();
    misnamed_server_ = misnamed->release();
  }

  static void TearDownTestSuite() {
    delete server_;
    delete misnamed_server_;
    delete ours_;
    delete elsewhere_;
    delete stranger_;
    if (dir_ != nullptr) std::filesystem::remove_all(*dir_);
    delete dir_;
  }

  void SetUp() override { ASSERT_NE(misnamed_server_, nullptr) << "the TLS servers did not start"; }

  // The session's TLS cipher, "" when it is in plaintext.
  static std::string Cipher(MysqlConnection& connection) {
    absl::StatusOr<ResultSet> status = connection.Query("SHOW SESSION STATUS LIKE 'Ssl_cipher'");
    EXPECT_TRUE(status.ok()) << status.status();
    if (!status.ok() || status->size() != 1) return "";
    return status->rows()[0][1].value_or("");
  }

  static ConnectionOptions WithCa(const MariadbServer& server, const TlsFiles& files) {
    ConnectionOptions options = server.Options();
    options.allow_multi_statements = false;
    options.ssl_ca = files.ca_cert;
    return options;
  }

  static inline std::string* dir_ = nullptr;
  static inline TlsFiles* ours_ = nullptr;
  static inline TlsFiles* elsewhere_ = nullptr;
  static inline TlsFiles* stranger_ = nullptr;
  static inline MariadbServer* server_ = nullptr;
  static inline MariadbServer* misnamed_server_ = nullptr;
};

TEST_F(TlsConnectionTest, TheRightCaConnectsOverTls) {
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = OpenSourceSession(WithCa(*server_, *ours_));
  ASSERT_TRUE(connection.ok()) << connection.status();
  EXPECT_NE(Cipher(**connection), "");

  // Without any TLS file nothing changes: the session is in plaintext, as the server allows.
  absl::StatusOr<std::unique_ptr<MysqlConnection>> plain = OpenSourceSession(server_->Options());
  ASSERT_TRUE(plain.ok()) << plain.status();
  EXPECT_EQ(Cipher(**plain), "");
}

TEST_F(TlsConnectionTest, ACertificateFromAnotherCaFailsClearly) {
  for (bool verify_name : {true, false}) {
    ConnectionOptions options = WithCa(*server_, *stranger_);
    options.ssl_verify_server_name = verify_name;
    absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = OpenDestinationSession(options);
    ASSERT_FALSE(connection.ok()) << "verify_name " << verify_name;
    EXPECT_THAT(std::string(connection.status().message()),
                AllOf(HasSubstr("TLS connection (ssl_ca, ssl_cert, ssl_key) failed"), HasSubstr("certificate")));
  }
}

TEST_F(TlsConnectionTest, AServerWithoutTlsFailsWhenACaIsGiven) {
  ConnectionOptions options = WithCa(migrate::testing::SourceServer(), *ours_);
  absl::StatusOr<std::unique_ptr<MysqlConnection>> connection = OpenSourceSession(options);
  ASSERT_FALSE(connection.ok());
  EXPECT_THAT(std::string(connection.status().message()),
              AllOf(HasSubstr("TLS connection (ssl_ca, ssl_cert, ssl_key) failed"),
                    HasSubstr("SSL is required, but the server does not support it")));

  // The connector itself would fall back to plaintext here.
  options.ssl_verify_server_name = false;
  absl::StatusOr<std::unique_ptr<MysqlConnection>> relaxed = OpenSourceSession(options);
  ASSERT_FALSE(relaxed.ok());
  EXPECT_THAT(std::string(relaxed.status().message()),
              AllOf(HasSubstr("TLS connection (ssl_ca, ssl_cert, ssl_key) failed"),
                    HasSubstr("the server does not support TLS")));
}

TEST_F(TlsConnectionTest, ACertificateForAnotherHostNameFailsUnlessTheNameCheckIsRelaxed) {
  ConnectionOptions options = WithCa(*misnamed_server_, *elsewhere_);
  absl::StatusOr<std::unique_ptr<MysqlConnection>> refused = OpenSourceSession(options);
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.status().message()),
              AllOf(HasSubstr("TLS connection (ssl_ca, ssl_cert, ssl_key) failed"),
                    HasSubstr("issued for the host name 127.0.0.1"),
                    HasSubstr("Validation of SSL server certificate failed")));

  options.ssl_verify_server_name = false;
  absl::StatusOr<std::unique_ptr<MysqlConnection>> relaxed = OpenSourceSession(options);
  ASSERT_TRUE(relaxed.ok()) << relaxed.status();
  EXPECT_NE(Cipher(**relaxed), "");
}

}  // namespace
}  // namespace migrate::io
