// \Migration\Handler\StoreGroupCode (map-stores.xml, store_group.code): the code of each store group
// made from its name as Magento does: runs of whitespace become '_', ASCII letters are lowered,
// everything but [a-z0-9_-] is dropped, then leading characters up to the first letter; an empty
// result is "store_group".
// Duplicates: Magento appends "-" and a random md5 to the code of a group whose name it has met
// before, warning "Duplicated code in <document>.<field> Record id <group_id>". Here the check is on
// the code itself (two names giving one code would break the destination's unique key), among the
// rows of one batch, in row order, and the suffix is "-<group_id>" (repeated until unique), so a
// resumed run writes the same codes.
#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "mapping/handlers/factories.h"

namespace migrate::mapping::handlers {
namespace {

bool IsPcreSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string CodeFromName(absl::string_view name) {
  std::string code;
  bool in_space = false;
  for (char c : name) {
    if (IsPcreSpace(c)) {
      if (!in_space) code.push_back('_');
      in_space = true;
      continue;
    }
    in_space = false;
    const char lower = absl::ascii_tolower(static_cast<unsigned char>(c));
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9') || lower == '-' ||
        lower == '_') {
      code.push_back(lower);
    }
  }
  const size_t first_letter = code.find_first_of("abcdefghijklmnopqrstuvwxyz");
  code.erase(0, first_letter == std::string::npos ? code.size() : first_letter);
  if (code.empty()) code = "store_group";
  return code;
}

class StoreGroupCode : public Handler {
 public:
  StoreGroupCode(size_t field, size_t group_id, size_t name, std::string document, std::string field_name,
                 const HandlerContext& context)
      : field_(field),
        group_id_(group_id),
        name_(name),
        document_(std::move(document)),
        field_name_(std::move(field_name)),
        warn_(context.warn) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    absl::flat_hash_set<std::string> taken;
    for (size_t row = 0; row < target.row_count(); ++row) {
      std::string code = CodeFromName(target.Value(row, name_));
      if (taken.contains(code)) {
        const std::string group_id(target.Value(row, group_id_));
        if (warn_) {
          warn_(absl::StrCat("Duplicated code in ", document_, ".", field_name_, " Record id ",
                             group_id));
        }
        while (taken.contains(code)) absl::StrAppend(&code, "-", group_id);
      }
      target.Set(row, field_, code);
      taken.insert(std::move(code));
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t group_id_;
  const size_t name_;
  const std::string document_;
  const std::string field_name_;
  const std::function<void(absl::string_view)> warn_;
};

}  // namespace

HandlerOrError MakeStoreGroupCode(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> group_id = args.Field("group_id");
  if (!group_id.ok()) return group_id.status();
  absl::StatusOr<size_t> name = args.Field("name");
  if (!name.ok()) return name.status();
  return std::make_unique<StoreGroupCode>(*field, *group_id, *name, args.context().document,
                                          args.context().field, args.context());
}

}  // namespace migrate::mapping::handlers
