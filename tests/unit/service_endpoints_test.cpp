// Endpoint handlers called directly (no socket): the units-by-coordinates plug-in point and the
// read endpoints of a read-only engine.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>

#include "compiler/driver/Compiler.h"
#include "service/ServiceState.h"

using namespace zr;
using namespace zr::service;

namespace {

// Every site lies in unit 0, 12.5 m² of it.
class FakeSpatial : public eval::SpatialContext {
 public:
  std::vector<eval::UnitHit> resolve(const eval::SiteGeometry&) const override {
    return {{0, 12.5, 1.0}};
  }
  bool hasLayer(std::string_view) const override { return false; }
  std::optional<double> distanceTo(std::string_view, const eval::SiteGeometry&) const override {
    return std::nullopt;
  }
  std::optional<bool> within(std::string_view, const eval::SiteGeometry&) const override {
    return std::nullopt;
  }
  std::string method() const override { return "fake"; }
};

ir::Bundle provinceBundle() {
  driver::Compilation compilation;
  auto bundle = driver::compile({ZR_SOURCE_DIR "/examples/jiangxi/province/jiangxi.zr",
                                 ZR_SOURCE_DIR "/examples/jiangxi/province/units.zr"},
                                {driver::defaultStdlibDir()}, compilation);
  EXPECT_TRUE(bundle);
  return bundle ? std::move(*bundle) : ir::Bundle{};
}

httplib::Request unitsAt(const char* lon, const char* lat) {
  httplib::Request req;
  req.method = "GET";
  req.path = "/v1/units";
  if (lon) req.params.emplace("lon", lon);
  if (lat) req.params.emplace("lat", lat);
  return req;
}

}  // namespace

TEST(ServiceEndpoints, UnitsByCoordinatesAnswer501WithoutGeometry) {
  ServiceState state;
  state.engine.store(std::make_shared<const ScreeningEngine>(provinceBundle(), "h"));
  httplib::Response res;
  handleUnitsAt(state, unitsAt("115.9", "28.7"), res);
  EXPECT_EQ(res.status, 501);
  EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["code"], "ZR1215");
}

TEST(ServiceEndpoints, UnitsByCoordinatesUseTheSpatialContext) {
  ServiceState state;
  ir::Bundle bundle = provinceBundle();
  std::string first = bundle.units.at(0).code;
  state.engine.store(std::make_shared<const ScreeningEngine>(std::move(bundle), "h",
                                                             std::make_unique<FakeSpatial>()));
  httplib::Response res;
  handleUnitsAt(state, unitsAt("115.9", "28.7"), res);
  ASSERT_EQ(res.status, 200) << res.body;
  auto body = nlohmann::json::parse(res.body);
  ASSERT_EQ(body["units"].size(), 1u);
  EXPECT_EQ(body["units"][0]["code"], first);
  EXPECT_EQ(body["method"], "fake");
}

TEST(ServiceEndpoints, UnitsByCoordinatesCheckTheNumbers) {
  ServiceState state;
  for (auto [lon, lat] : {std::pair<const char*, const char*>{"x", "28"},
                          {"200", "28"},
                          {"115", nullptr},
                          {"115", "28.7abc"},
                          {"nan", "28"},
                          {"115", "inf"}}) {
    httplib::Response res;
    handleUnitsAt(state, unitsAt(lon, lat), res);
    EXPECT_EQ(res.status, 400) << lon;
    EXPECT_EQ(nlohmann::json::parse(res.body)["error"]["code"], "ZR1214");
  }
}

TEST(ServiceEndpoints, ScreeningOneDescriptorAndAnArray) {
  ScreeningEngine engine(provinceBundle(), "h");
  std::string unit = engine.bundle().units.at(0).code;
  auto one = engine.screenJson(R"({"project":"p","site":")" + unit + R"("})", INT32_MIN);
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(nlohmann::json::parse(one.body)["project"], "p");
  auto bad = engine.screenJson(R"({"project":)", INT32_MIN);
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(nlohmann::json::parse(bad.body)["error"]["code"], "ZR1001");
  auto many = engine.screenJson(R"([{"project":"a","site":")" + unit + R"("}, 3])", INT32_MIN);
  EXPECT_EQ(many.status, 200);
  auto records = nlohmann::json::parse(many.body);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0]["project"], "a");
  EXPECT_EQ(records[1]["line"], 2);
  EXPECT_EQ(records[1]["error"]["code"], "ZR1002");
}
