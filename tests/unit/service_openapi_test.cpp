// docs/openapi.yaml lists exactly the routes the server registers (service/Routes.h).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "service/Routes.h"

namespace {

// "METHOD path" for every operation under `paths:` (two-space path keys, four-space methods).
std::set<std::string> documentedRoutes(const std::string& file) {
  std::ifstream in(file);
  std::set<std::string> routes;
  std::string line, path;
  bool inPaths = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != ' ' && line[0] != '#') inPaths = line.rfind("paths:", 0) == 0;
    if (!inPaths) continue;
    if (line.size() > 3 && line.rfind("  /", 0) == 0 && line.back() == ':') {
      path = line.substr(2, line.size() - 3);
    } else if (!path.empty() && line.rfind("    ", 0) == 0 && line[4] != ' ') {
      std::string method = line.substr(4, line.find(':') - 4);
      if (method == "get" || method == "post" || method == "put" || method == "delete" ||
          method == "patch") {
        for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        routes.insert(method + " " + path);
      }
    }
  }
  return routes;
}

}  // namespace

TEST(ServiceOpenApi, ListsExactlyTheRegisteredRoutes) {
  std::set<std::string> registered;
  for (const auto& route : zr::service::kRoutes)
    registered.insert(std::string(route.method) + " " + std::string(route.path));
  std::set<std::string> documented = documentedRoutes(ZR_SOURCE_DIR "/docs/openapi.yaml");
  ASSERT_FALSE(documented.empty()) << "docs/openapi.yaml has no paths";
  EXPECT_EQ(documented, registered);
}

TEST(ServiceOpenApi, ApiDocMentionsEveryRoute) {
  std::ifstream in(ZR_SOURCE_DIR "/docs/api.md");
  std::stringstream text;
  text << in.rdbuf();
  for (const auto& route : zr::service::kRoutes)
    EXPECT_NE(text.str().find(std::string(route.method) + " " + std::string(route.path)),
              std::string::npos)
        << route.method << " " << route.path << " is not documented in docs/api.md";
}
