// generate_catalog: creates a Magento 1 database and fills it with a realistic, deterministic
// catalog (stores, EAV metadata, categories, products, customers, orders and everything after them,
// quotes, reviews, newsletter subscribers, URL rewrites), or creates the Magento 2.4 destination
// schema. See generator/generator.h.
//
//   generate_catalog --database=shop --products=100000 [--seed=1] [--host=... --port=... | --socket=...]
//   generate_catalog --database=m2 --schema=magento2
//
// Flags may be written with dashes or underscores: --schema-only is --schema_only.
#include <cstdio>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "generator/generator.h"

ABSL_FLAG(std::string, host, "127.0.0.1", "MySQL/MariaDB server host");
ABSL_FLAG(int, port, 3306, "server port");
ABSL_FLAG(std::string, socket, "", "unix socket; used instead of host and port when set");
ABSL_FLAG(std::string, user, "root", "user name");
ABSL_FLAG(std::string, password, "", "password");
ABSL_FLAG(std::string, database, "", "database to fill; created when missing (required)");
ABSL_FLAG(uint32_t, products, 1000,
          "number of products; every other count follows (100000 gives about 7 million rows)");
ABSL_FLAG(uint64_t, seed, 1, "random seed: the same seed and scale give the same table contents");
ABSL_FLAG(std::string, schema, "magento1", "magento1 (filled) or magento2 (always schema only)");
ABSL_FLAG(bool, schema_only, false, "create the tables and load nothing");
ABSL_FLAG(int, connections, 2, "connections that load tables in parallel");
ABSL_FLAG(uint64_t, defer_keys_rows, 50000,
          "tables expected to hold at least this many rows get their secondary keys built after the load "
          "(0: every table)");
ABSL_FLAG(bool, quiet, false, "print nothing but errors");

namespace {

// absl::flags knows only underscores; accept the dashed spelling of multi-word flags too.
std::vector<char*> DashesToUnderscores(int argc, char** argv, std::vector<std::string>& storage) {
  storage.assign(argv, argv + argc);
  std::vector<char*> result;
  for (std::string& argument : storage) {
    if (argument.rfind("--", 0) == 0) {
      const size_t name_end = std::min(argument.find('='), argument.size());
      for (size_t i = 2; i < name_end; ++i) {
        if (argument[i] == '-') argument[i] = '_';
      }
    }
    result.push_back(argument.data());
  }
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "creates a Magento 1 database filled with a deterministic catalog, or the Magento 2.4 schema.\n"
      "  generate_catalog --database=shop --products=100000 [--seed=1] [--socket=... | --host=... --port=...]");
  std::vector<std::string> storage;
  std::vector<char*> arguments = DashesToUnderscores(argc, argv, storage);
  absl::ParseCommandLine(static_cast<int>(arguments.size()), arguments.data());

  namespace generator = migrate::generator;
  generator::GeneratorOptions options;
  options.connection.host = absl::GetFlag(FLAGS_host);
  options.connection.port = static_cast<unsigned int>(absl::GetFlag(FLAGS_port));
  options.connection.socket = absl::GetFlag(FLAGS_socket);
  options.connection.user = absl::GetFlag(FLAGS_user);
  options.connection.password = absl::GetFlag(FLAGS_password);
  options.connection.database = absl::GetFlag(FLAGS_database);
  options.products = absl::GetFlag(FLAGS_products);
  options.seed = absl::GetFlag(FLAGS_seed);
  options.schema_only = absl::GetFlag(FLAGS_schema_only);
  options.connections = absl::GetFlag(FLAGS_connections);
  options.defer_keys_from_rows = absl::GetFlag(FLAGS_defer_keys_rows);
  const bool quiet = absl::GetFlag(FLAGS_quiet);
  options.progress = generator::Progress::ModeFor(stderr, quiet);
  absl::StatusOr<generator::SchemaKind> schema = generator::ParseSchemaKind(absl::GetFlag(FLAGS_schema));
  if (!schema.ok() || options.connection.database.empty()) {
    std::fprintf(stderr, "generate_catalog: %s\n",
                 schema.ok() ? "--database is required" : std::string(schema.status().message()).c_str());
    return 2;
  }
  options.schema = *schema;

  absl::StatusOr<generator::LoadSummary> summary = generator::GenerateCatalog(options);
  if (!summary.ok()) {
    std::fprintf(stderr, "generate_catalog: %s\n", std::string(summary.status().message()).c_str());
    return 1;
  }
  if (quiet) return 0;
  const std::string where = options.connection.Describe();
  if (summary->tables.empty()) {
    std::printf("generate_catalog: created the %s schema in %s\n", absl::GetFlag(FLAGS_schema).c_str(), where.c_str());
    return 0;
  }
  const double seconds = summary->seconds;
  std::printf("generate_catalog: %s rows in %zu tables in %.1f s (%s rows/s) into %s\n",
              generator::WithThousands(summary->rows).c_str(), summary->tables.size(), seconds,
              generator::WithThousands(seconds > 0 ? static_cast<uint64_t>(summary->rows / seconds) : 0).c_str(),
              where.c_str());
  return 0;
}
