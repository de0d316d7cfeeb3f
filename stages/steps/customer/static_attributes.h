// The Customer Attributes step's transform of customer_entity and customer_address_entity rows:
// the attributes that Magento 2 keeps in static columns (customer-attribute-groups.xml) are read
// from Magento 1's value tables for the batch's entities and set in those columns.
//
// Per batch, one query per backend type: the values of the listed attributes of the batch's
// entity ids, in value_id order, so the last value of an attribute wins (as Magento's UNION ALL).
// A column with no value gets NULL, or, where the column is NOT NULL, its type's empty value ('',
// 0) written explicitly: Magento's non-strict multi-row insert stores that too, while a one-row or
// array-bound insert would fail.
//
// With upgrade_customer_password_hash, password_hash values take Magento 2's form (see
// UpgradePasswordHash). A sha512 hash, which Magento 2 cannot check, leaves the column empty: it
// stays in customer_entity_varchar, where the Data Migration Tool's Magento 2 login plugin checks
// it. (Magento writes it into the column too, where its 133 characters do not fit varchar(128).) Thread-safe: Apply() only reads the transform's state and queries through
// the (serialised) source lookup.
#ifndef MIGRATE_STAGES_STEPS_CUSTOMER_STATIC_ATTRIBUTES_H_
#define MIGRATE_STAGES_STEPS_CUSTOMER_STATIC_ATTRIBUTES_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "mapping/handler.h"
#include "pipeline/batch_transform.h"

namespace migrate::stages::customer {

// Magento 1's "hash:salt" as Magento 2 stores it: an md5 hash (32 characters) becomes
// "hash:salt:0", a sha256 one (64) "hash:salt:1"; anything else (bcrypt, sha512) stays as it is.
std::string UpgradePasswordHash(absl::string_view value);

// Whether `value` ("hash:salt") holds a sha512 hash: 128 characters before the salt.
bool IsSha512Hash(absl::string_view value);

// One attribute filled into a static column.
struct StaticAttribute {
  std::string attribute_id;   // Magento 1's
  std::string backend_type;   // its value table's suffix: varchar, int, datetime, ...
  size_t column = 0;          // the destination batch column it fills
  // The column's value when the entity has none: nullopt (NULL) or the type's empty value.
  std::optional<std::string> empty_value;
  bool is_password_hash = false;
};

class StaticAttributeFill : public pipeline::BatchTransform {
 public:
  // `entity_table` is the Magento 1 entity document (customer_entity); its value tables are
  // <entity_table>_<backend_type>. `id_column` is the destination batch column of entity_id.
  StaticAttributeFill(const mapping::SourceLookup* source, std::string entity_table, size_t id_column,
                      std::vector<StaticAttribute> attributes, bool upgrade_password_hash);

  absl::Status Apply(io::RowBatch& target, const io::RowBatch& opposite) const override;

 private:
  const mapping::SourceLookup* source_;
  const std::string entity_table_;
  const size_t id_column_;
  const std::vector<StaticAttribute> attributes_;
  const bool upgrade_password_hash_;
  // backend type -> its attributes' ids, for the queries
  std::map<std::string, std::vector<std::string>> ids_by_type_;
};

}  // namespace migrate::stages::customer

#endif  // MIGRATE_STAGES_STEPS_CUSTOMER_STATIC_ATTRIBUTES_H_
