// Magento's class-map.xml (class-map.xsd): Magento 1 class aliases and their Magento 2 classes.
//
// Each <rename> has a <from> and a <to>; an empty <to> means the class has no Magento 2
// counterpart. As in Magento's ClassMap reader, a later rename of the same <from> wins.
//
// Immutable once read: every query is const and safe from many threads at once.
#ifndef MIGRATE_MAPPING_CLASS_MAP_H_
#define MIGRATE_MAPPING_CLASS_MAP_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace migrate::mapping {

struct ClassRename {
  std::string from;
  // "" when the class has no Magento 2 counterpart.
  std::string to;
  int line = 0;
};

class ClassMapReader;

class ClassMap {
 public:
  static absl::StatusOr<ClassMap> Read(const std::string& path);
  static absl::StatusOr<ClassMap> Parse(const std::string& path, absl::string_view xml);

  const std::string& file() const { return file_; }
  // In file order.
  const std::vector<ClassRename>& renames() const { return renames_; }

  // Magento's hasMap(): whether the file names `from` at all.
  bool Has(absl::string_view from) const { return index_.contains(from); }
  // Magento's convertClassName(): the Magento 2 class, or "" when unknown or without counterpart.
  std::string Convert(absl::string_view from) const;

 private:
  friend class ClassMapReader;

  ClassMap() = default;

  std::string file_;
  std::vector<ClassRename> renames_;
  // from -> position in renames_ of its last rename.
  absl::flat_hash_map<std::string, size_t> index_;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_CLASS_MAP_H_
