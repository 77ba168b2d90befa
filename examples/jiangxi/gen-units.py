#!/usr/bin/env python3
"""Generate the SYNTHETIC unit inventory of the Jiangxi example.

Writes
    province/units.zr    the province inventory (authoritative for code and class): about
                         1,000 units over the 11 设区市 and their 100 county-level divisions
    shangrao/units.zr    the units of 上饶 as the city list declares them (details: kind, the
    jiujiang/units.zr    city's own regions); same for 九江 and 南昌
    nanchang/units.zr

Everything generated here is synthetic: unit codes, names and classes are made up. County codes
are GB/T 2260 codes of Jiangxi as recalled (DOMAIN.md §2 marks them [M], unverified). A unit code
is ZH + county code + class digit (1 优先保护, 2 重点管控, 3 一般管控) + 4-digit serial, so the class
digit always agrees with the class.

A few "anchor" units (the ones the rules and the project descriptors name) are fixed below; the
rest are drawn with a fixed seed, so running the script twice gives byte-identical files. Target
shares of units: 优先 about 50 %, 重点 about 18 %, 一般 about 32 % (national shares by area:
54.4 / 14.1 / 31.5, DOMAIN.md §1).

Usage:  examples/jiangxi/gen-units.py [--check]     (standard library only)
"""

import argparse
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250103

CITIES = [  # code, name, [(county code, county name)]
    ("360100", "南昌市", [("360102", "东湖区"), ("360103", "西湖区"), ("360104", "青云谱区"),
                       ("360111", "青山湖区"), ("360112", "新建区"), ("360113", "红谷滩区"),
                       ("360121", "南昌县"), ("360123", "安义县"), ("360124", "进贤县")]),
    ("360200", "景德镇市", [("360202", "昌江区"), ("360203", "珠山区"), ("360222", "浮梁县"),
                        ("360281", "乐平市")]),
    ("360300", "萍乡市", [("360302", "安源区"), ("360313", "湘东区"), ("360321", "莲花县"),
                       ("360322", "上栗县"), ("360323", "芦溪县")]),
    ("360400", "九江市", [("360402", "濂溪区"), ("360403", "浔阳区"), ("360404", "柴桑区"),
                       ("360423", "武宁县"), ("360424", "修水县"), ("360425", "永修县"),
                       ("360426", "德安县"), ("360428", "都昌县"), ("360429", "湖口县"),
                       ("360430", "彭泽县"), ("360481", "瑞昌市"), ("360482", "共青城市"),
                       ("360483", "庐山市")]),
    ("360500", "新余市", [("360502", "渝水区"), ("360521", "分宜县")]),
    ("360600", "鹰潭市", [("360602", "月湖区"), ("360603", "余江区"), ("360681", "贵溪市")]),
    ("360700", "赣州市", [("360702", "章贡区"), ("360703", "南康区"), ("360704", "赣县区"),
                       ("360722", "信丰县"), ("360723", "大余县"), ("360724", "上犹县"),
                       ("360725", "崇义县"), ("360726", "安远县"), ("360728", "定南县"),
                       ("360729", "全南县"), ("360730", "宁都县"), ("360731", "于都县"),
                       ("360732", "兴国县"), ("360733", "会昌县"), ("360734", "寻乌县"),
                       ("360735", "石城县"), ("360781", "瑞金市"), ("360783", "龙南市")]),
    ("360800", "吉安市", [("360802", "吉州区"), ("360803", "青原区"), ("360821", "吉安县"),
                       ("360822", "吉水县"), ("360823", "峡江县"), ("360824", "新干县"),
                       ("360825", "永丰县"), ("360826", "泰和县"), ("360827", "遂川县"),
                       ("360828", "万安县"), ("360829", "安福县"), ("360830", "永新县"),
                       ("360881", "井冈山市")]),
    ("360900", "宜春市", [("360902", "袁州区"), ("360921", "奉新县"), ("360922", "万载县"),
                       ("360923", "上高县"), ("360924", "宜丰县"), ("360925", "靖安县"),
                       ("360926", "铜鼓县"), ("360981", "丰城市"), ("360982", "樟树市"),
                       ("360983", "高安市")]),
    ("361000", "抚州市", [("361002", "临川区"), ("361003", "东乡区"), ("361021", "南城县"),
                       ("361022", "黎川县"), ("361023", "南丰县"), ("361024", "崇仁县"),
                       ("361025", "乐安县"), ("361026", "宜黄县"), ("361027", "金溪县"),
                       ("361028", "资溪县"), ("361030", "广昌县")]),
    ("361100", "上饶市", [("361102", "信州区"), ("361103", "广丰区"), ("361104", "广信区"),
                       ("361123", "玉山县"), ("361124", "铅山县"), ("361125", "横峰县"),
                       ("361126", "弋阳县"), ("361127", "余干县"), ("361128", "鄱阳县"),
                       ("361129", "万年县"), ("361130", "婺源县"), ("361181", "德兴市")]),
]

# Anchor units: code -> (name, kind or "", province regions, city regions). The rules and the
# project descriptors name these; their serials are reserved.
ANCHORS = {
    # 南昌
    "ZH36011210001": ("新建区梅岭生态保护红线优先保护单元", "", [], ["nc_meiling"]),
    "ZH36012120001": ("南昌县小蓝经济技术开发区重点管控单元", "产业集聚类", [], ["nc_ganjiang"]),
    "ZH36011120001": ("青山湖区城镇生活重点管控单元", "城镇生活类", [], ["nc_urban_core"]),
    "ZH36012430001": ("进贤县一般管控单元", "", [], []),
    "ZH36011220001": ("新建区长堎工业园重点管控单元", "产业集聚类", [], ["nc_ganjiang"]),
    "ZH36010220001": ("东湖区城镇生活重点管控单元", "城镇生活类", [], ["nc_urban_core"]),
    "ZH36012410001": ("进贤县军山湖优先保护单元", "", [], []),
    # 景德镇
    "ZH36022210001": ("浮梁县瑶里生态保护红线优先保护单元", "", ["biodiversity_priority"], []),
    "ZH36028120001": ("乐平工业园区重点管控单元", "产业集聚类", [], []),
    # 萍乡
    "ZH36030220001": ("萍乡经济技术开发区重点管控单元", "产业集聚类", [], []),
    "ZH36032330001": ("芦溪县一般管控单元", "", [], []),
    # 九江
    "ZH36042910001": ("湖口县生态保护红线优先保护单元", "", [], []),
    "ZH36042920001": ("湖口高新技术产业园区重点管控单元", "产业集聚类", [], ["jj_chemical_parks"]),
    "ZH36040320001": ("浔阳区城镇生活重点管控单元", "城镇生活类", [], []),
    "ZH36048120001": ("瑞昌经济开发区重点管控单元", "产业集聚类", [], ["jj_chemical_parks"]),
    "ZH36043030001": ("彭泽县一般管控单元", "", [], []),
    "ZH36042810001": ("都昌县鄱阳湖候鸟保护区优先保护单元", "", ["biodiversity_priority"], []),
    "ZH36048310001": ("庐山风景名胜区优先保护单元", "", ["biodiversity_priority"], ["jj_lushan"]),
    "ZH36042420001": ("修水县工业园区重点管控单元", "产业集聚类", [], ["jj_xiuhe"]),
    "ZH36043020001": ("彭泽矶山工业园区重点管控单元", "产业集聚类", [], ["jj_chemical_parks"]),
    "ZH36042530001": ("永修县一般管控单元", "", [], ["jj_xiuhe"]),
    # 鹰潭
    "ZH36068120001": ("贵溪市铜产业循环经济基地重点管控单元", "产业集聚类", ["heavy_metal_zone"], []),
    "ZH36068110001": ("贵溪市龙虎山优先保护单元", "", [], []),
    # 赣州
    "ZH36070420001": ("赣县区稀土产业基地重点管控单元", "产业集聚类", ["heavy_metal_zone"], []),
    "ZH36070210001": ("章贡区峰山优先保护单元", "", [], []),
    # 上饶
    "ZH36110220001": ("信州区城镇生活重点管控单元", "城镇生活类", [], ["xinjiang_corridor"]),
    "ZH36110220002": ("上饶经济技术开发区重点管控单元", "产业集聚类", [], ["xinjiang_corridor"]),
    "ZH36110320001": ("广丰区芦林工业园重点管控单元", "产业集聚类", [], []),
    "ZH36110410001": ("广信区灵山生态保护红线优先保护单元", "", [], ["wuyi_huaiyu"]),
    "ZH36112310001": ("玉山县三清山优先保护单元", "", ["biodiversity_priority"], ["wuyi_huaiyu"]),
    "ZH36112320001": ("玉山经济开发区重点管控单元", "产业集聚类", [], []),
    "ZH36112410001": ("铅山县武夷山优先保护单元", "", ["biodiversity_priority"], ["wuyi_huaiyu"]),
    "ZH36112430001": ("铅山县一般管控单元", "", [], ["xinjiang_corridor"]),
    "ZH36112530001": ("横峰县一般管控单元", "", [], ["xinjiang_corridor"]),
    "ZH36112620001": ("弋阳县工业园区重点管控单元", "产业集聚类", [], ["xinjiang_corridor"]),
    "ZH36112710001": ("余干县鄱阳湖湿地优先保护单元", "", [], []),
    "ZH36112720001": ("余干县工业园区重点管控单元", "产业集聚类", [], ["xinjiang_corridor"]),
    "ZH36112810001": ("鄱阳县鄱阳湖湿地优先保护单元", "", ["biodiversity_priority"], []),
    "ZH36112830001": ("鄱阳县一般管控单元", "", [], []),
    "ZH36112920001": ("万年县高新技术产业园区重点管控单元", "产业集聚类", [], []),
    "ZH36113010001": ("婺源县饶河源优先保护单元", "", ["biodiversity_priority"], ["wuyi_huaiyu"]),
    "ZH36113030001": ("婺源县一般管控单元", "", [], []),
    "ZH36118120001": ("德兴市铜矿采选及冶炼集中区重点管控单元", "产业集聚类", ["heavy_metal_zone"], []),
    "ZH36118130001": ("德兴市一般管控单元", "", [], []),
}

# Generated units join a declared-membership province region with this probability when their
# county and class match (synthetic).
PROVINCE_REGIONS = {
    "biodiversity_priority": ("priority", 0.6, {  # 黄山—怀玉山、武夷山、南岭、鄱阳湖、井冈山
        "360222", "360428", "361123", "361124", "361130", "361128", "360881", "360830",
        "360723", "360729", "360783", "361028", "361022", "360483"}),
    "heavy_metal_zone": ("key", 0.7, {  # 铜、铅锌、钨、稀土集中的区县
        "360681", "361181", "360704", "360723", "360725", "360734", "361104", "360322"}),
}

# City regions (declared in the city lists): region -> (classes, probability, counties).
CITY_REGIONS = {
    "361100": {
        "xinjiang_corridor": ({"key", "general"}, 0.5, {"361102", "361104", "361124", "361125",
                                                        "361126", "361127"}),
        "wuyi_huaiyu": ({"priority"}, 0.7, {"361104", "361123", "361124", "361130"}),
    },
    "360400": {
        "jj_lushan": ({"priority"}, 0.6, {"360483", "360402"}),
        "jj_xiuhe": ({"key", "general"}, 0.6, {"360424", "360423", "360425"}),
        "jj_chemical_parks": (set(), 0.0, set()),  # anchors only
    },
    "360100": {
        "nc_ganjiang": ({"key", "general"}, 0.5, {"360112", "360113", "360121", "360103"}),
        "nc_urban_core": (set(), 0.0, set()),      # anchors and city-life key units below
        "nc_meiling": ({"priority"}, 0.8, {"360112"}),
    },
}
URBAN_CORE = {"360102", "360103", "360104", "360111", "360113"}  # 南昌中心城区

PRIORITY_NAMES = ["生态保护红线", "一般生态空间", "饮用水水源保护区", "自然保护区", "森林公园",
                  "湿地公园", "水土保持重点区", "水源涵养区", "风景名胜区", "重要河湖岸线"]
KEY_PARK_NAMES = ["工业园区", "经济开发区", "高新技术产业园区", "产业集聚区", "循环经济园区"]
KEY_URBAN_NAMES = ["城镇生活", "城区", "中心城镇"]
GENERAL_NAMES = ["一般管控", "农业农村", "乡镇"]
CLASS_DIGIT = {"priority": "1", "key": "2", "general": "3"}
CLASS_WORD = {"priority": "优先保护单元", "key": "重点管控单元", "general": "一般管控单元"}


def draw_units():
    rng = random.Random(SEED)
    anchors_by_county = {}
    for code in ANCHORS:
        anchors_by_county.setdefault(code[2:8], []).append(code)
    units = []  # dicts: code, name, class, county, kind, pregions, cregions
    for city, city_name, counties in CITIES:
        for county, county_name in counties:
            urban = county.endswith(("02", "03", "04")) and int(county[4:]) < 20
            n = rng.randint(8, 12)
            classes = []
            for _ in range(n):
                x = rng.random()
                classes.append("priority" if x < 0.50 else "key" if x < 0.68 else "general")
            if "general" not in classes:
                classes[-1] = "general"
            if "key" not in classes:
                classes[0] = "key"
            if "priority" not in classes:
                classes[1] = "priority"
            anchors = anchors_by_county.get(county, [])
            serial = {c: 0 for c in CLASS_DIGIT}
            reserved = {c: set() for c in CLASS_DIGIT}
            for code in anchors:
                cls = [k for k, d in CLASS_DIGIT.items() if d == code[8]][0]
                reserved[cls].add(int(code[9:]))
            for code in sorted(anchors):
                cls = [k for k, d in CLASS_DIGIT.items() if d == code[8]][0]
                name, kind, pregions, cregions = ANCHORS[code]
                units.append(dict(code=code, name=name, cls=cls, county=county, city=city,
                                  kind=kind, pregions=list(pregions), cregions=list(cregions)))
                if cls in classes:
                    classes.remove(cls)
            for cls in classes:
                serial[cls] += 1
                while serial[cls] in reserved[cls]:
                    serial[cls] += 1
                code = "ZH%s%s%04d" % (county, CLASS_DIGIT[cls], serial[cls])
                kind = ""
                if cls == "priority":
                    base = rng.choice(PRIORITY_NAMES)
                    name = "%s%s%s" % (county_name, base, CLASS_WORD[cls])
                elif cls == "key":
                    if urban or rng.random() < 0.35:
                        kind = "城镇生活类"
                        base = rng.choice(KEY_URBAN_NAMES)
                    else:
                        kind = "产业集聚类"
                        base = rng.choice(KEY_PARK_NAMES)
                    name = "%s%s%s" % (county_name, base, CLASS_WORD[cls])
                else:
                    base = rng.choice(GENERAL_NAMES)
                    name = "%s%s%s" % (county_name, base, "单元" if base == "一般管控" else CLASS_WORD[cls])
                name += "%d" % serial[cls] if serial[cls] > 1 else ""
                pregions = []
                for region, (rcls, p, rcounties) in PROVINCE_REGIONS.items():
                    if cls == rcls and county in rcounties and rng.random() < p:
                        pregions.append(region)
                cregions = []
                for region, (rcls, p, rcounties) in CITY_REGIONS.get(city, {}).items():
                    if cls in rcls and county in rcounties and rng.random() < p:
                        cregions.append(region)
                if city == "360100" and kind == "城镇生活类" and county in URBAN_CORE:
                    cregions.append("nc_urban_core")
                units.append(dict(code=code, name=name, cls=cls, county=county, city=city,
                                  kind=kind, pregions=pregions, cregions=cregions))
    units.sort(key=lambda u: u["code"])
    return units


def unit_line(u, regions):
    line = 'unit %s "%s" class %s county %s' % (u["code"], u["name"], u["cls"], u["county"])
    extra = []
    if u["kind"]:
        extra.append('kind "%s"' % u["kind"])
    if regions:
        extra.append("in " + ", ".join(regions))
    if extra:
        line += "\n  " + " ".join(extra)
    return line


def counts(units):
    c = {k: sum(1 for u in units if u["cls"] == k) for k in CLASS_DIGIT}
    return c


def share_line(units):
    c = counts(units)
    n = len(units)
    return "%d units: 优先保护 %d (%.1f%%), 重点管控 %d (%.1f%%), 一般管控 %d (%.1f%%)" % (
        n, c["priority"], 100.0 * c["priority"] / n, c["key"], 100.0 * c["key"] / n,
        c["general"], 100.0 * c["general"] / n)


def render_province(units):
    out = [
        "// 江西省生态环境管控单元清单（省级单元清单）—— 示例（SYNTHETIC / 合成数据）",
        "// GENERATED by examples/jiangxi/gen-units.py (fixed seed); do not edit by hand.",
        "//",
        "// 所有单元编码、名称、类别和区域归属均为虚构，不对应真实的管控单元（DOMAIN.md §2：未找到",
        "// 真实的 ZH36 编码）。区县代码按 GB/T 2260 编写，未逐一核实（DOMAIN.md [M]）。",
        "// 编码规则：ZH + 6 位区县代码 + 类别位（1 优先保护 / 2 重点管控 / 3 一般管控）+ 4 位序号。",
        "// Synthetic unit inventory: codes, names, classes and regions are made up.",
        "// " + share_line(units),
        "//",
        "// 省级单元清单对单元编码和类别具有权威性；设区市清单（../shangrao、../jiujiang、",
        "// ../nanchang）再次声明本市单元，给出子类和市级区域归属。",
        "",
        'accesslist "江西省生态环境准入清单" level province jurisdiction 360000',
    ]
    for city, city_name, counties in CITIES:
        mine = [u for u in units if u["city"] == city]
        out.append("")
        out.append("// ---- %s %s —— %s" % (city_name, city[:4], share_line(mine)))
        for u in mine:
            out.append(unit_line(u, u["pregions"]))
    return "\n".join(out) + "\n"


CITY_HEADERS = {
    "361100": ("shangrao", "上饶市生态环境准入清单", "上饶市"),
    "360400": ("jiujiang", "九江市生态环境准入清单", "九江市"),
    "360100": ("nanchang", "南昌市生态环境准入清单", "南昌市"),
}


def render_city(units, city):
    folder, list_name, city_name = CITY_HEADERS[city]
    mine = [u for u in units if u["city"] == city]
    out = [
        "// %s管控单元（市级清单中的单元声明）—— 示例（SYNTHETIC / 合成数据）" % city_name,
        "// GENERATED by examples/jiangxi/gen-units.py (fixed seed); do not edit by hand.",
        "// 编码、类别与省级单元清单一致（省级为准）；这里给出子类和本市区域归属。全部为虚构。",
        "// Synthetic: the city's own declarations of its units (kind and city regions).",
        "// " + share_line(mine),
        "",
        'accesslist "%s" level city jurisdiction %s parent "江西省生态环境准入清单"' % (list_name, city),
        "",
    ]
    for u in mine:
        out.append(unit_line(u, u["pregions"] + u["cregions"]))
    return "\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if a committed file is stale")
    args = ap.parse_args(argv)
    units = draw_units()
    files = {os.path.join("province", "units.zr"): render_province(units)}
    for city, (folder, _, _) in CITY_HEADERS.items():
        files[os.path.join(folder, "units.zr")] = render_city(units, city)
    stale = 0
    for rel, text in sorted(files.items()):
        path = os.path.join(HERE, rel)
        if args.check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        print("gen-units: %s is stale" % rel, file=sys.stderr)
                        stale = 1
            except OSError as e:
                print("gen-units: %s" % e, file=sys.stderr)
                stale = 1
            continue
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    if not args.check:
        print("gen-units: " + share_line(units))
    return stale


if __name__ == "__main__":
    sys.exit(main())
