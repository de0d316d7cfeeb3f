#include "stages/narrow_columns.h"

#include <cmath>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace migrate::stages {
namespace {

// What a column holds at most: a length (characters or bytes) or a numeric range.
struct Capacity {
  enum class Kind { kNone, kChars, kBytes, kRange } kind = Kind::kNone;
  long double length = 0;
  long double min = 0;
  long double max = 0;
};

// The N of "varchar(N)" or the P and S of "decimal(P,S)"; 0 when absent.
void TypeArguments(const std::string& column_type, long double* first, long double* second) {
  *first = 0;
  *second = 0;
  const size_t open = column_type.find('(');
  const size_t close = column_type.find(')', open);
  if (open == std::string::npos || close == std::string::npos) return;
  const std::string inside = column_type.substr(open + 1, close - open - 1);
  const size_t comma = inside.find(',');
  double value = 0;
  if (absl::SimpleAtod(inside.substr(0, comma), &value)) *first = value;
  if (comma != std::string::npos && absl::SimpleAtod(inside.substr(comma + 1), &value)) *second = value;
}

Capacity CapacityOf(const io::ColumnSchema& column) {
  Capacity capacity;
  const std::string type = absl::AsciiStrToLower(column.data_type);
  const bool is_unsigned = absl::StrContains(absl::AsciiStrToLower(column.column_type), "unsigned");
  long double first = 0;
  long double second = 0;
  TypeArguments(column.column_type, &first, &second);
  if (type == "char" || type == "varchar" || type == "binary" || type == "varbinary") {
    capacity.kind = Capacity::Kind::kChars;
    capacity.length = first;
    return capacity;
  }
  static const std::vector<std::pair<std::string, long double>> kTexts = {
      {"tiny", 255.0L}, {"", 65535.0L}, {"medium", 16777215.0L}, {"long", 4294967295.0L}};
  for (const auto& [size, bytes] : kTexts) {
    if (type == size + "text" || type == size + "blob") {
      capacity.kind = Capacity::Kind::kBytes;
      capacity.length = bytes;
      return capacity;
    }
  }
  static const std::vector<std::pair<std::string, int>> kIntegers = {
      {"tinyint", 8}, {"smallint", 16}, {"mediumint", 24}, {"int", 32}, {"bigint", 64}};
  for (const auto& [name, bits] : kIntegers) {
    if (type != name) continue;
    capacity.kind = Capacity::Kind::kRange;
    capacity.min = is_unsigned ? 0 : -std::ldexp(1.0L, bits - 1);
    capacity.max = is_unsigned ? std::ldexp(1.0L, bits) - 1 : std::ldexp(1.0L, bits - 1) - 1;
    return capacity;
  }
  if (type == "decimal") {
    const long double digits = first > 0 ? first : 10;
    capacity.kind = Capacity::Kind::kRange;
    capacity.max = std::pow(10.0L, digits - second) - std::pow(10.0L, -second);
    capacity.min = is_unsigned ? 0 : -capacity.max;
  }
  return capacity;
}

bool IsText(Capacity::Kind kind) { return kind == Capacity::Kind::kChars || kind == Capacity::Kind::kBytes; }

// Bytes a character takes at most (utf8mb4): what a length in characters may need in bytes.
constexpr long double kMaxCharBytes = 4;

long double ToNumber(const std::string& text) { return std::strtold(text.c_str(), nullptr); }

}  // namespace

std::optional<io::ExtremeKind> NarrowerCheck(const io::ColumnSchema& source, const io::ColumnSchema& destination) {
  const Capacity from = CapacityOf(source);
  const Capacity to = CapacityOf(destination);
  if (IsText(from.kind) && to.kind == Capacity::Kind::kChars) {
    if (to.length < from.length) return io::ExtremeKind::kCharLength;
  } else if (IsText(from.kind) && to.kind == Capacity::Kind::kBytes) {
    const long double bytes = from.kind == Capacity::Kind::kChars ? from.length * kMaxCharBytes : from.length;
    if (to.length < bytes) return io::ExtremeKind::kByteLength;
  } else if (from.kind == Capacity::Kind::kRange && to.kind == Capacity::Kind::kRange) {
    if (to.min > from.min || to.max < from.max) return io::ExtremeKind::kRange;
  }
  return std::nullopt;
}

std::optional<std::string> ExceedsDestination(io::ExtremeKind kind, const io::Extremes& extremes,
                                              const io::ColumnSchema& destination) {
  const Capacity to = CapacityOf(destination);
  switch (kind) {
    case io::ExtremeKind::kCharLength:
    case io::ExtremeKind::kByteLength:
      if (!extremes.longest.has_value() || ToNumber(*extremes.longest) <= to.length) return std::nullopt;
      return absl::StrCat("its longest value is ", *extremes.longest,
                          kind == io::ExtremeKind::kCharLength ? " characters" : " bytes");
    case io::ExtremeKind::kRange:
      if (!extremes.min.has_value() || !extremes.max.has_value()) return std::nullopt;
      if (ToNumber(*extremes.min) >= to.min && ToNumber(*extremes.max) <= to.max) return std::nullopt;
      return absl::StrCat("its values range from ", *extremes.min, " to ", *extremes.max);
  }
  return std::nullopt;
}

absl::Status ReportNarrowColumns(RunContext& context, const MapDocuments& documents, const StepLog& log) {
  std::unique_ptr<io::MysqlConnection> source;
  for (const DocumentPair& pair : documents.pairs) {
    std::set<std::string> handled_source;
    std::set<std::string> handled_destination;
    for (const mapping::FieldHandler& handler : pair.plan.source_handlers) handled_source.insert(handler.field);
    for (const mapping::FieldHandler& handler : pair.plan.destination_handlers) {
      handled_destination.insert(handler.field);
    }
    std::vector<io::ExtremeRequest> requests;
    std::vector<const io::ColumnSchema*> targets;
    for (const mapping::FieldAssignment& field : pair.plan.fields) {
      if (!field.source_field.has_value() || handled_source.contains(*field.source_field) ||
          handled_destination.contains(field.destination_field)) {
        continue;
      }
      const io::ColumnSchema* from = pair.source->FindColumn(*field.source_field);
      const io::ColumnSchema* to = pair.destination->FindColumn(field.destination_field);
      if (from == nullptr || to == nullptr) continue;
      std::optional<io::ExtremeKind> kind = NarrowerCheck(*from, *to);
      if (!kind.has_value()) continue;
      requests.push_back(io::ExtremeRequest{*field.source_field, *kind});
      targets.push_back(to);
    }
    if (requests.empty()) continue;
    if (source == nullptr) {
      absl::StatusOr<std::unique_ptr<io::MysqlConnection>> opened = context.connections().OpenSource();
      if (!opened.ok()) return opened.status();
      source = std::move(*opened);
    }
    absl::StatusOr<std::vector<io::Extremes>> extremes =
        io::ReadColumnExtremes(*source, pair.source->database, pair.source->name, requests);
    if (!extremes.ok()) return extremes.status();
    for (size_t i = 0; i < requests.size(); ++i) {
      std::optional<std::string> exceeds = ExceedsDestination(requests[i].kind, (*extremes)[i], *targets[i]);
      if (!exceeds.has_value()) continue;
      log.Warning(absl::StrCat("Source values do not fit the destination. Document: ", pair.plan.source_document,
                               ". Field: ", requests[i].column, ": ", *exceeds, "; destination ",
                               pair.plan.destination_document, ".", targets[i]->name, " is ",
                               targets[i]->column_type, ". The destination will change those values"));
    }
  }
  return absl::OkStatus();
}

}  // namespace migrate::stages
