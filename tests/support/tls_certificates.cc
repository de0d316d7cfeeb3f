#include "tests/support/tls_certificates.h"

#include <fstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "tests/support/mariadb_server.h"

namespace migrate::testing {

absl::StatusOr<TlsFiles> GenerateTlsFiles(absl::string_view dir, absl::string_view label,
                                          const std::vector<std::string>& subject_alt_names) {
  const std::string base = absl::StrCat(dir, "/", label);
  TlsFiles files{base + "-ca.pem", base + "-server.pem", base + "-server-key.pem"};
  const std::string ca_key = base + "-ca-key.pem";
  const std::string request = base + "-server.csr";
  const std::string extensions = base + "-server.ext";
  {
    std::ofstream out(extensions);
    out << "subjectAltName=" << absl::StrJoin(subject_alt_names, ",") << "\n";
    if (!out) return absl::InternalError(absl::StrCat("cannot write ", extensions));
  }
  const std::string key = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes";
  const std::vector<std::string> commands = {
      absl::StrCat("openssl req -x509 ", key, " -days 2 -subj '/CN=migrate test CA ", label, "' -keyout '", ca_key,
                   "' -out '", files.ca_cert, "'"),
      absl::StrCat("openssl req -new ", key, " -subj '/CN=", label, " server' -keyout '", files.server_key, "' -out '",
                   request, "'"),
      absl::StrCat("openssl x509 -req -days 2 -set_serial 2 -in '", request, "' -CA '", files.ca_cert, "' -CAkey '",
                   ca_key, "' -extfile '", extensions, "' -out '", files.server_cert, "'"),
  };
  for (const std::string& command : commands) {
    absl::StatusOr<std::string> output = RunCommand(command);
    if (!output.ok()) return output.status();
  }
  return files;
}

std::vector<std::string> ServerTlsOptions(const TlsFiles& files) {
  return {absl::StrCat("--ssl-ca=", files.ca_cert), absl::StrCat("--ssl-cert=", files.server_cert),
          absl::StrCat("--ssl-key=", files.server_key)};
}

}  // namespace migrate::testing
