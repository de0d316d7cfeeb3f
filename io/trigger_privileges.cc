#include "io/trigger_privileges.h"

#include <optional>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "io/result_set.h"

namespace migrate::io {
namespace {

// One GRANT line: its privileges (upper case) and the database it applies to ("*" for all).
struct Grant {
  std::vector<std::string> privileges;
  std::string database;
};

// `name` or `na``me` -> name; a bare * stays *.
std::string Unquote(absl::string_view text) {
  if (text.size() >= 2 && text.front() == '`' && text.back() == '`') {
    std::string name;
    text = text.substr(1, text.size() - 2);
    for (size_t i = 0; i < text.size(); ++i) {
      name.push_back(text[i]);
      if (text[i] == '`' && i + 1 < text.size() && text[i + 1] == '`') ++i;
    }
    return name;
  }
  return std::string(text);
}

// Privilege lists may carry column lists: SELECT (`a`, `b`). Drops them.
std::string WithoutColumnLists(absl::string_view text) {
  std::string result;
  int depth = 0;
  for (char c : text) {
    if (c == '(') ++depth;
    if (depth == 0) result.push_back(c);
    if (c == ')' && depth > 0) --depth;
  }
  return result;
}

std::optional<Grant> ParseGrant(absl::string_view line) {
  if (!absl::ConsumePrefix(&line, "GRANT ")) return std::nullopt;
  const size_t on = line.find(" ON ");
  const size_t to = line.find(" TO ");
  if (on == absl::string_view::npos || to == absl::string_view::npos || to < on) return std::nullopt;
  absl::string_view object = line.substr(on + 4, to - on - 4);
  // Routine grants (ON PROCEDURE / FUNCTION / PACKAGE) say nothing about tables.
  if (absl::StrContains(object, " ")) return std::nullopt;
  Grant grant;
  for (absl::string_view privilege : absl::StrSplit(WithoutColumnLists(line.substr(0, on)), ',')) {
    std::string name = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(privilege));
    if (name == "ALL") name = "ALL PRIVILEGES";
    grant.privileges.push_back(std::move(name));
  }
  // The database part ends at the first dot outside backticks.
  bool quoted = false;
  size_t dot = absl::string_view::npos;
  for (size_t i = 0; i < object.size(); ++i) {
    if (object[i] == '`') quoted = !quoted;
    if (object[i] == '.' && !quoted) {
      dot = i;
      break;
    }
  }
  if (dot == absl::string_view::npos) return std::nullopt;
  grant.database = Unquote(object.substr(0, dot));
  return grant;
}

// MariaDB's matching of a database grant's name: % and _ are wildcards, \ escapes them.
bool LikeMatch(absl::string_view pattern, absl::string_view name) {
  if (pattern.empty()) return name.empty();
  if (pattern[0] == '%') {
    for (size_t skip = 0; skip <= name.size(); ++skip) {
      if (LikeMatch(pattern.substr(1), name.substr(skip))) return true;
    }
    return false;
  }
  if (name.empty()) return false;
  if (pattern[0] == '\\' && pattern.size() > 1) {
    return pattern[1] == name[0] && LikeMatch(pattern.substr(2), name.substr(1));
  }
  if (pattern[0] == '_' || pattern[0] == name[0]) return LikeMatch(pattern.substr(1), name.substr(1));
  return false;
}

bool Has(const std::vector<Grant>& grants, absl::string_view privilege, absl::string_view database,
         bool global_only) {
  for (const Grant& grant : grants) {
    const bool applies = grant.database == "*" || (!global_only && LikeMatch(grant.database, database));
    if (!applies) continue;
    for (const std::string& held : grant.privileges) {
      if (held == privilege || held == "ALL PRIVILEGES") return true;
    }
  }
  return false;
}

// 'user'@'host' for a GRANT statement, from CURRENT_USER()'s user@host.
std::string AccountForGrant(absl::string_view account) {
  const size_t at = account.rfind('@');
  if (at == absl::string_view::npos) return absl::StrCat("'", account, "'");
  return absl::StrCat("'", account.substr(0, at), "'@'", account.substr(at + 1), "'");
}

}  // namespace

absl::Status CheckChangeCaptureAccess(const AccountAccess& access, absl::string_view database) {
  std::vector<Grant> grants;
  for (const std::string& line : access.grants) {
    if (std::optional<Grant> grant = ParseGrant(line)) grants.push_back(std::move(*grant));
  }
  std::vector<std::string> missing;
  for (absl::string_view privilege : {"TRIGGER", "CREATE"}) {
    if (!Has(grants, privilege, database, /*global_only=*/false)) missing.emplace_back(privilege);
  }
  const bool needs_super = access.binary_logging && !access.trust_function_creators &&
                           !Has(grants, "SUPER", database, /*global_only=*/true);
  if (missing.empty() && !needs_super) return absl::OkStatus();

  const std::string account = AccountForGrant(access.account);
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
