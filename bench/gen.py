#!/usr/bin/env python3
"""Seeded generator of a synthetic province access list and a batch of project descriptors.

    bench/gen.py --out build/bench/default [--units 2000] [--rules-per-unit 10]
                 [--projects 100000] [--seed 42] [--zh-every 10] [--cities 0]

Writes, under --out:
  province/00-schema.zr      header, a self-contained schema (attributes), the GB/T 4754 entries
                             the rules and projects use, regions, sets, definitions
  province/01-units.zr       the control units (ZH + county + class digit + serial)
  province/10-general.zr     rules scoped to all units, to classes and to regions
  province/20-CCCCCC.zr      one file per county: the county's county- and unit-scoped rules
  cities/99CC00/*.zr         with --cities N > 0: N city lists (the audit benchmark). The
                             county files then belong to the cities — their rules are city
                             rules — and each city declares its units and refines SYN-REF-01
                             (one city in four more loosely: a relaxation for the audit to find)
  projects.jsonl             --projects descriptors, one JSON object per line
  manifest.json              parameters and counts (read by bench/run)

Everything is a function of the parameters and the seed: the same command always writes
byte-identical files. Only the Python standard library is used.

Total rules = units x rules-per-unit exactly: a fixed share (about 1.5 %, scaled down for tiny
provinces) is scoped `all`, `class`, `region` (also intersected with a class) or `county`; the
rest is spread over the units as `scope unit CODE { ... }` blocks. One county file in
--zh-every is written with Chinese keywords (0 = none).
"""

import argparse
import hashlib
import json
import os
import random
import sys

# ---- schema -----------------------------------------------------------------------------------

CHANGE = [("new", "新建"), ("expansion", "扩建"), ("renovation", "改建"),
          ("relocation", "迁建"), ("technical_upgrade", "技术改造")]
CATEGORY = [("industrial", "工业"), ("urban_construction", "城镇建设"),
            ("infrastructure", "基础设施"), ("agriculture", "农业"), ("mining", "采矿"),
            ("tourism", "旅游"), ("ecological_restoration", "生态修复"),
            ("scientific_research", "科学研究")]
SCALE = [("small", "小型"), ("medium", "中型"), ("large", "大型")]
ACTIVITY = [("ecological_restoration", "生态保护修复"), ("scientific_research", "科学研究观测"),
            ("public_infrastructure", "必要的公共基础设施"), ("eco_tourism", "生态旅游"),
            ("farming", "原住民种植"), ("forestry", "林业经营"), ("mining", "矿产开采"),
            ("manufacturing", "工业生产"), ("housing", "房地产开发")]


def enum_type(values):
    return "enum { " + ", ".join(f'{n} "{zh}"' for n, zh in values) + " }"


# (name, type, label zh, label en)
ATTRIBUTES = [
    ("industry", "set<industry>", "国民经济行业", "industry codes"),
    ("change", enum_type(CHANGE), "建设性质", "type of change"),
    ("category", enum_type(CATEGORY), "项目类别", "project category"),
    ("scale", enum_type(SCALE), "建设规模", "scale"),
    ("activity", enum_type(ACTIVITY), "开发建设活动", "development activity"),
    ("in_park", "bool", "位于合规园区", "in a compliant industrial park"),
    ("in_chemical_park", "bool", "位于合规化工园区", "in a compliant chemical park"),
    ("coal_boiler", "bool", "新建燃煤锅炉", "builds a coal-fired boiler"),
    ("hazardous_chemicals", "bool", "涉及危险化学品", "handles hazardous chemicals"),
    ("vocs", "quantity<t/a>", "VOCs排放量", "VOCs emissions"),
    ("so2", "quantity<t/a>", "二氧化硫排放量", "SO2 emissions"),
    ("nox", "quantity<t/a>", "氮氧化物排放量", "NOx emissions"),
    ("cod", "quantity<t/a>", "化学需氧量排放量", "COD discharge"),
    ("nh3n", "quantity<t/a>", "氨氮排放量", "NH3-N discharge"),
    ("heavy_metals", "quantity<t/a>", "重点重金属排放量", "heavy-metal emissions"),
    ("vocs_offset_ratio", "number", "VOCs替代比例", "VOCs offset ratio"),
    ("nox_offset_ratio", "number", "氮氧化物替代比例", "NOx offset ratio"),
    ("energy_use", "quantity<tce/a>", "年综合能耗", "energy use"),
    ("water_use", "quantity<m3/a>", "年取水量", "water withdrawal"),
    ("distance_to_yangtze", "quantity<km>", "距长江干流距离", "distance to the Yangtze"),
    ("distance_to_water_source", "quantity<km>", "距饮用水水源保护区距离",
     "distance to a drinking-water source area"),
]

# GB/T 4754-2017 entries (section, division, group, class) the province uses.
INDUSTRIES = [
    ("B", "采矿业"),
    ("B06", "煤炭开采和洗选业"), ("B061", "烟煤和无烟煤开采洗选"), ("B0610", "烟煤和无烟煤开采洗选"),
    ("B09", "有色金属矿采选业"), ("B091", "常用有色金属矿采选"), ("B0911", "铜矿采选"),
    ("B0912", "铅锌矿采选"),
    ("C", "制造业"),
    ("C13", "农副食品加工业"), ("C131", "谷物磨制"), ("C1311", "稻谷加工"),
    ("C14", "食品制造业"), ("C143", "方便食品制造"), ("C1431", "米、面制品制造"),
    ("C17", "纺织业"), ("C171", "棉纺织及印染精加工"), ("C1713", "棉印染精加工"),
    ("C18", "纺织服装、服饰业"), ("C181", "机织服装制造"), ("C1811", "运动机织服装制造"),
    ("C21", "家具制造业"), ("C211", "木质家具制造"), ("C2110", "木质家具制造"),
    ("C22", "造纸和纸制品业"), ("C222", "造纸"), ("C2221", "机制纸及纸板制造"),
    ("C25", "石油、煤炭及其他燃料加工业"), ("C251", "精炼石油产品制造"),
    ("C2511", "原油加工及石油制品制造"), ("C252", "煤炭加工"), ("C2521", "炼焦"),
    ("C26", "化学原料和化学制品制造业"), ("C261", "基础化学原料制造"), ("C2611", "无机酸制造"),
    ("C2614", "有机化学原料制造"), ("C263", "农药制造"), ("C2631", "化学农药制造"),
    ("C265", "合成材料制造"), ("C2651", "初级形态塑料及合成树脂制造"),
    ("C27", "医药制造业"), ("C271", "化学药品原料药制造"), ("C2710", "化学药品原料药制造"),
    ("C30", "非金属矿物制品业"), ("C301", "水泥、石灰和石膏制造"), ("C3011", "水泥制造"),
    ("C304", "玻璃制造"), ("C3041", "平板玻璃制造"),
    ("C31", "黑色金属冶炼和压延加工业"), ("C311", "炼铁"), ("C3110", "炼铁"),
    ("C312", "炼钢"), ("C3120", "炼钢"),
    ("C32", "有色金属冶炼和压延加工业"), ("C321", "常用有色金属冶炼"), ("C3211", "铜冶炼"),
    ("C3212", "铅锌冶炼"),
    ("C33", "金属制品业"), ("C336", "金属表面处理及热处理加工"), ("C3360", "金属表面处理及热处理加工"),
    ("C34", "通用设备制造业"), ("C341", "锅炉及原动设备制造"), ("C3411", "锅炉及辅助设备制造"),
    ("C38", "电气机械和器材制造业"), ("C384", "电池制造"), ("C3841", "锂离子电池制造"),
    ("C39", "计算机、通信和其他电子设备制造业"), ("C397", "电子器件制造"),
    ("C3972", "半导体分立器件制造"), ("C3973", "集成电路制造"),
    ("D", "电力、热力、燃气及水生产和供应业"),
    ("D44", "电力、热力生产和供应业"), ("D441", "电力生产"), ("D4411", "火力发电"),
    ("D4415", "风力发电"), ("D4416", "太阳能发电"),
    ("E", "建筑业"), ("E47", "房屋建筑业"), ("E471", "住宅房屋建筑"), ("E4710", "住宅房屋建筑"),
    ("N", "水利、环境和公共设施管理业"), ("N77", "生态保护和环境治理业"),
    ("N772", "环境治理业"), ("N7723", "固体废物治理"), ("N7724", "危险废物治理"),
]
LEAVES = [c for c, _ in INDUSTRIES if len(c) == 5]
MANUFACTURING = [c for c in LEAVES if c[0] == "C"]
DIVISIONS = [c for c, _ in INDUSTRIES if len(c) == 3]
HEAVY = ["C22", "C25", "C26", "C30", "C31", "C32", "C3360"]
CHEMICAL = ["C25", "C26", "C27"]
HEAVY_LEAVES = [c for c in MANUFACTURING
                if any(c.startswith(h) for h in HEAVY + CHEMICAL + ["C33", "C32"])]
# Projects: light manufacturing is far more common than heavy industry.
_w, _t = [], 0
for _c in MANUFACTURING:
    _t += 1 if _c in HEAVY_LEAVES else 4
    _w.append(_t)
MANUFACTURING_CUM = _w
HEAVY_METAL = ["C32", "C3360", "B09"]

CLASS_EN = {1: "priority", 2: "key", 3: "general"}
CLASS_ZH = {1: "优先保护", 2: "重点管控", 3: "一般管控"}

# English → Chinese keywords, for the files written in the Chinese dialect.
ZH = {
    "accesslist": "准入清单", "level": "层级", "province": "省级", "jurisdiction": "辖区",
    "scope": "范围", "unit": "单元", "county": "区县", "class": "类别", "region": "区域",
    "rule": "规则", "forbid": "禁止", "unless": "除非", "require": "要求", "when": "当",
    "limit": "限制", "cite": "依据", "effective": "生效", "from": "自", "until": "至",
    "and": "且", "or": "或", "not": "非", "in": "属于", "project": "项目",
    "layout": "空间布局约束", "emission": "污染物排放管控", "risk": "环境风险防控",
    "resource": "资源开发效率要求",
    "priority": "优先保护", "key": "重点管控", "general": "一般管控",
}

HEADER = 'accesslist "合成省生态环境准入清单(synthetic)" level province jurisdiction 990000'
DOC = "《合成省生态环境分区管控方案》"


class Words:
    """Keyword spelling for one file: English, or the Chinese twins."""

    def __init__(self, zh):
        self.zh = zh

    def __call__(self, word):
        return ZH[word] if self.zh else word

    def attr(self, name):
        return f"{self('project')}.{name}"


def fmt_num(x):
    """A plain decimal (never an exponent), at most 6 decimals."""
    if float(x).is_integer():
        return str(int(x))
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


# ---- places -----------------------------------------------------------------------------------

def make_places(rng, n_units, n_cities=0):
    n_counties = max(1, min(50, n_units // 40))
    if n_cities > 0:
        n_counties = max(n_counties, n_cities)
    counties = []  # (code, name)
    for k in range(n_counties):
        if n_cities > 0:  # spread the counties over exactly n_cities cities
            city = k * n_cities // n_counties + 1
            county = k - next(j for j in range(n_counties) if j * n_cities // n_counties + 1 == city) + 1
        else:
            city, county = k // 5 + 1, k % 5 + 1
        counties.append((f"99{city:02d}{county:02d}", f"合成{city}市第{county}县"))
    cities = sorted({c[:4] + "00" for c, _ in counties})

    units = []  # dicts: code, name, cls, county, kind, regions(declared)
    serial = {}
    for i in range(n_units):
        county, cname = counties[i % n_counties]
        r = rng.random()
        cls = 1 if r < 0.25 else (2 if r < 0.60 else 3)
        s = serial.get((county, cls), 0) + 1
        serial[(county, cls)] = s
        code = f"ZH{county}{cls}{s:04d}"
        kind = ""
        if cls == 2:
            kind = rng.choice(["产业集聚类", "城镇生活类", "产业集聚类", ""])
        regions = []
        if rng.random() < 0.12:
            regions.append("lake_basin")
        units.append({"code": code, "cls": cls, "county": county, "kind": kind,
                      "name": f"{cname}{CLASS_ZH[cls]}单元{s}", "regions": regions})
    units.sort(key=lambda u: u["code"])

    county_codes = [c for c, _ in counties]
    yangtze = county_codes[: max(1, n_counties // 5)]              # the first city or so
    air = cities[::3]
    park_pool = [u["code"] for u in units if u["cls"] == 2]
    parks = sorted(rng.sample(park_pool, min(len(park_pool), max(1, n_units // 40))))
    regions = [
        ("yangtze_belt", "长江干流岸线带", f"counties({', '.join(yangtze)})"),
        ("air_channel", "大气污染传输通道城市", f"cities({', '.join(air)})"),
        ("lake_basin", "合成湖流域", None),
        ("industrial_parks", "省级以上工业园区", f"units({', '.join(parks)})" if parks else None),
    ]
    region_units = {
        "yangtze_belt": [u for u in units if u["county"] in yangtze],
        "air_channel": [u for u in units if u["county"][:4] + "00" in air],
        "lake_basin": [u for u in units if "lake_basin" in u["regions"]],
        "industrial_parks": [u for u in units if u["code"] in set(parks)],
    }
    return counties, cities, units, regions, region_units


# ---- rules ------------------------------------------------------------------------------------

class RuleMaker:
    """Random rule bodies. Each template returns (dimension, title, effect lines)."""

    def __init__(self, rng):
        self.rng = rng

    def industries(self, k_min=1, k_max=3, pool=None):
        pool = pool or (DIVISIONS + MANUFACTURING)
        k = self.rng.randint(k_min, k_max)
        return sorted(self.rng.sample(pool, k))

    def change_set(self):
        return self.rng.choice([["new"], ["new", "expansion"], ["new", "expansion", "renovation"]])

    def t_forbid_industry(self, w, cls):
        inds = self.industries(1, 2, HEAVY_LEAVES + ["C25", "C26", "C30", "C31", "C32", "B06",
                                                     "B09", "C17", "C13"])
        cond = f"{w.attr('industry')} {w('in')} {{{', '.join(inds)}}}"
        if self.rng.random() < 0.6:
            cond += f" {w('and')} {w.attr('change')} {w('in')} {{{', '.join(self.change_set())}}}"
        lines = [f"{w('forbid')} {cond}"]
        if cls != 1 and self.rng.random() < 0.5:
            lines.append(f"  {w('unless')} {w.attr('in_park')}")
        return "layout", "禁止新建扩建特定行业项目", lines

    def t_priority_activity(self, w, cls):
        cats = self.rng.choice([["industrial", "mining"], ["industrial", "urban_construction"],
                                ["industrial", "mining", "urban_construction"]])
        lines = [f"{w('forbid')} {w.attr('category')} {w('in')} {{{', '.join(cats)}}}"
                 f" {w('and')} {w.attr('scale')} {w('in')} {self.rng.choice(['{large}', '{medium, large}'])}",
                 f"  {w('unless')} {w.attr('activity')} {w('in')} permitted_activities"]
        return "layout", "优先保护单元禁止大规模开发建设", lines

    def t_vocs_offset(self, w, cls):
        ratio = self.rng.choice([1.5, 2.0, 2.0, 2.5])
        thr = self.rng.choice([0, 0.5, 1, 5, 10])
        guard = f"{w.attr('vocs')} > {fmt_num(thr)} t/a"
        if self.rng.random() < 0.5:
            guard += f" {w('and')} {w.attr('change')} {w('in')} {{{', '.join(self.change_set())}}}"
        lines = [f"{w('require')} {w.attr('vocs_offset_ratio')} >= {fmt_num(ratio)}",
                 f"  {w('when')} {guard}"]
        return "emission", "新建涉VOCs项目倍量替代", lines

    def t_nox_offset(self, w, cls):
        ratio = self.rng.choice([1.2, 1.5, 2.0])
        lines = [f"{w('require')} {w.attr('nox_offset_ratio')} >= {fmt_num(ratio)}",
                 f"  {w('when')} {w.attr('nox')} > 0 t/a {w('and')} {w.attr('change')} == new"]
        return "emission", "氮氧化物减量替代", lines

    def t_limit_pollutant(self, w, cls):
        attr, lo, hi = self.rng.choice([("so2", 5, 200), ("nox", 5, 200), ("cod", 2, 100),
                                        ("nh3n", 0.5, 20), ("vocs", 1, 100)])
        q = round(self.rng.uniform(lo, hi), 1)
        qtext = f"{fmt_num(q)} t/a" if self.rng.random() < 0.8 else f"{fmt_num(q * 1000)} kg/a"
        guard = self.rng.choice([
            f"{w.attr('industry')} {w('in')} heavy_polluting",
            f"{w.attr('change')} {w('in')} {{{', '.join(self.change_set())}}}",
            f"{w.attr('category')} == industrial",
        ])
        lines = [f"{w('limit')} {w.attr(attr)} <= {qtext}", f"  {w('when')} {guard}"]
        return "emission", "主要污染物排放总量控制", lines

    def t_energy(self, w, cls):
        q = self.rng.choice([1000, 2000, 5000, 10000, 50000])
        qtext = f"{q} tce/a" if self.rng.random() < 0.8 else f"{fmt_num(q / 10000)} 万tce/a"
        lines = [f"{w('limit')} {w.attr('energy_use')} <= {qtext}",
                 f"  {w('when')} {w.attr('change')} == new"]
        return "resource", "新建项目能耗限值", lines

    def t_water(self, w, cls):
        q = self.rng.choice([100000, 200000, 500000, 1000000])
        lines = [f"{w('limit')} {w.attr('water_use')} <= {q} m3/a",
                 f"  {w('when')} {w.attr('category')} {w('in')} {{industrial, agriculture}}"]
        return "resource", "取水总量控制", lines

    def t_yangtze(self, w, cls):
        d = self.rng.choice(["1 km", "1000 m", "3 km", "0.5 km"])
        lines = [f"{w('require')} {w.attr('distance_to_yangtze')} >= {d}",
                 f"  {w('when')} {w.attr('industry')} {w('in')} chemical"
                 f" {w('and')} {w.attr('change')} {w('in')} {{new, expansion}}"]
        return "layout", "长江干流岸线一公里内禁止新建扩建化工项目", lines

    def t_chem_park(self, w, cls):
        lines = [f"{w('require')} {w.attr('in_chemical_park')}",
                 f"  {w('when')} {w.attr('industry')} {w('in')} chemical {w('and')} new_build"]
        return "risk", "新建化工项目进入合规化工园区", lines

    def t_water_source(self, w, cls):
        d = self.rng.choice(["1 km", "2 km", "500 m"])
        lines = [f"{w('forbid')} {w.attr('hazardous_chemicals')}"
                 f" {w('and')} {w.attr('distance_to_water_source')} < {d}"]
        return "risk", "饮用水水源保护区周边禁止涉危险化学品项目", lines

    def t_coal(self, w, cls):
        lines = [f"{w('forbid')} {w.attr('coal_boiler')}"
                 f" {w('and')} {w.attr('change')} {w('in')} {{new, expansion}}"]
        return "emission", "禁止新建燃煤锅炉", lines

    def t_outside_park(self, w, cls):
        lines = [f"{w('forbid')} {w('not')} {w.attr('in_park')}"
                 f" {w('and')} {w.attr('industry')} {w('in')} heavy_polluting"
                 f" {w('and')} {w.attr('change')} == new"]
        return "layout", "园区外禁止新建重污染项目", lines

    def t_heavy_metal(self, w, cls):
        lines = [f"{w('limit')} {w.attr('heavy_metals')} <= 0 t/a",
                 f"  {w('when')} {w.attr('industry')} {w('in')} heavy_metal_industries"
                 f" {w('and')} new_build"]
        return "emission", "重点重金属污染物排放等量或减量替代", lines

    def t_capacity(self, w, cls):
        inds = self.rng.choice([["C3011", "C3041"], ["C3110", "C3120"], ["C2521"], ["C2221"]])
        lines = [f"{w('forbid')} {w.attr('industry')} {w('in')} {{{', '.join(inds)}}}"
                 f" {w('and')} ({w.attr('scale')} == large {w('or')} {w.attr('change')} == new)"]
        return "layout", "严禁新增产能过剩行业产能", lines

    def t_arith(self, w, cls):
        q = self.rng.choice([20, 50, 100])
        lines = [f"{w('require')} {w.attr('cod')} + {w.attr('nh3n')} <= {q} t/a",
                 f"  {w('when')} {w.attr('category')} == industrial"]
        return "emission", "水污染物排放总量控制", lines

    def t_high_vocs(self, w, cls):
        lines = [f"{w('forbid')} high_vocs {w('and')} {w('not')} {w.attr('in_park')}"]
        return "emission", "高VOCs排放项目须入园", lines

    TEMPLATES = {
        # class digit -> weighted templates
        1: [("t_priority_activity", 5), ("t_forbid_industry", 4), ("t_water_source", 2),
            ("t_coal", 1), ("t_capacity", 1), ("t_yangtze", 1)],
        2: [("t_vocs_offset", 3), ("t_limit_pollutant", 4), ("t_forbid_industry", 2),
            ("t_chem_park", 2), ("t_energy", 2), ("t_heavy_metal", 1), ("t_arith", 1),
            ("t_nox_offset", 1), ("t_outside_park", 1), ("t_water", 1), ("t_coal", 1),
            ("t_high_vocs", 1)],
        3: [("t_forbid_industry", 3), ("t_limit_pollutant", 2), ("t_energy", 2),
            ("t_water", 1), ("t_coal", 1), ("t_outside_park", 1), ("t_capacity", 1),
            ("t_water_source", 1), ("t_high_vocs", 1)],
        0: [("t_vocs_offset", 1), ("t_limit_pollutant", 1), ("t_forbid_industry", 1),
            ("t_chem_park", 1), ("t_energy", 1), ("t_yangtze", 1), ("t_heavy_metal", 1),
            ("t_coal", 1), ("t_capacity", 1), ("t_water_source", 1), ("t_water", 1),
            ("t_nox_offset", 1), ("t_arith", 1)],
    }

    def make(self, w, cls):
        names = [n for n, _ in self.TEMPLATES[cls]]
        weights = [k for _, k in self.TEMPLATES[cls]]
        name = self.rng.choices(names, weights)[0]
        return getattr(self, name)(w, cls)


def render_rule(w, rng, rule_id, made, cite_no, indent):
    dimension, title, lines = made
    out = [f"{indent}{w('rule')} {rule_id} {w(dimension)} \"{title}\":"]
    out += [f"{indent}  {line}" for line in lines]
    out.append(f"{indent}  {w('cite')} \"{DOC}附件{cite_no // 100 + 1}第{cite_no % 100 + 1}条\"")
    r = rng.random()
    if r < 0.05:
        out.append(f"{indent}  {w('effective')} {w('from')} 2021-07-01 {w('until')} 2030-12-31")
    elif r < 0.10:
        out.append(f"{indent}  {w('effective')} {w('from')} 2024-01-01")
    return out


def shared_rule_plan(n_units, total, n_counties):
    """How many rules get each shared scope; scaled down when the province is tiny."""
    plan = {"all": 12, "class": 6, "region": 4, "county": 2}
    share = 12 + 3 * 6 + 4 * 4 + 2 * n_counties
    while share > max(1, total // 5) and any(plan.values()):
        for k in plan:
            plan[k] = plan[k] // 2
        share = plan["all"] + 3 * plan["class"] + 4 * plan["region"] + plan["county"] * n_counties
    return plan, share


def write_province(out, rng, args):
    counties, cities, units, regions, region_units = make_places(rng, args.units, args.cities)
    total = args.units * args.rules_per_unit
    plan, share = shared_rule_plan(args.units, total, len(counties))
    unit_rules_total = max(0, total - share)
    maker = RuleMaker(rng)
    os.makedirs(os.path.join(out, "province"), exist_ok=True)
    for f in os.listdir(os.path.join(out, "province")):
        if f.endswith(".zr"):
            os.remove(os.path.join(out, "province", f))
    if os.path.isdir(os.path.join(out, "cities")):
        for city in os.listdir(os.path.join(out, "cities")):
            for f in os.listdir(os.path.join(out, "cities", city)):
                os.remove(os.path.join(out, "cities", city, f))
            os.rmdir(os.path.join(out, "cities", city))

    # schema, taxonomy, places, sets
    w = Words(False)
    s = [f"// Synthetic province for benchmarks — generated by bench/gen.py (seed {args.seed}).",
         HEADER, ""]
    for name, typ, zh, en in ATTRIBUTES:
        s.append(f'attribute {name} : {typ} label "{zh}" "{en}"')
    s.append("")
    for code, name in INDUSTRIES:
        s.append(f'industry {code} "{name}"')
    s.append("")
    for name, title, members in regions:
        s.append(f'region {name} "{title}"' + (f" = {members}" if members else ""))
    s.append("")
    s.append(f"set heavy_polluting of industry = {{{', '.join(HEAVY)}}} cite \"{DOC}附件1\"")
    s.append(f"set chemical of industry = {{{', '.join(CHEMICAL)}}}")
    s.append(f"set heavy_metal_industries of industry = {{{', '.join(HEAVY_METAL)}}}")
    s.append("open set permitted_activities of activity = {ecological_restoration, "
             f"scientific_research}} cite \"{DOC}附件2\"")
    priority = [u for u in units if u["cls"] == 1]
    for u in priority[::20]:
        extra = rng.sample(["public_infrastructure", "eco_tourism", "farming", "forestry"], 2)
        s.append(f"extend permitted_activities for unit {u['code']} += {{{', '.join(sorted(extra))}}}")
    s.append("")
    s.append("define high_vocs = project.vocs >= 10 t/a")
    s.append("define new_build = project.change in {new, expansion}")
    with open(os.path.join(out, "province", "00-schema.zr"), "w", encoding="utf-8") as f:
        f.write("\n".join(s) + "\n")

    # units
    s = [HEADER, ""]
    for u in units:
        line = f'unit {u["code"]} "{u["name"]}" class {CLASS_EN[u["cls"]]} county {u["county"]}'
        if u["kind"]:
            line += f' kind "{u["kind"]}"'
        if u["regions"]:
            line += " in " + ", ".join(u["regions"])
        s.append(line)
    with open(os.path.join(out, "province", "01-units.zr"), "w", encoding="utf-8") as f:
        f.write("\n".join(s) + "\n")

    cite_no = 0
    n_rules = 0

    def emit(lines, w, rid, cls, indent):
        nonlocal cite_no, n_rules
        lines += render_rule(w, rng, rid, maker.make(w, cls), cite_no, indent)
        cite_no += 1
        n_rules += 1

    # shared rules: all, class, region, class & region
    s = [HEADER, ""]
    for i in range(plan["all"]):
        emit(s, w, f"SYN-A-{i + 1:02d}", 0, "")
    for cls in (1, 2, 3):
        s.append(f"scope class {CLASS_EN[cls]} {{")
        for i in range(plan["class"]):
            emit(s, w, f"SYN-{CLASS_EN[cls][0].upper()}-{i + 1:02d}", cls, "  ")
        s.append("}")
    region_scopes = [("region yangtze_belt", 0, "YZ"), ("region air_channel & class key", 2, "AC"),
                     ("region lake_basin", 0, "LB"), ("region industrial_parks", 2, "IP")]
    for scope, cls, tag in region_scopes:
        s.append(f"scope {scope} {{")
        for i in range(plan["region"]):
            emit(s, w, f"SYN-{tag}-{i + 1:02d}", cls, "  ")
        s.append("}")
    if args.cities:
        # The rule every city refines (the audit proves each refine at least as strict).
        s += [f"rule SYN-REF-01 emission \"新建涉VOCs项目倍量替代\":",
              "  require project.vocs_offset_ratio >= 2",
              "    when project.vocs > 0 t/a and project.change in {new, expansion}",
              f"  cite \"{DOC}附件3\""]
        n_rules += 1
    with open(os.path.join(out, "province", "10-general.zr"), "w", encoding="utf-8") as f:
        f.write("\n".join(s) + "\n")
    if args.cities:
        n_rules += write_city_headers(out, cities, units)

    # unit rules: spread unit_rules_total over units (base + remainder to random units)
    base, rem = divmod(unit_rules_total, len(units))
    counts = [base] * len(units)
    for i in rng.sample(range(len(units)), rem):
        counts[i] += 1
    by_county = {}
    for u, k in zip(units, counts):
        by_county.setdefault(u["county"], []).append((u, k))
    files = 0
    for ci, (county, _) in enumerate(counties):
        zh = args.zh_every > 0 and ci % args.zh_every == args.zh_every - 1
        w = Words(zh)
        header = HEADER if not zh else \
            '准入清单 "合成省生态环境准入清单(synthetic)" 层级 省级 辖区 990000'
        s = [header, ""]
        if plan["county"]:
            s.append(f"{w('scope')} {w('county')} {county} {{")
            for i in range(plan["county"]):
                emit(s, w, f"SYN-X-{county}-{i + 1}", 0, "  ")
            s.append("}")
        for u, k in by_county.get(county, []):
            if k == 0:
                continue
            s.append(f"{w('scope')} {w('unit')} {u['code']} {{")
            for j in range(k):
                emit(s, w, f"SYN-{u['code'][2:]}-{j + 1:02d}", u["cls"], "  ")
            s.append("}")
        if args.cities:
            city = county[:4] + "00"
            s[0] = city_header(city, zh)
            path = os.path.join(out, "cities", city, f"20-{county}.zr")
        else:
            path = os.path.join(out, "province", f"20-{county}.zr")
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(s) + "\n")
        files += 1
    return units, counties, n_rules, files + 3


def city_header(city, zh=False):
    name = f"合成省第{int(city[2:4])}市生态环境准入清单(synthetic)"
    parent = "合成省生态环境准入清单(synthetic)"
    if zh:
        return f'准入清单 "{name}" 层级 市级 辖区 {city} 上级 "{parent}"'
    return f'accesslist "{name}" level city jurisdiction {city} parent "{parent}"'


def write_city_headers(out, cities, units):
    """Per city: its unit declarations and a refine of SYN-REF-01. Returns the rules written."""
    for k, city in enumerate(cities):
        folder = os.path.join(out, "cities", city)
        os.makedirs(folder, exist_ok=True)
        s = [city_header(city), ""]
        for u in units:
            if u["county"][:4] + "00" == city:
                s.append(f'unit {u["code"]} "{u["name"]}" class {CLASS_EN[u["cls"]]} '
                         f'county {u["county"]}')
        with open(os.path.join(folder, "01-units.zr"), "w", encoding="utf-8") as f:
            f.write("\n".join(s) + "\n")
        ratio = "1.5" if k % 4 == 3 else "2.5"  # one city in four relaxes the province rule
        s = [city_header(city), "",
             f"refine SYN-REF-01 as SYN-REF-C{city[2:4]} \"本市新建涉VOCs项目倍量替代\":",
             f"  require project.vocs_offset_ratio >= {ratio}",
             "    when project.vocs > 0 t/a and project.change in {new, expansion}",
             f"  cite \"{DOC}附件3（本市）\""]
        with open(os.path.join(folder, "02-refine.zr"), "w", encoding="utf-8") as f:
            f.write("\n".join(s) + "\n")
    return len(cities)


# ---- projects ---------------------------------------------------------------------------------

def quantity(rng, value, unit, alternatives):
    """A quantity as a bare canonical number, or a string with a unit (sometimes another one)."""
    r = rng.random()
    if r < 0.6:
        return round(value, 3)
    if r < 0.85:
        return f"{fmt_num(round(value, 3))} {unit}"
    sym, factor = rng.choice(alternatives)
    return f"{fmt_num(round(value * factor, 3))} {sym}"


def lognormal(rng, median, sigma=1.0):
    return median * rng.lognormvariate(0, sigma)


def make_project(rng, i, units, cum_weights):
    p = {"project": f"P{i:06d}"}
    r = rng.random()
    k = 1 if r < 0.88 else (2 if r < 0.98 else 3)
    site = sorted({u["code"] for u in rng.choices(units, cum_weights=cum_weights, k=k)})
    p["site"] = {"units": site}
    # Most descriptors are complete; a sloppy one leaves out a good share of its facts, which
    # makes rules indeterminate and requirements obligations.
    sloppy = rng.random() < 0.25
    give = 0.8 if sloppy else 0.995

    def maybe(prob):
        return rng.random() < prob

    cat = rng.choices([c for c, _ in CATEGORY], [55, 10, 15, 8, 5, 4, 2, 1])[0]
    if maybe(give):
        p["category"] = cat if maybe(0.85) else dict(CATEGORY)[cat]
    if maybe(give):
        ch = rng.choices([c for c, _ in CHANGE], [45, 20, 15, 5, 15])[0]
        p["change"] = ch if maybe(0.8) else dict(CHANGE)[ch]
    if maybe(give):
        p["scale"] = rng.choices([c for c, _ in SCALE], [50, 35, 15])[0]
    if maybe(give):
        act = {"industrial": "manufacturing", "mining": "mining", "urban_construction": "housing",
               "infrastructure": "public_infrastructure", "agriculture": "farming",
               "tourism": "eco_tourism", "ecological_restoration": "ecological_restoration",
               "scientific_research": "scientific_research"}[cat]
        p["activity"] = act

    industrial = cat in ("industrial", "mining")
    if maybe(give):
        if cat == "industrial":
            inds = sorted(set(rng.choices(MANUFACTURING, cum_weights=MANUFACTURING_CUM,
                                          k=1 if maybe(0.85) else 2)))
        elif cat == "mining":
            inds = [rng.choice(["B0610", "B0911", "B0912"])]
        elif cat == "infrastructure":
            inds = [rng.choice(["D4411", "D4415", "D4416", "D4416", "N7723", "N7724"])]
        elif cat == "urban_construction":
            inds = ["E4710"]
        else:
            inds = [rng.choice(["C1311", "N7723"])] if maybe(0.3) else []
        p["industry"] = inds

    if maybe(give):
        p["in_park"] = maybe(0.7 if industrial else 0.2)
    if maybe(give):
        p["in_chemical_park"] = maybe(0.7 if industrial else 0.0)
    if maybe(give):
        p["coal_boiler"] = maybe(0.02)
    if maybe(give):
        p["hazardous_chemicals"] = maybe(0.12 if industrial else 0.02)

    t_a = [("kg/a", 1000.0)]
    for attr, median in (("vocs", 1.0), ("so2", 3.0), ("nox", 5.0), ("cod", 2.0),
                         ("nh3n", 0.2)):
        if maybe(give if industrial else give * 0.9):
            p[attr] = quantity(rng, lognormal(rng, median) if industrial else 0.0, "t/a", t_a)
    if maybe(give):
        p["heavy_metals"] = quantity(rng, 0.0 if maybe(0.9) else lognormal(rng, 0.01), "t/a", t_a)
    if industrial and maybe(give * 0.6):
        p["vocs_offset_ratio"] = rng.choice([1.0, 1.5, 2.0, 2.0, 2.5, 3.0])
    if industrial and maybe(give * 0.6):
        p["nox_offset_ratio"] = rng.choice([1.0, 1.2, 1.5, 2.0, 2.0])
    if maybe(give):
        p["energy_use"] = quantity(rng, lognormal(rng, 800 if industrial else 200),
                                   "tce/a", [("万tce/a", 1e-4)])
    if maybe(give):
        p["water_use"] = quantity(rng, lognormal(rng, 30000 if industrial else 5000), "m3/a",
                                  [("万m3/a", 1e-4)])
    if maybe(give):
        p["distance_to_yangtze"] = quantity(rng, lognormal(rng, 8.0, 1.2), "km", [("m", 1000.0)])
    if maybe(give):
        p["distance_to_water_source"] = quantity(rng, lognormal(rng, 3.0, 1.0), "km",
                                                 [("m", 1000.0)])
    return p


def write_projects(out, rng, units, n):
    cum, total = [], 0
    for u in units:
        total += {1: 15, 2: 50, 3: 35}[u["cls"]]
        cum.append(total)
    path = os.path.join(out, "projects.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for i in range(1, n + 1):
            f.write(json.dumps(make_project(rng, i, units, cum), ensure_ascii=False,
                               separators=(",", ":")))
            f.write("\n")
    return path


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--units", type=int, default=2000)
    ap.add_argument("--rules-per-unit", type=int, default=10)
    ap.add_argument("--projects", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--zh-every", type=int, default=10,
                    help="write one county file in N with Chinese keywords (0: none)")
    ap.add_argument("--cities", type=int, default=0,
                    help="write the county files as N city lists (audit benchmark; 0: none)")
    args = ap.parse_args(argv)
    if args.units < 1 or args.rules_per_unit < 1 or args.projects < 0:
        ap.error("--units and --rules-per-unit must be >= 1, --projects >= 0")

    os.makedirs(args.out, exist_ok=True)
    # Two independent streams, so the projects do not change when only the rules change.
    units, counties, n_rules, n_files = write_province(args.out, random.Random(args.seed), args)
    path = write_projects(args.out, random.Random(args.seed * 1000003 + 1), units, args.projects)
    with open(os.path.abspath(__file__), "rb") as f:
        generator = hashlib.sha256(f.read()).hexdigest()
    manifest = {
        "generator_sha256": generator,  # bench/run regenerates when gen.py changes
        "seed": args.seed, "units": len(units), "rules_per_unit": args.rules_per_unit,
        "rules": n_rules, "counties": len(counties), "projects": args.projects,
        "cities": args.cities,
        "source_files": n_files,
        "source_bytes": sum(os.path.getsize(os.path.join(args.out, "province", f))
                            for f in os.listdir(os.path.join(args.out, "province"))),
        "projects_bytes": os.path.getsize(path),
    }
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True)
        f.write("\n")
    print(json.dumps(manifest, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
