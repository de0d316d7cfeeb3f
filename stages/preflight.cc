#include "stages/preflight.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/account_grants.h"
#include "io/mysql_connection.h"
#include "io/trigger_definers.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kStage = "checks before any data moves";
constexpr const char* kDestinationPrivileges[] = {"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER"};
// Triggers named per definer in a message; the rest are counted.
constexpr size_t kTriggersNamed = 10;

std::vector<std::string> CheckSource(const io::AccountGrants& grants, const std::string& database) {
  if (grants.OnDatabase("SELECT", database)) return {};
  const std::vector<std::string> tables = grants.TablesWith("SELECT", database);
  std::string held = tables.empty() ? "no SELECT privilege there"
                                    : absl::StrCat("SELECT on only ", tables.size(), " of its tables (",
                                                   absl::StrJoin(tables, ", "), ") by table grants");
  return {absl::StrCat("The source account ", grants.ForGrant(), " cannot read every table of `", database,
                       "`: it has ", held,
                       ". The steps read every source table, and one the account may not read is invisible to it "
                       "(reported as missing from the source). Grant it with: GRANT SELECT ON `",
                       database, "`.* TO ", grants.ForGrant(), ";")};
}

std::vector<std::string> CheckDestination(const io::AccountGrants& grants, const std::string& database) {
  std::vector<std::string> missing;
  for (const char* privilege : kDestinationPrivileges) {
    if (!grants.OnDatabase(privilege, database)) missing.push_back(privilege);
  }
  if (missing.empty()) return {};
  return {absl::StrCat("The destination account ", grants.ForGrant(), " lacks ", absl::StrJoin(missing, ", "),
                       " on `", database,
                       "`, which the run needs on the whole database (it writes the tables, creates, empties and "
                       "renames its progress and backup tables). Grant it with: GRANT ",
                       absl::StrJoin(missing, ", "), " ON `", database, "`.* TO ", grants.ForGrant(), ";")};
}

// "table t trigger g, ..." for the first kTriggersNamed of `triggers`, then how many more.
std::string NameTriggers(const std::vector<const io::TriggerDefiner*>& triggers) {
  std::vector<std::string> named;
  for (size_t i = 0; i < triggers.size() && i < kTriggersNamed; ++i) {
    named.push_back(absl::StrCat("table ", triggers[i]->table, " trigger ", triggers[i]->trigger));
  }
  if (triggers.size() > kTriggersNamed) named.push_back(absl::StrCat("and ", triggers.size() - kTriggersNamed, " more"));
  return absl::StrJoin(named, ", ");
}

std::string TriggersOf(size_t count) { return count == 1 ? "the trigger" : absl::StrCat(count, " triggers"); }

// Problems with the definers of the destination's triggers; warnings for what cannot be checked.
absl::StatusOr<std::vector<std::string>> CheckTriggerDefiners(io::MysqlConnection& connection,
                                                              const io::AccountGrants& grants,
                                                              const std::string& database, const StepLog& log) {
  absl::StatusOr<std::vector<io::TriggerDefiner>> triggers = io::ListTriggerDefiners(connection, database);
  if (!triggers.ok()) return triggers.status();
  // MariaDB shows the definer only to an account with the TRIGGER privilege on the table.
  std::map<std::string, std::vector<const io::TriggerDefiner*>> by_definer;
  for (const io::TriggerDefiner& trigger : *triggers) by_definer[trigger.definer].push_back(&trigger);

  std::vector<std::string> problems;
  for (const auto& [definer, fired] : by_definer) {
    if (definer.empty()) {
      log.Warning(absl::StrCat(
          "The definers of ", TriggersOf(fired.size()), " of `", database, "` (", NameTriggers(fired),
          ") are hidden from the destination account ", grants.ForGrant(),
          ", which has no TRIGGER privilege on their tables, so they are not checked: a trigger whose definer "
          "account does not exist makes every write into its table fail (error 1449). To have them checked: "
          "GRANT TRIGGER ON `",
          database, "`.* TO ", grants.ForGrant(), ";"));
      continue;
    }
    absl::StatusOr<io::AccountExistence> exists = io::DefinerExists(connection, definer);
    if (!exists.ok()) return exists.status();
    if (*exists == io::AccountExistence::kExists) continue;
    const std::string account = io::AccountGrants::AccountForGrant(definer);
    if (*exists == io::AccountExistence::kUnknown) {
      log.Warning(absl::StrCat("Cannot tell whether ", account, ", the definer of ", TriggersOf(fired.size()), " of `",
                               database, "` (", NameTriggers(fired), "), exists: the destination account ",
                               grants.ForGrant(),
                               " may not read mysql.global_priv or mysql.user. If it does not exist, writes into "
                               "those tables fail with error 1449. To have it checked: GRANT SELECT ON "
                               "mysql.global_priv TO ",
                               grants.ForGrant(), ";"));
      continue;
    }
    problems.push_back(absl::StrCat(
        "The definer ", account, " of ", TriggersOf(fired.size()), " of `", database, "` (", NameTriggers(fired),
        ") does not exist on the destination server, so every write into ",
        fired.size() == 1 ? "that table" : "those tables",
        " would fail with error 1449 (\"The user specified as a definer does not exist\"). Create the account, "
        "e.g. CREATE USER ",
        account, " IDENTIFIED BY '...'; GRANT ALL ON `", database, "`.* TO ", account,
        "; or recreate the triggers with an existing definer (DROP TRIGGER, then CREATE DEFINER = CURRENT_USER "
        "TRIGGER ...)"));
  }
  return problems;
}

}  // namespace

absl::Status RunPreflightChecks(RunContext& context) {
  const StepLog log(context.log(), LogContext{context.options().mode, std::string(kStage), ""});
  std::vector<std::string> problems;

  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();
  absl::StatusOr<io::AccountGrants> source_grants = io::AccountGrants::Read(**source);
  if (!source_grants.ok()) return source_grants.status();
  for (std::string& problem : CheckSource(*source_grants, context.connections().source().database)) {
    problems.push_back(std::move(problem));
  }

  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  absl::StatusOr<io::AccountGrants> destination_grants = io::AccountGrants::Read(**destination);
  if (!destination_grants.ok()) return destination_grants.status();
  const std::string& database = context.connections().destination().database;
  for (std::string& problem : CheckDestination(*destination_grants, database)) problems.push_back(std::move(problem));
  absl::StatusOr<std::vector<std::string>> definers =
      CheckTriggerDefiners(**destination, *destination_grants, database, log);
  if (!definers.ok()) return definers.status();
  for (std::string& problem : *definers) problems.push_back(std::move(problem));

  if (problems.empty()) return absl::OkStatus();
  for (const std::string& problem : problems) log.Error(problem);
  return absl::FailedPreconditionError(absl::StrCat(
      "Nothing was migrated: ", problems.size() == 1 ? "a check" : absl::StrCat(problems.size(), " checks"),
      " before any data moves failed (see above)"));
}

}  // namespace migrate::stages
