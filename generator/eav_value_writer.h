// Writes rows of EAV value tables: catalog ones (value_id, entity_type_id, attribute_id,
// store_id, entity_id, value) and customer ones, which have no store_id. Numbers value_id 1, 2, 3...
//
//   EavValueWriter values(sink, kProductEntity);
//   values.Row(name_id, /*store_id=*/0, product.id).Text("value", product.name).EndRow();
#ifndef MIGRATE_SCRIPTS_GENERATOR_EAV_VALUE_WRITER_H_
#define MIGRATE_SCRIPTS_GENERATOR_EAV_VALUE_WRITER_H_

#include <cstdint>

#include "generator/eav_metadata.h"
#include "generator/row_sink.h"

namespace migrate::generator {

class EavValueWriter {
 public:
  EavValueWriter(RowSink& sink, EntityType entity) : sink_(sink), entity_(entity) {}

  // Starts a catalog value row; the caller writes "value" and ends the row.
  RowSink& Row(uint16_t attribute_id, uint16_t store_id, uint32_t entity_id) {
    return sink_.Int("value_id", ++value_id_)
        .Int("entity_type_id", entity_)
        .Int("attribute_id", attribute_id)
        .Int("store_id", store_id)
        .Int("entity_id", entity_id);
  }

  // Starts a customer or customer address value row (no store scope).
  RowSink& Row(uint16_t attribute_id, uint32_t entity_id) {
    return sink_.Int("value_id", ++value_id_)
        .Int("entity_type_id", entity_)
        .Int("attribute_id", attribute_id)
        .Int("entity_id", entity_id);
  }

 private:
  RowSink& sink_;
  EntityType entity_;
  int64_t value_id_ = 0;
};

}  // namespace migrate::generator

#endif  // MIGRATE_SCRIPTS_GENERATOR_EAV_VALUE_WRITER_H_
