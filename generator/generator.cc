#include "generator/generator.h"

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "io/mysql_connection.h"
#include "generator/catalog_model.h"
#include "generator/catalog_tables.h"
#include "generator/customers.h"
#include "generator/deferred_keys.h"
#include "generator/eav_metadata.h"
#include "generator/quotes.h"
#include "generator/reviews_newsletter_urls.h"
#include "generator/sales_model.h"
#include "generator/sales_tables.h"
#include "generator/scale.h"
#include "generator/stores.h"

namespace migrate::generator {
namespace {

absl::Status CreateDatabase(const io::ConnectionOptions& options) {
  io::ConnectionOptions server = options;
  server.database.clear();
  absl::StatusOr<std::unique_ptr<io::MysqlConnection>> connection = io::MysqlConnection::Open(server);
  if (!connection.ok()) return connection.status();
  return (*connection)
      ->Execute(absl::StrCat("CREATE DATABASE IF NOT EXISTS ", io::QuoteIdentifier(options.database),
                             " DEFAULT CHARACTER SET utf8"));
}

// Every table of the schema is filled, and nothing else.
absl::Status CheckCoversSchema(const TableList& tables) {
  std::set<std::string> generated;
  for (const TableSpec& table : tables) generated.insert(table.name);
  std::vector<std::string> missing, unknown;
  const std::vector<std::string> schema = SchemaTables(SchemaKind::kMagento1);
  for (const std::string& table : schema) {
    if (!generated.contains(table)) missing.push_back(table);
  }
  for (const std::string& table : generated) {
    if (std::find(schema.begin(), schema.end(), table) == schema.end()) unknown.push_back(table);
  }
  if (missing.empty() && unknown.empty() && generated.size() == tables.size()) return absl::OkStatus();
  return absl::InternalError(
      absl::StrCat("generator bug: tables without a generator: ", absl::StrJoin(missing, ","),
                   "; generated tables not in the schema or twice: ", absl::StrJoin(unknown, ",")));
}

void DeferKeysOfBigTables(uint64_t from_rows, TableList& tables) {
  const std::vector<std::string> names = SchemaTables(SchemaKind::kMagento1);
  const std::vector<absl::string_view> statements = SchemaStatements(SchemaKind::kMagento1);
  for (TableSpec& table : tables) {
    if (table.expected_rows < from_rows) continue;
    const size_t index = std::find(names.begin(), names.end(), table.name) - names.begin();
    DeferredKeys keys = DeferKeys(statements[index]);
    table.before_load = std::move(keys.before_load);
    table.after_load = std::move(keys.after_load);
  }
}

}  // namespace

absl::StatusOr<LoadSummary> GenerateCatalog(const GeneratorOptions& options) {
  if (options.connection.database.empty()) return absl::InvalidArgumentError("no database given");
  if (absl::Status status = CreateDatabase(options.connection); !status.ok()) return status;
  if (absl::Status status = CreateSchema(options.connection, options.schema); !status.ok()) return status;
  if (options.schema_only || options.schema != SchemaKind::kMagento1) return LoadSummary{};

  const Scale scale = Scale::ForProducts(options.products);
  const Catalog catalog(options.seed, scale);
  const Customers customers(options.seed, scale);
  const Sales sales(catalog, customers, scale);
  TableList tables;
  AddStoreTables(options.seed, tables);
  AddEavMetadataTables(tables);
  AddCatalogTables(catalog, tables);
  AddCustomerTables(customers, tables);
  AddSalesTables(sales, tables);
  AddQuoteTables(sales, scale.abandoned_quotes, tables);
  AddReviewNewsletterUrlTables(catalog, customers, scale.reviews, scale.guest_subscribers, tables);
  if (absl::Status status = CheckCoversSchema(tables); !status.ok()) return status;
  DeferKeysOfBigTables(options.defer_keys_from_rows, tables);

  Progress progress(options.progress, stderr, tables.size());
  return LoadTables(options.connection, std::move(tables), options.connections, progress);
}

}  // namespace migrate::generator
