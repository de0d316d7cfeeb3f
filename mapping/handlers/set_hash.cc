// \Migration\Handler\SetHash(hash, baseField): the handled field becomes hash(<baseField of the other
// side>), PHP's function named by `hash`; Magento supports only crc32 (unsigned, in decimal), and
// names any other "<hash> hash algorithm is not supported.". A NULL base value hashes as "".
#include <string>

#include <zlib.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "mapping/handlers/factories.h"

namespace migrate::mapping::handlers {
namespace {

class SetCrc32 : public Handler {
 public:
  SetCrc32(size_t field, size_t base_field) : field_(field), base_field_(base_field) {}

  absl::Status Handle(FieldValues& target, const FieldValues& opposite) const override {
    char digits[absl::numbers_internal::kFastToBufferSize];
    for (size_t row = 0; row < target.row_count(); ++row) {
      const absl::string_view base = opposite.Value(row, base_field_);
      const uLong crc = crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(base.data()),
                              static_cast<uInt>(base.size()));
      char* end = absl::numbers_internal::FastIntToBuffer(static_cast<uint32_t>(crc), digits);
      target.Set(row, field_, absl::string_view(digits, end - digits));
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t base_field_;
};

}  // namespace

HandlerOrError MakeSetHash(const HandlerArgs& args) {
  absl::StatusOr<std::string> hash = args.Required("hash");
  if (!hash.ok()) return hash.status();
  absl::StatusOr<std::string> base_field = args.Required("baseField");
  if (!base_field.ok()) return base_field.status();
  if (*hash != "crc32") return args.Error(absl::StrCat(*hash, " hash algorithm is not supported."));
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  std::optional<size_t> base = args.context().OppositeFieldIndex(*base_field);
  if (!base.has_value()) return args.Error(absl::StrCat("baseField ", *base_field, " is not a field of the other side"));
  return std::make_unique<SetCrc32>(*field, *base);
}

}  // namespace migrate::mapping::handlers
