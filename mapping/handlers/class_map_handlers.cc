// The handlers that rename Magento 1 class aliases through the class map (class_map_option.h):
// - \Migration\Handler\ClassMap: a value the map names with a Magento 2 class becomes that class;
//   any other value (NULL, unknown, mapped to nothing) stays.
// - \Migration\Handler\Placeholder: CMS and email content with a {{widget or {{block directive
//   (/({{widget|{{block).*}}/mU) gets, as Magento's handler does, every `type="<alias>"` of a mapped
//   class replaced by `type="<Magento 2 class>"` (backslashes doubled, as directives escape them),
//   the module cut from template paths ('/({{widget|{{block)(.*template=")(.*\/)(.*".*}})/mU' ->
//   '$1$2$4'), and the widgets still of a Magento 1 type removed
//   ('/{{widget type="[\w\-_]+\/[\w\-_]+".+}}/mU'). Magento replaces the types one class after
//   another; here each `type="..."` is looked up once, which is the same unless a Magento 2 class
//   written with doubled backslashes is itself an alias in the map (then creation fails).
#include <string>
#include <utility>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "mapping/handlers/class_map_option.h"
#include "mapping/handlers/factories.h"
#include "mapping/handlers/php_regex.h"

namespace migrate::mapping::handlers {
namespace {

class ClassMapHandler : public Handler {
 public:
  ClassMapHandler(size_t field, std::shared_ptr<const ClassMap> map) : field_(field), map_(std::move(map)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      const absl::string_view value = target.Value(row, field_);
      if (!map_->Has(value)) continue;
      const std::string converted = map_->Convert(value);
      if (!converted.empty()) target.Set(row, field_, converted);
    }
    return absl::OkStatus();
  }

 private:
  const size_t field_;
  const std::shared_ptr<const ClassMap> map_;
};

class Placeholder : public Handler {
 public:
  Placeholder(size_t field, absl::flat_hash_map<std::string, std::string> types, php::Regex has_directive,
              php::Regex template_module, php::Regex magento1_widget)
      : field_(field),
        types_(std::move(types)),
        has_directive_(std::move(has_directive)),
        template_module_(std::move(template_module)),
        magento1_widget_(std::move(magento1_widget)) {}

  absl::Status Handle(FieldValues& target, const FieldValues&) const override {
    thread_local std::string renamed;
    thread_local std::string cut;
    thread_local std::string cleaned;
    for (size_t row = 0; row < target.row_count(); ++row) {
      if (target.IsNull(row, field_)) continue;
      const absl::string_view content = target.Value(row, field_);
      if (!has_directive_.Matches(content)) continue;
      RenameTypes(content, renamed);
      if (!template_module_.Replace(renamed, "$1$2$4", cut)) cut.clear();
      if (!magento1_widget_.Replace(cut, "", cleaned)) cleaned.clear();
      target.Set(row, field_, cleaned);
    }
    return absl::OkStatus();
  }

 private:
  // Replaces each `type="<alias>"` of a mapped alias.
  void RenameTypes(absl::string_view content, std::string& out) const {
    static constexpr absl::string_view kType = "type=\"";
    out.clear();
    size_t copied = 0;
    size_t pos = content.find(kType);
    while (pos != absl::string_view::npos) {
      const size_t name_start = pos + kType.size();
      const size_t name_end = content.find('"', name_start);
      if (name_end == absl::string_view::npos) break;
      auto it = types_.find(content.substr(name_start, name_end - name_start));
      if (it == types_.end()) {
        pos = content.find(kType, pos + 1);
        continue;
      }
      out.append(content.data() + copied, name_start - copied);
      out.append(it->second);
      copied = name_end;
      pos = content.find(kType, name_end + 1);
    }
    out.append(content.data() + copied, content.size() - copied);
  }

  const size_t field_;
  // Alias -> Magento 2 class with doubled backslashes.
  const absl::flat_hash_map<std::string, std::string> types_;
  const php::Regex has_directive_;
  const php::Regex template_module_;
  const php::Regex magento1_widget_;
};

}  // namespace

HandlerOrError MakeClassMap(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<std::shared_ptr<const ClassMap>> map = ClassMapOption(args);
  if (!map.ok()) return map.status();
  return std::make_unique<ClassMapHandler>(*field, *std::move(map));
}

HandlerOrError MakePlaceholder(const HandlerArgs& args) {
  absl::StatusOr<size_t> field = args.HandledField();
  if (!field.ok()) return field.status();
  absl::StatusOr<std::shared_ptr<const ClassMap>> map = ClassMapOption(args);
  if (!map.ok()) return map.status();
  absl::flat_hash_map<std::string, std::string> types;
  for (const ClassRename& rename : (*map)->renames()) {
    if (types.contains(rename.from)) continue;
    const std::string to = (*map)->Convert(rename.from);
    if (!to.empty()) types.emplace(rename.from, absl::StrReplaceAll(to, {{"\\", "\\\\"}}));
  }
  for (const auto& [alias, escaped] : types) {
    if (types.contains(escaped)) {
      return args.Error(absl::StrCat("class map renames ", alias, " to ", escaped,
                                     ", itself a renamed alias"));
    }
  }
  absl::StatusOr<php::Regex> has_directive = php::Regex::Compile("/({{widget|{{block).*}}/mU");
  absl::StatusOr<php::Regex> template_module =
      php::Regex::Compile("/({{widget|{{block)(.*template=\")(.*\\/)(.*\".*}})/mU");
  absl::StatusOr<php::Regex> magento1_widget =
      php::Regex::Compile("/{{widget type=\"[\\w\\-_]+\\/[\\w\\-_]+\".+}}/mU");
  for (const auto* regex : {&has_directive, &template_module, &magento1_widget}) {
    if (!regex->ok()) return regex->status();
  }
  return std::make_unique<Placeholder>(*field, std::move(types), *std::move(has_directive),
                                       *std::move(template_module), *std::move(magento1_widget));
}

}  // namespace migrate::mapping::handlers
