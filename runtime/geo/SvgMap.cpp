#include "runtime/geo/SvgMap.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "runtime/geo/Geodesic.h"

namespace zr::geo {

namespace {

constexpr double kMargin = 10;
constexpr double kLegendHeight = 110;
constexpr const char* kClassFill[] = {"#4dac26", "#d7191c", "#fee08b"};
constexpr const char* kSiteColour = "#7b3294";
constexpr const char* kWater = "#2c7bb6";

std::string escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

class Projection {
 public:
  Projection(const Box& box, double width) {
    minLon_ = box.min_corner().x();
    maxLat_ = box.max_corner().y();
    const double midLat = (box.min_corner().y() + box.max_corner().y()) / 2;
    aspect_ = std::cos(midLat * M_PI / 180);
    const double spanLon = std::max(box.max_corner().x() - minLon_, 1e-9) * aspect_;
    const double spanLat = std::max(maxLat_ - box.min_corner().y(), 1e-9);
    scale_ = (width - 2 * kMargin) / spanLon;
    height_ = spanLat * scale_ + 2 * kMargin;
    // Metres per pixel along the middle parallel, for the scale bar.
    const double lon0 = box.min_corner().x();
    metresPerPixel_ =
        geodesicDistance(Point(lon0, midLat), Point(lon0 + 1, midLat)) / (aspect_ * scale_);
  }
  double x(const Point& p) const { return kMargin + (p.x() - minLon_) * aspect_ * scale_; }
  double y(const Point& p) const { return kMargin + (maxLat_ - p.y()) * scale_; }
  double height() const { return height_; }
  double metresPerPixel() const { return metresPerPixel_; }

  template <typename Path>
  void appendPath(std::string& out, const Path& path, bool close) const {
    for (std::size_t i = 0; i < path.size(); ++i) {
      out += fmt::format("{}{:.1f} {:.1f}", i ? " L" : "M", x(path[i]), y(path[i]));
    }
    if (close) out += " Z";
  }
  std::string polygons(const MultiPolygon& polygons) const {
    std::string d;
    for (const auto& polygon : polygons) {
      appendPath(d, polygon.outer(), true);
      for (const auto& inner : polygon.inners()) {
        d += ' ';
        appendPath(d, inner, true);
      }
      d += ' ';
    }
    if (!d.empty()) d.pop_back();
    return d;
  }

 private:
  double minLon_ = 0, maxLat_ = 0, aspect_ = 1, scale_ = 1, height_ = 0, metresPerPixel_ = 1;
};

// A round length (1, 2 or 5 × 10^k metres) of at most `maxMetres`.
double niceLength(double maxMetres) {
  double best = 1;
  for (double power = 1; power <= 1e7; power *= 10) {
    for (double m : {1.0, 2.0, 5.0}) {
      if (m * power <= maxMetres) best = m * power;
    }
  }
  return best;
}

std::string lengthLabel(double metres) {
  return metres >= 1000 ? fmt::format("{:g} km", metres / 1000) : fmt::format("{:g} m", metres);
}

bool selected(const ir::Unit& unit, const std::string& prefix) {
  return prefix.empty() || unit.code.compare(2, prefix.size(), prefix) == 0;
}

}  // namespace

std::string renderSvgMap(const ir::Bundle& bundle, const GeoContext& context,
                         const MapRequest& request) {
  Box box = bg::make_inverse<Box>();
  bool any = false;
  for (std::size_t i = 0; i < bundle.units.size(); ++i) {
    const auto& geometry = context.units()[i];
    if (geometry.polygons.empty() || !selected(bundle.units[i], request.unitPrefix)) continue;
    bg::expand(box, bg::return_envelope<Box>(geometry.polygons));
    any = true;
  }
  if (!any) return "";
  std::vector<eval::UnitHit> hits;
  if (request.site) {
    hits = context.resolve(*request.site);
    for (const auto& part : request.site->parts) {
      for (const auto& p : part) bg::expand(box, Point(p.lon, p.lat));
    }
  }
  const double width = request.width;
  const Projection projection(box, width);
  const double mapHeight = projection.height();
  const double height = mapHeight + kLegendHeight + 14.0 * static_cast<double>(hits.size());

  std::string svg;
  svg += fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0:.0f}\" height=\"{1:.0f}\" "
      "viewBox=\"0 0 {0:.0f} {1:.0f}\" font-family=\"sans-serif\" font-size=\"12\">\n",
      width, height);
  svg +=
      fmt::format("<rect width=\"{:.0f}\" height=\"{:.0f}\" fill=\"#ffffff\"/>\n", width, height);
  svg += fmt::format(
      "<clipPath id=\"map\"><rect x=\"0\" y=\"0\" width=\"{:.0f}\" "
      "height=\"{:.1f}\"/></clipPath>\n",
      width, mapHeight);
  svg += "<g id=\"units\" stroke=\"#555555\" stroke-width=\"0.3\" fill-rule=\"evenodd\">\n";
  for (std::size_t i = 0; i < bundle.units.size(); ++i) {
    const auto& unit = bundle.units[i];
    const auto& geometry = context.units()[i];
    if (geometry.polygons.empty() || !selected(unit, request.unitPrefix)) continue;
    svg += fmt::format("<path fill=\"{}\" d=\"{}\"><title>{} {}</title></path>\n",
                       kClassFill[static_cast<int>(unit.unitClass) - 1],
                       projection.polygons(geometry.polygons), unit.code, escape(unit.name));
  }
  svg += "</g>\n<g id=\"layers\" clip-path=\"url(#map)\" fill-rule=\"evenodd\">\n";
  for (const auto& layer : context.layers()) {
    if (!layer.polygons.empty()) {
      svg += fmt::format(
          "<path fill=\"#abd9e9\" fill-opacity=\"0.7\" stroke=\"{}\" stroke-width=\"0.8\" "
          "d=\"{}\"><title>{}</title></path>\n",
          kWater, projection.polygons(layer.polygons), escape(layer.key));
    }
    for (const auto& line : layer.lines) {
      std::string d;
      projection.appendPath(d, line, false);
      svg += fmt::format(
          "<path fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" d=\"{}\"><title>{}</title>"
          "</path>\n",
          kWater, d, escape(layer.key));
    }
    for (const auto& point : layer.points) {
      svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2\" fill=\"{}\"/>\n",
                         projection.x(point), projection.y(point), kWater);
    }
  }
  svg += "</g>\n";
  if (request.site) {
    svg += "<g id=\"hits\" fill=\"none\" stroke=\"#000000\" stroke-width=\"2\">\n";
    for (const auto& hit : hits) {
      svg += fmt::format("<path d=\"{}\"/>\n",
                         projection.polygons(context.units()[hit.unit].polygons));
    }
    svg += fmt::format("</g>\n<g id=\"site\" stroke=\"{0}\" fill=\"{0}\">\n", kSiteColour);
    const auto& site = *request.site;
    for (const auto& part : site.parts) {
      std::vector<Point> points;
      for (const auto& p : part) points.emplace_back(p.lon, p.lat);
      if (site.kind == eval::SiteGeometry::Kind::Point ||
          site.kind == eval::SiteGeometry::Kind::MultiPoint) {
        for (const auto& p : points) {
          svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"5\"/>\n", projection.x(p),
                             projection.y(p));
        }
      } else {
        std::string d;
        const bool polygon = site.kind == eval::SiteGeometry::Kind::Polygon;
        projection.appendPath(d, points, polygon);
        svg += fmt::format("<path d=\"{}\" stroke-width=\"2.5\" fill-opacity=\"{}\"/>\n", d,
                           polygon ? "0.35" : "0");
      }
    }
    svg += "</g>\n";
  }

  // Legend, scale bar and the list of hits, below the map.
  const bool zh = request.zh;
  const char* labels[] = {zh ? "优先保护单元" : "priority protection",
                          zh ? "重点管控单元" : "key control",
                          zh ? "一般管控单元" : "general control"};
  double y = mapHeight + 18;
  svg += "<g id=\"legend\">\n";
  const double column = std::min(150.0, (width - 2 * kMargin) / 3);
  for (int c = 0; c < 3; ++c) {
    const double x = kMargin + column * c;
    svg += fmt::format(
        "<rect x=\"{:.0f}\" y=\"{:.0f}\" width=\"14\" height=\"10\" fill=\"{}\" "
        "stroke=\"#555555\" stroke-width=\"0.3\"/><text x=\"{:.0f}\" y=\"{:.0f}\">{}</text>\n",
        x, y - 9, kClassFill[c], x + 18, y, labels[c]);
  }
  y += 20;
  svg += fmt::format(
      "<line x1=\"{0:.0f}\" y1=\"{1:.0f}\" x2=\"{2:.0f}\" y2=\"{1:.0f}\" stroke=\"{3}\" "
      "stroke-width=\"1.5\"/><text x=\"{4:.0f}\" y=\"{5:.0f}\">{6}</text>\n",
      kMargin, y - 4, kMargin + 14, kWater, kMargin + 18, y,
      zh ? "图层（河流、湖泊、保护区）" : "layers (rivers, lakes, protected areas)");
  if (request.site) {
    y += 20;
    svg += fmt::format(
        "<circle cx=\"{:.0f}\" cy=\"{:.0f}\" r=\"5\" fill=\"{}\"/><text x=\"{:.0f}\" "
        "y=\"{:.0f}\">{}</text>\n",
        kMargin + 7, y - 4, kSiteColour, kMargin + 18, y,
        zh ? "项目选址（粗框：涉及的单元）" : "project site (bold outline: units it hits)");
  }
  // Scale bar: a round length of at most a quarter of the map's width.
  y += 22;
  const double metres = niceLength(projection.metresPerPixel() * (width - 2 * kMargin) / 4);
  const double pixels = metres / projection.metresPerPixel();
  svg += fmt::format(
      "<path d=\"M{0:.1f} {1:.0f} v4 h{2:.1f} v-4\" fill=\"none\" stroke=\"#000000\"/>"
      "<text x=\"{3:.1f}\" y=\"{4:.0f}\">{5}</text>\n",
      kMargin, y - 6, pixels, kMargin + pixels + 6, y, lengthLabel(metres));
  if (!hits.empty()) {
    for (const auto& hit : hits) {
      y += 14;
      const auto& unit = bundle.units[hit.unit];
      svg += fmt::format("<text x=\"{:.0f}\" y=\"{:.0f}\">{} {} {:.1f}%</text>\n", kMargin, y,
                         unit.code, escape(unit.name), 100 * hit.share);
    }
  } else if (request.site) {
    y += 14;
    svg += fmt::format("<text x=\"{:.0f}\" y=\"{:.0f}\">{}</text>\n", kMargin, y,
                       zh ? "选址不在任何管控单元内" : "the site lies outside every unit");
  }
  svg += "</g>\n</svg>\n";
  return svg;
}

}  // namespace zr::geo
