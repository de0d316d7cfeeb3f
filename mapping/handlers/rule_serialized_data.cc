// \Migration\Handler\Rule\SerializedData: catalog and sales rules' conditions_serialized and
// actions_serialized. When the value unserializes to an array, every string in it and in its nested
// arrays (not in objects; keys untouched) goes through Magento's ClassMap::convertClassName(): a
// class the class map names becomes its Magento 2 class, or NULL when it has none; the value is then
// serialized again (php_serialized_edit.h: only the renamed strings' bytes change). NULL and values
// that are not arrays stay. Data unserialize() rejects stops the run with
// "Could not unserialize data of <document>.<field> with record id <id>", as Magento's unserialize()
// without @ does.
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "mapping/handlers/class_map_option.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_serialized_edit.h"
#include "mapping/handlers/php_unserialize.h"

namespace migrate::mapping::handlers {
namespace {

class SerializedData : public Handler {
 public:
  SerializedData(size_t field, std::shared_ptr<const ClassMap> map, const HandlerContext& context)
      : field_(field), map_(std::move(map)), document_(context.document), field_name_(context.field) {
    if (!context.id_field.empty()) id_field_ = context.FieldIndex(context.id_field);
  }

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local php::Unserializer unserializer;
    thread_local std::vector<php::SerializedEdit> edits;
    thread_local absl::flat_hash_set<uint32_t> visited;
    thread_local std::string edited;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      const absl::string_view value = target.Value(row, field_);
      if (!unserializer.Parse(value)) {
        return absl::DataLossError(absl::StrCat(
            "Could not unserialize data of ", document_, ".", field_name_, " with record id ",
            id_field_.has_value() ? target.Value(row, *id_field_) : absl::string_view()));
      }
      if (unserializer.root().kind != php::Kind::kArray) continue;
      edits.clear();
      visited.clear();
      CollectEdits(unserializer, unserializer.root_index(), value, visited, edits);
      if (edits.empty()) continue;
      php::ApplyEdits(value, edits, edited);
      target.Set(row, field_, edited);
    }
    return absl::OkStatus();
  }

 private:
  void CollectEdits(const php::Unserializer& graph, uint32_t array, absl::string_view data,
                    absl::flat_hash_set<uint32_t>& visited, std::vector<php::SerializedEdit>& edits) const {
    if (!visited.insert(array).second) return;
    const php::Node& node = graph.node(array);
    for (uint32_t i = 0; i < node.entry_count; ++i) {
      const uint32_t child = graph.entry(node.first_entry + i).node;
      const php::Node& value = graph.node(child);
      if (value.kind == php::Kind::kArray) {
        CollectEdits(graph, child, data, visited, edits);
        continue;
      }
      if (value.kind != php::Kind::kString || !map_->Has(value.text)) continue;
      php::SerializedEdit edit;
      if (!php::FindStringToken(data, value.text, edit)) continue;
      std::optional<std::string> converted = ConvertClassName(*map_, value.text);
      edit.replacement = converted.has_value() ? php::SerializedString(*converted) : "N";
      edits.push_back(std::move(edit));
    }
  }

  const size_t field_;
  const std::shared_ptr<const ClassMap> map_;
  const std::string document_;
  const std::string field_name_;
  std::optional<size_t> id_field_;
};

}  // namespace

HandlerOrError MakeRuleSerializedData(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<std::shared_ptr<const ClassMap>> map = ClassMapOption(args);
  if (!map.ok()) return map.status();
  return std::make_unique<SerializedData>(*field, *std::move(map), args.context());
}

}  // namespace migrate::mapping::handlers
