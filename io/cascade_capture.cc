#include "io/cascade_capture.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/change_capture.h"
#include "io/mysql_connection.h"

namespace migrate::io {
namespace {

struct Referrer {
  const TableSchema* child;
  const ForeignKeySchema* key;
};

class CascadeFinder {
 public:
  CascadeFinder(const DatabaseSchema& schema, const std::map<std::string, std::vector<std::string>>& tracked,
                size_t max_depth)
      : tracked_(tracked), max_depth_(max_depth) {
    for (const auto& [name, table] : schema) {
      for (const ForeignKeySchema& key : table.foreign_keys) referrers_[key.referenced_table].push_back({&table, &key});
    }
  }

  std::vector<CascadeCapture> From(const std::string& table) {
    std::vector<CascadeCapture> found;
    std::vector<CascadeHop> path;
    std::set<std::string> visited = {table};
    Walk(table, path, visited, found);
    return found;
  }

 private:
  void Walk(const std::string& parent, std::vector<CascadeHop>& path, std::set<std::string>& visited,
            std::vector<CascadeCapture>& found) {
    if (path.size() >= max_depth_) return;
    auto referrers = referrers_.find(parent);
    if (referrers == referrers_.end()) return;
    for (const Referrer& referrer : referrers->second) {
      const std::string& child = referrer.child->name;
      const bool cascade = referrer.key->on_delete == "CASCADE";
      const bool set_null = referrer.key->on_delete == "SET NULL";
      if ((!cascade && !set_null) || visited.contains(child)) continue;
      path.push_back(CascadeHop{referrer.child, referrer.key});
      auto tracked = tracked_.find(child);
      if (tracked != tracked_.end()) found.push_back(CascadeCapture{path, tracked->second, cascade ? "DELETE" : "UPDATE"});
      if (cascade) {
        visited.insert(child);
        Walk(child, path, visited, found);
        visited.erase(child);
      }
      path.pop_back();
    }
  }

  const std::map<std::string, std::vector<std::string>>& tracked_;
  const size_t max_depth_;
  std::map<std::string, std::vector<Referrer>> referrers_;
};

std::string Alias(size_t hop) { return absl::StrCat("c", hop + 1); }

}  // namespace

std::vector<CascadeCapture> FindCascades(const DatabaseSchema& schema, const std::string& table,
                                         const std::map<std::string, std::vector<std::string>>& tracked,
                                         size_t max_depth) {
  return CascadeFinder(schema, tracked, max_depth).From(table);
}

std::string CascadeStatement(const CascadeCapture& capture) {
  const size_t last = capture.path.size() - 1;
  const std::string changelog = QuoteIdentifier(ChangelogName(capture.path[last].child->name));
  std::vector<std::string> columns;
  std::vector<std::string> values;
  for (const std::string& key : capture.key_columns) {
    columns.push_back(QuoteIdentifier(key));
    values.push_back(absl::StrCat(Alias(last), ".", QuoteIdentifier(key)));
  }
  // Hop i joins the child of hop i to the child of hop i-1 (or, for hop 0, to the OLD row).
  std::string from = absl::StrCat(QuoteIdentifier(capture.path[0].child->name), " AS ", Alias(0));
  std::vector<std::string> conditions;
  for (size_t hop = 0; hop < capture.path.size(); ++hop) {
    const ForeignKeySchema& key = *capture.path[hop].key;
    std::vector<std::string> equalities;
    for (size_t i = 0; i < key.columns.size(); ++i) {
      const std::string referenced =
          hop == 0 ? absl::StrCat("OLD.", QuoteIdentifier(key.referenced_columns[i]))
                   : absl::StrCat(Alias(hop - 1), ".", QuoteIdentifier(key.referenced_columns[i]));
      equalities.push_back(absl::StrCat(Alias(hop), ".", QuoteIdentifier(key.columns[i]), " = ", referenced));
    }
    if (hop == 0) {
      conditions = equalities;
    } else {
      absl::StrAppend(&from, " JOIN ", QuoteIdentifier(capture.path[hop].child->name), " AS ", Alias(hop), " ON ",
                      absl::StrJoin(equalities, " AND "));
    }
  }
  return absl::StrCat("INSERT INTO ", changelog, " (", absl::StrJoin(columns, ", "), ", `operation`) SELECT ",
                      absl::StrJoin(values, ", "), ", '", capture.operation, "' FROM ", from, " WHERE ",
                      absl::StrJoin(conditions, " AND "), " ON DUPLICATE KEY UPDATE ", changelog, ".`operation` = '",
                      capture.operation, "', ", changelog, ".`processed` = 0, ", changelog, ".`version` = ",
                      changelog, ".`version` + 1, ", changelog, ".`changed_at` = NOW(6)");
}

}  // namespace migrate::io
