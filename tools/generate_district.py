#!/usr/bin/env python3
"""Generates src/CommandCenter.Core/Reference/district.json, the district's reference model.

The streets, their codes, division codes, the 8 bodies per street and the counts (120 communities,
980 comprehensive and 600 exclusive grids, 13 + 13 enforcement units, 483 officers, 251 penalty powers
from 6 departments) follow the Gulou reform as described in DESIGN.md section 2. Community and grid
names are placeholders until the district's own register is imported; ids are stable.
Deterministic: run it again and the file does not change.
"""
import json, pathlib, random

STREETS = [
    ("ninghailu", "宁海路街道", "Ninghailu", "001", []),
    ("huaqiaolu", "华侨路街道", "Huaqiaolu", "002", []),
    ("hunanlu", "湖南路街道", "Hunanlu", "003", []),
    ("zhongyangmen", "中央门街道", "Zhongyangmen", "004", []),
    ("yijiangmen", "挹江门街道", "Yijiangmen", "005", []),
    ("jiangdong", "江东街道", "Jiangdong", "006", []),
    ("fenghuang", "凤凰街道", "Fenghuang", "007", []),
    ("yuejianglou", "阅江楼街道", "Yuejianglou", "008", ["下关街道"]),
    ("rehenanlu", "热河南路街道", "Rehenanlu", "009", []),
    ("mufushan", "幕府山街道", "Mufushan", "010", []),
    ("jianninglu", "建宁路街道", "Jianninglu", "011", []),
    ("baotaqiao", "宝塔桥街道", "Baotaqiao", "012", []),
    ("xiaoshi", "小市街道", "Xiaoshi", "013", []),
]
COMMUNITIES_PER_STREET = [9, 10, 9, 11, 8, 10, 9, 9, 8, 10, 9, 9, 9]          # 120
BODIES = [
    ("party-office", "党政综合部", "Party & Government Office"),
    ("livelihood", "民生保障部", "Livelihood Security"),
    ("city-management", "城市管理部", "City Management"),
    ("development", "发展服务部", "Development Services (Work Safety)"),
    ("public-safety", "平安建设部", "Public Safety"),
    ("enforcement-bureau", "综合行政执法局", "Comprehensive Administrative Law Enforcement Bureau"),
    ("command-center", "社会治理综合指挥中心", "Social Governance Command Center"),
    ("citizen-service", "便民服务中心", "Citizen Service Center"),
]
DEPARTMENTS = [  # code, name, English, penalty powers handed down to the streets
    ("chengguan", "区城管局", "District Urban Management Bureau", 98),
    ("market", "区市场监管局", "District Market Supervision Bureau", 54),
    ("housing", "区住建局", "District Housing & Construction Bureau", 31),
    ("environment", "区生态环境局", "District Ecology & Environment Bureau", 27),
    ("emergency", "区应急管理局", "District Emergency Management Bureau", 23),
    ("health", "区卫健委", "District Health Commission", 18),
    ("police", "公安鼓楼分局", "Gulou Public Security Sub-bureau", 0),
    ("civil-affairs", "区民政局", "District Civil Affairs Bureau", 0),
    ("hr-social", "区人社局", "District Human Resources & Social Security Bureau", 0),
    ("water", "区水务局", "District Water Bureau", 0),
    ("transport", "区交通运输局", "District Transport Bureau", 0),
    ("education", "区教育局", "District Education Bureau", 0),
    ("culture-tourism", "区文旅局", "District Culture & Tourism Bureau", 0),
    ("justice", "区司法局", "District Justice Bureau", 0),
    ("fire", "鼓楼消防救援大队", "Gulou Fire & Rescue Brigade", 0),
    ("greening", "区绿化园林局", "District Greening & Parks Bureau", 0),
]
PLACE = ["颐和", "江苏", "北京西", "牌楼", "天目", "山西", "青石", "云南", "虎踞", "龙蟠", "清凉", "随园", "五台", "华侨",
         "湖南", "马台", "高云", "许府", "芦席", "中山", "玄武", "金川", "南瑞", "三步两桥", "宝塔", "黄家圩", "东井", "古平岗",
         "凤凰", "西城", "草场门", "龙江", "清江", "江东", "汉中门", "虹桥", "姜家圩", "热河", "南祖师庵", "渡江", "幕府",
         "燕江", "建宁", "和燕", "老虎山", "小市", "钟阜", "天妃宫", "阅江", "煤炭港", "挹江", "绣球", "宁夏", "铁路北", "福建"]
EXCLUSIVE_KINDS = [("office", "楼宇"), ("business", "商圈"), ("park", "园区"), ("school", "学校"), ("hospital", "医院")]

def split(total, parts, rng):
    base = [total // parts] * parts
    for i in rng.sample(range(parts), total - sum(base)):
        base[i] += 1
    return base

def main():
    rng = random.Random(320106)
    comp_per_street = split(980, 13, rng)
    excl_per_street = split(600, 13, rng)
    officers = split(483, 13 * 3, rng)
    places = PLACE[:]
    streets = []
    used = set()
    for s, (code, name, en, seq, former) in enumerate(STREETS):
        n_comm = COMMUNITIES_PER_STREET[s]
        communities = []
        comp = split(comp_per_street[s], n_comm, rng)
        excl = split(excl_per_street[s], n_comm, rng)
        for c in range(n_comm):
            while True:
                cname = rng.choice(places) + rng.choice(["社区", "路社区", "里社区", "新村社区", "苑社区"])
                if cname not in used:
                    used.add(cname); break
            cid = f"{code}-c{c + 1:02d}"
            grids = [{"id": f"{cid}-g{g + 1:03d}", "kind": "comprehensive", "name": f"{cname}第{g + 1}网格"} for g in range(comp[c])]
            for e in range(excl[c]):
                kind, kname = EXCLUSIVE_KINDS[e % len(EXCLUSIVE_KINDS)]
                grids.append({"id": f"{cid}-x{e + 1:03d}", "kind": "exclusive", "subKind": kind, "name": f"{cname}{kname}专属网格{e + 1}"})
            communities.append({"id": cid, "name": cname, "grids": grids})
        teams = []
        o = officers[s * 3: s * 3 + 3]
        for u, (kind, tname, ten) in enumerate([("chengguan-squad", "城管执法中队", "urban-management squad"),
                                                 ("market-branch", "市场监管分局", "market-supervision branch"),
                                                 ("joint-patrol", "警城联勤组", "police-city joint patrol")]):
            units = {"chengguan-squad": 3, "market-branch": 2, "joint-patrol": 1}[kind]
            per_unit = split(o[u], units, rng)
            for k in range(units):
                suffix = f"{k + 1}组" if units > 1 else ""
                teams.append({"id": f"{code}-{kind}-{k + 1}", "kind": kind,
                              "name": f"{name[:-2]}{tname}{suffix}", "nameEn": f"{en} {ten}{f' unit {k + 1}' if units > 1 else ''}",
                              "officers": per_unit[k]})
        streets.append({"code": code, "name": name, "nameEn": f"{en} Street", "divisionCode": f"320106{seq}000",
                        "formerNames": former, "communities": communities, "teams": teams})
    model = {
        "note": "Counts follow the Gulou reform; community and grid names are placeholders. Generated by tools/generate_district.py.",
        "district": {"code": "320106", "name": "鼓楼区", "nameEn": "Gulou District"},
        "bodies": [{"code": c, "name": n, "nameEn": e} for c, n, e in BODIES],
        "departments": [{"code": c, "name": n, "nameEn": e, "penaltyPowers": p} for c, n, e, p in DEPARTMENTS],
        "streets": streets,
    }
    out = pathlib.Path(__file__).resolve().parent.parent / "src/CommandCenter.Core/Reference/district.json"
    out.write_text(json.dumps(model, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(out, sum(len(s["communities"]) for s in streets), "communities")

main()
