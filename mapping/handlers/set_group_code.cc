// \Migration\Handler\EavAttributeGroup\SetGroupCode: eav_attribute_group.attribute_group_code from the
// row's attribute_group_name, as Magento's AttributeGroupNameToCodeMap gives it: the name without a
// leading "Migration_" is looked up in {General: product-details, Prices: advanced-pricing, Design:
// design}; any other name is lowercased (ASCII) with every run of characters outside [a-z0-9]
// replaced by "-" ("Gift Options" -> "gift-options", "Migration_Meta" -> "migration-meta"). A NULL
// name gives "". Magento also looks up each row's entity type, which that map then ignores, so this
// reads nothing from the source.
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/strip.h"
#include "mapping/handlers/factories.h"

namespace migrate::mapping::handlers {
namespace {

bool IsCodeChar(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

void GroupCode(absl::string_view name, std::string& code) {
  absl::string_view original = name;
  absl::ConsumePrefix(&original, "Migration_");
  if (original == "General") {
    code = "product-details";
    return;
  }
  if (original == "Prices") {
    code = "advanced-pricing";
    return;
  }
  if (original == "Design") {
    code = "design";
    return;
  }
  code.clear();
  bool in_run = false;
  for (char c : name) {
    c = absl::ascii_tolower(static_cast<unsigned char>(c));
    if (IsCodeChar(c)) {
      code.push_back(c);
      in_run = false;
    } else if (!in_run) {
      code.push_back('-');
      in_run = true;
    }
  }
}

class SetGroupCode : public Handler {
 public:
  SetGroupCode(size_t field, size_t group_name) : field_(field), group_name_(group_name) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local std::string code;
    for (size_t row = 0; row < target.row_count(); ++row) {
      GroupCode(target.Value(row, group_name_), code);
      target.Set(row, field_, code);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t group_name_;
};

}  // namespace

HandlerOrError MakeEavAttributeGroupSetGroupCode(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> group_name = args.Field("attribute_group_name");
  if (!group_name.ok()) return group_name.status();
  if (absl::StatusOr<size_t> set_id = args.Field("attribute_set_id"); !set_id.ok()) return set_id.status();
  return std::make_unique<SetGroupCode>(*field, *group_name);
}

}  // namespace migrate::mapping::handlers
