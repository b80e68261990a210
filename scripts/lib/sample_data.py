#!/usr/bin/env python3
"""Writes the bundled sample data in Fixtures/: a province's routing policy and a batch of letters.

Deterministic (seeded), so re-running it gives the same files:

    python3 scripts/lib/sample_data.py Fixtures
"""
import json
import random
import sys
from pathlib import Path

# Guangdong's 21 prefecture-level cities.
CITIES = ["广州市", "深圳市", "珠海市", "汕头市", "佛山市", "韶关市", "湛江市", "肇庆市", "江门市", "茂名市", "惠州市",
          "梅州市", "汕尾市", "河源市", "阳江市", "清远市", "东莞市", "中山市", "潮州市", "揭阳市", "云浮市"]

# Matters the province's departments take directly, first match wins.
DEPARTMENT_RULES = [
    {"unit": "省纪委监委", "category": "检举控告"},
    {"unit": "省人力资源社会保障厅", "keywords": ["欠薪", "拖欠工资", "讨薪", "社保断缴"]},
    {"unit": "省生态环境厅", "category": "环境保护", "keywords": ["排污", "污染", "异味"]},
    {"unit": "省自然资源厅", "category": "国土资源", "keywords": ["征地", "土地补偿"]},
    {"unit": "省卫生健康委", "category": "卫生健康", "channel": ["online", "mailbox"]},
    {"unit": "省教育厅", "category": "教育文体", "keywords": ["学位", "招生"]},
]

CATEGORIES = ["劳动社保", "城乡建设", "国土资源", "环境保护", "卫生健康", "教育文体", "政法", "农村农业", "检举控告", "市场监管"]
SUMMARIES = {
    "劳动社保": ["工地拖欠工资三个月未发", "公司社保断缴要求补缴", "工伤认定拖延未办", "劳动仲裁裁决未执行", "讨薪无果请求协调"],
    "城乡建设": ["小区物业乱收费", "旧城改造安置房逾期未交付", "违章建筑影响采光", "商品房延期交房", "老旧小区加装电梯纠纷"],
    "国土资源": ["征地补偿款未足额发放", "宅基地确权纠纷", "土地补偿标准过低"],
    "环境保护": ["化工厂夜间排污", "餐馆油烟扰民", "垃圾站异味严重"],
    "卫生健康": ["医院收费不透明", "疫苗接种预约难", "医疗纠纷调解"],
    "教育文体": ["随迁子女学位申请被拒", "学校违规收费", "招生政策咨询"],
    "政法": ["案件久拖不决", "派出所不予立案", "执行款未到位"],
    "农村农业": ["农业补贴未发放", "村集体收益分配不公", "土地流转合同纠纷"],
    "检举控告": ["举报村干部侵占集体资金", "举报工作人员吃拿卡要"],
    "市场监管": ["网购商品质量问题投诉无果", "预付卡商家跑路"],
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
GIVEN = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰", "霞"]
CHANNELS = ["letter", "letter", "visit", "online", "online", "phone", "mobile", "mailbox"]
AREA_CODES = {"广州市": "440103", "深圳市": "440303", "珠海市": "440402", "汕头市": "440507", "佛山市": "440604",
              "韶关市": "440203", "湛江市": "440802", "肇庆市": "441202", "江门市": "440703", "茂名市": "440902",
              "惠州市": "441302", "梅州市": "441402", "汕尾市": "441502", "河源市": "441602", "阳江市": "441702",
              "清远市": "441802", "东莞市": "441900", "中山市": "442000", "潮州市": "445102", "揭阳市": "445202",
              "云浮市": "445302"}


def check_digit(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights))
    return "10X98765432"[total % 11]


def resident_id(rng: random.Random, city: str) -> str:
    year = rng.randint(1950, 2000)
    month = rng.randint(1, 12)
    day = rng.randint(1, 28)
    first17 = f"{AREA_CODES[city]}{year:04d}{month:02d}{day:02d}{rng.randint(0, 999):03d}"
    return first17 + check_digit(first17)


def policy() -> dict:
    rules = list(DEPARTMENT_RULES)
    rules += [{"unit": f"{city}人民政府", "region": city} for city in CITIES]
    return {
        "office": "GD",
        "time_zone": "Asia/Shanghai",
        "green_max_days": 15,
        "red_from_days": 45,
        "acceptance_limit_days": 15,
        "handling_limit_days": 60,
        "max_extension_days": 30,
        "routing": rules,
    }


def letters(rng: random.Random, count: int) -> list:
    people = []
    out = []
    for index in range(count):
        city = rng.choice(CITIES)
        category = rng.choice(CATEGORIES)
        channel = rng.choice(CHANNELS)
        month = rng.randint(1, 10)
        day = rng.randint(1, 28)
        record = {"channel": channel, "received": f"2026-{month:02d}-{day:02d}", "region": city, "category": category,
                  "summary": rng.choice(SUMMARIES[category])}
        if rng.random() < 0.08:
            record["anonymous"] = True
        elif people and rng.random() < 0.12:
            # The same petitioner writing again about the same matter: a repeat petition.
            person, old_category = rng.choice(people)
            record["petitioner"] = person
            record["category"] = old_category
            record["summary"] = rng.choice(SUMMARIES[old_category]) + "（再次反映）"
        else:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            person = {"name": name, "id_number": resident_id(rng, city),
                      "phone": f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}"}
            if rng.random() < 0.5:
                person["address"] = f"{city}{rng.choice(['东', '西', '南', '北'])}区{rng.randint(1, 300)}号"
            record["petitioner"] = person
            people.append((person, category))
        if rng.random() < 0.3:
            record["respondent"] = rng.choice(["某建筑公司", "某物业公司", "某街道办事处", "某村委会", "某医院", "某学校"])
        if channel == "letter":
            record["source_id"] = f"LX-2026-{index + 1:05d}"
        if rng.random() < 0.1:
            record["people"] = rng.randint(2, 6)
        out.append(record)
    out.sort(key=lambda r: r["received"])
    return out


def handling(rng: random.Random, letters: list) -> dict:
    """What the office and the units did with the sample letters, in four steps the demo pipes in order.

    Case numbers follow from filing the letters in order (GD-2026-000001, …). Every date is on or
    before 2026-11-28, so the demo's figures as of 2026-11-30 never change.
    """
    import datetime as dt
    last_day = dt.date(2026, 11, 28)
    steps = {"assign": [], "reply": [], "return": [], "reply-again": []}

    def stamp(day: dt.date, hour: int) -> str:
        return f"{day.isoformat()}T{hour:02d}:00:00+08:00"

    returned = transferred = False
    for index, letter in enumerate(letters):
        case = f"GD-2026-{index + 1:06d}"
        received = dt.date.fromisoformat(letter["received"])
        assigned = received + dt.timedelta(days=rng.choice([0, 1, 1, 2, 3, 5, 8, 20]))
        steps["assign"].append({"case": case, "at": stamp(assigned, 9)})
        clock = assigned
        if not transferred and letter["category"] == "城乡建设" and assigned + dt.timedelta(days=10) <= last_day:
            transferred = True
            clock = assigned + dt.timedelta(days=10)
            steps["assign"].append({"case": case, "unit": "省住房城乡建设厅", "at": stamp(clock, 10),
                                    "note": "涉及跨市项目，转省住房城乡建设厅办理"})
        fate = rng.random()
        if fate < 0.05:
            continue  # not yet handled at all
        if fate < 0.25:
            interim = clock + dt.timedelta(days=rng.randint(3, 20))
            if interim <= last_day:
                steps["reply"].append({"case": case, "text": "已受理，正在调查核实", "at": stamp(interim, 15)})
            continue
        handled = rng.randint(5, 80)
        closed = clock + dt.timedelta(days=handled)
        if closed > last_day:
            continue
        if handled > 60 and rng.random() < 0.6:
            steps["reply"].append({"case": case, "extend_days": 30, "text": "情况复杂，申请延期办理",
                                   "at": stamp(clock + dt.timedelta(days=55), 11)})
        steps["reply"].append({"case": case, "text": "经调查核实，已依法依规处理并答复信访人", "closes": True,
                               "at": stamp(closed, 16)})
        rated = closed + dt.timedelta(days=rng.randint(3, 10))
        if rated > last_day or rng.random() < 0.2:
            continue
        verdict = rng.choices(["满意", "基本满意", "不满意"], [60, 25, 15])[0]
        steps["reply"].append({"case": case, "satisfaction": verdict, "via": "callback", "at": stamp(rated, 10)})
        redo = rated + dt.timedelta(days=2)
        again = redo + dt.timedelta(days=20)
        if verdict == "不满意" and not returned and again + dt.timedelta(days=3) <= last_day:
            returned = True
            steps["return"].append({"case": case, "return": True, "reason": "回访不满意：问题未实际解决",
                                    "at": stamp(redo, 9)})
            steps["reply-again"].append({"case": case, "text": "重新办理，问题已解决", "closes": True,
                                         "at": stamp(again, 16)})
            steps["reply-again"].append({"case": case, "satisfaction": "满意", "via": "phone",
                                         "at": stamp(again + dt.timedelta(days=3), 10)})
    return steps


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "Fixtures")
    target.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20261129)
    (target / "policy.json").write_text(json.dumps(policy(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    sample = letters(rng, 60)
    with (target / "letters.ndjson").open("w", encoding="utf-8") as handle:
        for record in sample:
            handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
    (target / "handling").mkdir(exist_ok=True)
    for number, (step, lines) in enumerate(handling(rng, sample).items(), start=1):
        with (target / "handling" / f"{number}-{step}.ndjson").open("w", encoding="utf-8") as handle:
            for record in lines:
                handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
