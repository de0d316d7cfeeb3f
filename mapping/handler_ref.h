// A handler named by a map or settings file: its class, its params and where it was written.
//
// Handlers stay data in mapping/: a registry elsewhere looks them up by ClassKey() and reports an
// unknown class as "<Location()>: unknown handler class <class_name>". Param values are Magento's
// strings; the value "NULL" stands for SQL NULL (IsNull()), as Magento's handlers read it.
#ifndef MIGRATE_MAPPING_HANDLER_REF_H_
#define MIGRATE_MAPPING_HANDLER_REF_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace migrate::mapping {

struct HandlerParam {
  std::string name;
  std::string value;

  bool IsNull() const { return value == "NULL"; }

  bool operator==(const HandlerParam&) const = default;
};

struct HandlerRef {
  // As written, e.g. "\Migration\Handler\SetValue".
  std::string class_name;
  // In file order.
  std::vector<HandlerParam> params;
  // The file and line of the <handler> element.
  std::string file;
  int line = 0;

  // The class without leading backslashes, e.g. "Migration\Handler\SetValue": the registry's key.
  absl::string_view ClassKey() const;

  // The param called `name` (the last one, should the file repeat it), or nullptr.
  const HandlerParam* Param(absl::string_view name) const;

  // "file:line".
  std::string Location() const;

  bool operator==(const HandlerRef&) const = default;
};

}  // namespace migrate::mapping

#endif  // MIGRATE_MAPPING_HANDLER_REF_H_
