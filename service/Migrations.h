// Schema migrations of the registry. The SQL lives in service/migrations/NNNN_name.sql and is
// compiled into the binary (CMake generates the table), so a server always carries the schema
// it expects. PRAGMA user_version holds the number of migrations applied.
#pragma once

#include <span>
#include <string_view>

namespace zr::service {

class Database;

struct Migration {
  std::string_view name;  // file name, e.g. "0001_registry.sql"
  std::string_view sql;
};

// Every migration in order (generated: MigrationsTable.cpp in the build tree).
std::span<const Migration> migrations();

// Applies the migrations the database lacks, each in its own transaction. Throws SqliteError
// (ZR1201 in the server's words) when the database is newer than this program.
int migrate(Database& db);

}  // namespace zr::service
