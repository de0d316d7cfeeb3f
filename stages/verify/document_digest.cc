#include "stages/verify/document_digest.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace migrate::stages {
namespace {

bool IsText(const io::ColumnSchema& column) {
  static const std::set<std::string> kText = {"char",     "varchar", "tinytext", "text", "mediumtext",
                                              "longtext", "enum",    "set",      "json"};
  return kText.contains(absl::AsciiStrToLower(column.data_type));
}

bool IsFloat(const io::ColumnSchema& column) {
  const std::string type = absl::AsciiStrToLower(column.data_type);
  return type == "float" || type == "double" || type == "real";
}

bool IsTemporal(const io::ColumnSchema& column) {
  const std::string type = absl::AsciiStrToLower(column.data_type);
  return type == "date" || type == "datetime" || type == "timestamp";
}

// The decimals an integer or decimal column prints: the s of decimal(p,s), else 0.
int ScaleOf(const io::ColumnSchema& column) {
  const size_t comma = column.column_type.find(',');
  int scale = 0;
  if (column.IsInteger() || comma == std::string::npos) return 0;
  const size_t close = column.column_type.find(')', comma);
  if (!absl::SimpleAtoi(column.column_type.substr(comma + 1, close - comma - 1), &scale)) return 0;
  return scale;
}

// How both sides of a compared column are normalised; `scale` is set for kDecimal.
io::Normalisation NormalisationOf(const io::ColumnSchema& source, const io::ColumnSchema& destination, int* scale) {
  if (IsText(source) && IsText(destination)) return io::Normalisation::kText;
  if (source.column_type == destination.column_type) return io::Normalisation::kBinary;
  if (source.IsNumeric() && destination.IsNumeric()) {
    if (IsFloat(source) || IsFloat(destination)) return io::Normalisation::kFloat;
    // Integers of any width, and decimals of one scale, print the same values alike.
    if (ScaleOf(source) == ScaleOf(destination)) return io::Normalisation::kBinary;
    *scale = std::min(30, std::max(ScaleOf(source), ScaleOf(destination)));
    return io::Normalisation::kDecimal;
  }
  if (IsTemporal(source) && IsTemporal(destination)) return io::Normalisation::kDateTime;
  return io::Normalisation::kChar;
}

bool Handled(const std::vector<mapping::FieldHandler>& handlers, absl::string_view field) {
  return std::any_of(handlers.begin(), handlers.end(),
                     [&](const mapping::FieldHandler& handler) { return handler.field == field; });
}

}  // namespace

DocumentDigest BuildDocumentDigest(const DocumentPair& pair) {
  const mapping::DocumentPlan& plan = pair.plan;
  DocumentDigest digest;
  digest.title = plan.source_document == plan.destination_document
                     ? plan.source_document
                     : absl::StrCat(plan.source_document, " -> ", plan.destination_document);
  digest.source.database = pair.source->database;
  digest.source.table = pair.source->name;
  digest.destination.database = pair.destination->database;
  digest.destination.table = pair.destination->name;

  // Destination field -> source field, for the fields copied as they are.
  std::vector<std::pair<std::string, std::string>> copied;
  for (const mapping::FieldAssignment& field : plan.fields) {
    if (!field.source_field.has_value()) continue;
    if (Handled(plan.source_handlers, *field.source_field) ||
        Handled(plan.destination_handlers, field.destination_field)) {
      digest.transformed.push_back(field.destination_field);
      continue;
    }
    copied.emplace_back(field.destination_field, *field.source_field);
  }

  digest.source.key = pair.source->ResumeKey();
  for (const io::KeyColumn& key : digest.source.key) {
    auto found =
        std::find_if(copied.begin(), copied.end(), [&](const auto& field) { return field.second == key.name; });
    if (found == copied.end()) {
      digest.source.key.clear();
      digest.destination.key.clear();
      break;
    }
    const io::ColumnSchema* column = pair.destination->FindColumn(found->first);
    digest.destination.key.push_back(io::KeyColumn{found->first, column != nullptr && column->IsNumeric()});
  }

  for (const auto& [destination_field, source_field] : copied) {
    const io::ColumnSchema* source = pair.source->FindColumn(source_field);
    const io::ColumnSchema* destination = pair.destination->FindColumn(destination_field);
    if (source == nullptr || destination == nullptr) continue;
    int scale = 0;
    const io::Normalisation normalisation = NormalisationOf(*source, *destination, &scale);
    digest.source.columns.push_back(io::DigestColumn{source_field, normalisation, scale});
    digest.destination.columns.push_back(io::DigestColumn{destination_field, normalisation, scale});
    if (normalisation != io::Normalisation::kBinary && normalisation != io::Normalisation::kText) {
      digest.normalised.push_back(
          absl::StrCat(destination_field, " (", source->column_type, " / ", destination->column_type, ")"));
    }
  }
  return digest;
}

}  // namespace migrate::stages
