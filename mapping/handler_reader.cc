#include "mapping/handler_reader.h"

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "mapping/xml_schema.h"
#include "mapping/xsd_types.h"

namespace migrate::mapping {

absl::StatusOr<HandlerRef> ReadHandler(const XmlDocument& document, const XmlNode& handler,
                                       HandlerSchema schema) {
  if (absl::Status status = CheckAttributes(document, handler, {"class"}, {}); !status.ok()) {
    return status;
  }
  HandlerRef ref;
  ref.class_name = AttributeValue(handler, "class");
  ref.file = document.file_name();
  ref.line = document.LineOf(handler);
  const bool valid_class = schema == HandlerSchema::kMap
                               ? xsd::IsMapHandlerClass(ref.class_name)
                               : xsd::IsSettingsHandlerClass(ref.class_name);
  if (!valid_class) {
    return document.ErrorAt(
        handler, absl::StrCat("handler class \"", ref.class_name, "\" is not a valid class name"));
  }
  const CheckedChildren params =
      MatchChildren(document, handler, {.particles = {{{"param"}, 0, kUnbounded}}});
  absl::flat_hash_set<std::string> names;
  for (const XmlNode* param : params.elements) {
    if (absl::Status status = CheckAttributes(document, *param, {"name", "value"}, {});
        !status.ok()) {
      return status;
    }
    if (absl::Status status = CheckEmpty(document, *param); !status.ok()) return status;
    HandlerParam value{AttributeValue(*param, "name"), AttributeValue(*param, "value")};
    if (schema == HandlerSchema::kMap && !names.insert(value.name).second) {
      return document.ErrorAt(*param,
                              absl::StrCat("param ", value.name, " is repeated in <handler>"));
    }
    ref.params.push_back(std::move(value));
  }
  if (!params.offence.ok()) return params.offence;
  return ref;
}

}  // namespace migrate::mapping
