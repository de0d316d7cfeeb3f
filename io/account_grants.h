// The privileges of the connected account, as SHOW GRANTS lists them, for checks made before a run
// writes anything (see stages/preflight.h and io/trigger_privileges.h).
//
// Global grants (ON *.*), database grants (database names may be LIKE patterns, as MariaDB allows)
// and table grants are understood; column lists and routine grants are ignored, and ALL PRIVILEGES
// holds every privilege. Read() uses SHOW GRANTS, which lists the grants of the roles active in the
// session too; privileges of a role that is not active are not seen. Immutable once built.
#ifndef MIGRATE_IO_ACCOUNT_GRANTS_H_
#define MIGRATE_IO_ACCOUNT_GRANTS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"

namespace migrate::io {

class AccountGrants {
 public:
  // `account` is CURRENT_USER()'s user@host; `lines` are SHOW GRANTS' rows.
  AccountGrants(std::string account, const std::vector<std::string>& lines);

  // CURRENT_USER() and SHOW GRANTS on `connection`.
  static absl::StatusOr<AccountGrants> Read(MysqlConnection& connection);

  // Held on *.*.
  bool Globally(absl::string_view privilege) const;
  // Held on every table of `database`: globally or by a database grant.
  bool OnDatabase(absl::string_view privilege, absl::string_view database) const;
  // The tables of `database` a table grant gives `privilege` on, sorted.
  std::vector<std::string> TablesWith(absl::string_view privilege, absl::string_view database) const;

  // user@host, as CURRENT_USER() gives it.
  const std::string& account() const { return account_; }
  // 'user'@'host', as a GRANT statement names it.
  std::string ForGrant() const { return AccountForGrant(account_); }

  // 'user'@'host' from user@host.
  static std::string AccountForGrant(absl::string_view account);

 private:
  struct Grant {
    std::vector<std::string> privileges;  // upper case; ALL as "ALL PRIVILEGES"
    std::string database;                 // "*" for all
    std::string table;                    // "*" for all
  };

  bool Holds(const Grant& grant, absl::string_view privilege) const;

  std::string account_;
  std::vector<Grant> grants_;
};

}  // namespace migrate::io

#endif  // MIGRATE_IO_ACCOUNT_GRANTS_H_
