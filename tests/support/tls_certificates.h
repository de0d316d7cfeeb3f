// Certificates for tests of TLS connections, made with the openssl command line.
//
// GenerateTlsFiles() writes into `dir` a self-signed CA and a server certificate it signed, valid for
// the given subjectAltName entries ("IP:127.0.0.1", "DNS:db.example.com"); files are named after
// `label`, so several sets can share a folder. ServerTlsOptions() gives the mariadbd options that
// serve a set (MariadbServer::Start's extra options).
#ifndef MIGRATE_TESTS_SUPPORT_TLS_CERTIFICATES_H_
#define MIGRATE_TESTS_SUPPORT_TLS_CERTIFICATES_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace migrate::testing {

struct TlsFiles {
  std::string ca_cert;
  std::string server_cert;
  std::string server_key;
};

absl::StatusOr<TlsFiles> GenerateTlsFiles(absl::string_view dir, absl::string_view label,
                                          const std::vector<std::string>& subject_alt_names);

std::vector<std::string> ServerTlsOptions(const TlsFiles& files);

}  // namespace migrate::testing

#endif  // MIGRATE_TESTS_SUPPORT_TLS_CERTIFICATES_H_
