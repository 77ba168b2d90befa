// Geometry input: every diagnostic of docs/geometry.md on a small invalid GeoJSON, the repairs,
// and a Shapefile written with shapelib and read back.
#include <gtest/gtest.h>
#include <shapefil.h>

#include <filesystem>

#include "runtime/geo/GeoContext.h"
#include "runtime/geo/GeoJsonReader.h"
#include "runtime/geo/GeometryBuilder.h"
#include "runtime/geo/GeometrySet.h"

namespace zr::geo {
namespace {

// Parses one feature with the given geometry JSON; returns the diagnostics' codes.
struct Loaded {
  std::vector<Shape> shapes;
  GeoDiagnostics diagnostics;
};

Loaded load(const std::string& geometry, const std::string& properties = R"({"code":"U1"})") {
  Loaded out;
  const std::string text = R"({"type":"FeatureCollection","features":[{"type":"Feature",)"
                           R"("properties":)" +
                           properties + R"(,"geometry":)" + geometry + "}]}";
  for (const auto& raw : parseGeoJson(text, "t.geojson", "code", out.diagnostics)) {
    if (auto shape = buildShape(raw, "t.geojson", out.diagnostics)) {
      out.shapes.push_back(std::move(*shape));
    }
  }
  return out;
}

std::string codes(const GeoDiagnostics& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics.items()) out += (out.empty() ? "" : " ") + d.code;
  return out;
}

TEST(GeoInput, ValidPolygonHasNoDiagnostics) {
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "");
  ASSERT_EQ(loaded.shapes.size(), 1u);
  EXPECT_EQ(loaded.shapes[0].key, "U1");
}

TEST(GeoInput, NotJsonAndNotACollection) {
  GeoDiagnostics diagnostics;
  parseGeoJson("{", "bad.geojson", "code", diagnostics);
  parseGeoJson(R"({"type":"Feature"})", "bad.geojson", "code", diagnostics);
  EXPECT_EQ(codes(diagnostics), "ZR1100 ZR1100");
  GeoDiagnostics missing;
  readGeoJson("/nonexistent/x.geojson", "code", missing);
  EXPECT_EQ(codes(missing), "ZR1100");
}

TEST(GeoInput, HostileJsonIsADiagnosticNotACrash) {
  // 200,000 levels of nesting in a property: refused before anything deep is built.
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  GeoDiagnostics diagnostics;
  auto features = parseGeoJson(
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"U1","x":)" +
          deep + R"(},"geometry":{"type":"Point","coordinates":[1,2]}}]})",
      "deep.geojson", "code", diagnostics);
  EXPECT_TRUE(features.empty());
  ASSERT_EQ(codes(diagnostics), "ZR1100");
  EXPECT_EQ(diagnostics.items()[0].message, "nested deeper than 64 levels");
  // Ill-formed UTF-8: the message gives the position and does not quote the bad bytes.
  GeoDiagnostics utf8;
  parseGeoJson("{\"type\":\"FeatureCollection\",\"name\":\"\xff\xfe\",\"features\":[]}",
               "utf8.geojson", "code", utf8);
  ASSERT_EQ(codes(utf8), "ZR1100");
  EXPECT_NE(utf8.items()[0].message.find("ill-formed UTF-8"), std::string::npos);
  EXPECT_EQ(utf8.items()[0].message.find('\xff'), std::string::npos);
}

TEST(GeoInput, UnsupportedGeometryAndBadPositions) {
  EXPECT_EQ(codes(load(R"({"type":"GeometryCollection","coordinates":[]})").diagnostics), "ZR1101");
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,"x"],[1,1],[0,0]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1101");
  EXPECT_EQ(loaded.diagnostics.items()[0].position, "ring 0 vertex 1");
}

TEST(GeoInput, MissingKeyProperty) {
  auto loaded = load(R"({"type":"Point","coordinates":[0,0]})", R"({"name":"x"})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1102");
  EXPECT_TRUE(loaded.shapes.empty());
}

TEST(GeoInput, OutOfRangeCoordinateNamesTheVertex) {
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,95],[0,1],[0,0]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1103");
  EXPECT_EQ(loaded.diagnostics.items()[0].position, "ring 0 vertex 2");
  EXPECT_EQ(loaded.diagnostics.items()[0].feature, 0);
  EXPECT_EQ(loaded.diagnostics.items()[0].key, "U1");
  EXPECT_TRUE(loaded.shapes.empty());
  EXPECT_EQ(codes(load(R"({"type":"Point","coordinates":[500000,3000000]})").diagnostics),
            "ZR1103");
}

TEST(GeoInput, UnclosedRingIsClosedWithAWarning) {
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1104");
  EXPECT_FALSE(loaded.diagnostics.hasErrors());
  ASSERT_EQ(loaded.shapes.size(), 1u);
  EXPECT_EQ(loaded.shapes[0].polygons[0].outer().size(), 5u);
}

TEST(GeoInput, ClockwiseOuterRingIsTurnedWithAWarning) {
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[0,1],[1,1],[1,0],[0,0]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1105");
  ASSERT_EQ(loaded.shapes.size(), 1u);
  EXPECT_GT(bg::area(loaded.shapes[0].polygons[0]), 0);
  auto hole = load(R"({"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],)"
                   R"([[1,1],[2,1],[2,2],[1,2],[1,1]]]})");
  EXPECT_EQ(codes(hole.diagnostics), "ZR1105");
  EXPECT_EQ(hole.diagnostics.items()[0].position, "ring 1");
}

TEST(GeoInput, TooFewPoints) {
  EXPECT_EQ(codes(load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]})").diagnostics),
            "ZR1106");
  EXPECT_EQ(codes(load(R"({"type":"LineString","coordinates":[[0,0]]})").diagnostics), "ZR1106");
  EXPECT_EQ(
      codes(load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[2,0],[0,0]]]})").diagnostics),
      "ZR1106");
}

TEST(GeoInput, SelfIntersectionIsAnErrorWithTheSegments) {
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[0,1],[2,0],[2,2],[0,0]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1107");
  EXPECT_EQ(loaded.diagnostics.items()[0].position, "ring 0 segments 1 and 3");
  EXPECT_TRUE(loaded.shapes.empty());
}

TEST(GeoInput, BowTieWhoseLobesCancelIsASelfIntersection) {
  // Signed area 0: the two lobes cancel. The crossing is named, not "no area".
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[0,2],[1,2],[0,0]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1107");
  EXPECT_EQ(loaded.diagnostics.items()[0].position, "ring 0 segments 1 and 3");
  auto flat = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[2,0],[0,0]]]})");
  EXPECT_EQ(codes(flat.diagnostics), "ZR1106");
}

TEST(GeoInput, RepeatedVertexIsDropped) {
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,0],[1,1],[0,1],[0,0]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1108");
  EXPECT_EQ(loaded.shapes.at(0).polygons[0].outer().size(), 5u);
}

TEST(GeoInput, HoleOutsideItsPolygon) {
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]],)"
                     R"([[5,5],[5,6],[6,6],[6,5],[5,5]]]})");
  EXPECT_EQ(codes(loaded.diagnostics), "ZR1109");
}

TEST(GeoInput, UnknownAndMissingUnitsAreReported) {
  GeometrySet set;
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]})",
                     R"({"code":"ZZ"})");
  set.units = loaded.shapes;
  set.units.push_back(set.units[0]);
  set.units[1].key = "A";
  set.units.push_back(set.units[1]);
  GeoDiagnostics diagnostics;
  GeoContext context({"A", "B"}, std::move(set), diagnostics);
  EXPECT_EQ(codes(diagnostics), "ZR1111 ZR1110 ZR1112");
  EXPECT_FALSE(diagnostics.hasErrors());
}

TEST(GeoInput, DiagnosticFormatNamesFileFeatureAndPosition) {
  auto loaded = load(R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]})");
  EXPECT_EQ(loaded.diagnostics.format(),
            "t.geojson: feature 0 (U1) ring 0: warning[ZR1104]: the ring is not closed (its "
            "last position differs from its first): closed\n");
}

TEST(GeoInput, ShapefileRoundTrip) {
  const auto dir = std::filesystem::temp_directory_path() / "zr_geo_shp_test";
  std::filesystem::create_directories(dir);
  const std::string base = (dir / "units").string();
  {
    SHPHandle shp = SHPCreate(base.c_str(), SHPT_POLYGON);
    DBFHandle dbf = DBFCreate(base.c_str());
    ASSERT_TRUE(shp && dbf);
    DBFAddField(dbf, "code", FTString, 20, 0);
    // Shapefile order: outer ring clockwise, hole counter-clockwise.
    double x[] = {0, 0, 4, 4, 0, 1, 2, 2, 1, 1};
    double y[] = {0, 4, 4, 0, 0, 1, 1, 2, 2, 1};
    int parts[] = {0, 5};
    SHPObject* object =
        SHPCreateObject(SHPT_POLYGON, -1, 2, parts, nullptr, 10, x, y, nullptr, nullptr);
    SHPWriteObject(shp, -1, object);
    SHPDestroyObject(object);
    DBFWriteStringAttribute(dbf, 0, 0, "ZH36010210001");
    SHPClose(shp);
    DBFClose(dbf);
  }
  GeometrySet set;
  GeoDiagnostics diagnostics;
  ASSERT_TRUE(loadUnitsFile(base + ".shp", set, diagnostics));
  EXPECT_EQ(codes(diagnostics), "");
  ASSERT_EQ(set.units.size(), 1u);
  EXPECT_EQ(set.units[0].key, "ZH36010210001");
  ASSERT_EQ(set.units[0].polygons.size(), 1u);
  EXPECT_EQ(set.units[0].polygons[0].inners().size(), 1u);
  EXPECT_DOUBLE_EQ(bg::area(set.units[0].polygons[0]), 15.0);
  // Cut inside the record: a diagnostic with shapelib's reason, not a silent empty unit.
  std::filesystem::resize_file(base + ".shp", 150);
  GeometrySet truncated;
  GeoDiagnostics broken;
  loadUnitsFile(base + ".shp", truncated, broken);
  EXPECT_EQ(codes(broken), "ZR1101");
  ASSERT_FALSE(broken.items().empty());
  EXPECT_NE(broken.items()[0].message.find("(shapelib: "), std::string::npos)
      << broken.items()[0].message;
  EXPECT_TRUE(truncated.units.empty());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace zr::geo
