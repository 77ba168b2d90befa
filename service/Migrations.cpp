#include "service/Migrations.h"

#include <fmt/format.h>

#include "service/Sqlite.h"

namespace zr::service {

int migrate(Database& db) {
  auto current = db.prepare("PRAGMA user_version");
  current.step();
  auto applied = static_cast<std::size_t>(current.integer(0));
  auto all = migrations();
  if (applied > all.size())
    throw SqliteError(fmt::format(
        "the registry has schema version {}, newer than this program's {}", applied, all.size()));
  for (std::size_t i = applied; i < all.size(); ++i) {
    Transaction transaction(db);
    db.exec(all[i].sql);
    db.exec(fmt::format("PRAGMA user_version = {}", i + 1));
    transaction.commit();
  }
  return static_cast<int>(all.size());
}

}  // namespace zr::service
