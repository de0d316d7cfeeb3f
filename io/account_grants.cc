#include "io/account_grants.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "io/result_set.h"

namespace migrate::io {
namespace {

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

}  // namespace

AccountGrants::AccountGrants(std::string account, const std::vector<std::string>& lines)
    : account_(std::move(account)) {
  for (absl::string_view line : lines) {
    if (!absl::ConsumePrefix(&line, "GRANT ")) continue;
    const size_t on = line.find(" ON ");
    const size_t to = line.find(" TO ");
    if (on == absl::string_view::npos || to == absl::string_view::npos || to < on) continue;
    const absl::string_view object = line.substr(on + 4, to - on - 4);
    // Routine grants (ON PROCEDURE / FUNCTION / PACKAGE) say nothing about tables.
    if (absl::StrContains(object, " ")) continue;
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
    if (dot == absl::string_view::npos) continue;
    Grant grant;
    for (absl::string_view privilege : absl::StrSplit(WithoutColumnLists(line.substr(0, on)), ',')) {
      std::string name = absl::AsciiStrToUpper(absl::StripAsciiWhitespace(privilege));
      if (name == "ALL") name = "ALL PRIVILEGES";
      grant.privileges.push_back(std::move(name));
    }
    grant.database = Unquote(object.substr(0, dot));
    grant.table = Unquote(object.substr(dot + 1));
    grants_.push_back(std::move(grant));
  }
}

absl::StatusOr<AccountGrants> AccountGrants::Read(MysqlConnection& connection) {
  absl::StatusOr<std::string> account = connection.QueryScalar("SELECT CURRENT_USER()");
  if (!account.ok()) return account.status();
  absl::StatusOr<ResultSet> grants = connection.Query("SHOW GRANTS");
  if (!grants.ok()) return grants.status();
  std::vector<std::string> lines;
  for (const Row& row : grants->rows()) lines.push_back(row[0].value_or(""));
  return AccountGrants(*account, lines);
}

bool AccountGrants::Holds(const Grant& grant, absl::string_view privilege) const {
  return std::any_of(grant.privileges.begin(), grant.privileges.end(),
                     [&](const std::string& held) { return held == privilege || held == "ALL PRIVILEGES"; });
}

bool AccountGrants::Globally(absl::string_view privilege) const {
  return std::any_of(grants_.begin(), grants_.end(),
                     [&](const Grant& grant) { return grant.database == "*" && Holds(grant, privilege); });
}

bool AccountGrants::OnDatabase(absl::string_view privilege, absl::string_view database) const {
  return std::any_of(grants_.begin(), grants_.end(), [&](const Grant& grant) {
    const bool applies = grant.database == "*" || (grant.table == "*" && LikeMatch(grant.database, database));
    return applies && Holds(grant, privilege);
  });
}

std::vector<std::string> AccountGrants::TablesWith(absl::string_view privilege, absl::string_view database) const {
  std::vector<std::string> tables;
  for (const Grant& grant : grants_) {
    if (grant.table != "*" && grant.database == database && Holds(grant, privilege)) tables.push_back(grant.table);
  }
  std::sort(tables.begin(), tables.end());
  return tables;
}

std::string AccountGrants::AccountForGrant(absl::string_view account) {
  const size_t at = account.rfind('@');
  if (at == absl::string_view::npos) return absl::StrCat("'", account, "'");
  return absl::StrCat("'", account.substr(0, at), "'@'", account.substr(at + 1), "'");
}

}  // namespace migrate::io
