// Site resolution, distances and within() on hand-made geometries with known answers: a 2 x 2
// grid of 0.01° squares at the equator, a unit with a hole, a river line and a lake.
#include <gtest/gtest.h>

#include <cmath>

#include "runtime/geo/GeoContext.h"
#include "runtime/geo/Geodesic.h"
#include "runtime/geo/GeometryBuilder.h"

namespace zr::geo {
namespace {

constexpr double kA = 6378137.0;
constexpr double kF = 1 / 298.257222101;
const double kE2 = kF * (2 - kF);
const double kRad = M_PI / 180;

// Length of an arc of the parallel at latitude `lat` spanning `dlon` degrees.
double parallelArc(double lat, double dlon) {
  const double s = std::sin(lat * kRad);
  return kA / std::sqrt(1 - kE2 * s * s) * std::cos(lat * kRad) * dlon * kRad;
}
// Ellipsoidal area between the equator and latitude `lat` over `dlon` degrees of longitude.
double zoneArea(double lat, double dlon) {
  const double e = std::sqrt(kE2), s = std::sin(lat * kRad);
  const double b2 = kA * kA * (1 - kE2);
  const double q = s / (1 - kE2 * s * s) + std::log((1 + e * s) / (1 - e * s)) / (2 * e);
  return dlon * kRad / 2 * b2 * q;
}

Shape square(const std::string& key, double x0, double y0, double x1, double y1) {
  RawFeature raw;
  raw.key = key;
  raw.polygons.push_back({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}});
  GeoDiagnostics diagnostics;
  auto shape = buildShape(raw, "test", diagnostics);
  EXPECT_TRUE(shape.has_value());
  EXPECT_TRUE(diagnostics.items().empty()) << diagnostics.format();
  return *shape;
}

eval::SiteGeometry point(double lon, double lat) {
  return {eval::SiteGeometry::Kind::Point, {{{lon, lat}}}};
}

class GeoContextTest : public ::testing::Test {
 protected:
  // Units (bundle order): A [0,.01]², B east of A, C north of A, D north-east, H far away with
  // a hole, Z in the bundle but without geometry.
  GeoContextTest() : context_(makeContext()) {}

  static GeoContext makeContext() {
    GeometrySet set;
    set.units.push_back(square("A", 0, 0, 0.01, 0.01));
    set.units.push_back(square("B", 0.01, 0, 0.02, 0.01));
    set.units.push_back(square("C", 0, 0.01, 0.01, 0.02));
    set.units.push_back(square("D", 0.01, 0.01, 0.02, 0.02));
    RawFeature holed;
    holed.key = "H";
    holed.polygons.push_back(
        {{{1, 1}, {1.1, 1}, {1.1, 1.1}, {1, 1.1}, {1, 1}},
         {{1.04, 1.04}, {1.04, 1.06}, {1.06, 1.06}, {1.06, 1.04}, {1.04, 1.04}}});
    GeoDiagnostics diagnostics;
    set.units.push_back(*buildShape(holed, "test", diagnostics));
    RawFeature river;
    river.key = "长江干流";
    river.lines.push_back({{0, 0.03}, {0.02, 0.03}});
    set.layers.push_back(*buildShape(river, "test", diagnostics));
    RawFeature lake;
    lake.key = "鄱阳湖";
    lake.polygons.push_back({{{0.012, 0.012}, {0.018, 0.012}, {0.018, 0.018}, {0.012, 0.018}}});
    set.layers.push_back(*buildShape(lake, "test", diagnostics));
    return GeoContext({"A", "B", "C", "D", "H", "Z"}, std::move(set), diagnostics);
  }

  std::vector<std::uint32_t> units(const eval::SiteGeometry& site) const {
    std::vector<std::uint32_t> out;
    for (const auto& hit : context_.resolve(site)) out.push_back(hit.unit);
    return out;
  }

  GeoContext context_;
};

TEST_F(GeoContextTest, PointInsideOneUnit) {
  auto hits = context_.resolve(point(0.005, 0.005));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].unit, 0u);
  EXPECT_EQ(hits[0].share, 1.0);
  EXPECT_EQ(hits[0].measure, 0.0);
}

TEST_F(GeoContextTest, PointOnSharedEdgeHitsBothUnits) {
  EXPECT_EQ(units(point(0.01, 0.005)), (std::vector<std::uint32_t>{0, 1}));
}

TEST_F(GeoContextTest, PointOnSharedVertexHitsAllFour) {
  EXPECT_EQ(units(point(0.01, 0.01)), (std::vector<std::uint32_t>{0, 1, 2, 3}));
}

TEST_F(GeoContextTest, PointOutsideEverythingResolvesToNothing) {
  EXPECT_TRUE(context_.resolve(point(0.5, 0.5)).empty());
  EXPECT_TRUE(context_.resolve(point(-0.001, 0.005)).empty());
}

TEST_F(GeoContextTest, PointInHoleIsNotInTheUnit) {
  EXPECT_TRUE(context_.resolve(point(1.05, 1.05)).empty());
  EXPECT_EQ(units(point(1.02, 1.02)), (std::vector<std::uint32_t>{4}));
}

TEST_F(GeoContextTest, MultiPointSharesCountPoints) {
  eval::SiteGeometry site{eval::SiteGeometry::Kind::MultiPoint,
                          {{{0.005, 0.005}}, {{0.006, 0.006}}, {{0.015, 0.005}}, {{0.5, 0.5}}}};
  auto hits = context_.resolve(site);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].share, 0.5);
  EXPECT_EQ(hits[1].share, 0.25);
}

TEST_F(GeoContextTest, LineCrossingTwoUnitsSplitsItsLength) {
  eval::SiteGeometry line{eval::SiteGeometry::Kind::Line, {{{0.004, 0.005}, {0.016, 0.005}}}};
  auto hits = context_.resolve(line);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_NEAR(hits[0].measure, parallelArc(0.005, 0.006), 1e-6);
  EXPECT_NEAR(hits[1].measure, parallelArc(0.005, 0.006), 1e-6);
  EXPECT_NEAR(hits[0].share, 0.5, 1e-9);
  EXPECT_NEAR(GeoContext::siteMeasure(line), parallelArc(0.005, 0.012), 1e-6);
}

TEST_F(GeoContextTest, AreaFarFromTheEquatorIsExact) {
  // A 0.01° square at 29° N (Jiangxi): the zone formula, to a millionth of a square metre.
  Polygon square{{{116, 29}, {116.01, 29}, {116.01, 29.01}, {116, 29.01}, {116, 29}}};
  const double expected = zoneArea(29.01, 0.01) - zoneArea(29, 0.01);
  EXPECT_NEAR(geodesicArea(square), expected, 1e-10 * expected);
  // A sliver 1e-7° wide and 0.3° long has an area of about 1e-7 × 0.3 deg², not thousands of m².
  Polygon sliver{{{116, 29}, {116.3, 29.2}, {116.3, 29.2000001}, {116, 29}}};
  EXPECT_LT(geodesicArea(sliver), 200.0);
}

TEST_F(GeoContextTest, LineAlongASharedBorderCountsForBothUnits) {
  eval::SiteGeometry line{eval::SiteGeometry::Kind::Line, {{{0.01, 0.002}, {0.01, 0.008}}}};
  auto hits = context_.resolve(line);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].unit, 0u);
  EXPECT_EQ(hits[1].unit, 1u);
  EXPECT_NEAR(hits[0].share, 1.0, 1e-9);
  EXPECT_NEAR(hits[1].share, 1.0, 1e-9);
}

TEST_F(GeoContextTest, LineLeavingEveryUnitKeepsItsWholeLengthAsTheBase) {
  // Half of the line lies west of the grid: the unit's share is a half.
  eval::SiteGeometry line{eval::SiteGeometry::Kind::Line, {{{-0.004, 0.005}, {0.004, 0.005}}}};
  auto hits = context_.resolve(line);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_NEAR(hits[0].share, 0.5, 1e-9);
}

TEST_F(GeoContextTest, LineAlongTheEquatorHasTheExactLength) {
  Linestring equator{{0, 0}, {0.01, 0}};
  EXPECT_NEAR(geodesicLength(equator), kA * 0.01 * kRad, 1e-6);  // 1113.194908 m
}

TEST_F(GeoContextTest, UnitAreasMatchTheEllipsoidalZone) {
  // Edges along parallels and meridians: the ellipsoidal zone formula is exact.
  EXPECT_NEAR(context_.units()[0].area, zoneArea(0.01, 0.01), 1e-9 * zoneArea(0.01, 0.01));
  EXPECT_NEAR(context_.units()[0].area, 1.2308e6, 1e3);  // about 1,109 m x 1,106 m
  const double holed = context_.units()[4].area;
  EXPECT_NEAR(
      holed,
      (zoneArea(1.1, 0.1) - zoneArea(1, 0.1)) - (zoneArea(1.06, 0.02) - zoneArea(1.04, 0.02)),
      1e-9 * holed);
  EXPECT_EQ(context_.units()[5].area, 0.0);  // Z: no geometry
}

TEST_F(GeoContextTest, PolygonHalfInTwoUnits) {
  eval::SiteGeometry site{eval::SiteGeometry::Kind::Polygon,
                          {{{0.005, 0.002}, {0.015, 0.002}, {0.015, 0.008}, {0.005, 0.008}}}};
  auto hits = context_.resolve(site);
  ASSERT_EQ(hits.size(), 2u);
  // Boost's overlay rounds intersection points to about 1e-9°: shares to 1e-6.
  EXPECT_NEAR(hits[0].share, 0.5, 1e-6);
  EXPECT_NEAR(hits[1].share, 0.5, 1e-6);
  const double half = zoneArea(0.008, 0.005) - zoneArea(0.002, 0.005);
  EXPECT_NEAR(hits[0].measure + hits[1].measure, GeoContext::siteMeasure(site), 1e-6 * half);
  EXPECT_NEAR(hits[0].measure, half, 1e-6 * half);
}

TEST_F(GeoContextTest, PolygonTouchingOnlyAnEdgeDoesNotHit) {
  eval::SiteGeometry site{eval::SiteGeometry::Kind::Polygon,
                          {{{0.02, 0.002}, {0.03, 0.002}, {0.03, 0.008}, {0.02, 0.008}}}};
  EXPECT_TRUE(context_.resolve(site).empty());
}

TEST_F(GeoContextTest, SelfIntersectingSitePolygonResolvesToNothing) {
  eval::SiteGeometry bowtie{eval::SiteGeometry::Kind::Polygon,
                            {{{0.002, 0.002}, {0.008, 0.008}, {0.008, 0.002}, {0.002, 0.008}}}};
  EXPECT_TRUE(context_.resolve(bowtie).empty());
  // …which is why screening asks siteProblem first: the record is an error, not "outside".
  EXPECT_EQ(context_.siteProblem(bowtie), "ring 0 crosses itself");
}

TEST_F(GeoContextTest, SiteProblemsAreNamed) {
  using Kind = eval::SiteGeometry::Kind;
  eval::SiteGeometry flat{Kind::Polygon, {{{0.002, 0.002}, {0.004, 0.002}, {0.008, 0.002}}}};
  EXPECT_EQ(context_.siteProblem(flat), "ring 0 has no area (its positions lie on one line)");
  eval::SiteGeometry holeOutside{
      Kind::Polygon,
      {{{0.002, 0.002}, {0.004, 0.002}, {0.004, 0.004}, {0.002, 0.004}},
       {{0.006, 0.006}, {0.007, 0.006}, {0.007, 0.007}, {0.006, 0.007}}}};
  EXPECT_EQ(context_.siteProblem(holeOutside), "a hole lies outside the polygon");
  eval::SiteGeometry fine{Kind::Polygon,
                          {{{0.002, 0.002}, {0.004, 0.002}, {0.004, 0.004}, {0.002, 0.004}}}};
  EXPECT_EQ(context_.siteProblem(fine), std::nullopt);
  // Clockwise is fine too: orientation is not trusted, it is corrected.
  eval::SiteGeometry clockwise{Kind::Polygon,
                               {{{0.002, 0.002}, {0.002, 0.004}, {0.004, 0.004}, {0.004, 0.002}}}};
  EXPECT_EQ(context_.siteProblem(clockwise), std::nullopt);
  EXPECT_EQ(context_.siteProblem(point(0.5, 0.5)), std::nullopt);
}

TEST_F(GeoContextTest, DistanceToARiverIsTheMeridianArc) {
  ASSERT_TRUE(context_.hasLayer("长江干流"));
  auto distance = context_.distanceTo("长江干流", point(0.01, 0.02));
  ASSERT_TRUE(distance.has_value());
  const double meridian = kA * (1 - kE2) * 0.01 * kRad;  // curvature constant this near 0°
  EXPECT_NEAR(*distance, meridian, 0.01);
  EXPECT_EQ(context_.distanceTo("长江干流", point(0.01, 0.03)), 0.0);
}

TEST_F(GeoContextTest, DistanceFromALineSiteUsesTheLayerVertices) {
  // A north-south line passing 0.005° west of the river's west end.
  eval::SiteGeometry line{eval::SiteGeometry::Kind::Line, {{{-0.005, 0.0}, {-0.005, 0.06}}}};
  auto distance = context_.distanceTo("长江干流", line);
  ASSERT_TRUE(distance.has_value());
  EXPECT_NEAR(*distance, parallelArc(0.03, 0.005), 0.01);
}

TEST_F(GeoContextTest, WithinALake) {
  EXPECT_EQ(context_.within("鄱阳湖", point(0.015, 0.015)), true);
  EXPECT_EQ(context_.within("鄱阳湖", point(0.012, 0.015)), true);  // on the shore
  EXPECT_EQ(context_.within("鄱阳湖", point(0.005, 0.005)), false);
  EXPECT_EQ(context_.distanceTo("鄱阳湖", point(0.015, 0.015)), 0.0);
  eval::SiteGeometry site{eval::SiteGeometry::Kind::Polygon,
                          {{{0.017, 0.017}, {0.019, 0.017}, {0.019, 0.019}, {0.017, 0.019}}}};
  EXPECT_EQ(context_.within("鄱阳湖", site), true);
}

TEST_F(GeoContextTest, UnknownLayerIsUnknown) {
  EXPECT_FALSE(context_.hasLayer("赣江"));
  EXPECT_FALSE(context_.distanceTo("赣江", point(0, 0)).has_value());
  EXPECT_FALSE(context_.within("赣江", point(0, 0)).has_value());
}

}  // namespace
}  // namespace zr::geo
