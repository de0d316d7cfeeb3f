#include "io/trigger_privileges.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/account_grants.h"
#include "io/result_set.h"

namespace migrate::io {

absl::Status CheckChangeCaptureAccess(const AccountAccess& access, absl::string_view database) {
  const AccountGrants grants(access.account, access.grants);
  std::vector<std::string> missing;
  for (absl::string_view privilege : {"TRIGGER", "CREATE"}) {
    if (!grants.OnDatabase(privilege, database)) missing.emplace_back(privilege);
  }
  const bool needs_super = access.binary_logging && !access.trust_function_creators && !grants.Globally("SUPER");
  if (missing.empty() && !needs_super) return absl::OkStatus();

  const std::string account = grants.ForGrant();
  std::string message = absl::StrCat("The source account ", account,
                                     " cannot set up change capture for migrate delta on database ", database, ":");
  if (!missing.empty()) {
    absl::StrAppend(&message, " it lacks ", absl::StrJoin(missing, " and "), ". Grant it with: GRANT ",
                    absl::StrJoin(missing, ", "), " ON `", database, "`.* TO ", account, ";");
  }
  if (needs_super) {
    absl::StrAppend(&message,
                    " Binary logging is on, so creating triggers needs SUPER or log_bin_trust_function_creators "
                    "(MariaDB's error 1419). Either GRANT SUPER ON *.* TO ",
                    account, "; or, as an administrator, SET GLOBAL log_bin_trust_function_creators = 1;");
  }
  return absl::FailedPreconditionError(message);
}

absl::Status CheckChangeCapturePrivileges(MysqlConnection& connection, absl::string_view database) {
  AccountAccess access;
  absl::StatusOr<ResultSet> settings =
      connection.Query("SELECT CURRENT_USER(), @@log_bin, @@log_bin_trust_function_creators");
  if (!settings.ok()) return settings.status();
  const Row& row = settings->rows().at(0);
  access.account = row[0].value_or("");
  access.binary_logging = row[1].value_or("0") == "1";
  access.trust_function_creators = row[2].value_or("0") == "1";
  absl::StatusOr<ResultSet> grants = connection.Query("SHOW GRANTS FOR CURRENT_USER()");
  if (!grants.ok()) return grants.status();
  for (const Row& grant : grants->rows()) access.grants.push_back(grant[0].value_or(""));
  return CheckChangeCaptureAccess(access, database);
}

}  // namespace migrate::io
