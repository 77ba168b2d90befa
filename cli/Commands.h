// The subcommands of `zr`. Each registers its options on the CLI11 app and runs on its own;
// main.cpp only dispatches.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace zr::cli {

// Documented exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputErrors = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInternal = 3;  // zr audit: a witness failed its replay

struct CommonOptions {
  std::string stdlibDir;  // --stdlib
};

struct CheckOptions {
  std::vector<std::string> files;
  std::string format = "text";
};
void registerCheck(CLI::App& app, CheckOptions& options);
int runCheck(const CheckOptions& options, const CommonOptions& common);

struct CompileOptions {
  std::vector<std::string> files;
  std::string output;
  std::string emit;  // "", "ast", "ir"
  std::string format = "text";
};
void registerCompile(CLI::App& app, CompileOptions& options);
int runCompile(const CompileOptions& options, const CommonOptions& common);

struct ScreenOptions {
  std::string bundle;
  std::vector<std::string> inputs;  // .zr sources and/or one projects file (or -)
  std::string format = "json";
  std::string lang = "en";
  std::string date;
};
void registerScreen(CLI::App& app, ScreenOptions& options);
int runScreen(const ScreenOptions& options, const CommonOptions& common);

struct AuditOptions {
  std::vector<std::string> province, city;
  std::string format = "text";
};
void registerAudit(CLI::App& app, AuditOptions& options);
int runAudit(const AuditOptions& options, const CommonOptions& common);

}  // namespace zr::cli
