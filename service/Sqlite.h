// A thin RAII layer over the SQLite C API: a connection, prepared statements and transactions.
// Errors throw SqliteError so that a failed statement can never be mistaken for an empty result.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace zr::service {

class SqliteError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  Statement(Statement&&) noexcept = default;
  Statement& operator=(Statement&&) noexcept = default;

  // Binding is 1-based, as in SQLite. Returns *this so that calls chain.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t value);
  Statement& bindNull(int index);
  // Steps once: true while a row is available.
  bool step();
  // Steps to the end (for statements without results).
  void run();
  void reset();

  std::string text(int column) const;
  std::int64_t integer(int column) const;
  bool isNull(int column) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* statement) const;
  };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
};

class Database {
 public:
  // Opens (creating if needed) the file, in WAL mode with a busy timeout.
  explicit Database(const std::string& path);

  void exec(std::string_view sql);
  Statement prepare(std::string_view sql) { return Statement(db_.get(), sql); }
  std::int64_t lastInsertId() const;

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  std::unique_ptr<sqlite3, Closer> db_;
};

// BEGIN IMMEDIATE … COMMIT; rolls back when destroyed without commit() (an exception).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace zr::service
