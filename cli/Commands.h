// The subcommands of `zr`. Each registers its options on the CLI11 app and runs on its own;
// main.cpp only dispatches.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace zr::driver {
struct Compilation;
}

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
  std::string geometry, layers;  // unit boundaries and named layers (docs/geometry.md)
};
void registerScreen(CLI::App& app, ScreenOptions& options);
// Ends the process itself (std::_Exit after flushing) once every line is screened; returns only
// on usage, bundle and source errors.
int runScreen(const ScreenOptions& options, const CommonOptions& common);

struct AuditOptions {
  std::vector<std::string> province, city;
  std::string format = "text";
  bool timings = false;
  std::string geometry, boundary, layers;  // the geometry checks ZR0570–ZR0572
};
void registerAudit(CLI::App& app, AuditOptions& options);
int runAudit(const AuditOptions& options, const CommonOptions& common);

struct GraphOptions {
  std::vector<std::string> files;
  std::string focus;  // a rule, unit, set, region, definition or list name
};
void registerGraph(CLI::App& app, GraphOptions& options);
int runGraph(const GraphOptions& options, const CommonOptions& common);
// For graph and impact: loads `files` even when sema finds errors, prints the errors, and
// returns kExitOk when a graph can be built, else the exit status.
int loadGraphSources(const std::vector<std::string>& files, const CommonOptions& common,
                     driver::Compilation& compilation);

struct ImpactOptions {
  std::vector<std::string> files;
  std::string rule, set, unit;  // exactly one
  std::string format = "text";
};
void registerImpact(CLI::App& app, ImpactOptions& options);
int runImpact(const ImpactOptions& options, const CommonOptions& common);

struct ServeOptions {
  std::string dataDir, bundle;
  std::string listen = "127.0.0.1:8080";
  int threads = 64;
  std::string readAuth = "public";
  std::size_t maxBody = std::size_t{16} << 20;
  int timeout = 30;
  std::string geometry, layers;  // unit boundaries and named layers (docs/geometry.md)
  // zr serve token add|list|revoke
  std::string role, jurisdiction;
  std::int64_t tokenId = 0;
  CLI::App* tokenAdd = nullptr;
  CLI::App* tokenList = nullptr;
  CLI::App* tokenRevoke = nullptr;
};
void registerServe(CLI::App& app, ServeOptions& options);
int runServe(const ServeOptions& options, const CommonOptions& common);

// zr stats: unit counts and geodesic areas by class per county, city and province.
struct StatsOptions {
  std::string bundle;
  std::vector<std::string> sources;
  std::string geometry;
  std::string format = "text";
  std::string lang = "en";
};
void registerStats(CLI::App& app, StatsOptions& options);
int runStats(const StatsOptions& options, const CommonOptions& common);

// zr map: an SVG map of the units coloured by class, with a site and the units it hits.
struct MapOptions {
  std::string bundle;
  std::vector<std::string> sources;
  std::string geometry, layers;
  std::string site;    // JSON: {"point": [lon, lat]}, a GeoJSON geometry, or a descriptor line
  std::string within;  // only the units whose code starts with this prefix (e.g. 3601)
  std::string lang = "zh";
  std::string output;  // "" = standard output
  int width = 800;
};
void registerMap(CLI::App& app, MapOptions& options);
int runMap(const MapOptions& options, const CommonOptions& common);

}  // namespace zr::cli
