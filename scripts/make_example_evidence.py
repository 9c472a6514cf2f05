#!/usr/bin/env python3
"""Regenerate the bundled example city's evidence (示例市，虚构数据).

    .venv/bin/python scripts/make_example_evidence.py

Writes, under the repository root (= the example workspace):
  evidence/<department>/manifest.yaml and evidence/<department>/files/…  (PDF, XLSX, JPEG)
  inspections/2026-模拟暗访.yaml and inspections/photos/*.jpg
  waivers.yaml
  profiles/example-province.yaml

Deterministic: fixed seeds, fixed dates, fixed PDF/XLSX metadata; no clock is read. With the same
WeasyPrint/fontTools/Pillow/xlsxwriter versions a rerun is byte-identical.

The example deliberately contains failures (a missing document, an out-of-window document, an indicator
below threshold, a pest at level D, site problems incl. a zero-tolerance one, a sample below the minimum,
an expired waiver, a 2014 veto, a trend that rebounds, a figure below plan, a survey with too small a
sample); see FAILURES below. Everything loads cleanly: `cwassess evidence check` reports no errors.

Document types: each document gets the first of its material's doc_types that the evidence model accepts
(models/evidence.py DocType). Some materials ask only for types the model does not list (统计报表, 制度, 证照);
those documents are written with the nearest accepted type, are rejected by the scoring rule ("类型不符"), and
the script lists them. Rerun the script once the model accepts those types.

PDFs are small because each one embeds only the glyphs it uses: the Noto Sans CJK SC face is subset with
fontTools first and handed to WeasyPrint through @font-face (WeasyPrint itself would keep every glyph id
up to the highest one used, ~50 KB of overhead per CJK font).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
import yaml
from fontTools import subset as ft_subset
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cwassess.loading import load_workspace  # noqa: E402
from cwassess.models.evidence import DOC_TYPES  # noqa: E402

FONT_FILE = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FONT_INDEX = 2  # Noto Sans CJK SC inside the collection
CITY = "示例市"
TODAY = dt.date(2026, 11, 29)  # the date the example is scored at (CWASSESS_TODAY)
ASSESSMENT = dt.date(2027, 5, 20)

# The items that fail on purpose, and why (also printed at the end).
FAILURES = {
    "缺少必备材料": "org-health-policy/hia-system（卫健委未提交健康影响评估制度）",
    "材料不在有效期内": "env-toilets/inspection-records（城管局提交的公厕巡查记录为 2025-09-30，早于近1年）",
    "按年材料缺一年": "org-committee/budget（财政局缺 2024 年经费预算文件）",
    "指标低于阈值": "place-schools/eye-exercise-rate（学校眼保健操普及率 98.5% < 100%）",
    "病媒 D 级": "dis-vector-density/cockroach-density（疾控中心 2026 年蟑螂密度 D 级）",
    "现场问题（含零容忍）": "inspections/2026-模拟暗访.yaml：小餐饮店直接入口食品场所有蝇（零容忍）等 8 个问题",
    "抽查点位不足": "env-ads（主次干道计入户外广告的点位 11 处 < 12 处）",
    "豁免已过期": "waivers.yaml wv-2025-hia-pilot（2026-06-30 到期）",
    "一票否决": "veto-2014-06（2026 年 AQI 优良天数 296 < 300；示例省配置关闭）；veto-2014-07（蟑螂 D 级）",
    "趋势反弹": "dis-chronic/premature-ncd-mortality（2024 15.32%、2025 14.87%、2026 14.95%）",
    "低于区域规划": "dis-health-resources/gps-per-10000（3.42 < 规划 4.0 人/万人）",
    "调查样本不足": "edu-network/health-literacy（2026 年调查样本 860 < 1000）",
}

DISTRICTS = {"东城区": ["东湖街道", "南门街道", "北关街道"], "西城区": ["西苑街道", "望江街道"], "高新区": ["高新街道", "滨河街道"]}
STREETS = [(d, s) for d, ss in DISTRICTS.items() for s in ss]
ROADS = ["解放路", "人民路", "中山路", "建设路", "文化路", "新华路", "东湖大道", "望江路", "高新大道", "滨河路", "北关街", "南门大街", "西苑路", "学府路"]

# 文号 prefix and full name of each issuer.
ISSUERS = {
    "gov": ("示例市人民政府", "示政发"),
    "govoffice": ("示例市人民政府办公室", "示政办发"),
    "govminutes": ("示例市人民政府办公室", "示政常纪"),
    "committeeminutes": ("示例市爱国卫生运动委员会", "示爱卫纪"),
    "committee": ("示例市爱国卫生运动委员会", "示爱卫发"),
    "aiweiban": ("示例市爱国卫生运动委员会办公室", "示爱卫办"),
    "weijianwei": ("示例市卫生健康委员会", "示卫健发"),
    "jikong": ("示例市疾病预防控制中心", "示疾控发"),
    "weishengjiandu": ("示例市卫生健康综合监督执法局", "示卫监发"),
    "chengguan": ("示例市城市管理局", "示城管发"),
    "zhujian": ("示例市住房和城乡建设局", "示建发"),
    "ziranziyuan": ("示例市自然资源和规划局", "示自然资发"),
    "yuanlin": ("示例市园林绿化中心", "示园林发"),
    "shengtai": ("示例市生态环境局", "示环发"),
    "shuiwu": ("示例市水务局", "示水发"),
    "shichang": ("示例市市场监督管理局", "示市监发"),
    "jiaoyu": ("示例市教育局", "示教发"),
    "tiyu": ("示例市体育局", "示体发"),
    "jiaotong": ("示例市交通运输局", "示交发"),
    "shangwu": ("示例市商务局", "示商务发"),
    "xuanchuan": ("中共示例市委宣传部", "示宣发"),
    "wenming": ("示例市精神文明建设办公室", "示文明办"),
    "fagai": ("示例市发展和改革委员会", "示发改发"),
    "caizheng": ("示例市财政局", "示财社"),
    "sifa": ("示例市司法局", "示司发"),
    "minzheng": ("示例市民政局", "示民发"),
    "quzhengfu": ("东城区人民政府", "东政办发"),
    "jiedao": ("东城区东湖街道办事处", "东湖街发"),
    "renda": ("示例市人民代表大会常务委员会", "示人大常"),
    "bianwei": ("中共示例市委机构编制委员会", "示编发"),
    "province": ("示例省人民政府", "示省政函"),
}


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------
def rng_for(*parts: object) -> random.Random:
    """A random generator seeded from stable text (never Python's salted hash())."""
    return random.Random(hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest())


def cn_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def docno(issuer_key: str, year: int, n: int) -> str:
    return f"{ISSUERS[issuer_key][1]}〔{year}〕{n}号"


def esc(text: str) -> str:
    return html.escape(text, quote=True)


# --------------------------------------------------------------------------------------------
# Documents to produce
# --------------------------------------------------------------------------------------------
@dataclass
class Doc:
    dept: str
    item: str
    material: str
    title: str
    fmt: str = "pdf"  # pdf | xlsx | jpg
    id: str | None = None
    type: str | None = None  # default: chosen from the material's doc_types
    issuer: str | None = None  # issuer key in ISSUERS (default: the submitting department)
    no: str | None = None  # 文号
    issued: str | None = None
    effective: str | None = None
    period: tuple[str, str] | None = None
    body: list[str] | None = None  # paragraphs; default generated from the standard's check point
    table: tuple[list[str], list[list[object]]] | None = None
    style: str | None = None  # 公文 | 纪要 | 法规 | 规划 | 报告 | 台账 (layout), default from type
    stage: str | None = None
    paired_with: str | None = None
    place: str | None = None
    scene: str = "street"  # photo scene
    record_sha: bool = False


DOCS: list[Doc] = []


def add(*docs: Doc) -> None:
    DOCS.extend(docs)


def yearly(dept: str, item: str, material: str, title: str, dates: dict[int, str], *, no: tuple[str, int] | None = None,
           period: bool = True, skip: tuple[int, ...] = (), **kw: object) -> None:
    """One document per calendar year: title may use {y}; period = that whole year when it has ended."""
    for y, when in dates.items():
        if y in skip:
            continue
        p = None
        if period:
            end = dt.date(y, 12, 31)
            p = (f"{y}-01-01", f"{y}-12-31") if end <= TODAY else None
        add(Doc(dept=dept, item=item, material=material, id=f"{item}-{material}-{y}", title=title.format(y=y), issued=when,
                no=docno(no[0], y, no[1] + y % 7) if no else None, period=p, **kw))  # type: ignore[arg-type]


# ---- 一、爱国卫生组织管理 ------------------------------------------------------------------------
yearly("aiweiban", "org-agenda", "meeting-minutes", "示例市人民政府常务会议纪要（{y}年，研究国家卫生城市创建工作）",
       {2024: "2024-07-18", 2025: "2025-06-20", 2026: "2026-04-16"}, issuer="govoffice", no=("govminutes", 9), style="纪要", record_sha=True,
       body=["会议由市长主持，市政府领导班子成员出席，市爱卫会各成员单位主要负责人列席。",
             "会议听取了市爱卫办关于国家卫生城市创建和爱国卫生工作进展的汇报，研究部署下一阶段重点任务。",
             "会议议定：一、将爱国卫生工作纳入全市经济社会发展和年度目标考核；二、市财政保障爱国卫生工作经费；"
             "三、各区、各部门按责任分工抓好城乡环境卫生整治、病媒生物防制和健康教育；四、市爱卫办每季度通报进展。"])
add(Doc("fagai", "org-agenda", "development-plan", "示例市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要（摘录：第九章 建设健康示例）",
        issuer="gov", no=docno("gov", 2021, 6), issued="2021-03-15", style="规划",
        body=["第九章 建设健康示例", "第一节 深入开展爱国卫生运动：巩固国家卫生城市创建成果，推进城乡环境卫生整洁行动，加强病媒生物防制，倡导文明健康、绿色环保生活方式。",
              "第二节 推进健康城市建设：将健康融入所有政策，完善公共卫生服务体系，提升居民健康素养水平。"]),
    Doc("aiweiban", "org-agenda", "performance-rules", "示例市2026年度区政府和市直单位绩效考核办法（爱国卫生工作权重3%）",
        issuer="govoffice", no=docno("govoffice", 2026, 9), issued="2026-06-02", style="公文", record_sha=True),
    Doc("sifa", "org-agenda", "regulation", "示例市爱国卫生条例", issuer="renda", no="示例市人民代表大会常务委员会公告第15号",
        issued="2022-09-28", effective="2023-01-01", style="法规",
        body=["第一条 为了推进爱国卫生工作，改善城乡环境卫生，预防和控制疾病，保障公众健康，根据有关法律、行政法规，结合本市实际，制定本条例。",
              "第二条 本市行政区域内的爱国卫生工作，适用本条例。",
              "第三条 爱国卫生工作坚持政府领导、部门协作、群众动手、社会参与、依法治理、科学指导的原则。",
              "第四条 市、区人民政府应当将爱国卫生工作纳入国民经济和社会发展规划，所需经费列入本级财政预算。",
              "第三十条 本条例自2023年1月1日起施行。"]),
)
add(Doc("aiweiban", "org-committee", "committee-document", "示例市人民政府办公室关于调整示例市爱国卫生运动委员会组成人员的通知",
        issuer="govoffice", no=docno("govoffice", 2025, 21), issued="2025-04-08", style="公文", record_sha=True),
    Doc("aiweiban", "org-committee", "office-establishment", "中共示例市委机构编制委员会关于市爱国卫生运动委员会办公室机构编制事项的批复",
        issuer="bianwei", no=docno("bianwei", 2023, 17), issued="2023-08-15", style="公文", record_sha=True,
        body=["市卫生健康委员会：", "你委《关于市爱卫办机构编制事项的请示》收悉。经研究，同意在市卫生健康委员会设立市爱国卫生运动委员会办公室，"
              "为相对独立的内设机构，核定行政编制8名，设主任1名（由市卫生健康委员会副主任兼任）、专职副主任1名。",
              "市爱卫办负责全市爱国卫生工作的组织、协调、督促和检查，承担国家卫生城市巩固提升日常工作。"]),
    Doc("jiedao", "org-committee", "staff-list", "2026年街道、社区、机关和企事业单位专兼职爱国卫生工作人员名单", fmt="xlsx", issued="2026-09-10"),
    Doc("minzheng", "org-committee", "committee-list", "示例市民政局关于村（居）民委员会健全公共卫生委员会的通知（附名单）",
        no=docno("minzheng", 2023, 29), issued="2023-06-12", style="公文"),
)
# 2024 budget missing on purpose (按年材料缺一年).
yearly("caizheng", "org-committee", "budget", "示例市财政局关于下达{y}年度爱国卫生工作经费预算的通知",
       {2024: "2024-01-22", 2025: "2025-01-20", 2026: "2026-01-16"}, no=("caizheng", 3), skip=(2024,), style="公文",
       body=["市爱卫办：", "根据市人大批准的本年度市级财政预算，现下达爱国卫生工作经费，用于病媒生物防制、健康教育、环境卫生整治督查和创卫宣传等工作。",
             "请严格按照预算用途使用资金，年终报送资金使用情况和绩效自评报告。"],
       table=(["项目", "金额（万元）", "用途"], [["病媒生物防制", 420, "PCO 服务、监测"], ["健康教育", 180, "宣传、科普"], ["环境卫生整治督查", 260, "暗访、复查"], ["合计", 860, ""]]))

yearly("aiweiban", "org-annual-work", "annual-plan", "示例市{y}年爱国卫生工作要点", {2024: "2024-03-06", 2025: "2025-02-27", 2026: "2026-03-03"},
       issuer="committee", no=("committee", 1), style="公文", record_sha=True)
yearly("aiweiban", "org-annual-work", "deployment-meeting", "{y}年全市爱国卫生工作会议纪要", {2024: "2024-03-20", 2025: "2025-03-14", 2026: "2026-03-18"},
       issuer="committee", no=("committeeminutes", 1), style="纪要", record_sha=True,
       body=["会议由分管副市长主持，市爱卫会各成员单位、各区政府、各街道办事处负责同志参加。",
             "会议总结了上一年度爱国卫生工作，部署本年度任务：巩固国家卫生城市创建成果，开展爱国卫生月活动，落实病媒生物防制和健康细胞建设。",
             "会议要求各单位按照工作要点细化任务，明确责任人和时间节点，市爱卫办按季度督查通报。"])
yearly("aiweiban", "org-annual-work", "inspection-bulletin", "关于{y}年第三季度爱国卫生工作督查情况的通报",
       {2024: "2024-10-15", 2025: "2025-10-20", 2026: "2026-10-12"}, no=("aiweiban", 28), style="公文", record_sha=True,
       table=(["区", "抽查点位", "发现问题", "已整改"], [["东城区", 46, 9, 9], ["西城区", 38, 7, 6], ["高新区", 31, 5, 5]]))
yearly("aiweiban", "org-annual-work", "annual-summary", "示例市{y}年爱国卫生工作总结", {2024: "2024-12-25", 2025: "2025-12-26"},
       issuer="aiweiban", style="报告", record_sha=True)
add(Doc("aiweiban", "org-annual-work", "annual-summary", "示例市2026年爱国卫生工作总结（1—11月）", id="org-annual-work-annual-summary-2026",
        issued="2026-11-20", style="报告", record_sha=True),
    Doc("aiweiban", "org-annual-work", "grassroots-creation", "关于命名2025年度示例市卫生街道、卫生社区和卫生单位的决定",
        issuer="committee", no=docno("committee", 2025, 9), issued="2025-12-10", style="公文", record_sha=True,
        table=(["类别", "命名数量", "示例"], [["卫生街道", 3, "东湖街道、西苑街道、高新街道"], ["卫生社区", 12, "南门社区、望江社区等"], ["卫生单位", 46, "市第一人民医院等"]])),
)
for y, when, what in ((2024, "2024-10-16", "秋冬季爱国卫生运动集中整治"), (2025, "2025-04-11", "爱国卫生月“清洁家园”集中活动"),
                      (2026, "2026-04-10", "爱国卫生月“清洁家园”集中活动")):
    add(Doc("aiweiban", "org-annual-work", "campaign-records", f"{y}年{what}照片", fmt="jpg", id=f"org-annual-work-campaign-{y}",
            issued=when, scene="campaign", place="东城区东湖街道", record_sha=True))
add(Doc("wenming", "org-annual-work", "campaign-records", "2026年文明城市创建与爱国卫生志愿服务活动记录", issued="2026-09-20", type="台账", style="台账"))

add(Doc("weijianwei", "org-health-policy", "hiap-document", "示例市人民政府办公室关于推进健康融入所有政策的实施意见",
        issuer="govoffice", no=docno("govoffice", 2025, 14), issued="2025-05-30", style="公文"),
    Doc("ziranziyuan", "org-health-policy", "spatial-plan", "示例市国土空间总体规划（2021—2035年）（摘录：公共卫生应急设施专章）",
        issuer="gov", issued="2024-01-18", style="规划",
        body=["第十二章 公共卫生安全与应急设施", "第一节 预留应急医疗用地：中心城区预留2处传染病医院扩建和1处方舱医院用地，明确平急两用公共设施清单。",
              "第二节 完善疾控和急救网络：按服务半径布局社区卫生服务中心和急救站点，提升突发公共卫生事件应对能力。"]),
)
# hia-system: not submitted (缺少必备材料; its waiver expired).

add(Doc("aiweiban", "org-complaints", "channel-notice", "示例市爱卫办关于公布爱国卫生建议和投诉渠道的公告", no=docno("aiweiban", 2026, 5),
        issued="2026-06-05", style="公文", type="公文", record_sha=True,
        body=["为方便群众反映爱国卫生和环境卫生问题，现将投诉渠道公布如下：", "一、12345政务服务便民热线；二、“示例发布”微信公众号“随手拍”栏目；三、市爱卫办电话 0571-8810 0101。",
              "受理的问题将在5个工作日内转办，办结后回访。"]),
    Doc("xuanchuan", "org-complaints", "channel-notice", "“示例发布”公众号公布爱国卫生投诉渠道页面截图", fmt="jpg", issued="2026-06-06", scene="screen"),
    Doc("aiweiban", "org-complaints", "complaint-ledger", "2024—2026年爱国卫生投诉受理与办结台账（12345热线转办）", fmt="xlsx",
        issued="2026-10-31", period=("2024-01-01", "2026-10-31"), record_sha=True),
    Doc("aiweiban", "org-complaints", "satisfaction-survey", "2026年示例市群众对卫生状况满意度调查报告", id="satisfaction-survey-2026",
        issuer="aiweiban", issued="2026-10-28", style="报告", record_sha=True,
        body=["受市爱卫办委托，示例市社情民意调查中心于2026年9月20日至10月15日采用计算机辅助电话调查（CATI）方式，在三个城区按人口比例随机抽样，完成有效样本1215个。",
              "调查结果：群众对卫生状况的满意率为93.6%，较2025年提高1.8个百分点。满意度较低的方面为背街小巷保洁和农贸市场周边秩序。"],
        table=(["区", "样本量", "满意率"], [["东城区", 512, "94.1%"], ["西城区", 398, "93.0%"], ["高新区", 305, "93.4%"], ["合计", 1215, "93.6%"]])),
)

# ---- 二、健康教育和健康促进 ----------------------------------------------------------------------
add(Doc("weijianwei", "edu-network", "network-document", "示例市卫生健康委员会关于健全健康教育网络的通知", no=docno("weijianwei", 2023, 41),
        issued="2023-09-05", style="公文"),
    Doc("weijianwei", "edu-network", "expert-library", "2026年示例市健康科普专家库和资源库名单", fmt="xlsx", issued="2026-07-01"),
    Doc("xuanchuan", "edu-network", "media-columns", "示例市主要媒体健康教育栏目清单（2026年）", issued="2026-08-20", style="台账",
        table=(["媒体", "栏目", "频次"], [["示例日报", "健康周刊", "每周一期"], ["示例广播电视台", "健康大讲堂", "每周二期"], ["“示例发布”公众号", "健康科普", "每周三篇"]])),
)
yearly("weijianwei", "edu-network", "literacy-report", "示例市{y}年居民健康素养监测报告", {2024: "2024-12-20", 2025: "2025-12-18", 2026: "2026-11-10"},
       style="报告")

add(Doc("sifa", "edu-tobacco", "tobacco-law", "示例市控制吸烟条例", issuer="renda", no="示例市人民代表大会常务委员会公告第9号", issued="2021-10-29",
        effective="2022-03-01", type="法规", style="法规",
        body=["第一条 为了减少烟草烟雾危害，保障公众健康，创造良好的公共环境，制定本条例。", "第八条 室内公共场所、室内工作场所、公共交通工具内禁止吸烟。",
              "第十二条 禁止在本市行政区域内发布任何形式的烟草广告。", "第三十条 本条例自2022年3月1日起施行。"]),
    Doc("weijianwei", "edu-tobacco", "smoke-free-list", "2026年无烟党政机关、无烟医疗卫生机构、无烟学校建成名单", fmt="xlsx", issued="2026-09-30"),
    Doc("weijianwei", "edu-tobacco", "ad-inspection", "2026年建成区烟草广告清查及整改台账", fmt="xlsx", issued="2026-10-15"),
    Doc("weijianwei", "edu-tobacco", "smoking-survey", "示例市2025年15岁及以上人群烟草流行监测报告", issued="2025-12-12", style="报告"),
    Doc("weijianwei", "edu-tobacco", "signage-photos", "公共场所禁烟标识巡查照片（市民中心）", fmt="jpg", issued="2026-09-16", scene="sign"),
)
add(Doc("tiyu", "edu-fitness", "facility-list", "2026年全民健身场地设施清单（社区覆盖情况）", fmt="xlsx", issued="2026-08-31"),
    Doc("tiyu", "edu-fitness", "exercise-survey", "2026年示例市经常参加体育锻炼人数调查报告", issued="2026-10-20", style="报告"),
    Doc("tiyu", "edu-fitness", "instructor-roster", "2026年示例市社会体育指导员名册", fmt="xlsx", issued="2026-06-30"),
    Doc("tiyu", "edu-fitness", "activity-records", "2026年全民健身日活动照片", fmt="jpg", issued="2026-08-08", scene="campaign"),
)
add(Doc("weijianwei", "edu-health-cells", "health-cell-plan", "示例市健康细胞建设实施方案（2024—2026年）", no=docno("weijianwei", 2024, 18),
        issued="2024-06-20", style="公文"),
    Doc("weijianwei", "edu-health-cells", "health-cell-list", "2026年健康社区、健康学校、健康单位、健康家庭名单", fmt="xlsx", issued="2026-10-10"),
    Doc("weijianwei", "edu-health-cells", "promotion-records", "2026年医院、学校、机关、企业健康促进活动记录", issued="2026-09-25", style="台账"),
    Doc("weijianwei", "edu-health-cells", "bulletin-photos", "南门社区健康教育宣传栏更新照片（2026年第4期）", fmt="jpg", issued="2026-10-18", scene="board"),
)

# ---- 三、市容环境卫生 -----------------------------------------------------------------------------
add(Doc("chengguan", "env-roads", "cleaning-standard", "示例市城市道路清扫保洁作业标准（2026年修订）", no="示城管规〔2026〕2号",
        issued="2026-06-15", type="规范性文件", style="公文",
        table=(["道路等级", "保洁时间", "机械化作业"], [["主次干道", "5:00—23:00（18小时）", "每日两次洗扫"], ["街巷", "6:00—20:00（14小时）", "每日一次"]])),
    Doc("chengguan", "env-roads", "lighting-ledger", "2026年道路照明及景观照明设施维护台账", fmt="xlsx", issued="2026-10-31"),
    Doc("chengguan", "env-roads", "disorder-ledger", "2026年“十乱”及卫生死角整治台账", fmt="xlsx", issued="2026-10-20"),
    Doc("chengguan", "env-roads", "disorder-ledger", "解放路与建设路交叉口占道堆放整治前", fmt="jpg", id="env-roads-disorder-before", issued="2026-09-03",
        stage="整改前", paired_with="env-roads-disorder-after", place="东城区解放路与建设路交叉口", scene="pile"),
    Doc("chengguan", "env-roads", "disorder-ledger", "解放路与建设路交叉口占道堆放整治后", fmt="jpg", id="env-roads-disorder-after", issued="2026-09-05",
        stage="整改后", paired_with="env-roads-disorder-before", place="东城区解放路与建设路交叉口", scene="street"),
    Doc("zhujian", "env-roads", "waterlogging-list", "2025年示例市易涝积水点清单及整治记录", issued="2025-09-30", style="台账"),
    Doc("zhujian", "env-roads", "site-ledger", "2026年建筑工地围挡、扬尘防治和建筑垃圾运输处置台账", fmt="xlsx", issued="2026-10-25"),
)
add(Doc("chengguan", "env-ads", "ad-plan", "示例市户外广告设施和招牌设置管理办法", issuer="govoffice", no="示政办规〔2022〕4号", issued="2022-05-10", style="公文"),
    Doc("chengguan", "env-ads", "ad-approval", "2026年户外广告和招牌设置审批及整治台账", fmt="xlsx", issued="2026-10-30"),
    Doc("zhujian", "env-ads", "curtain-wall-check", "2025年既有建筑玻璃幕墙安全排查报告", issued="2025-08-26", style="报告"),
)
add(Doc("yuanlin", "env-greening", "greening-statistics", "示例市园林绿化统计年报汇编（2024—2026年）", issued="2026-10-15", period=("2024-01-01", "2026-09-30"),
        style="报告", table=(["年份", "建成区绿化覆盖率", "人均公园绿地面积（平方米）"], [[2024, "40.8%", 13.1], [2025, "41.2%", 13.5], [2026, "41.6%", 13.8]])),
    Doc("yuanlin", "env-greening", "green-space-plan", "示例市城市绿地系统规划（2021—2035年）", issuer="gov", issued="2022-11-30", style="规划"),
    Doc("yuanlin", "env-greening", "maintenance-ledger", "2026年绿地养护管理台账", fmt="xlsx", issued="2026-10-31"),
)
add(Doc("chengguan", "env-sanitation-facilities", "facility-list", "2026年环卫设施清单（转运站、收运容器和车辆）", fmt="xlsx", issued="2026-09-15"),
    Doc("shangwu", "env-sanitation-facilities", "recycling-network", "2026年主城区再生资源回收网点清单", fmt="xlsx", issued="2026-08-20"),
    Doc("chengguan", "env-sanitation-facilities", "collection-system", "示例市生活垃圾分类收集运输体系建设方案", no=docno("chengguan", 2023, 12),
        issued="2023-04-20", style="公文"),
    Doc("chengguan", "env-sanitation-facilities", "clearance-ledger", "2026年生活垃圾、粪便清运作业台账", fmt="xlsx", issued="2026-10-31"),
)
add(Doc("chengguan", "env-waste-sorting", "sorting-plan", "示例市生活垃圾分类实施方案", issuer="govoffice", no=docno("govoffice", 2022, 30), issued="2022-08-16",
        style="公文"),
    Doc("chengguan", "env-waste-sorting", "sorting-coverage", "2026年生活垃圾分类覆盖情况统计（居民小区、公共机构）", issued="2026-10-15", style="报告",
        table=(["区", "居民小区", "已覆盖", "公共机构覆盖率"], [["东城区", 312, 312, "100%"], ["西城区", 245, 243, "100%"], ["高新区", 168, 168, "100%"]])),
    Doc("chengguan", "env-waste-sorting", "recycling-statistics", "2026年1—9月生活垃圾回收利用量统计", issued="2026-10-15", style="报告",
        table=(["类别", "回收量（吨）", "占比"], [["可回收物", 61200, "28.4%"], ["厨余垃圾", 21900, "10.2%"], ["合计", 83100, "38.6%"]])),
)
yearly("chengguan", "env-waste-sorting", "treatment-report", "{y}年生活垃圾无害化处理设施运行报告", {2024: "2024-12-30", 2025: "2025-12-29", 2026: "2026-11-10"},
       style="报告", table=(["设施", "设计能力（吨/日）", "无害化处理率"], [["城东焚烧发电厂", 1500, "100%"], ["餐厨垃圾处理厂", 300, "100%"]]))
add(Doc("chengguan", "env-toilets", "toilet-list", "2026年公共厕所清单（位置、类别、管理责任人）", fmt="xlsx", issued="2026-09-01"),
    Doc("chengguan", "env-toilets", "construction-ledger", "2024—2025年公共厕所新建、改造台账", fmt="xlsx", issued="2025-12-31", period=("2024-01-01", "2025-12-31")),
    # Out of window on purpose: 近1年 means on or after 2026-05-20.
    Doc("chengguan", "env-toilets", "inspection-records", "2025年第三季度公共厕所保洁巡查记录", issued="2025-09-30", period=("2025-07-01", "2025-09-30"),
        style="台账"),
)
add(Doc("chengguan", "env-city-management", "platform-document", "关于印发示例市数字化城市管理平台运行管理办法的通知", no=docno("chengguan", 2022, 8),
        issued="2022-03-21", style="公文"),
    Doc("chengguan", "env-city-management", "case-statistics", "2026年1—10月数字化城管案件受理、处置、结案统计", fmt="xlsx", issued="2026-11-05"),
    Doc("chengguan", "env-city-management", "manhole-ledger", "2026年窨井盖巡查维护台账（含权属单位）", fmt="xlsx", issued="2026-10-31"),
)
add(Doc("zhujian", "env-sewage", "sewage-statistics", "示例市城市生活污水集中收集率统计（2024—2026年）", issued="2026-10-20", period=("2024-01-01", "2026-09-30"),
        style="报告", table=(["年份", "污水处理量（万吨）", "集中收集率"], [[2024, 9860, "86.1%"], [2025, 10240, "88.4%"], [2026, 7980, "91.3%"]])),
    Doc("shuiwu", "env-sewage", "plant-report", "城东污水处理厂2026年第三季度运行报告及出水水质监测", issued="2026-10-12", style="报告"),
    Doc("zhujian", "env-sewage", "drainage-plan", "示例市城市排水防涝综合规划（2021—2035年）", issuer="gov", issued="2022-06-30", style="规划"),
)
add(Doc("quzhengfu", "env-old-areas", "renovation-ledger", "2024—2026年老旧小区改造计划及完成台账", fmt="xlsx", issued="2026-10-31", period=("2024-01-01", "2026-10-31")),
    Doc("quzhengfu", "env-old-areas", "village-plan", "东城区城中村和城乡结合部环境卫生综合整治方案", no=docno("quzhengfu", 2025, 7), issued="2025-04-02",
        style="公文"),
    Doc("quzhengfu", "env-old-areas", "back-street-ledger", "2026年背街小巷整治台账", fmt="xlsx", issued="2026-10-25"),
    Doc("quzhengfu", "env-old-areas", "back-street-ledger", "北关街后巷整治前", fmt="jpg", id="env-old-areas-backstreet-before", issued="2026-08-18",
        stage="整改前", paired_with="env-old-areas-backstreet-after", place="东城区北关街道北关街后巷", scene="pile"),
    Doc("quzhengfu", "env-old-areas", "back-street-ledger", "北关街后巷整治后", fmt="jpg", id="env-old-areas-backstreet-after", issued="2026-08-25",
        stage="整改后", paired_with="env-old-areas-backstreet-before", place="东城区北关街道北关街后巷", scene="alley"),
    Doc("quzhengfu", "env-old-areas", "three-guarantees", "示例市门前三包责任制管理规定", issuer="govoffice", no="示政办规〔2021〕7号", issued="2021-06-18",
        type="规范性文件", style="公文"),
)
add(Doc("shichang", "env-markets", "market-list", "2026年农贸市场清单及标准化改造达标情况", fmt="xlsx", issued="2026-08-15"),
    Doc("shichang", "env-markets", "management-rules", "示例市农贸市场卫生管理制度及保洁人员名单", issued="2025-03-01", type="台账", style="台账",
        table=(["市场", "保洁人员", "保洁时段"], [["西苑农贸市场", 6, "5:30—19:00"], ["南门农贸市场", 5, "5:30—19:00"], ["高新农贸市场", 4, "6:00—19:00"]])),
    Doc("shichang", "env-markets", "poultry-ledger", "2026年活禽交易区休市、清洗消毒记录", issued="2026-10-31", style="台账"),
    Doc("shichang", "env-markets", "inspection-ledger", "2026年农贸市场检查及整改台账", fmt="xlsx", issued="2026-10-28"),
)

# ---- 四、生态环境 ---------------------------------------------------------------------------------
add(Doc("shengtai", "eco-air", "environment-bulletin", "2024年示例市生态环境状况公报", id="eco-air-environment-bulletin-2024", issued="2025-06-05",
        period=("2024-01-01", "2024-12-31"), style="报告",
        table=(["项目", "2024年"], [["AQI优良天数", "306天"], ["PM2.5年均值", "33微克/立方米"], ["PM10年均值", "59微克/立方米"]])),
    Doc("shengtai", "eco-air", "environment-bulletin", "2025年示例市生态环境状况公报", id="eco-air-environment-bulletin-2025", issued="2026-06-04",
        period=("2025-01-01", "2025-12-31"), style="报告",
        table=(["项目", "2025年"], [["AQI优良天数", "301天"], ["PM2.5年均值", "32微克/立方米"], ["PM10年均值", "57微克/立方米"]])),
    Doc("shengtai", "eco-air", "environment-bulletin", "2026年1—10月示例市环境空气质量月报汇总", id="eco-air-environment-bulletin-2026", issued="2026-11-10",
        period=("2026-01-01", "2026-10-31"), style="报告",
        body=["2026年1—10月，全市环境空气质量优良天数243天，按全年测算296天，较上年减少5天，主要受春季沙尘和秋季静稳天气影响。"],
        table=(["项目", "2026年1—10月"], [["AQI优良天数（全年测算）", "296天"], ["PM2.5年均值", "31微克/立方米"], ["PM10年均值", "56微克/立方米"]])),
    Doc("shengtai", "eco-air", "air-plan", "示例市空气质量持续改善行动实施方案", issuer="gov", no=docno("gov", 2024, 15), issued="2024-07-12", style="公文"),
    Doc("shengtai", "eco-air", "dust-ledger", "2026年扬尘、油烟污染防治检查台账", fmt="xlsx", issued="2026-10-31"),
)
add(Doc("shengtai", "eco-water", "source-zoning", "示例省人民政府关于示例市集中式饮用水水源保护区划定方案的批复", issuer="province",
        no=docno("province", 2020, 88), issued="2020-11-16", style="公文"),
    Doc("shengtai", "eco-water", "water-bulletin", "2026年1—9月地表水环境功能区水质监测数据", issued="2026-10-20", style="报告",
        table=(["断面", "功能区类别", "达标情况"], [["东湖出口", "Ⅲ类", "达标"], ["望江桥", "Ⅲ类", "达标"], ["滨河闸", "Ⅳ类", "达标"]])),
    Doc("shengtai", "eco-water", "black-odorous-ledger", "城市黑臭水体排查整治台账（2024—2025年）", fmt="xlsx", issued="2025-12-20"),
)
yearly("shuiwu", "eco-water", "source-monitoring", "{y}年集中式饮用水水源地水质监测报告", {2024: "2024-12-18", 2025: "2025-12-17", 2026: "2026-11-12"},
       style="报告", table=(["水源地", "监测频次", "达标率"], [["东湖水库", "每月", "100%"], ["望江取水口", "每月", "100%"]]))
yearly("shengtai", "eco-noise", "noise-monitoring", "{y}年示例市声环境质量监测报告", {2024: "2024-12-27", 2025: "2025-12-26", 2026: "2026-11-16"}, style="报告")
add(Doc("shengtai", "eco-noise", "zoning-document", "示例市声环境功能区划分方案", issuer="govoffice", no=docno("govoffice", 2021, 33), issued="2021-10-08", style="公文"),
    Doc("shengtai", "eco-noise", "complaint-ledger", "2026年噪声投诉受理与处理台账", fmt="xlsx", issued="2026-10-31"),
)
add(Doc("shengtai", "eco-hazardous-waste", "disposal-contract", "2026年度医疗废物集中处置合同及处置量台账", issued="2026-10-31", type="台账", style="台账",
        table=(["月份", "处置量（吨）", "处置单位"], [["1—3月", 612, "示例市医疗废物处置中心"], ["4—6月", 640, "示例市医疗废物处置中心"], ["7—9月", 655, "示例市医疗废物处置中心"]])),
    Doc("weishengjiandu", "eco-hazardous-waste", "supervision-records", "2026年医疗卫生机构医疗废物管理监督检查记录", issued="2026-09-30", style="台账"),
    Doc("shengtai", "eco-hazardous-waste", "transfer-manifests", "2026年危险废物转移联单及处置统计", fmt="xlsx", issued="2026-10-31"),
)
add(Doc("shengtai", "eco-incidents", "no-incident-statement", "关于示例市近三年未发生重大环境污染和生态破坏事件的情况说明", no="示环函〔2026〕86号",
        issued="2026-10-30", style="公文",
        body=["市爱卫办：", "经核查，2023年11月至2026年10月，本市行政区域内未发生重大及以上级别环境污染和生态破坏事件。"
              "2025年7月发生的滨河闸一般突发环境事件已按预案处置完毕，未造成饮用水水源污染。", "特此说明。"]),
    Doc("shengtai", "eco-incidents", "emergency-plan", "示例市突发环境事件应急预案（2024年修订）", issuer="govoffice", no="示政办函〔2024〕40号",
        issued="2024-09-10", style="公文"),
    Doc("shengtai", "eco-incidents", "risk-ledger", "2026年环境风险隐患排查整治台账", fmt="xlsx", issued="2026-10-31"),
)

# ---- 五、重点场所卫生 -----------------------------------------------------------------------------
add(Doc("weishengjiandu", "place-public", "licensing-ledger", "2026年公共场所卫生许可（备案）及量化分级台账", fmt="xlsx", issued="2026-10-10"),
    Doc("weishengjiandu", "place-public", "certificate-ledger", "2026年公共场所从业人员健康证明台账", fmt="xlsx", issued="2026-10-10"),
    Doc("weishengjiandu", "place-public", "supervision-records", "2026年公共场所卫生监督检查及整改记录", issued="2026-10-20", style="台账"),
    Doc("weishengjiandu", "place-public", "hygiene-monitoring", "2026年公共场所卫生监测报告", issued="2026-08-28", style="报告"),
)
add(Doc("jiaoyu", "place-schools", "staffing-list", "2026年学校校医、保健教师配备名单", fmt="xlsx", issued="2026-09-15"),
    Doc("jiaoyu", "place-schools", "pe-schedule", "关于做好2026年秋季学期中小学体育与健康课程安排的通知", no="示教体〔2026〕22号", issued="2026-08-28",
        type="公文", style="公文"),
    Doc("jiaoyu", "place-schools", "screening-statistics", "示例市学生近视、肥胖筛查统计（2024—2026学年）", issued="2026-10-30", period=("2024-01-01", "2026-09-30"),
        style="报告", table=(["年份", "近视率", "肥胖率", "筛查人数"], [[2024, "52.6%", "13.8%", 148200], [2025, "51.9%", "13.5%", 151600], [2026, "51.2%", "13.1%", 153900]])),
    Doc("jiaoyu", "place-schools", "fitness-monitoring", "2026年学生体质健康监测报告", issued="2026-07-15", style="报告"),
    Doc("weishengjiandu", "place-schools", "hygiene-inspection", "2026年学校卫生监督检查记录", issued="2026-10-16", style="台账"),
)
add(Doc("jiaoyu", "place-childcare", "health-care-evaluation", "2025年托幼机构卫生保健工作评估报告", issued="2025-11-20", type="报告", style="报告"),
    Doc("jiaoyu", "place-childcare", "check-records", "2026年托幼机构入园体检、晨午检及因病缺勤追踪记录", issued="2026-10-31", style="台账"),
    Doc("jiaoyu", "place-childcare", "disinfection-records", "2026年托幼机构消毒及饮食卫生记录", issued="2026-10-31", style="台账"),
)
# place-occupational: waived as a whole (wv-2026-occupational), no documents.
add(Doc("jiaotong", "place-transport", "management-rules", "示例市交通场站及商场超市卫生管理制度", issued="2024-03-12", style="公文"),
    Doc("jiaotong", "place-transport", "inspection-ledger", "2026年人群聚集场所卫生检查及整改台账", fmt="xlsx", issued="2026-10-31"),
    Doc("jiaotong", "place-transport", "site-photos", "示例火车站南广场环境卫生现场照片", fmt="jpg", issued="2026-10-09", scene="street"),
)
add(Doc("shichang", "place-small-venues", "venue-register", "2026年“八小”场所底册（证照、从业人员健康证明）", fmt="xlsx", issued="2026-09-30"),
    Doc("shichang", "place-small-venues", "inspection-ledger", "2026年“八小”场所日常检查及整改台账", fmt="xlsx", issued="2026-10-31"),
    Doc("shichang", "place-small-venues", "three-proof-photos", "“八小”场所“三防”设施检查照片（南门大街）", fmt="jpg", issued="2026-10-12", scene="shop"),
)

# ---- 六、食品和生活饮用水安全 --------------------------------------------------------------------
yearly("shichang", "food-supervision", "annual-plan", "示例市{y}年食品安全重点工作安排", {2024: "2024-03-28", 2025: "2025-03-20", 2026: "2026-03-25"},
       issuer="govoffice", no=("govoffice", 10), style="公文", type="公文")
add(Doc("shichang", "food-supervision", "sampling-report", "2026年1—9月食品安全监督抽检和风险监测报告", issued="2026-10-25", style="报告",
        table=(["类别", "抽检批次", "合格率"], [["粮食加工品", 820, "99.3%"], ["肉制品", 640, "98.9%"], ["餐饮食品", 1320, "98.6%"]])),
    Doc("shichang", "food-supervision", "emergency-plan", "示例市食品安全事故应急预案（2023年修订）", issuer="govoffice", no="示政办函〔2023〕27号",
        issued="2023-06-01", style="公文"),
    Doc("shichang", "food-supervision", "no-incident-statement", "关于示例市近三年未发生重大食品安全事故的情况说明", no="示市监函〔2026〕112号",
        issued="2026-10-30", style="公文",
        body=["市爱卫办：", "经核查，2023年11月至2026年10月，本市未发生重大及以上级别食品安全事故。", "特此说明。"]),
)
add(Doc("shichang", "food-risk-grading", "grading-statistics", "2026年食品生产经营风险分级管理统计", fmt="xlsx", issued="2026-10-20"),
    Doc("shichang", "food-risk-grading", "quantified-ledger", "2026年餐饮服务量化分级及“明厨亮灶”台账", fmt="xlsx", issued="2026-10-20"),
    Doc("shichang", "food-risk-grading", "certificate-ledger", "2026年食品从业人员健康证明台账", fmt="xlsx", issued="2026-10-20"),
)
add(Doc("shichang", "food-small-businesses", "registration-ledger", "2026年“三小”登记备案台账", fmt="xlsx", issued="2026-09-30"),
    Doc("shichang", "food-small-businesses", "vendor-zones", "示例市食品摊贩经营区域和时段管理规定", issuer="govoffice", no="示政办规〔2022〕2号", issued="2022-04-12",
        style="公文"),
    Doc("shichang", "food-small-businesses", "inspection-ledger", "2026年“三小”日常检查及整改台账", fmt="xlsx", issued="2026-10-31"),
)
add(Doc("shichang", "food-canteens", "canteen-ledger", "2026年集体食堂许可及量化分级台账", fmt="xlsx", issued="2026-09-30"),
    Doc("jiaoyu", "food-canteens", "accompanying-records", "2026年秋季学期学校负责人陪餐记录汇总", issued="2026-10-30", style="台账"),
    Doc("shichang", "food-canteens", "campus-inspection", "2026年秋季开学校园及周边食品安全专项检查记录", issued="2026-09-18", style="台账"),
)
yearly("shuiwu", "food-drinking-water", "water-quality-report", "{y}年生活饮用水水质检测报告（出厂水、末梢水）",
       {2024: "2024-12-20", 2025: "2025-12-19", 2026: "2026-11-13"}, style="报告",
       table=(["水样", "检测指标", "合格率"], [["出厂水", "43项", "100%"], ["末梢水", "43项", "99.6%"]]))
add(Doc("shuiwu", "food-drinking-water", "secondary-supply-ledger", "2026年二次供水设施清洗消毒与水质检测台账", fmt="xlsx", issued="2026-10-31"),
    Doc("shuiwu", "food-drinking-water", "supply-license", "示例市自来水有限公司卫生许可证（城东水厂）", issued="2023-05-09", style="台账",
        body=["单位名称：示例市自来水有限公司城东水厂", "许可项目：集中式供水", "有效期限：2023年5月9日至2027年5月8日", "发证机关：示例市卫生健康委员会"]),
    Doc("jikong", "food-drinking-water", "monitoring-report", "2026年示例市生活饮用水卫生监测报告", issued="2026-11-06", style="报告"),
)

# ---- 七、疾病防控与医疗卫生服务 ------------------------------------------------------------------
add(Doc("jikong", "dis-infectious", "incidence-statistics", "示例市甲、乙类法定传染病报告发病率统计（2022—2026年）", issued="2026-11-05",
        period=("2022-01-01", "2026-10-31"), style="报告",
        table=(["年份", "报告病例数", "报告发病率（1/10万）"], [[2022, 2512, 198.6], [2023, 2991, 236.4], [2024, 2597, 205.3], [2025, 2438, 192.7], [2026, 2364, 186.9]])),
    Doc("weijianwei", "dis-infectious", "emergency-plan", "示例市突发公共卫生事件应急预案", issuer="govoffice", no="示政办函〔2023〕19号", issued="2023-04-25",
        style="公文"),
    Doc("jikong", "dis-infectious", "drill-records", "2026年突发公共卫生事件应急演练及物资储备记录", issued="2026-09-22", style="台账"),
    Doc("jikong", "dis-infectious", "biosafety-records", "2026年实验室生物安全管理制度及检查记录", issued="2026-10-15", type="台账", style="台账"),
)
add(Doc("jikong", "dis-immunization", "coverage-report", "2026年免疫规划疫苗接种率统计报告（分街道）", issued="2026-10-28", type="报告", style="报告",
        table=(["街道", "应种人数", "接种率"], [[s, 4000 + 137 * i, f"{98.1 + 0.1 * (i % 6):.1f}%"] for i, (_, s) in enumerate(STREETS)])),
    Doc("jikong", "dis-immunization", "card-statistics", "2026年适龄儿童建卡、建证统计", issued="2026-10-28", style="报告"),
    Doc("jikong", "dis-immunization", "clinic-list", "2026年预防接种门诊清单及规范化建设情况", issued="2026-09-10", style="台账"),
)
add(Doc("weijianwei", "dis-chronic", "ncd-plan", "示例市慢性病综合防控工作方案（2024—2027年）", no=docno("weijianwei", 2024, 9), issued="2024-04-16", style="公文"),
    Doc("weijianwei", "dis-chronic", "management-statistics", "2026年1—10月高血压、糖尿病患者健康管理统计", fmt="xlsx", issued="2026-11-05"),
)
yearly("jikong", "dis-chronic", "mortality-report", "示例市{y}年死因监测报告", {2024: "2024-12-16", 2025: "2025-12-15", 2026: "2026-11-18"}, style="报告")
add(Doc("weijianwei", "dis-maternal-child", "mch-statistics", "示例市妇幼卫生统计年报汇编（2024—2026年）", issued="2026-11-02", period=("2024-01-01", "2026-09-30"),
        style="报告", table=(["年份", "婴儿死亡率（‰）", "5岁以下儿童死亡率（‰）", "孕产妇死亡率（1/10万）"],
                             [[2024, 3.42, 4.81, 10.2], [2025, 3.25, 4.55, 9.6], [2026, 3.12, 4.36, 8.9]])),
    Doc("weijianwei", "dis-maternal-child", "eye-check-statistics", "2026年0—6岁儿童眼保健和视力检查统计", issued="2026-10-26", style="报告"),
    Doc("weijianwei", "dis-maternal-child", "high-risk-ledger", "2026年高危孕产妇专案管理台账", issued="2026-10-31", style="台账"),
)
add(Doc("weijianwei", "dis-mental-health", "management-statistics", "2026年严重精神障碍患者登记及规范管理统计", issued="2026-10-20", style="报告"),
    Doc("weijianwei", "dis-mental-health", "mechanism-document", "关于建立精神卫生综合管理工作机制的通知", issuer="govoffice", no=docno("govoffice", 2023, 16),
        issued="2023-05-18", style="公文"),
    Doc("weijianwei", "dis-mental-health", "follow-up-records", "2026年严重精神障碍患者随访及关爱帮扶记录", issued="2026-10-31", style="台账"),
)
add(Doc("weijianwei", "dis-health-resources", "resource-statistics", "2025年示例市卫生资源统计年报（床位、人员）", fmt="xlsx", issued="2026-06-18"),
    Doc("weijianwei", "dis-health-resources", "regional-plan", "示例市医疗卫生服务体系规划（2026—2030年）", issuer="govoffice", no=docno("govoffice", 2026, 11),
        issued="2026-04-28", style="规划",
        table=(["指标", "2030年规划目标"], [["每千常住人口床位数", "6.5张"], ["每千常住人口执业（助理）医师数", "3.0人"], ["每千常住人口注册护士数", "3.8人"],
                                        ["每千常住人口公共卫生人员数", "0.83人"], ["每千常住人口药师（药士）数", "0.50人"], ["每万常住人口全科医生数", "4.0人"]])),
    Doc("weijianwei", "dis-health-resources", "primary-care-ledger", "2026年基层医疗卫生机构标准化建设达标台账", fmt="xlsx", issued="2026-09-30"),
)
yearly("weijianwei", "dis-health-resources", "health-expenditure", "示例市{y}年卫生总费用核算报告", {2024: "2024-11-28", 2025: "2025-11-27", 2026: "2026-11-19"},
       style="报告")
add(Doc("weijianwei", "dis-blood-medical-order", "blood-statistics", "2026年1—10月无偿献血及临床用血统计", issued="2026-11-04", style="报告",
        table=(["项目", "数量"], [["献血人次", "31260"], ["采血量（单位）", "52840"], ["临床用血来自无偿献血比例", "100%"]])),
    Doc("weishengjiandu", "dis-blood-medical-order", "crackdown-ledger", "2026年打击非法行医专项行动台账", fmt="xlsx", issued="2026-10-31"),
    Doc("weishengjiandu", "dis-blood-medical-order", "ad-monitoring", "2026年医疗广告监测及查处记录", issued="2026-10-20", style="台账"),
)
yearly("aiweiban", "dis-vector-system", "work-plan", "示例市{y}年病媒生物预防控制工作方案", {2024: "2024-03-15", 2025: "2025-03-12", 2026: "2026-03-10"},
       issuer="aiweiban", no=("aiweiban", 6), style="公文", record_sha=True)
yearly("jikong", "dis-vector-system", "monitoring-reports", "示例市{y}年病媒生物监测报告", {2024: "2024-12-10", 2025: "2025-12-11", 2026: "2026-11-12"}, style="报告")
add(Doc("aiweiban", "dis-vector-system", "pco-contracts", "2026年PCO服务合同及消杀作业记录", issued="2026-10-31", type="台账", style="台账", record_sha=True,
        table=(["服务单位", "服务区域", "合同期", "评估结果"], [["示例绿卫有害生物防制公司", "东城区", "2026.1—2026.12", "优秀"], ["安康消杀服务公司", "西城区、高新区", "2026.1—2026.12", "良好"]])),
    Doc("aiweiban", "dis-vector-system", "campaign-records", "2026年夏季病媒生物集中消杀和孳生地清理照片", fmt="jpg", issued="2026-07-08", scene="campaign",
        place="西城区望江街道", record_sha=True),
)
add(Doc("jikong", "dis-vector-density", "density-assessment", "2026年示例市病媒生物密度控制水平评估报告", issued="2026-10-30", style="报告",
        body=["依据 GB/T 27770—27773，2026年9—10月在建成区开展鼠、蚊、蝇、蟑螂密度监测，评估结果：鼠 B 级、蚊 B 级、蝇 C 级、蟑螂 D 级。",
              "蟑螂成若虫侵害率11.2%、卵鞘查获率4.6%、蟑迹查获率9.8%，主要集中在城中村餐饮小店和老旧小区，需开展专项整治后复测。"]),
    Doc("jikong", "dis-vector-density", "monitoring-data", "2024—2026年鼠、蚊、蝇、蟑螂密度常规监测数据汇总", fmt="xlsx", issued="2026-11-08",
        period=("2024-01-01", "2026-10-31")),
)
add(Doc("aiweiban", "dis-vector-facilities", "unit-list", "2026年重点行业和单位清单（病媒生物防制）", fmt="xlsx", issued="2026-08-30", record_sha=True),
    Doc("shichang", "dis-vector-facilities", "facility-inspection", "2026年重点行业和单位防蝇、防鼠设施检查台账", fmt="xlsx", issued="2026-10-31"),
    Doc("shichang", "dis-vector-facilities", "facility-photos", "餐饮单位挡鼠板和防蝇门帘检查照片", fmt="jpg", issued="2026-10-14", scene="shop"),
)


# --------------------------------------------------------------------------------------------
# Indicators (all 65 + 6 planning targets), surveys, vectors, incidents, statements
# --------------------------------------------------------------------------------------------
# Input formats vary on purpose: 96.5, "96.5%", "９８．２％" (full-width), 0.963 (an Excel percent cell), "有", "B级", "02".
INDICATORS: dict[str, list[tuple[str, dict[str, object], str | None, str | None]]] = {
    "aiweiban": [
        ("national-health-counties", {"2026": 2}, "个", "省爱卫会命名文件"),
        ("satisfaction-rate", {"2024": 90.6, "2025": 91.8, "2026": "93.6%"}, "%", "第三方满意度调查"),
        ("rat-density", {"2026": "B级"}, None, "疾控中心密度评估"),
        ("mosquito-density", {"2026": "02"}, None, "疾控中心密度评估（填报代码 02 = B 级）"),
        ("fly-density", {"2026": "C"}, None, "疾控中心密度评估"),
        ("cockroach-density", {"2026": "D级"}, None, "疾控中心密度评估"),
        ("fly-proof-facility-rate", {"2026": 0.963}, None, "防蝇设施检查台账（Excel 百分比单元格）"),
        ("rat-proof-facility-rate", {"2026": "96.1%"}, "%", "防鼠设施检查台账"),
    ],
    "weijianwei": [
        ("health-literacy", {"2024": 29.4, "2025": 31.8, "2026": 34.1}, "%", "居民健康素养监测"),
        ("smoking-rate", {"2025": 23.1, "2026": 22.4}, "%", "烟草流行监测"),
        ("smoke-free-agencies", {"2026": 100}, "%", "无烟机关建成名单"),
        ("smoke-free-health-facilities", {"2026": "100%"}, "%", "无烟医疗卫生机构建成名单"),
        ("medical-waste-disposal-rate", {"2026": "100%"}, "%", "医疗废物处置台账"),
        ("occupational-hazard-declaration-rate", {"2026": 93.8}, "%", "职业病危害项目申报系统"),
        ("out-of-pocket-share", {"2024": 27.1, "2025": 26.4, "2026": 25.8}, "%", "卫生总费用核算"),
        ("infant-mortality", {"2024": 3.42, "2025": 3.25, "2026": 3.12}, "‰", "妇幼卫生统计年报"),
        ("under5-mortality", {"2024": 4.81, "2025": 4.55, "2026": 4.36}, "‰", "妇幼卫生统计年报"),
        ("maternal-mortality", {"2024": 10.2, "2025": 9.6, "2026": 8.9}, "1/10万", "妇幼卫生统计年报"),
        ("life-expectancy", {"2024": 79.62, "2025": 79.85, "2026": 80.06}, "岁", "死因监测"),
        ("under3-management-rate", {"2026": 93.6}, "%", "妇幼卫生统计年报"),
        ("child-eye-check-rate", {"2026": 94.1}, "%", "妇幼卫生统计年报"),
        ("mental-disorder-management-rate", {"2026": 92.4}, "%", "严重精神障碍信息系统"),
        ("beds-per-1000", {"2025": 6.48, "2026": 6.62}, "张/千人", "卫生资源统计年报"),
        ("doctors-per-1000", {"2026": 3.21}, "人/千人", "卫生资源统计年报"),
        ("nurses-per-1000", {"2026": 3.86}, "人/千人", "卫生资源统计年报"),
        ("public-health-staff-per-1000", {"2026": 0.86}, "人/千人", "卫生资源统计年报"),
        ("pharmacists-per-1000", {"2026": 0.52}, "人/千人", "卫生资源统计年报"),
        ("gps-per-10000", {"2025": 3.18, "2026": 3.42}, "人/万人", "卫生资源统计年报"),
        ("plan-beds-per-1000", {"2026": 6.5}, "张/千人", "医疗卫生服务体系规划（2026—2030年）"),
        ("plan-doctors-per-1000", {"2026": 3}, "人/千人", "医疗卫生服务体系规划（2026—2030年）"),
        ("plan-nurses-per-1000", {"2026": 3.8}, "人/千人", "医疗卫生服务体系规划（2026—2030年）"),
        ("plan-public-health-staff-per-1000", {"2026": 0.83}, "人/千人", "医疗卫生服务体系规划（2026—2030年）"),
        ("plan-pharmacists-per-1000", {"2026": "0.50"}, "人/千人", "医疗卫生服务体系规划（2026—2030年）"),
        ("plan-gps-per-10000", {"2026": 4}, "人/万人", "医疗卫生服务体系规划（2026—2030年）"),
    ],
    "jikong": [
        ("notifiable-disease-incidence", {"2022": 198.6, "2023": 236.4, "2024": 205.3, "2025": 192.7, "2026": 186.9}, "1/10万", "传染病报告信息管理系统"),
        ("immunization-rate", {"2026": "98.6%"}, "%", "免疫规划信息系统"),
        ("vaccination-card-rate", {"2026": "９８．２％"}, "％", "免疫规划信息系统（全角录入）"),
        ("premature-ncd-mortality", {"2024": 15.32, "2025": 14.87, "2026": 14.95}, "%", "死因监测"),
    ],
    "tiyu": [
        ("fitness-facility-communities", {"2026": 92.6}, "%", "全民健身场地设施清单"),
        ("regular-exercise-rate", {"2026": 41.3}, "%", "体育锻炼人数调查"),
        ("sports-area-per-capita", {"2026": "2.68平方米/人"}, None, "体育场地统计调查"),
        ("sports-instructors-per-1000", {"2026": 2.6}, "人/千人", "社会体育指导员名册"),
    ],
    "jiaoyu": [
        ("smoke-free-schools", {"2026": 98.7}, "%", "无烟学校建成名单"),
        ("school-doctor-rate", {"2026": 96.2}, "%", "校医配备名单"),
        ("pe-course-rate", {"2026": "100%"}, "%", "课程表核查"),
        ("school-sports-hours", {"2026": 1.2}, "小时", "学校体育工作年报"),
        ("eye-exercise-rate", {"2026": 98.5}, "%", "学校卫生工作年报"),
        ("student-myopia-rate", {"2024": 52.6, "2025": 51.9, "2026": 51.2}, "%", "学生近视筛查"),
        ("student-obesity-rate", {"2024": 13.8, "2025": 13.5, "2026": 13.1}, "%", "学生体质健康监测"),
    ],
    "sifa": [("tobacco-control-law", {"2026": "有"}, "有/无", "示例市控制吸烟条例")],
    "chengguan": [
        ("road-lighting-rate", {"2026": "100%"}, "%", "道路照明维护台账"),
        ("main-road-cleaning-hours", {"2026": 18}, "小时/天", "保洁作业标准"),
        ("street-cleaning-hours", {"2026": 14}, "小时/天", "保洁作业标准"),
        ("mechanized-sweeping-rate", {"2025": 68.5, "2026": "71.2%"}, "%", "机械化清扫台账"),
        ("city-management-it-coverage", {"2026": 100}, "%", "数字化城管平台"),
        ("waste-recycling-rate", {"2026": 38.6}, "%", "回收利用量统计"),
        ("waste-harmless-rate", {"2026": "100%"}, "%", "无害化处理设施运行报告"),
        ("manhole-cover-intact-rate", {"2026": "99.6%"}, "%", "窨井盖巡查台账"),
    ],
    "yuanlin": [
        ("green-coverage-rate", {"2024": 40.8, "2025": 41.2, "2026": 41.6}, "%", "园林绿化统计年报"),
        ("park-green-per-capita", {"2024": 13.1, "2025": 13.5, "2026": 13.8}, "m²/人", "园林绿化统计年报"),
    ],
    "shangwu": [("recycling-point-coverage", {"2026": 96.5}, "%", "再生资源回收网点清单")],
    "zhujian": [("sewage-collection-rate", {"2024": 86.1, "2025": 88.4, "2026": 91.3}, "%", "污水集中收集率统计")],
    "shengtai": [
        ("aqi-good-days", {"2024": 306, "2025": 301, "2026": 296}, "天", "生态环境状况公报；2026年为1—10月按全年测算"),
        ("so2-annual-mean", {"2026": 8}, "µg/m³", "环境空气质量月报"),
        ("no2-annual-mean", {"2026": 27}, "µg/m³", "环境空气质量月报"),
        ("pm10-annual-mean", {"2026": "56微克/立方米"}, None, "环境空气质量月报"),
        ("pm25-annual-mean", {"2026": 31}, "µg/m³", "环境空气质量月报"),
        ("regional-noise-mean", {"2026": "53.6 dB(A)"}, "dB(A)", "声环境质量监测"),
        ("night-noise-compliance-rate", {"2026": 86.7}, "%", "声环境质量监测"),
        ("drinking-source-compliance-rate", {"2024": 100, "2025": 100, "2026": "100%"}, "%", "水源地水质监测"),
    ],
    "shichang": [("food-risk-grading-rate", {"2026": 96.8}, "%", "风险分级管理统计")],
}

SURVEYS = {
    "aiweiban": [dict(indicator="satisfaction-rate", year=2026, method="第三方计算机辅助电话调查（CATI），按区人口比例随机抽样", sample_size=1215, rate="93.6%",
                      report="satisfaction-survey-2026")],
    # Too small a sample on purpose (< 1000).
    "weijianwei": [dict(indicator="health-literacy", year=2026, method="城区居民健康素养补充调查（入户问卷）", sample_size=860, rate=34.1,
                        report="edu-network-literacy-report-2026")],
}

VECTORS = {
    "jikong": [
        dict(pest="rat", year=2025, level="B", report="dis-vector-system-monitoring-reports-2025"),
        dict(pest="mosquito", year=2025, level="B", report="dis-vector-system-monitoring-reports-2025"),
        dict(pest="fly", year=2025, level="C", report="dis-vector-system-monitoring-reports-2025"),
        dict(pest="cockroach", year=2025, level="C", report="dis-vector-system-monitoring-reports-2025"),
        dict(pest="rat", year=2026, level="B", sub_indicators={"indoor-density": "2.4%", "outdoor-path-index": 0.52}, report="dis-vector-density-density-assessment"),
        dict(pest="mosquito", year=2026, level="B", sub_indicators={"small-water-larvae": 0.61, "adult-landing-index": 0.48},
             report="dis-vector-density-density-assessment"),
        dict(pest="fly", year=2026, level="C", sub_indicators={"room-positive-rate": 6.8, "flies-per-positive-room": 1.9, "breeding-site-positive-rate": 3.1},
             report="dis-vector-density-density-assessment"),
        # Level D on purpose.
        dict(pest="cockroach", year=2026, level="D", sub_indicators={"infestation-rate": 11.2, "ootheca-rate": 4.6, "trace-rate": 9.8},
             report="dis-vector-density-density-assessment"),
    ],
}

INCIDENTS = {
    # Recorded for completeness; not one of the veto's incident types, so it does not trigger veto-2014-08.
    "shengtai": [dict(type="一般突发环境事件", date="2025-07-14",
                      description="滨河闸上游企业雨水排口异常排放，下游约1公里河段水质短时超标，当日完成封堵和应急监测，未影响饮用水水源。")],
}

STATEMENTS = {
    "aiweiban": [
        ("org-agenda", "市委常委会、市政府常务会议近三年每年专题研究爱国卫生工作；《示例市爱国卫生条例》自2023年1月1日起施行；"
                       "2026年度绩效考核办法将爱国卫生工作纳入区政府和市直单位考核，权重3%。本市具有立法权，不适用“规范性文件”要求。"),
        ("org-committee", "爱卫会组成人员已于2025年4月调整；爱卫办为相对独立设置的内设机构，核定编制8名。爱国卫生工作经费2025、2026年已下达，"
                          "2024年经费随卫健委部门预算下达，未单独发文，财政局正在补充出具说明。"),
        ("org-annual-work", "近三年每年均有工作要点、部署会议、季度督查通报和年度总结；2025年命名卫生街道3个、卫生社区12个、卫生单位46个。"),
        ("org-complaints", "通过12345热线、“示例发布”公众号和爱卫办电话受理投诉，2024—2026年累计受理2316件，按期办结率98.9%。"
                           "2026年第三方满意度调查样本1215个，满意率93.6%。"),
        ("dis-vector-density", "2026年疾控中心评估鼠、蚊达到B级，蝇C级，蟑螂为D级（城中村餐饮小店和老旧小区侵害率高）。"
                               "已组织PCO开展为期6周的蟑螂专项整治，计划2027年3月复测。"),
    ],
    "weijianwei": [
        ("org-health-policy", "健康影响评估制度仍在高新区试点，原定2026年6月前出台制度文件，豁免已到期，尚未提交；"
                              "健康融入所有政策实施意见和国土空间规划公共卫生专章已提交。"),
        ("edu-network", "2024—2026年居民健康素养水平由29.4%提高到34.1%。2026年城区补充调查有效样本860个，低于1000个的要求，"
                        "拟于2027年2月委托第三方扩大样本复核。"),
        ("dis-chronic", "重大慢性病过早死亡率2026年为14.95%，较2025年（14.87%）略有回升，主要因人口老龄化和统计口径调整；"
                        "较2024年仍下降0.37个百分点。"),
        ("dis-health-resources", "床位、医师、护士、公共卫生人员和药师均达到区域卫生规划要求；每万常住人口全科医生数3.42人，"
                                 "低于规划要求的4.0人，2027年计划转岗培训全科医生80名。"),
    ],
    "chengguan": [
        ("env-roads", "主次干道每日保洁18小时、街巷14小时，机械化清扫率71.2%；2026年模拟暗访发现建筑工地占道堆放1处，已整改。"),
        ("env-ads", "2026年模拟暗访主次干道计入户外广告检查的点位为11处（另3处为夜间照明专项检查），少于12处，将在复查中补足。"),
        ("env-toilets", "公厕保洁巡查记录目前只整理到2025年第三季度，2026年巡查记录正在汇总，将于12月底前补交。"),
    ],
    "shengtai": [
        ("eco-air", "2026年1—10月优良天数243天，全年测算296天，低于300天，主要受春季沙尘影响；SO2、NO2、PM10、PM2.5年均值均达到二级标准。"),
    ],
    "jiaoyu": [
        ("place-schools", "全市中小学体育与健康课程开课率100%；眼保健操普及率98.5%，尚有6所民办学校未全面落实，已下达整改通知。"),
    ],
    "shichang": [
        ("food-small-businesses", "模拟暗访发现东湖街道1家卤味店熟食间有蝇（零容忍问题）、1家食品店无三防设施，已责令停业整改并复查。"),
    ],
}

DEPT_NOTES = {
    "aiweiban": "爱卫办：牵头条目的材料、填报表指标、满意度调查和自评说明。",
    "weijianwei": "卫健委：牵头条目的材料和指标；健康素养调查。",
    "jikong": "疾控中心（配合）：病媒生物监测、传染病和慢病监测、免疫规划。",
    "weishengjiandu": "卫生监督执法局（配合）：公共场所、学校卫生和医疗废物监督检查记录。",
    "chengguan": "城管局：市容环境卫生各条目的材料和指标。",
    "zhujian": "住建局：污水收集处理、排水防涝、建筑工地和玻璃幕墙。",
    "ziranziyuan": "自然资源和规划局（配合）：国土空间规划公共卫生专章。",
    "yuanlin": "园林绿化中心：绿化覆盖率和公园绿地。",
    "shengtai": "生态环境局：空气、水、噪声、危险废物和环境事件。",
    "shuiwu": "水务局：生活饮用水、水源地水质监测和污水处理厂运行报告。",
    "shichang": "市场监管局：农贸市场、“八小”“三小”、食品安全和集体食堂。",
    "jiaoyu": "教育局：学校卫生、托幼机构、陪餐记录和学生健康指标。",
    "tiyu": "体育局：全民健身。",
    "jiaotong": "交通运输局：交通场站及人群聚集场所卫生。",
    "shangwu": "商务局（配合）：再生资源回收网点。",
    "xuanchuan": "市委宣传部（配合）：媒体健康教育栏目和投诉渠道发布。",
    "wenming": "文明办（配合）：群众性爱国卫生活动记录。",
    "fagai": "发改委（配合）：国民经济和社会发展规划。",
    "caizheng": "财政局（配合）：爱国卫生工作经费预算。",
    "sifa": "司法局（配合）：爱国卫生条例、控烟条例。",
    "minzheng": "民政局（配合）：居（村）民委员会公共卫生委员会。",
    "quzhengfu": "区政府：老旧小区、城中村、背街小巷整治。",
    "jiedao": "街道办事处（配合）：专兼职爱国卫生工作人员名单、网格巡查。",
}

# Departments' own grid patrols (网格巡查) inside their manifests.
DEPT_INSPECTIONS = {
    "jiedao": [
        dict(id="jd-2026-1015-01", kind="网格巡查", site_type="背街小巷", site="东湖街道红星巷", district="东城区", street="东湖街道", grid="东湖街道第3网格",
             date="2026-10-15", inspector="网格员 叶青"),
        dict(id="jd-2026-1015-02", kind="网格巡查", site_type="背街小巷", site="东湖街道梧桐巷", district="东城区", street="东湖街道", grid="东湖街道第5网格",
             date="2026-10-15", inspector="网格员 叶青"),
    ],
}

# --------------------------------------------------------------------------------------------
# The 创卫办's mock inspection round (inspections/2026-模拟暗访.yaml)
# --------------------------------------------------------------------------------------------
GROUPS = ["第一暗访组（周建华、陈刚）", "第二暗访组（赵敏、刘强）", "第三暗访组（徐静、孙伟）"]
# (site_type, site, district, street, items or None, [(problem_class, description, photo scene)])
SITES: list[tuple[str, str, str, str, list[str] | None, list[tuple[str, str, str]]]] = [
    ("主次干道", "解放路（人民广场—东湖路口）", "东城区", "东湖街道", None, []),
    ("主次干道", "人民路（南门段）", "东城区", "南门街道", None, []),
    ("主次干道", "中山路（北关段）", "东城区", "北关街道", None, []),
    ("主次干道", "建设路（东湖段）", "东城区", "东湖街道", None, []),
    ("主次干道", "文化路", "西城区", "西苑街道", None, []),
    ("主次干道", "新华路（西苑段）", "西城区", "西苑街道", None, []),
    ("主次干道", "望江路", "西城区", "望江街道", None, []),
    ("主次干道", "东湖大道（高新段）", "高新区", "高新街道", None, []),
    ("主次干道", "高新大道", "高新区", "高新街道", None, []),
    ("主次干道", "滨河路", "高新区", "滨河街道", None, []),
    ("主次干道", "学府路", "高新区", "滨河街道", None, []),
    # Night checks of street lighting only: they do not count for 户外广告 (env-ads), which is left with 11 < 12 sites.
    ("主次干道", "南门大街（夜间照明检查）", "东城区", "南门街道", ["env-roads", "env-city-management"], []),
    ("主次干道", "西苑路（夜间照明检查）", "西城区", "西苑街道", ["env-roads", "env-city-management"], []),
    ("主次干道", "北关街（夜间照明检查）", "东城区", "北关街道", ["env-roads", "env-city-management"], []),
    ("背街小巷", "南门街道仓前巷", "东城区", "南门街道", None, []),
    ("背街小巷", "北关街道后营巷", "东城区", "北关街道", None, []),
    ("背街小巷", "西苑街道柳荫巷", "西城区", "西苑街道", None, []),
    ("背街小巷", "望江街道渔市巷", "西城区", "望江街道", None, []),
    ("背街小巷", "滨河街道新村三巷", "高新区", "滨河街道", None, []),
    ("河道水面", "东湖河（解放桥—建设桥段）", "东城区", "东湖街道", None, []),
    ("建筑工地", "滨河路安置房项目工地", "高新区", "滨河街道", None,
     [("乱堆乱摆", "工地围挡外侧人行道堆放钢管和模板约20平方米，占用盲道，未设警示标志。", "site")]),
    ("建筑工地", "望江路地铁站施工工地", "西城区", "望江街道", None, []),
    ("转运站", "北关生活垃圾转运站", "东城区", "北关街道", None,
     [("垃圾满溢", "转运站外侧两只240升分类收集桶满溢，桶周地面有渗滤液，未及时清运。", "bins")]),
    ("转运站", "高新生活垃圾转运站", "高新区", "高新街道", None, []),
    ("垃圾分类投放点", "东湖花园小区3号投放点", "东城区", "东湖街道", None, []),
    ("垃圾分类投放点", "望江新苑小区投放点", "西城区", "望江街道", None, []),
    ("垃圾分类投放点", "高新科技园投放点", "高新区", "高新街道", None, []),
    ("公厕", "人民广场公厕", "东城区", "东湖街道", None, []),
    ("公厕", "南门农贸市场公厕", "东城区", "南门街道", None, []),
    ("公厕", "西苑公园公厕", "西城区", "西苑街道", None, []),
    ("公厕", "滨河公园公厕", "高新区", "滨河街道", None, []),
    ("窨井盖", "中山路窨井盖（北关段）", "东城区", "北关街道", None, []),
    ("窨井盖", "高新大道窨井盖", "高新区", "高新街道", None, []),
    ("城中村", "望江街道河西村", "西城区", "望江街道", None,
     [("卫生死角", "村内巷道拐角堆积生活垃圾和废弃家具约3立方米，有异味，周边未见保洁人员。", "corner")]),
    ("城中村", "滨河街道李家村", "高新区", "滨河街道", None, []),
    ("老旧小区", "南门街道纺织厂宿舍", "东城区", "南门街道", None, []),
    ("老旧小区", "西苑街道粮食局宿舍", "西城区", "西苑街道", None, []),
    ("城乡结合部", "北关街道城北片区", "东城区", "北关街道", None, []),
    # Recorded against 农贸市场 only by the inspector (not against 防蝇防鼠设施).
    ("农贸市场", "西苑农贸市场", "西城区", "西苑街道", ["env-markets"],
     [("乱堆乱摆", "市场东侧通道堆放泡沫箱和纸板，占用通道约1米。", "market")]),
    ("农贸市场", "南门农贸市场", "东城区", "南门街道", None, []),
    ("农贸市场", "高新农贸市场", "高新区", "高新街道", None, []),
    ("小餐饮店", "东湖街道老王卤味店", "东城区", "东湖街道", None,
     [("直接入口食品场所有蝇", "熟食（卤味）售卖间内发现成蝇3只，防蝇罩未覆盖，灭蝇灯未开启。", "food"),
      ("病媒孳生地", "店后院堆放废旧容器，积水中发现蚊幼。", "puddle")]),
    ("小餐饮店", "南门街道张记面馆", "东城区", "南门街道", None, []),
    ("小餐饮店", "西苑街道川味小炒", "西城区", "西苑街道", None, []),
    ("小餐饮店", "望江街道早餐店", "西城区", "望江街道", None, []),
    ("小餐饮店", "高新街道快餐店", "高新区", "高新街道", None, []),
    ("小食品店", "北关街道便民食品店", "东城区", "北关街道", None,
     [("无三防", "店内无纱门纱窗和挡鼠板，散装食品未加盖。", "shop")]),
    ("小食品店", "滨河街道副食店", "高新区", "滨河街道", None, []),
    ("小作坊", "望江街道豆制品小作坊", "西城区", "望江街道", None, []),
    ("集体食堂", "示例市第一中学食堂", "东城区", "东湖街道", None, []),
    ("集体食堂", "高新区管委会机关食堂", "高新区", "高新街道", None, []),
    ("小浴室", "西苑街道康乐浴室", "西城区", "西苑街道", None, []),
    ("小美容美发店", "南门大街丽人美发店", "东城区", "南门街道", None,
     [("无健康证明", "2名从业人员中1人健康证明已于2026年6月过期。", "shop")]),
    ("小美容美发店", "滨河街道时尚美发", "高新区", "滨河街道", None, []),
    ("小歌舞厅", "望江街道金曲KTV", "西城区", "望江街道", None, []),
    ("小旅店", "北关街道悦来旅馆", "东城区", "北关街道", None, []),
    ("小网吧", "高新街道极速网咖", "高新区", "高新街道", None, []),
    ("学校", "示例市实验小学", "东城区", "东湖街道", None, []),
    ("学校", "高新区第二中学", "高新区", "高新街道", None, []),
    ("托幼机构", "西城区望江幼儿园", "西城区", "望江街道", None, []),
    ("医院", "示例市第一人民医院", "东城区", "南门街道", None, []),
    ("医院", "示例市中医院", "西城区", "西苑街道", None, []),
    ("车站", "示例火车站南广场", "东城区", "北关街道", ["place-transport", "edu-tobacco"], []),
    ("商场超市", "万家购物中心", "高新区", "高新街道", ["place-transport", "edu-tobacco"], []),
    ("二次供水设施", "东湖花园小区二次供水泵房", "东城区", "东湖街道", None, []),
    ("二次供水设施", "望江新苑小区二次供水泵房", "西城区", "望江街道", None, []),
    ("公园绿地", "东湖公园", "东城区", "东湖街道", None, []),
    ("公园绿地", "滨河带状公园", "高新区", "滨河街道", None, []),
    ("社区", "南门社区健身广场及健康宣传栏", "东城区", "南门街道", ["edu-fitness", "edu-health-cells"], []),
    ("社区", "高新社区健身广场及健康宣传栏", "高新区", "高新街道", ["edu-fitness", "edu-health-cells"], []),
    ("预防接种门诊", "西苑社区卫生服务中心预防接种门诊", "西城区", "西苑街道", ["dis-immunization"], []),
]


# --------------------------------------------------------------------------------------------
# Rendering: PDF (WeasyPrint + a per-document font subset), XLSX (xlsxwriter), JPEG (Pillow)
# --------------------------------------------------------------------------------------------
CN_NUM = "一二三四五六七八九十"
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国晨宇佳欣怡浩然子涵梓轩雨婷思远志强海燕文博"
UNIT_WORDS = {
    "env": ["小区", "路段", "公厕", "转运站", "投放点", "工地"],
    "food": ["餐饮店", "食品店", "小作坊", "食堂", "超市"],
    "place": ["学校", "幼儿园", "宾馆", "美发店", "浴室", "商场"],
    "eco": ["医院", "企业", "监测点", "工地", "饭店"],
    "dis": ["社区卫生服务中心", "医院", "接种门诊", "社区", "学校"],
    "edu": ["社区", "机关", "学校", "企业", "医院"],
    "org": ["社区", "机关", "企业", "街道", "学校"],
}
RESULTS = ["合格", "合格", "合格", "合格", "已整改", "限期整改（已销号）"]
CHECKS = ["日常检查", "专项检查", "督查复查", "季度检查", "随机抽查"]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def ledger(doc: Doc, n: int) -> tuple[list[str], list[list[object]]]:
    """A plausible ledger table for a document without an explicit one."""
    rng = rng_for("ledger", doc.id)
    words = UNIT_WORDS.get(doc.item.split("-")[0], UNIT_WORDS["org"])
    year = (doc.issued or "2026")[:4]
    roster = any(k in doc.material for k in ("list", "roster", "library", "register"))
    if roster:
        headers = ["序号", "区", "街道", "单位", "姓名", "职务", "联系电话"]
        rows = []
        for i in range(n):
            d, s = rng.choice(STREETS)
            rows.append([i + 1, d, s, f"{s.removesuffix('街道')}{rng.choice(words)}", person(rng), rng.choice(["负责人", "专职", "兼职", "联络员"]),
                         f"138{rng.randint(0, 99999999):08d}"])
        return headers, rows
    headers = ["序号", "区", "街道", "点位/单位", "日期", "内容", "结果", "责任人"]
    last = dt.date.fromisoformat(doc.period[1] if doc.period else doc.issued or f"{year}-12-31")
    first = dt.date.fromisoformat(doc.period[0]) if doc.period else last - dt.timedelta(days=150)
    rows = []
    for i in range(n):
        d, s = rng.choice(STREETS)
        when = first + dt.timedelta(days=rng.randint(0, (last - first).days))
        rows.append([i + 1, d, s, f"{rng.choice(ROADS)}{rng.choice(words)}", when.isoformat(), rng.choice(CHECKS), rng.choice(RESULTS), person(rng)])
    rows.sort(key=lambda r: str(r[4]))
    for i, r in enumerate(rows):
        r[0] = i + 1
    return headers, rows


@dataclass
class PdfJob:
    path: Path
    html: str  # with {FONT_URL} placeholder
    text: str  # every character the page shows


def _table_html(table: tuple[list[str], list[list[object]]]) -> str:
    head = "".join(f"<th>{esc(str(h))}</th>" for h in table[0])
    body = "".join("<tr>" + "".join(f"<td>{esc(str(c))}</td>" for c in row) + "</tr>" for row in table[1])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def default_body(doc: Doc, std_item, material, issuer_name: str) -> list[str]:  # type: ignore[no-untyped-def]
    req = next((r for r in std_item.requirements if r.id == material.requirement), None)
    goal = req.text if req else std_item.title
    style = doc.style
    if style == "公文":
        to = "各区人民政府，市直各有关单位：" if doc.issuer in {"gov", "govoffice", "committee", None} else "各有关单位："
        points = [f"{CN_NUM[i]}、{r.text}。" for i, r in enumerate(std_item.requirements[:3])]
        return [to, f"为贯彻落实《国家卫生城市和国家卫生县标准》（2021版），巩固国家卫生城市创建成果，按照“{goal}”的要求，现就有关工作通知如下：", *points,
                "各单位要明确责任人和完成时限，每季度末向市爱卫办报送工作进展。"]
    if style == "报告":
        return [f"一、基本情况。{issuer_name}围绕“{goal}”开展工作，按月汇总数据，按季度分析研判。",
                "二、主要结果。各项数据见下表，总体情况平稳，与上年相比有所改善。",
                "三、存在问题和下一步工作。部分区域工作进展不平衡，下一步将加强督查指导，落实整改。"]
    if style == "规划":
        return ["第一章 总体要求", f"坚持以人民健康为中心，围绕“{goal}”，统筹规划建设和管理。",
                "第二章 主要任务", "完善设施布局，健全管理机制，强化部门协同和考核评估。"]
    if style == "纪要":
        return ["会议由分管副市长主持，相关部门负责同志参加。", f"会议研究了“{goal}”的落实情况，议定事项如下：",
                "一、各责任单位按分工抓好落实；二、市爱卫办加强督查通报；三、下次会议听取整改情况汇报。"]
    return [f"依据“{goal}”的要求，{issuer_name}按月登记，情况如下。"]


def pdf_job(doc: Doc, path: Path, std_item, material, issuer_name: str) -> PdfJob:  # type: ignore[no-untyped-def]
    date = doc.effective or doc.issued or (doc.period[1] if doc.period else "2026-01-01")
    body = doc.body or default_body(doc, std_item, material, issuer_name)
    style = doc.style or "台账"
    table = doc.table
    if table is None and style == "台账":
        table = ledger(doc, 10)
    parts: list[str] = []
    if style in {"公文", "纪要"}:
        head = f"{issuer_name}{'文件' if style == '公文' else '会议纪要'}"
        parts.append(f'<p class="red">{esc(head)}</p>')
        if doc.no:
            parts.append(f'<p class="no">{esc(doc.no)}</p>')
        parts.append('<div class="rule"></div>')
        parts.append(f"<h1>{esc(doc.title)}</h1>")
    else:
        parts.append(f"<h1>{esc(doc.title)}</h1>")
        meta = [f"{'发布' if style in {'法规', '规划'} else '填报'}单位：{issuer_name}"]
        if doc.no:
            meta.append(f"文号：{doc.no}")
        if style != "法规":
            meta.append(f"日期：{cn_date(date)}")
        if doc.period:
            meta.append(f"覆盖时间：{cn_date(doc.period[0])}至{cn_date(doc.period[1])}")
        parts.append(f'<p class="meta">{esc("　".join(meta))}</p>')
    if style == "法规" and doc.issued:
        adopted = f"（{cn_date(doc.issued)}{issuer_name}会议通过，示例省人民代表大会常务委员会批准" + (f"，自{cn_date(doc.effective)}起施行）" if doc.effective else "）")
        parts.append(f'<p class="meta">{esc(adopted)}</p>')
    for para in body:
        parts.append(f"<p>{esc(para)}</p>")
    if table:
        parts.append(_table_html(table))
    if style in {"公文", "纪要"}:
        parts.append(f'<p class="sign">{esc(issuer_name)}<br>{esc(cn_date(date))}</p>')
    created = f"{date}T09:00:00+08:00"
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{esc(doc.title)}</title>
<meta name="author" content="{esc(issuer_name)}"><meta name="keywords" content="{esc(doc.item)}, {esc(doc.material)}">
<meta name="generator" content="scripts/make_example_evidence.py">
<meta name="dcterms.created" content="{created}"><meta name="dcterms.modified" content="{created}">
<style>
@font-face {{ font-family: "Noto Sans CJK SC Subset"; src: url("{{FONT_URL}}"); }}
@page {{ size: A4; margin: 22mm 20mm; @bottom-center {{ content: counter(page); font-size: 8pt; font-family: "Noto Sans CJK SC Subset", "Noto Sans CJK SC"; }} }}
html, body {{ font-family: "Noto Sans CJK SC Subset", "Noto Sans CJK SC"; font-size: 10.5pt; line-height: 1.7; color: #111; }}
.red {{ color: #c8102e; text-align: center; font-size: 24pt; letter-spacing: 3pt; margin: 8mm 0 2mm; }}
.no {{ text-align: center; margin: 0 0 2mm; }}
.rule {{ border-top: 2px solid #c8102e; margin-bottom: 6mm; }}
h1 {{ font-size: 15pt; text-align: center; font-weight: normal; margin: 2mm 0 4mm; }}
.meta {{ text-align: center; font-size: 9pt; color: #444; text-indent: 0; }}
p {{ text-indent: 2em; margin: 1.5mm 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: 9pt; margin-top: 4mm; }}
th, td {{ border: 0.6pt solid #444; padding: 1mm 2mm; text-align: center; }}
th {{ background: #eee; font-weight: normal; }}
.sign {{ text-align: right; margin-top: 12mm; text-indent: 0; }}
</style></head><body>
{''.join(parts)}
</body></html>"""
    text_parts = [doc.title, issuer_name, doc.no or "", cn_date(date), "文件会议纪要发布填报单位文号日期覆盖时间至：　（），会议通过示例省人民代表大会常务委员会批准自起施行",
                  *body, "0123456789"]
    if doc.issued:
        text_parts.append(cn_date(doc.issued))
    if doc.period:
        text_parts += [cn_date(doc.period[0]), cn_date(doc.period[1])]
    if table:
        text_parts += [str(c) for c in table[0]] + [str(c) for row in table[1] for c in row]
    return PdfJob(path=path, html=page, text="".join(text_parts))


class FontSubsetter:
    """Noto Sans CJK SC cut down to the glyphs of one document (two steps: all documents, then each)."""

    def __init__(self, all_text: str, workdir: Path) -> None:
        self.workdir = workdir
        font = TTFont(str(FONT_FILE), fontNumber=FONT_INDEX, recalcTimestamp=False)
        self.master = self._cut(font, all_text)

    @staticmethod
    def _cut(font: TTFont, text: str) -> bytes:
        options = ft_subset.Options()
        options.desubroutinize = False
        options.hinting = False
        options.layout_features = []
        options.notdef_outline = True
        options.name_IDs = ["*"]
        options.drop_tables += ["vhea", "vmtx", "VORG", "GSUB", "GPOS", "BASE", "DSIG"]
        subsetter = ft_subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(set(text) | {" "})))
        subsetter.subset(font)
        out = io.BytesIO()
        font.save(out)
        return out.getvalue()

    def font_for(self, text: str, name: str) -> Path:
        data = self._cut(TTFont(io.BytesIO(self.master), recalcTimestamp=False), text)
        path = self.workdir / f"{name}.otf"
        path.write_bytes(data)
        return path


def render_pdfs(jobs: list[PdfJob]) -> None:
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="cwassess-fonts-") as tmp:
        subsetter = FontSubsetter("".join(j.text for j in jobs), Path(tmp))
        for n, job in enumerate(jobs):
            font = subsetter.font_for(job.text, f"f{n}")
            data = weasyprint.HTML(string=job.html.replace("{FONT_URL}", font.as_uri())).write_pdf()
            job.path.parent.mkdir(parents=True, exist_ok=True)
            job.path.write_bytes(data)


def render_xlsx(path: Path, doc: Doc, issuer_name: str) -> None:
    headers, rows = doc.table or ledger(doc, 24)
    date = dt.datetime.fromisoformat((doc.issued or "2026-01-01") + "T09:00:00")
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": doc.title, "author": issuer_name, "company": issuer_name, "created": date, "comments": f"{doc.item}/{doc.material}"})
    ws = wb.add_worksheet("台账")
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
    head_fmt = wb.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1, "align": "center"})
    cell_fmt = wb.add_format({"border": 1})
    ws.merge_range(0, 0, 0, len(headers) - 1, doc.title, title_fmt)
    ws.write(1, 0, f"填报单位：{issuer_name}　填报日期：{cn_date(doc.issued or '2026-01-01')}")
    ws.write_row(2, 0, headers, head_fmt)
    for i, row in enumerate(rows):
        ws.write_row(3 + i, 0, row, cell_fmt)
    ws.set_column(0, 0, 6)
    ws.set_column(1, len(headers) - 1, 16)
    wb.close()


_CAPTION_FONT: dict[int, ImageFont.FreeTypeFont] = {}


def caption_font(size: int) -> ImageFont.FreeTypeFont:
    if size not in _CAPTION_FONT:
        _CAPTION_FONT[size] = ImageFont.truetype(str(FONT_FILE), size, index=FONT_INDEX)
    return _CAPTION_FONT[size]


def render_photo(path: Path, caption: str, scene: str, seed: str) -> None:
    """A 640×480 synthetic 'photo': a simple scene, sensor-like noise, a caption bar."""
    rng = rng_for("photo", seed)
    w, h = 640, 480
    img = Image.new("RGB", (w, h))
    d = ImageDraw.Draw(img)
    horizon = rng.randint(230, 290)
    sky = [(150 + rng.randint(-15, 15), 190 + rng.randint(-10, 10), 230)]
    for y in range(horizon):
        t = y / horizon
        d.line([(0, y), (w, y)], fill=(int(sky[0][0] * (0.8 + 0.2 * t)), int(sky[0][1] * (0.85 + 0.15 * t)), int(220 + 20 * t)))
    ground = {"park": (96, 140, 80), "campaign": (120, 120, 112), "market": (135, 125, 110)}.get(scene, (118, 116, 110))
    d.rectangle([0, horizon, w, h], fill=ground)
    if scene == "screen":
        d.rectangle([0, 0, w, h], fill=(245, 245, 245))
        d.rectangle([0, 0, w, 56], fill=(40, 150, 90))
        for i in range(7):
            y = 80 + i * 48
            d.rectangle([24, y, w - 24, y + 36], fill=(255, 255, 255), outline=(210, 210, 210))
            d.rectangle([34, y + 8, 34 + rng.randint(200, 520), y + 16], fill=(170, 170, 170))
    else:
        for _ in range(rng.randint(4, 7)):  # buildings
            x = rng.randint(-40, w - 60)
            bh = rng.randint(90, horizon - 20)
            bw = rng.randint(70, 150)
            color = tuple(rng.randint(150, 215) for _ in range(3))
            d.rectangle([x, horizon - bh, x + bw, horizon], fill=color)
            for wy in range(horizon - bh + 12, horizon - 10, 22):
                for wx in range(x + 8, x + bw - 12, 20):
                    d.rectangle([wx, wy, wx + 10, wy + 12], fill=(90, 110, 130))
        if scene in {"street", "alley", "pile", "corner", "bins", "site"}:
            d.polygon([(w * 0.35, horizon), (w * 0.65, horizon), (w, h), (0, h)], fill=(85, 85, 88))
            for y in range(horizon + 20, h, 40):
                d.rectangle([w // 2 - 3, y, w // 2 + 3, y + 18], fill=(230, 230, 230))
        if scene in {"pile", "corner", "site"}:
            for _ in range(rng.randint(6, 12)):
                x, y = rng.randint(40, w - 140), rng.randint(horizon + 40, h - 90)
                d.ellipse([x, y, x + rng.randint(40, 120), y + rng.randint(25, 60)], fill=tuple(rng.randint(60, 150) for _ in range(3)))
        if scene == "bins":
            for i in range(2):
                x = 180 + i * 170
                d.rectangle([x, horizon + 60, x + 110, horizon + 190], fill=(40, 120, 60) if i else (60, 90, 160))
                d.ellipse([x - 15, horizon + 30, x + 125, horizon + 80], fill=(110, 100, 80))
        if scene in {"market", "shop", "food"}:
            for i in range(4):
                x = 20 + i * 155
                d.rectangle([x, horizon - 20, x + 140, horizon + 90], fill=(200, 190, 170))
                for _ in range(8):
                    cx, cy = x + rng.randint(10, 120), horizon + rng.randint(-10, 70)
                    d.ellipse([cx, cy, cx + 16, cy + 14], fill=tuple(rng.randint(120, 230) for _ in range(3)))
            if scene == "food":
                for _ in range(3):  # flies
                    cx, cy = rng.randint(100, 540), rng.randint(horizon - 40, horizon + 60)
                    d.ellipse([cx, cy, cx + 6, cy + 4], fill=(20, 20, 20))
        if scene == "puddle":
            d.ellipse([160, horizon + 70, 480, horizon + 170], fill=(70, 80, 90))
            for _ in range(5):
                x = rng.randint(140, 460)
                d.rectangle([x, horizon + 40, x + 40, horizon + 90], fill=(150, 60, 40))
        if scene in {"campaign", "park"}:
            for _ in range(rng.randint(8, 16)):  # people
                x, y = rng.randint(20, w - 40), rng.randint(horizon + 10, h - 120)
                c = tuple(rng.randint(40, 230) for _ in range(3))
                d.ellipse([x + 6, y, x + 22, y + 16], fill=(230, 200, 170))
                d.rectangle([x, y + 16, x + 28, y + 60], fill=c)
            if scene == "campaign":
                d.rectangle([120, 40, 520, 100], fill=(200, 30, 40))
                d.text((150, 52), "爱国卫生月 清洁家园", font=caption_font(28), fill=(255, 240, 200))
        if scene in {"sign", "board"}:
            d.rectangle([170, 90, 470, 330], fill=(250, 250, 245), outline=(60, 60, 60), width=4)
            if scene == "sign":
                d.ellipse([250, 130, 390, 270], outline=(200, 20, 30), width=10)
                d.line([(270, 150), (370, 250)], fill=(200, 20, 30), width=10)
                d.text((272, 285), "禁止吸烟", font=caption_font(24), fill=(200, 20, 30))
            else:
                d.text((240, 105), "健康教育宣传栏", font=caption_font(24), fill=(20, 90, 160))
                for i in range(6):
                    d.rectangle([195, 150 + i * 26, 195 + rng.randint(120, 250), 160 + i * 26], fill=(160, 160, 160))
    noise = Image.frombytes("L", (w, h), rng.randbytes(w * h)).filter(ImageFilter.GaussianBlur(0.6))
    img = Image.blend(img, Image.merge("RGB", (noise, noise, noise)), 0.10).filter(ImageFilter.SMOOTH)
    d = ImageDraw.Draw(img)
    d.rectangle([0, h - 40, w, h], fill=(0, 0, 0))
    d.text((10, h - 34), caption, font=caption_font(19), fill=(255, 255, 255))
    path.parent.mkdir(parents=True, exist_ok=True)
    img.save(path, "JPEG", quality=70, optimize=True)


# --------------------------------------------------------------------------------------------
# YAML output
# --------------------------------------------------------------------------------------------
class Flow(dict):  # type: ignore[type-arg]
    """A mapping written on one line: {start: …, end: …}."""


class FlowList(list):  # type: ignore[type-arg]
    """A list written on one line: [a, b]."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Flow, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v.items(), flow_style=True))
_Dumper.add_representer(FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def dump_yaml(path: Path, header: list[str], data: dict) -> None:  # type: ignore[type-arg]
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, default_flow_style=False, width=10000, indent=2)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"# {line}\n" if line else "#\n" for line in header) + text, encoding="utf-8")


def compact(d: dict) -> dict:  # type: ignore[type-arg]
    return {k: v for k, v in d.items() if v not in (None, [], {})}


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------
FALLBACK_TYPES = {"统计报表": "报告", "制度": "规范性文件", "证照": "其他", "合同": "台账", "截图": "照片"}


def choose_type(doc: Doc, material, unexpressible: list[str]) -> str:  # type: ignore[no-untyped-def]
    if doc.type:
        assert doc.type in DOC_TYPES, doc.type
        return doc.type
    allowed = [t for t in material.doc_types if t in DOC_TYPES]
    if doc.fmt == "jpg" and "照片" in allowed:
        return "照片"
    if doc.fmt == "xlsx" and "台账" in allowed:
        return "台账"
    if allowed:
        return allowed[0]
    # The material asks for a type the evidence model cannot express (e.g. 统计报表): write the nearest one.
    # Once the model accepts the material's type, rerunning this script writes it instead.
    unexpressible.append(f"{doc.item}/{material.id}: {material.doc_types} → {FALLBACK_TYPES.get(material.doc_types[0], '其他')}")
    return FALLBACK_TYPES.get(material.doc_types[0], "其他") if material.doc_types else "其他"


def main() -> int:
    ws = load_workspace(ROOT)
    if ws.standard is None or ws.city is None:
        print("cannot load the workspace", file=sys.stderr)
        return 1
    std = ws.standard
    city_names = {d.code: d.name for d in ws.city.departments}
    if "veto-2014" not in ws.city.profiles:
        print("warning: city.yaml should list `profiles: [veto-2014]` for the example's veto to show", file=sys.stderr)

    evidence_dir = ROOT / "evidence"
    inspections_dir = ROOT / "inspections"
    for child in sorted(evidence_dir.iterdir()) if evidence_dir.is_dir() else []:
        if child.is_dir():
            shutil.rmtree(child)
    if (inspections_dir / "photos").is_dir():
        shutil.rmtree(inspections_dir / "photos")
    for old in inspections_dir.glob("*.yaml") if inspections_dir.is_dir() else []:
        old.unlink()

    # ---- documents ------------------------------------------------------------------------
    unexpressible: list[str] = []
    manifests: dict[str, dict] = {}  # type: ignore[type-arg]
    pdf_jobs: list[PdfJob] = []
    written: list[tuple[Doc, Path]] = []
    seen: set[tuple[str, str]] = set()
    for doc in DOCS:
        item = std.items_by_id[doc.item]
        material = next(m for m in item.materials if m.id == doc.material)
        assert doc.dept in city_names, doc.dept
        assert doc.fmt in material.formats, (doc.item, doc.material, doc.fmt)
        doc.id = doc.id or f"{doc.item}-{doc.material}"
        assert (doc.dept, doc.id) not in seen, doc.id
        seen.add((doc.dept, doc.id))
        doc.type = choose_type(doc, material, unexpressible)
        if doc.style is None:
            doc.style = {"公文": "公文", "规范性文件": "公文", "会议纪要": "纪要", "法规": "法规", "规章": "法规", "规划": "规划", "报告": "报告"}.get(doc.type, "台账")
        issuer_name = ISSUERS[doc.issuer or doc.dept][0]
        path = evidence_dir / doc.dept / "files" / f"{doc.id}.{doc.fmt}"
        if doc.fmt == "pdf":
            pdf_jobs.append(pdf_job(doc, path, item, material, issuer_name))
        elif doc.fmt == "xlsx":
            render_xlsx(path, doc, issuer_name)
        else:
            when = doc.issued or ""
            caption = f"{doc.place or CITY} {when} {doc.stage or ''} {doc.title}".replace("  ", " ")
            render_photo(path, caption[:34], doc.scene, doc.id)
        written.append((doc, path))
    render_pdfs(pdf_jobs)

    for doc, path in written:
        entry = compact({
            "id": doc.id,
            "file": f"files/{path.name}",
            "title": doc.title,
            "item": doc.item,
            "material": doc.material,
            "type": doc.type,
            "issuer": ISSUERS[doc.issuer or doc.dept][0],
            "doc_number": doc.no,
            "issued": doc.issued,
            "effective": doc.effective,
            "period": Flow(start=doc.period[0], end=doc.period[1]) if doc.period else None,
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest() if doc.record_sha else None,
            "stage": doc.stage,
            "paired_with": doc.paired_with,
            "place": doc.place,
        })
        manifests.setdefault(doc.dept, {}).setdefault("documents", []).append(entry)

    # ---- indicators and the rest ------------------------------------------------------------
    filed: set[str] = set()
    for dept, rows in INDICATORS.items():
        for ind_id, values, unit, source in rows:
            assert ind_id in std.indicators_by_id, ind_id
            assert ind_id not in filed, ind_id
            filed.add(ind_id)
            manifests.setdefault(dept, {}).setdefault("indicators", []).append(
                compact({"indicator": ind_id, "values": Flow(values), "unit": unit, "source": source}))
    missing = sorted(set(std.indicators_by_id) - filed)
    assert not missing, f"indicators without values: {missing}"
    for dept, rows in SURVEYS.items():
        manifests.setdefault(dept, {})["surveys"] = rows
    for dept, rows in VECTORS.items():
        manifests.setdefault(dept, {})["vectors"] = [compact({**r, "sub_indicators": Flow(r.get("sub_indicators", {}))}) for r in rows]
    for dept, rows in INCIDENTS.items():
        manifests.setdefault(dept, {})["incidents"] = rows
    for dept, rows in STATEMENTS.items():
        manifests.setdefault(dept, {})["statements"] = [{"item": item, "text": text} for item, text in rows]
    for dept, rows in DEPT_INSPECTIONS.items():
        manifests.setdefault(dept, {})["inspections"] = rows

    order = ["indicators", "documents", "inspections", "surveys", "vectors", "incidents", "statements"]
    for dept in sorted(manifests):
        body = {"department": dept, **{k: manifests[dept][k] for k in order if k in manifests[dept]}}
        dump_yaml(evidence_dir / dept / "manifest.yaml",
                  ["yaml-language-server: $schema=../../schemas/evidence.schema.json",
                   f"{city_names[dept]}提交的证据（示例市，虚构数据）。{DEPT_NOTES.get(dept, '')}",
                   "由 scripts/make_example_evidence.py 生成；file 为相对于本目录的路径。"], body)

    # ---- the mock inspection round ---------------------------------------------------------
    entries = []
    start = dt.date(2026, 9, 7)
    for i, (site_type, site, district, street, items, problems) in enumerate(SITES, start=1):
        day = start + dt.timedelta(days=(i * 29) % 71)  # 2026-09-07 … 2026-11-16
        ident = f"mf-2026-{i:03d}"
        found = []
        for n, (cls, description, scene) in enumerate(problems, start=1):
            photo = f"photos/{ident}-{n}.jpg"
            render_photo(inspections_dir / photo, f"{district}{street} {site[:12]} {day} {cls}", scene, f"{ident}-{n}")
            found.append({"problem_class": cls, "description": description, "photo": photo})
        entries.append(compact({
            "id": ident, "kind": "模拟暗访", "site_type": site_type, "site": site, "district": district, "street": street,
            "grid": f"{street}第{(i % 6) + 1}网格", "date": day.isoformat(), "inspector": GROUPS[i % 3],
            "items": FlowList(items) if items else None, "problems": found,
        }))
    dump_yaml(inspections_dir / "2026-模拟暗访.yaml",
              ["yaml-language-server: $schema=../schemas/inspections.schema.json",
               "2026年第四季度模拟暗访（市爱卫办组织，虚构数据）：点位、问题和照片；photo 为相对于本目录（inspections/）的路径。",
               "items 为空时按点位类型计入条目（见评分方案 site_types）；夜间照明检查等专项只计入列出的条目。"],
              {"department": "aiweiban", "inspections": entries})

    # ---- waivers and the example province's profile -----------------------------------------
    (ROOT / "waivers.yaml").write_text(WAIVERS, encoding="utf-8")
    (ROOT / "profiles").mkdir(exist_ok=True)
    (ROOT / "profiles" / "example-province.yaml").write_text(PROFILE, encoding="utf-8")

    # ---- summary -------------------------------------------------------------------------------
    files = [p for p in (ROOT / "evidence").rglob("*") if p.is_file()] + [p for p in inspections_dir.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    kinds: dict[str, int] = {}
    for p in files:
        kinds[p.suffix] = kinds.get(p.suffix, 0) + 1
    print(f"{len(manifests)} departments, {len(DOCS)} documents, {len(filed)} indicators, {len(SITES)} inspected sites")
    print(f"{len(files)} files, {size / 1e6:.2f} MB: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print("failures built in on purpose:")
    for what, where in FAILURES.items():
        print(f"  {what}: {where}")
    if unexpressible:
        print(f"{len(unexpressible)} materials ask for a document type the evidence model does not accept (written as the nearest type):")
        for line in unexpressible:
            print("  " + line)
    return 0


WAIVERS = """# yaml-language-server: $schema=schemas/waivers.schema.json
# 创卫办批准的不适用/豁免（示例市，虚构数据；由 scripts/make_example_evidence.py 生成）。
# 豁免只在批准日至到期日之间有效；过期的豁免仍列在这里，评分时不再生效。
waivers:
  - id: wv-2026-occupational
    item: place-occupational
    reason: >-
      本市原有的化工、建材等存在职业病危害因素的企业已于2023—2025年整体搬迁至邻市化工园区，建成区内现无职业病目录所列危害因素的用人单位；
      经省爱卫办函复同意，本轮评估中第（二十八）条职业卫生按不适用处理（医疗机构放射卫生另由卫生监督执法局日常监管）。
    approver: 示例市爱卫会（李副市长签批），省爱卫办函复同意
    approved: "2026-09-15"
    expires: "2027-06-30"
  - id: wv-2025-hia-pilot
    item: org-health-policy
    material: hia-system
    reason: 健康影响评估制度在高新区试点，试点期内暂缓提交制度文件；试点应于2026年6月底前结束并出台制度。
    approver: 示例市爱卫办（周建华）
    approved: "2025-05-10"
    expires: "2026-06-30"
"""

PROFILE = """# yaml-language-server: $schema=../schemas/profile.schema.json
# 示例省评分细则（虚构示例）：演示省级细则如何在不改动标准的情况下覆盖默认配置。临时启用：cwassess score --profile example-province
id: example-province
title: 示例省国家卫生城市评审细则（虚构示例）
description: >-
  虚构的省级评分细则，仅用于演示：一是关闭2014版必备条件中的“空气质量指数不超过100的天数≥300天”一票否决
  （示例省以空气质量持续改善代替）；二是把该指标的判定值改为全年优良天数比率不低于80%（292天）。
provenance: {verified: unverified, note: 虚构示例，并非任何省份的真实评分细则}
standard: nhc-2021
thresholds:
  aqi-good-days: {type: threshold, op: ">=", value: 292, version: default, provenance: {verified: unverified, note: 虚构：优良天数比率≥80%（365天×80%≈292天）}}
disable_vetoes: [veto-2014-06]
"""


if __name__ == "__main__":
    sys.exit(main())
