#include "stages/steps/post_processing_leftouts.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/attribute_rows.h"
#include "io/eav_value_cleanup.h"
#include "io/mysql_connection.h"
#include "mapping/groups.h"
#include "stages/step_registry.h"
#include "stages/steps/post_processing_step.h"
#include "stages/steps/step_copy.h"

namespace migrate::stages {
namespace {

constexpr absl::string_view kMapData = "Migration\\Step\\Map\\Data";
constexpr absl::string_view kPostProcessingData = "Migration\\Step\\PostProcessing\\Data";
// The data stages that write eav_attribute.
constexpr absl::string_view kEavAttributeWriters[] = {"Migration\\Step\\Eav\\Data", "Migration\\Step\\Customer\\Data"};
constexpr absl::string_view kUrlPathDocument = "catalog_product_entity_varchar";
constexpr absl::string_view kAttributeId = "attribute_id";

std::string DataClass(const mapping::StepConfig& step) {
  const mapping::StageClass* data = step.Stage(mapping::StageKind::kData);
  return data == nullptr ? std::string() : NormalizeClassName(data->class_name);
}

// Why the rows PostProcessing would delete cannot be left out of the copy at all, or "" when they can.
std::string WhyNotAtAll(const std::vector<mapping::StepConfig>& steps, absl::string_view map_step,
                        const std::vector<DocumentPair>& pairs, bool* post_processing_follows) {
  *post_processing_follows = false;
  auto map = std::find_if(steps.begin(), steps.end(), [&](const mapping::StepConfig& step) {
    return step.title == map_step && DataClass(step) == kMapData;
  });
  if (map == steps.end()) return "no Map data stage";
  auto post_processing = std::find_if(
      map + 1, steps.end(), [](const mapping::StepConfig& step) { return DataClass(step) == kPostProcessingData; });
  if (post_processing == steps.end()) return "PostProcessing does not run after Map";
  *post_processing_follows = true;
  for (auto step = map + 1; step != post_processing; ++step) {
    const std::string data = DataClass(*step);
    if (std::find(std::begin(kEavAttributeWriters), std::end(kEavAttributeWriters), data) !=
        std::end(kEavAttributeWriters)) {
      return absl::StrCat("step ", step->title, " writes eav_attribute between Map and PostProcessing");
    }
  }
  for (const DocumentPair& pair : pairs) {
    if (pair.plan.destination_document == "eav_attribute") return "Map writes eav_attribute itself";
  }
  return "";
}

// Why `pair`'s copy must keep every row, or "" when its attribute_id reaches `plan`'s destination unchanged.
std::string WhyCopiedWhole(const DocumentPair& pair, const pipeline::CopyPlan& plan, size_t writers) {
  if (writers > 1) return "other documents write its table";
  if (plan.write_mode != io::WriteMode::kInsert || !plan.clear_destination) return "upserted";
  if (!plan.filter.empty()) return "filtered already";
  if (pair.source->FindColumn(kAttributeId) == nullptr || pair.destination->FindColumn(kAttributeId) == nullptr) {
    return "no attribute_id on one side";
  }
  auto copied = std::find_if(plan.destination_columns.begin(), plan.destination_columns.end(),
                             [](const pipeline::DestinationColumn& column) { return column.name == kAttributeId; });
  if (copied == plan.destination_columns.end() || !copied->source_index.has_value() ||
      plan.source_columns[*copied->source_index] != kAttributeId) {
    return "attribute_id is not copied from attribute_id";
  }
  auto on_attribute_id = [](const mapping::FieldHandler& handler) { return handler.field == kAttributeId; };
  if (std::any_of(pair.plan.source_handlers.begin(), pair.plan.source_handlers.end(), on_attribute_id) ||
      std::any_of(pair.plan.destination_handlers.begin(), pair.plan.destination_handlers.end(), on_attribute_id)) {
    return "a handler on attribute_id";
  }
  return "";
}

// The attribute ids of `present` that `defined` lacks (and NULL, when present holds it).
io::AttributeIdSet Undefined(const io::AttributeIdSet& present, const std::vector<int64_t>& defined) {
  io::AttributeIdSet undefined;
  undefined.null = present.null;
  std::set_difference(present.ids.begin(), present.ids.end(), defined.begin(), defined.end(),
                      std::back_inserter(undefined.ids));
  return undefined;
}

io::AttributeIdSet Union(const io::AttributeIdSet& a, const std::vector<int64_t>& b) {
  io::AttributeIdSet both;
  both.null = a.null;
  std::set_union(a.ids.begin(), a.ids.end(), b.begin(), b.end(), std::back_inserter(both.ids));
  return both;
}

}  // namespace

absl::Status LeaveOutPostProcessingLeftovers(RunContext& context, absl::string_view map_step,
                                             const std::vector<DocumentPair>& pairs,
                                             std::vector<pipeline::CopyPlan>& plans, const StepLog& log) {
  constexpr absl::string_view kNothing = "copying every row PostProcessing would delete: ";
  bool post_processing_follows = false;
  const std::string why_not =
      WhyNotAtAll(context.config().Steps(context.options().mode), map_step, pairs, &post_processing_follows);
  if (!why_not.empty()) {
    if (post_processing_follows) log.Info(absl::StrCat(kNothing, why_not));
    return absl::OkStatus();
  }
  absl::StatusOr<std::string> path = context.ResolveFileOption(kPostProcessingGroupsOption);
  if (!path.ok()) return path.status();
  absl::StatusOr<mapping::Groups> groups = mapping::Groups::Read(*path);
  if (!groups.ok()) return groups.status();
  std::set<std::string> leftover_documents;
  if (const mapping::Group* group = groups->Find(kLeftoverValuesGroup)) {
    for (const std::string& name : group->Names()) leftover_documents.insert(name);
  }
  absl::StatusOr<const io::DatabaseSchema*> schema = context.DestinationSchema();
  if (!schema.ok()) return schema.status();
  const io::TableSchema* eav_attribute = FindDocument(**schema, context.prefixes().destination, "eav_attribute");
  const io::TableSchema* entity_type = FindDocument(**schema, context.prefixes().destination, "eav_entity_type");
  if (eav_attribute == nullptr || entity_type == nullptr) {
    log.Info(absl::StrCat(kNothing, "the destination lacks eav_attribute or eav_entity_type"));
    return absl::OkStatus();
  }

  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> destination = context.connections().OpenDestination();
  if (!destination.ok()) return destination.status();
  absl::StatusOr<std::vector<int64_t>> defined = io::DefinedAttributeIds(**destination, *eav_attribute);
  if (!defined.ok()) return defined.status();
  absl::StatusOr<std::vector<int64_t>> url_paths = io::FindAttributeIds(
      **destination, *eav_attribute, *entity_type, kPostProcessingProductType, "attribute_code", "url_path");
  if (!url_paths.ok()) return url_paths.status();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> source = context.connections().OpenSource();
  if (!source.ok()) return source.status();

  std::map<std::string, size_t> writers;
  for (const pipeline::CopyPlan& plan : plans) ++writers[plan.destination_table];
  int64_t total = 0;
  std::vector<std::string> counts;
  std::vector<std::string> whole;
  for (size_t i = 0; i < pairs.size(); ++i) {
    const DocumentPair& pair = pairs[i];
    pipeline::CopyPlan& plan = plans[i];
    const bool leftovers = leftover_documents.contains(pair.plan.destination_document);
    const bool url_path = pair.plan.destination_document == kUrlPathDocument;
    if (!leftovers && !url_path) continue;
    if (std::string why = WhyCopiedWhole(pair, plan, writers[plan.destination_table]); !why.empty()) {
      whole.push_back(absl::StrCat(pair.plan.destination_document, " (", why, ")"));
      continue;
    }
    io::AttributeIdSet left_out;
    if (leftovers) {
      absl::StatusOr<io::AttributeIdSet> present = io::PresentAttributeIds(**source, *pair.source);
      if (!present.ok()) return present.status();
      left_out = Undefined(*present, *defined);
    }
    if (url_path) left_out = Union(left_out, *url_paths);
    if (left_out.empty()) continue;
    absl::StatusOr<uint64_t> rows = io::CountRowsOfAttributes(**source, *pair.source, left_out);
    if (!rows.ok()) return rows.status();
    plan.filter = io::RowsNotOfAttributes(left_out);
    plan.left_out = pipeline::LeftOutRows{kPostProcessingAdjustmentStep, static_cast<int64_t>(*rows)};
    total += static_cast<int64_t>(*rows);
    if (*rows > 0) counts.push_back(absl::StrCat(plan.destination_table, ": ", *rows));
  }
  std::string line = absl::StrCat("left out ", total, " rows PostProcessing would delete (values of attributes not in ",
                                  eav_attribute->name, ", products' url_path values)");
  if (!counts.empty()) absl::StrAppend(&line, ": ", absl::StrJoin(counts, ", "));
  if (!whole.empty()) absl::StrAppend(&line, "; copied whole: ", absl::StrJoin(whole, ", "));
  log.Info(line);
  return absl::OkStatus();
}

}  // namespace migrate::stages
