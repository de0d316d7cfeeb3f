// The variants of \Migration\Handler\SerializeToJson for particular documents:
// - SerializeToJson\ItemOption: item options (quote and wishlist) whose `code` matches /option_\d+/
//   (custom options) get json_encode(unserialize(value)); a value unserialize() rejects, and one that
//   is serialized false, stays as it is; json_encode()'s failure writes "". Other codes keep their
//   value. A NULL `code` is Magento's "Field code not found in the record.".
// - SerializeToJson\ConvertWithConditions(conditionalField, conditionalFieldValuesPattern,
//   ignoreBrokenData = true): the same for rows whose conditionalField matches the PHP regex
//   conditionalFieldValuesPattern (php_regex.h); a value unserialize() rejects or that is serialized
//   false stays as it is, with Magento's warning "Could not unserialize data of <document>.<field>
//   with record id <id>". With a falsy ignoreBrokenData, data unserialize() warns about stops the
//   run with that message. A NULL conditional field is Magento's "Conditional field <f> not found in
//   the record.".
// - SerializeToJson\SalesOrderItem: sales order items' product_options. In the unserialized value,
//   each file option's option_value (itself serialized) becomes the JSON string of its value, and so
//   does bundle_selection_attributes; then the whole is json_encode()d. Falsy values ("", "0", a
//   serialized false or empty array) are written as PHP writes them ("", "0", "[]"); NULL stays NULL.
//   Data unserialize() rejects stops the run, as Magento's unserialize() without @ does. Shapes
//   Magento's code would fail on (options that are not arrays, an option_value that is not a string)
//   are left as they are.
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "mapping/handlers/broken_data_report.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_json.h"
#include "mapping/handlers/php_regex.h"
#include "mapping/handlers/php_serialized_edit.h"
#include "mapping/handlers/php_truth.h"
#include "mapping/handlers/php_unserialize.h"

namespace migrate::mapping::handlers {
namespace {

// unserialize(): false where PHP's returns false (also for a serialized false).
bool Unserialize(php::Unserializer& unserializer, absl::string_view value) {
  return unserializer.Parse(value) && unserializer.root().kind != php::Kind::kFalse;
}

bool MatchesItemOptionCode(absl::string_view code) {
  for (size_t pos = code.find("option_"); pos != absl::string_view::npos;
       pos = code.find("option_", pos + 1)) {
    const size_t digit = pos + 7;
    if (digit < code.size() && code[digit] >= '0' && code[digit] <= '9') return true;
  }
  return false;
}

class ItemOption : public Handler {
 public:
  ItemOption(size_t field, size_t code_field) : field_(field), code_field_(code_field) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local php::Unserializer unserializer;
    thread_local php::JsonEncoder encoder;
    thread_local std::string json;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, code_field_)) {
        return absl::FailedPreconditionError("Field code not found in the record.");
      }
      if (target.IsNull(row, field_) || !MatchesItemOptionCode(target.Value(row, code_field_))) continue;
      if (!Unserialize(unserializer, target.Value(row, field_))) continue;
      if (!encoder.Encode(unserializer, json)) json.clear();
      target.Set(row, field_, json);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t code_field_;
};

class ConvertWithConditions : public Handler {
 public:
  ConvertWithConditions(size_t field, size_t conditional_field, std::string conditional_field_name,
                        php::Regex pattern, bool ignore_broken_data, const HandlerContext& context)
      : field_(field),
        conditional_field_(conditional_field),
        conditional_field_name_(std::move(conditional_field_name)),
        pattern_(std::move(pattern)),
        ignore_broken_data_(ignore_broken_data),
        broken_data_(context) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local php::Unserializer unserializer;
    thread_local php::JsonEncoder encoder;
    thread_local std::string json;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, conditional_field_)) {
        return absl::FailedPreconditionError(absl::StrCat(
            "Conditional field ", conditional_field_name_, " not found in the record."));
      }
      if (target.IsNull(row, field_) || !pattern_.Matches(target.Value(row, conditional_field_))) {
        continue;
      }
      const absl::string_view value = target.Value(row, field_);
      const bool parsed = unserializer.Parse(value);
      if (parsed && unserializer.root().kind != php::Kind::kFalse) {
        if (!encoder.Encode(unserializer, json)) json.clear();
        target.Set(row, field_, json);
        continue;
      }
      if (!parsed && !ignore_broken_data_) return broken_data_.Error(target, row);
      broken_data_.Warn(target, row);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const size_t conditional_field_;
  const std::string conditional_field_name_;
  const php::Regex pattern_;
  const bool ignore_broken_data_;
  const BrokenDataReport broken_data_;
};

class SalesOrderItem : public Handler {
 public:
  explicit SalesOrderItem(size_t field, const HandlerContext& context)
      : field_(field), broken_data_(context) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local php::Unserializer unserializer;
    thread_local php::Unserializer nested;
    thread_local php::JsonEncoder encoder;
    thread_local std::vector<php::SerializedEdit> edits;
    thread_local std::string edited;
    thread_local std::string json;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      const absl::string_view value = target.Value(row, field_);
      if (!php::Truthy(false, value)) continue;
      if (!unserializer.Parse(value)) return broken_data_.Error(target, row);
      edits.clear();
      if (!CollectEdits(unserializer, value, nested, encoder, edits)) return broken_data_.Error(target, row);
      const php::Unserializer* graph = &unserializer;
      if (!edits.empty()) {
        php::ApplyEdits(value, edits, edited);
        if (!unserializer.Parse(edited)) return broken_data_.Error(target, row);
      }
      const php::Node& root = graph->root();
      if (root.kind == php::Kind::kNull) {
        target.SetNull(row, field_);
      } else if (!php::NodeTruthy(root)) {
        target.Set(row, field_, FalsyText(root));
      } else {
        if (!encoder.Encode(*graph, json)) json.clear();
        target.Set(row, field_, json);
      }
    }
    return absl::OkStatus();
  }

 private:
  // What PHP writes for a falsy value other than null.
  static absl::string_view FalsyText(const php::Node& node) {
    switch (node.kind) {
      case php::Kind::kInt:
      case php::Kind::kDouble:
        return "0";
      case php::Kind::kString:
        return node.text;
      case php::Kind::kArray:
        return "[]";
      default:
        return "";
    }
  }

  // The edit turning string `node` (serialized data) into the JSON string of its value; false when
  // it does not unserialize.
  static bool JsonOfSerialized(absl::string_view data, const php::Node& node, php::Unserializer& nested,
                               php::JsonEncoder& encoder, std::vector<php::SerializedEdit>& edits) {
    php::SerializedEdit edit;
    if (node.kind != php::Kind::kString || !php::FindStringToken(data, node.text, edit)) return true;
    std::string json;
    if (!php::NodeTruthy(node)) {
      php::AppendJsonString(node.text, json);
    } else {
      if (!nested.Parse(node.text)) return false;
      if (!encoder.Encode(nested, json)) {
        edit.replacement = "b:0";
        edits.push_back(std::move(edit));
        return true;
      }
    }
    edit.replacement = php::SerializedString(json);
    edits.push_back(std::move(edit));
    return true;
  }

  static bool CollectEdits(const php::Unserializer& graph, absl::string_view data,
                           php::Unserializer& nested, php::JsonEncoder& encoder,
                           std::vector<php::SerializedEdit>& edits) {
    const php::Node& root = graph.root();
    if (root.kind != php::Kind::kArray) return true;
    if (const php::Entry* options = php::FindEntry(graph, root, "options"); options != nullptr) {
      const php::Node& list = graph.node(options->node);
      if (list.kind == php::Kind::kArray || list.kind == php::Kind::kObject) {
        for (uint32_t i = 0; i < list.entry_count; ++i) {
          const php::Node& option = graph.node(graph.entry(list.first_entry + i).node);
          if (option.kind != php::Kind::kArray) continue;
          const php::Entry* type = php::FindEntry(graph, option, "option_type");
          if (type == nullptr || graph.node(type->node).kind != php::Kind::kString ||
              graph.node(type->node).text != "file") {
            continue;
          }
          const php::Entry* option_value = php::FindEntry(graph, option, "option_value");
          if (option_value == nullptr) continue;
          if (!JsonOfSerialized(data, graph.node(option_value->node), nested, encoder, edits)) {
            return false;
          }
        }
      }
    }
    if (const php::Entry* bundle = php::FindEntry(graph, root, "bundle_selection_attributes");
        bundle != nullptr && graph.node(bundle->node).kind != php::Kind::kNull) {
      if (!JsonOfSerialized(data, graph.node(bundle->node), nested, encoder, edits)) return false;
    }
    return true;
  }

  const size_t field_;
  const BrokenDataReport broken_data_;
};

}  // namespace

HandlerOrError MakeSerializeToJsonItemOption(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> code = args.Field("code");
  if (!code.ok()) return code.status();
  return std::make_unique<ItemOption>(*field, *code);
}

HandlerOrError MakeSerializeToJsonConvertWithConditions(const HandlerArgs& args) {
  absl::StatusOr<std::string> conditional_field = args.Required("conditionalField");
  if (!conditional_field.ok()) return conditional_field.status();
  absl::StatusOr<std::string> pattern_text = args.Required("conditionalFieldValuesPattern");
  if (!pattern_text.ok()) return pattern_text.status();
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<size_t> conditional = args.Field(*conditional_field);
  if (!conditional.ok()) return conditional.status();
  absl::StatusOr<php::Regex> pattern = php::Regex::Compile(*pattern_text);
  if (!pattern.ok()) {
    return args.Error(absl::StrCat("conditionalFieldValuesPattern: ", pattern.status().message()));
  }
  const HandlerParam* ignore = args.Optional("ignoreBrokenData");
  const bool ignore_broken_data =
      ignore == nullptr || (!ignore->IsNull() && php::Truthy(false, ignore->value));
  return std::make_unique<ConvertWithConditions>(*field, *conditional, *conditional_field,
                                                 *std::move(pattern), ignore_broken_data,
                                                 args.context());
}

HandlerOrError MakeSerializeToJsonSalesOrderItem(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  return std::make_unique<SalesOrderItem>(*field, args.context());
}

}  // namespace migrate::mapping::handlers
