// The triggers of a database and whether their definer accounts exist, so that a run can refuse to
// start instead of failing with MariaDB's error 1449 ("The user specified as a definer does not
// exist") at the first write into a table with such a trigger, after other tables were written.
//
// information_schema.TRIGGERS lists only the triggers of tables the account has the TRIGGER
// privilege on. Whether another account exists is read from mysql.global_priv (MariaDB 10.4 and
// later) or mysql.user, which an ordinary account may not read: then the answer is kUnknown.
#ifndef MIGRATE_IO_TRIGGER_DEFINERS_H_
#define MIGRATE_IO_TRIGGER_DEFINERS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "io/mysql_connection.h"

namespace migrate::io {

struct TriggerDefiner {
  std::string table;
  std::string trigger;
  // user@host, as information_schema.TRIGGERS.DEFINER gives it.
  std::string definer;
};

// The triggers of the tables of `database` the account may see, by table and trigger name.
absl::StatusOr<std::vector<TriggerDefiner>> ListTriggerDefiners(MysqlConnection& connection,
                                                                absl::string_view database);

enum class AccountExistence { kExists, kMissing, kUnknown };

// Whether the account `definer` (user@host) exists on the server of `connection`. It does when it
// is the connected account itself.
absl::StatusOr<AccountExistence> DefinerExists(MysqlConnection& connection, absl::string_view definer);

}  // namespace migrate::io

#endif  // MIGRATE_IO_TRIGGER_DEFINERS_H_
