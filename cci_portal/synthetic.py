"""A synthetic registry at scale: projects, partners, places, sources and news for load tests.

Deterministic: the same seed and sizes on the same database give the same rows (identifiers,
slugs, titles, amounts, dates, links), whatever day it runs. Every value comes from
``random.Random`` streams seeded with the seed and the kind of record, and timestamps count
back from ``BASE_TIME``, never from the clock; only the database ids differ between runs.

Rows go in with PostgreSQL ``COPY`` (about a million rows at full size), so no model ``save``
runs: no history rows, no ``auto_now``. Every record made here carries a marker (a slug such as
``synthetic-project-000001``, a source document ``synthetic:source-000001``), and
``synthetic_registry_clear`` deletes by those markers only, so demo data and staff records stay.

The fixed stamps have a price: partners' ``updated_since`` syncs see synthetic rows neither come
(their ``updated_at`` is in the past) nor go (deleting leaves no history). They are for load
tests and demos of scale, not for a registry that partners mirror.
"""

import io
import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction

from news.models import Article, ArticleCategory
from projects.choices import Currency, DatePrecision, OrganizationKind, ParticipantRole, ProjectStatus, ZoneKind
from projects.models import (
    District,
    FocusArea,
    Milestone,
    Organization,
    Project,
    ProjectParticipant,
    ReportedFigure,
    Scheme,
    Source,
    Zone,
)

# The day the synthetic registry describes: nothing is signed, published or updated after it.
BASE_DATE = date(2026, 11, 30)
BASE_TIME = datetime(2026, 11, 30, 4, 0, tzinfo=UTC)  # noon in Chongqing
LAUNCH_DATE = date(2015, 11, 7)  # the CCI was launched on 7 November 2015
YEARS = range(LAUNCH_DATE.year, BASE_DATE.year + 1)
MAX_SEQUENCE = 9999  # CCI-YYYY-NNNN: four digits a year
SYNTHETIC_DISTRICTS = 30
SYNTHETIC_ZONES = 60
PROJECTS_PER_SOURCE = 10

# The markers: what --clear deletes, and nothing else.
SLUG_PATTERNS = {
    District: r"^synthetic-district-[0-9]+$",
    Zone: r"^synthetic-zone-[0-9]+$",
    Organization: r"^synthetic-org-[0-9]+$",
    Project: r"^synthetic-project-[0-9]+$",
    Article: r"^synthetic-article-[0-9]+$",
}
SOURCE_DOCUMENT_PATTERN = r"^synthetic:source-[0-9]+$"


class SyntheticRegistryError(Exception):
    """The synthetic registry cannot be made or removed as asked; the message says why."""


# Word lists. Each entry is (English, Chinese) so both searches have something to find.

PLACES = [
    ("Chongqing", "重庆"),
    ("Liangjiang", "两江"),
    ("Guoyuan", "果园港"),
    ("Xiyong", "西永"),
    ("Lianglu", "两路"),
    ("Tuanjiecun", "团结村"),
    ("Yuelai", "悦来"),
    ("Jiangbei", "江北"),
    ("Yuzhong", "渝中"),
    ("Shapingba", "沙坪坝"),
    ("Jiulongpo", "九龙坡"),
    ("Nan'an", "南岸"),
    ("Yubei", "渝北"),
    ("Fuling", "涪陵"),
    ("Wanzhou", "万州"),
    ("Yongchuan", "永川"),
    ("Changshou", "长寿"),
    ("Bishan", "璧山"),
]
PARTNERSHIPS = [("China-Singapore", "中新"), ("Chongqing-Singapore", "渝新"), ("Chongqing-ASEAN", "重庆东盟")]

# Themes by focus-area or scheme code; "logistics" is in about one project in six.
THEMES = {
    "transport-logistics": [
        ("Logistics", "物流"),
        ("Cold-Chain Logistics", "冷链物流"),
        ("Rail-Sea Logistics", "铁海联运物流"),
        ("Multimodal Logistics", "多式联运物流"),
        ("Port Logistics", "港口物流"),
        ("Freight", "货运"),
        ("Warehousing", "仓储"),
        ("Supply Chain", "供应链"),
    ],
    "aviation": [
        ("Aviation", "航空"),
        ("Air Cargo", "航空货运"),
        ("Aviation Logistics", "航空物流"),
        ("Aircraft Maintenance", "飞机维修"),
        ("Airport Services", "机场服务"),
        ("Aviation Training", "航空培训"),
    ],
    "financial-services": [
        ("Finance", "金融"),
        ("Fintech", "金融科技"),
        ("Green Bond", "绿色债券"),
        ("Cross-Border Payments", "跨境支付"),
        ("Trade Finance", "贸易融资"),
        ("Aircraft Leasing", "飞机租赁"),
        ("Insurance", "保险"),
        ("Wealth Management", "财富管理"),
    ],
    "ict": [
        ("Data", "数据"),
        ("Data Centre", "数据中心"),
        ("International Data Channel", "国际数据通道"),
        ("Cloud Computing", "云计算"),
        ("Digital Trade", "数字贸易"),
        ("Artificial Intelligence", "人工智能"),
        ("Smart City", "智慧城市"),
        ("Cybersecurity", "网络安全"),
    ],
    "business": [
        ("Professional Services", "专业服务"),
        ("Trade", "贸易"),
        ("Engineering Design", "工程设计"),
        ("Intellectual Property", "知识产权"),
    ],
    "agriculture": [
        ("Agriculture", "农业"),
        ("Food Export", "食品出口"),
        ("Agri-Tech", "农业科技"),
        ("Food Safety", "食品安全"),
    ],
    "talent": [
        ("Talent Training", "人才培训"),
        ("Vocational Education", "职业教育"),
        ("Youth Exchange", "青年交流"),
        ("Research Team", "科研团队"),
    ],
    "culture-tourism": [
        ("Tourism", "旅游"),
        ("Culture", "文化"),
        ("Singapore Week", "新加坡周"),
        ("Heritage Tourism", "文化遗产旅游"),
    ],
}
# One sentence per focus area or scheme, for descriptions that full-text search can reach.
THEME_SENTENCES = {
    "transport-logistics": "Goods travel by rail, river and sea between Chongqing, Singapore and Southeast Asia.",
    "aviation": "Flights and air cargo link Chongqing's airport with Changi.",
    "financial-services": "Companies from western China raise funds and settle trade through Singapore.",
    "ict": "Data flows between the two cities over the international data channel.",
    "business": "Service firms from both places advise companies and parks.",
    "agriculture": "Chongqing food producers reach ASEAN markets through Singapore.",
    "talent": "Trainees, researchers and students move between universities of both sides.",
    "culture-tourism": "Visitors from Singapore discover districts and counties across Chongqing.",
}
PROJECT_KINDS = [
    ("Hub", "枢纽"),
    ("Centre", "中心"),
    ("Park", "园区"),
    ("Platform", "平台"),
    ("Project", "项目"),
    ("Base", "基地"),
    ("Joint Venture", "合资项目"),
    ("Programme", "计划"),
    ("Corridor", "通道"),
    ("Alliance", "联盟"),
]
PHASES = [("Phase II", "二期"), ("Phase III", "三期")]
ZONE_KIND_NAMES = {
    ZoneKind.ZONE: ("Demonstration Zone", "示范区"),
    ZoneKind.PARK: ("Industrial Park", "产业园"),
    ZoneKind.BASE: ("Demonstration Base", "示范基地"),
    ZoneKind.CENTRE: ("Centre", "中心"),
    ZoneKind.CHANNEL: ("Channel", "通道"),
    ZoneKind.PORT: ("Port", "港"),
}

# Districts and counties of Chongqing that the demo data does not hold, with approximate centres.
DISTRICT_NAMES = [
    ("Dadukou District", "大渡口区", "29.48400", "106.48200"),
    ("Shapingba District", "沙坪坝区", "29.54100", "106.45800"),
    ("Jiulongpo District", "九龙坡区", "29.50200", "106.51100"),
    ("Nan'an District", "南岸区", "29.52300", "106.56300"),
    ("Beibei District", "北碚区", "29.82500", "106.39600"),
    ("Ba'nan District", "巴南区", "29.40200", "106.54000"),
    ("Fuling District", "涪陵区", "29.70300", "107.38900"),
    ("Changshou District", "长寿区", "29.85700", "107.08100"),
    ("Jiangjin District", "江津区", "29.29000", "106.25900"),
    ("Hechuan District", "合川区", "29.97200", "106.27600"),
    ("Yongchuan District", "永川区", "29.35600", "105.92700"),
    ("Nanchuan District", "南川区", "29.15800", "107.09900"),
    ("Qijiang District", "綦江区", "29.02800", "106.65100"),
    ("Dazu District", "大足区", "29.70700", "105.72100"),
    ("Bishan District", "璧山区", "29.59200", "106.22700"),
    ("Tongnan District", "潼南区", "30.19100", "105.84000"),
    ("Rongchang District", "荣昌区", "29.40500", "105.59400"),
    ("Kaizhou District", "开州区", "31.16100", "108.39300"),
    ("Liangping District", "梁平区", "30.67400", "107.80000"),
    ("Wanzhou District", "万州区", "30.80800", "108.40800"),
    ("Qianjiang District", "黔江区", "29.53300", "108.77100"),
    ("Chengkou County", "城口县", "31.94800", "108.66500"),
    ("Fengdu County", "丰都县", "29.86300", "107.73100"),
    ("Dianjiang County", "垫江县", "30.32700", "107.35300"),
    ("Zhong County", "忠县", "30.30000", "108.03700"),
    ("Yunyang County", "云阳县", "30.93100", "108.69700"),
    ("Fengjie County", "奉节县", "31.01800", "109.46400"),
    ("Wuxi County", "巫溪县", "31.39800", "109.57000"),
    ("Shizhu County", "石柱县", "29.99900", "108.11400"),
    ("Xiushan County", "秀山县", "28.44800", "108.98900"),
]

ORGANIZATION_COUNTRIES = [("CN", 55), ("SG", 35), ("MY", 2), ("ID", 2), ("TH", 1), ("VN", 1), ("HK", 1)]
ORGANIZATION_COUNTRIES += [("JP", 1), ("GB", 1), ("DE", 1)]
COUNTRY_NAMES = {
    "CN": "China",
    "SG": "Singapore",
    "MY": "Malaysia",
    "ID": "Indonesia",
    "TH": "Thailand",
    "VN": "Viet Nam",
    "HK": "Hong Kong, China",
    "JP": "Japan",
    "GB": "the United Kingdom",
    "DE": "Germany",
}
ORGANIZATION_PREFIXES = {
    "CN": [
        ("Chongqing", "重庆"),
        ("Liangjiang", "两江"),
        ("Yangtze", "长江"),
        ("Jialing", "嘉陵"),
        ("Bayu", "巴渝"),
        ("Shancheng", "山城"),
        ("Chaotianmen", "朝天门"),
        ("Jinyun", "缙云"),
        ("Cuntan", "寸滩"),
        ("Xiyong", "西永"),
        ("Guoyuan", "果园"),
        ("Western China", "西部"),
        ("Yuzhong", "渝中"),
        ("Jiangbei", "江北"),
        ("Lianglu", "两路"),
    ],
    "SG": [
        ("Lion City", "狮城"),
        ("Marina Bay", "滨海湾"),
        ("Straits", "海峡"),
        ("Jurong", "裕廊"),
        ("Changi", "樟宜"),
        ("Orchard", "乌节"),
        ("Sentosa", "圣淘沙"),
        ("Tanjong", "丹戎"),
        ("Bukit", "武吉"),
        ("Kallang", "加冷"),
        ("Tampines", "淡滨尼"),
        ("Harbourfront", "港湾"),
        ("Merlion", "鱼尾狮"),
        ("Kranji", "克兰芝"),
        ("Woodlands", "兀兰"),
    ],
    "other": [
        ("Mekong", "湄公"),
        ("Malacca", "马六甲"),
        ("Java", "爪哇"),
        ("Andaman", "安达曼"),
        ("Pacific", "太平洋"),
        ("Thames", "泰晤士"),
        ("Rhine", "莱茵"),
        ("Sakura", "樱花"),
        ("Borneo", "婆罗洲"),
        ("Siam", "暹罗"),
    ],
}
ORGANIZATION_SECTORS = [
    ("Logistics", "物流"),
    ("Cold Chain", "冷链"),
    ("Aviation", "航空"),
    ("Air Cargo", "航空货运"),
    ("Finance", "金融"),
    ("Capital", "资本"),
    ("Data", "数据"),
    ("Digital", "数字"),
    ("Cloud", "云"),
    ("Technology", "科技"),
    ("Supply Chain", "供应链"),
    ("Trade", "贸易"),
    ("Rail", "铁路"),
    ("Shipping", "航运"),
    ("Port", "港务"),
    ("Energy", "能源"),
    ("Agriculture", "农业"),
    ("Food", "食品"),
    ("Health", "健康"),
    ("Education", "教育"),
    ("Tourism", "旅游"),
    ("Culture", "文化"),
    ("Property", "置业"),
    ("Engineering", "工程"),
]
ORGANIZATION_SUFFIXES = {
    OrganizationKind.GOVERNMENT: [("Commission", "委员会"), ("Bureau", "局"), ("Office", "办公室")],
    OrganizationKind.STATE_OWNED: [("Group", "集团"), ("Holdings", "控股"), ("Investment Group", "投资集团")],
    OrganizationKind.PRIVATE: [("Company", "公司"), ("Partners", "合伙企业"), ("Solutions", "解决方案公司")],
    OrganizationKind.RESEARCH: [("Institute", "研究院"), ("Research Centre", "研究中心"), ("Academy", "学院")],
    OrganizationKind.FINANCIAL: [("Bank", "银行"), ("Fund", "基金"), ("Securities", "证券")],
    OrganizationKind.ASSOCIATION: [("Association", "协会"), ("Alliance", "联盟"), ("Chamber", "商会")],
    OrganizationKind.INTERNATIONAL: [("Forum", "论坛"), ("Council", "理事会"), ("Network", "网络")],
}
ORGANIZATION_KINDS = [
    (OrganizationKind.PRIVATE, 35),
    (OrganizationKind.STATE_OWNED, 20),
    (OrganizationKind.GOVERNMENT, 12),
    (OrganizationKind.FINANCIAL, 12),
    (OrganizationKind.RESEARCH, 10),
    (OrganizationKind.ASSOCIATION, 8),
    (OrganizationKind.INTERNATIONAL, 3),
]

# Project years: the share of projects signed each year, and of projects not signed yet (whose
# identifiers carry the base year). Years with no room left give their share to the others.
SIGNED_YEAR_WEIGHTS = {
    2015: 2,
    2016: 6,
    2017: 8,
    2018: 9,
    2019: 10,
    2020: 7,
    2021: 9,
    2022: 8,
    2023: 10,
    2024: 11,
    2025: 12,
    2026: 8,
}
UNSIGNED_WEIGHT = 7
SIGNED_STATUSES = [
    (ProjectStatus.IDENTIFICATION, 3),
    (ProjectStatus.PREPARATION, 10),
    (ProjectStatus.IMPLEMENTATION, 35),
    (ProjectStatus.COMPLETION, 16),
    (ProjectStatus.MAINTENANCE, 14),
    (ProjectStatus.DECOMMISSIONING, 3),
    (ProjectStatus.DECOMMISSIONED, 2),
    (ProjectStatus.CANCELLED, 7),
]
UNSIGNED_STATUSES = [
    (ProjectStatus.IDENTIFICATION, 50),
    (ProjectStatus.PREPARATION, 40),
    (ProjectStatus.CANCELLED, 10),
]
OPERATING_STATUSES = {
    ProjectStatus.COMPLETION,
    ProjectStatus.MAINTENANCE,
    ProjectStatus.DECOMMISSIONING,
    ProjectStatus.DECOMMISSIONED,
}
CURRENCIES = [(Currency.CNY, 55), (Currency.USD, 20), (Currency.SGD, 25)]
# Yearly average US dollars per unit; each project's rate is within 1% of its year's.
USD_RATES = {
    2015: {Currency.CNY: "0.1570", Currency.SGD: "0.7276"},
    2016: {Currency.CNY: "0.1505", Currency.SGD: "0.7243"},
    2017: {Currency.CNY: "0.1481", Currency.SGD: "0.7246"},
    2018: {Currency.CNY: "0.1512", Currency.SGD: "0.7417"},
    2019: {Currency.CNY: "0.1447", Currency.SGD: "0.7331"},
    2020: {Currency.CNY: "0.1450", Currency.SGD: "0.7249"},
    2021: {Currency.CNY: "0.1550", Currency.SGD: "0.7439"},
    2022: {Currency.CNY: "0.1487", Currency.SGD: "0.7253"},
    2023: {Currency.CNY: "0.1412", Currency.SGD: "0.7443"},
    2024: {Currency.CNY: "0.1390", Currency.SGD: "0.7480"},
    2025: {Currency.CNY: "0.1392", Currency.SGD: "0.7600"},
    2026: {Currency.CNY: "0.1400", Currency.SGD: "0.7700"},
}
STATUS_ORDER = list(ProjectStatus)
CURRENCY_ORDER = list(Currency)
CENT = Decimal("0.01")
PRECISIONS = [(DatePrecision.DAY, 85), (DatePrecision.MONTH, 10), (DatePrecision.YEAR, 5)]
PARTICIPANT_COUNTS = [(1, 12), (2, 30), (3, 25), (4, 15), (5, 10), (6, 8)]
FIRST_ROLES = [
    (ParticipantRole.ACCOUNTABLE, 30),
    (ParticipantRole.IMPLEMENTING, 30),
    (ParticipantRole.INVESTOR, 20),
    (ParticipantRole.FUNDING, 10),
    (ParticipantRole.OPERATOR, 5),
    (ParticipantRole.EXTENDING, 5),
]
OTHER_ROLES = [
    (ParticipantRole.IMPLEMENTING, 30),
    (ParticipantRole.INVESTOR, 25),
    (ParticipantRole.OPERATOR, 15),
    (ParticipantRole.FUNDING, 12),
    (ParticipantRole.EXTENDING, 10),
    (ParticipantRole.ACCOUNTABLE, 8),
]
SOURCE_PUBLISHERS = ["Synthetic Registry Office", "Synthetic Partner Reports", "Synthetic News Wire"]
ARTICLE_SOURCE = "Synthetic News Wire"
# Drafts (is_published false): this share of each kind, at least one.
DRAFT_SHARES = {"projects": 0.02, "organizations": 0.01, "articles": 0.01, "zones": 0.03}


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


def _drafts(rng: random.Random, count: int, kind: str) -> set[int]:
    """Which of ``count`` records are drafts: exactly the kind's share, at least one, spread at random."""
    if not count:
        return set()
    return set(rng.sample(range(count), max(1, round(count * DRAFT_SHARES[kind]))))


def _day_between(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _moment_after(rng: random.Random, day: date) -> datetime:
    """A time on ``day`` or within a few weeks after it, never after ``BASE_TIME``."""
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=rng.randint(0, 45 * 86400))
    return min(moment, BASE_TIME)


def _updated_after(rng: random.Random, created: datetime) -> datetime:
    """Most records were edited after they were made; about a third never were."""
    if rng.random() < 0.3:
        return created
    return created + (BASE_TIME - created) * rng.random()


def _unique_names(rng: random.Random, prefixes, sectors, suffixes, used: set[str]) -> tuple[str, str]:
    """A bilingual name not used yet; after a few draws a number makes it unique."""
    for _ in range(8):
        prefix, sector, suffix = rng.choice(prefixes), rng.choice(sectors), rng.choice(suffixes)
        name_en = f"{prefix[0]} {sector[0]} {suffix[0]}"
        if name_en not in used:
            used.add(name_en)
            return name_en, f"{prefix[1]}{sector[1]}{suffix[1]}"
    number = len(used) + 1
    used.add(f"{name_en} {number}")
    return f"{name_en} {number}", f"{prefix[1]}{sector[1]}{suffix[1]}{number}"


def _allocate_years(total: int, capacity: dict[int, int]) -> dict[int, int]:
    """How many projects each year gets: shares by weight, no year beyond its capacity."""
    weights = {year: SIGNED_YEAR_WEIGHTS[year] for year in YEARS}
    weights[BASE_DATE.year] += UNSIGNED_WEIGHT
    counts = dict.fromkeys(YEARS, 0)
    remaining = total
    open_years = [year for year in YEARS if capacity[year] > 0]
    while remaining:
        weight_sum = sum(weights[year] for year in open_years)
        shares = {year: remaining * weights[year] // weight_sum for year in open_years}
        if not any(shares.values()):
            for year in sorted(open_years, key=lambda year: (-weights[year], year))[:remaining]:
                shares[year] = 1
        for year in open_years:
            given = min(shares[year], capacity[year] - counts[year])
            counts[year] += given
            remaining -= given
        open_years = [year for year in open_years if counts[year] < capacity[year]]
    return counts


def synthetic_project_capacity() -> dict[int, int]:
    """How many more identifiers each year from 2015 to the base year has room for."""
    largest = dict.fromkeys(YEARS, 0)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT substr(public_id, 5, 4)::int, max(substr(public_id, 10, 4)::int) "
            f"FROM {Project._meta.db_table} GROUP BY 1"
        )
        for year, sequence in cursor.fetchall():
            if year in largest:
                largest[year] = sequence
    return {year: MAX_SEQUENCE - sequence for year, sequence in largest.items()}


# Which rows are synthetic, as SQL: ``id IN (...)`` subqueries by marker.

RECORD_LABELS = {
    "districts": District,
    "zones": Zone,
    "organizations": Organization,
    "sources": Source,
    "projects": Project,
    "articles": Article,
}


def _synthetic_ids(model) -> tuple[str, list[str]]:
    """A subquery of the ids of the synthetic records of ``model``, with its parameters."""
    if model is Source:
        return f"SELECT id FROM {Source._meta.db_table} WHERE document ~ %s", [SOURCE_DOCUMENT_PATTERN]
    return f"SELECT id FROM {model._meta.db_table} WHERE slug ~ %s", [SLUG_PATTERNS[model]]


def _through(model, field_name: str) -> str:
    return model._meta.get_field(field_name).remote_field.through._meta.db_table


def _count(cursor, sql: str, params: list) -> int:
    cursor.execute(sql, params)
    return cursor.fetchone()[0]


def synthetic_registry_counts() -> dict[str, int]:
    """How many synthetic records of each kind the database holds."""
    with connection.cursor() as cursor:
        counts = {}
        for label, model in RECORD_LABELS.items():
            subquery, params = _synthetic_ids(model)
            counts[label] = _count(cursor, f"SELECT count(*) FROM ({subquery}) AS synthetic", params)
    return counts


# Writing with COPY


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One field in PostgreSQL's COPY text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_COPY_ESCAPES)
    return str(value)


def _copy(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> int:
    """Load ``rows`` into ``table`` with one COPY (generated columns fill themselves); returns how many."""
    if rows:
        buffer = io.StringIO("".join("\t".join(map(_copy_text, row)) + "\n" for row in rows))
        cursor.copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer, 1 << 20)  # 1 MB reads
    return len(rows)


def _reserve_ids(cursor, model, count: int) -> list[int]:
    """``count`` fresh primary keys from the table's own sequence, so rows can refer to each other."""
    if not count:
        return []
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [model._meta.db_table, count]
    )
    return sorted(row[0] for row in cursor.fetchall())


@dataclass(slots=True)
class _PlannedProject:
    """What articles need to know of a project made earlier in the run."""

    index: int
    year: int | None  # the signing year; None when not signed
    signed_date: date | None = None
    precision: str = DatePrecision.DAY
    public_id: str = ""
    focus_area: int | None = None  # a position in the run's list of focus areas
    theme: tuple[str, str] = ("", "")
    title_en: str = ""
    title_zh: str = ""
    organizations: list[int] = field(default_factory=list)  # positions in the run's organizations


class _SyntheticRegistry:
    """Builds and writes the rows of one synthetic registry.

    Choices use positions in lists (the n-th organization, the n-th zone), never database ids,
    so the same seed makes the same choices; ids are only looked up to write the rows.
    """

    def __init__(self, cursor, *, projects: int, articles: int, organizations: int, seed: int):
        self.cursor = cursor
        self.sizes = {"projects": projects, "articles": articles, "organizations": organizations}
        self.seed = seed
        self.created: Counter = Counter()
        self.focus_areas = list(FocusArea.objects.order_by("position", "code").values_list("id", "code"))
        self.schemes = list(Scheme.objects.order_by("position", "code").values_list("id", "code"))
        if not self.focus_areas or not self.schemes:
            raise SyntheticRegistryError("No focus areas or schemes: run manage.py migrate first.")
        self.organization_ids: list[int] = []
        self.planned_projects: list[_PlannedProject] = []
        self.project_ids: list[int] = []

    def rng(self, stream: str) -> random.Random:
        # One stream per kind of record: more articles do not change the projects.
        return random.Random(f"{self.seed}:{stream}")

    def write(self, label: str, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
        self.created[label] += _copy(self.cursor, table, columns, rows)

    def run(self) -> dict[str, int]:
        if self.sizes["projects"]:
            self.build_places()
        self.build_organizations()
        if self.sizes["projects"]:
            self.build_sources()
            self.build_projects()
        self.build_articles()
        return dict(self.created)

    # Districts and zones: the existing ones and synthetic ones, all used by projects.

    def build_places(self) -> None:
        rng = self.rng("places")
        existing = list(
            District.objects.exclude(slug__regex=SLUG_PATTERNS[District]).order_by("slug").values_list("id", flat=True)
        )
        ids = _reserve_ids(self.cursor, District, SYNTHETIC_DISTRICTS)
        rows = [
            (district_id, f"synthetic-district-{number:03d}", name_en, name_zh, latitude, longitude)
            for number, (district_id, (name_en, name_zh, latitude, longitude)) in enumerate(
                zip(ids, DISTRICT_NAMES, strict=True), start=1
            )
        ]
        self.write(
            "districts", District._meta.db_table, ("id", "slug", "name_en", "name_zh", "latitude", "longitude"), rows
        )
        self.district_ids = existing + ids
        position_of_district = {district_id: position for position, district_id in enumerate(self.district_ids)}

        existing_zones = list(
            Zone.objects.exclude(slug__regex=SLUG_PATTERNS[Zone]).order_by("slug").values_list("id", "district_id")
        )
        self.zone_districts = [position_of_district.get(district_id) for _zone_id, district_id in existing_zones]
        ids = _reserve_ids(self.cursor, Zone, SYNTHETIC_ZONES)
        drafts = _drafts(rng, len(ids), "zones")
        kinds = list(ZoneKind)
        used: set[str] = set()
        rows = []
        for number, zone_id in enumerate(ids, start=1):
            kind = kinds[(number - 1) % len(kinds)]
            focus = rng.choice([*range(len(self.focus_areas)), None])
            theme_code = self.focus_areas[focus][1] if focus is not None else rng.choice(self.schemes)[1]
            district = rng.randrange(len(self.district_ids))
            name_en, name_zh = _unique_names(rng, PLACES, THEMES[theme_code], [ZONE_KIND_NAMES[kind]], used)
            created = _moment_after(rng, _day_between(rng, date(2016, 1, 1), date(2024, 12, 31)))
            description = f"{name_en}: a synthetic {ZoneKind(kind).label.lower()} of the CCI in Chongqing. "
            rows.append(
                (
                    zone_id,
                    name_en,
                    name_zh,
                    number - 1 not in drafts,
                    created,
                    _updated_after(rng, created),
                    f"synthetic-zone-{number:03d}",
                    kind,
                    description + THEME_SENTENCES[theme_code],
                    self.district_ids[district],
                    self.focus_areas[focus][0] if focus is not None else None,
                )
            )
            self.zone_districts.append(district)
        columns = ("id", "name_en", "name_zh", "is_published", "created_at", "updated_at", "slug", "kind")
        self.write("zones", Zone._meta.db_table, (*columns, "description", "district_id", "focus_area_id"), rows)
        self.zone_ids = [zone_id for zone_id, _district_id in existing_zones] + ids

    # Partners

    def build_organizations(self) -> None:
        rng = self.rng("organizations")
        ids = _reserve_ids(self.cursor, Organization, self.sizes["organizations"])
        drafts = _drafts(rng, len(ids), "organizations")
        used: set[str] = set()
        rows = []
        self.organization_countries: list[str] = []
        self.organization_names: list[tuple[str, str]] = []
        for number, organization_id in enumerate(ids, start=1):
            country = _weighted(rng, ORGANIZATION_COUNTRIES)
            kind = _weighted(rng, ORGANIZATION_KINDS)
            prefixes = ORGANIZATION_PREFIXES.get(country, ORGANIZATION_PREFIXES["other"])
            name_en, name_zh = _unique_names(rng, prefixes, ORGANIZATION_SECTORS, ORGANIZATION_SUFFIXES[kind], used)
            if country not in ("CN", "SG") and rng.random() < 0.5:
                name_zh = ""
            slug = f"synthetic-org-{number:05d}"
            created = _moment_after(rng, _day_between(rng, date(2016, 1, 1), date(2025, 12, 31)))
            rows.append(
                (
                    organization_id,
                    name_en,
                    name_zh,
                    number - 1 not in drafts,
                    created,
                    _updated_after(rng, created),
                    slug,
                    country,
                    kind,
                    f"https://{slug}.example/" if rng.random() < 0.4 else "",
                    f"{name_en} is a synthetic {OrganizationKind(kind).label.lower()} from {COUNTRY_NAMES[country]} "
                    f"taking part in China-Singapore projects in Chongqing.",
                )
            )
            self.organization_countries.append(country)
            self.organization_names.append((name_en, name_zh))
        columns = ("id", "name_en", "name_zh", "is_published", "created_at", "updated_at", "slug", "country", "kind")
        self.write("organizations", Organization._meta.db_table, (*columns, "website", "description"), rows)
        self.organization_ids = ids
        everyone = range(len(ids))
        self.partner_pools = [
            [position for position in everyone if self.organization_countries[position] == country] or everyone
            for country in ("CN", "SG")
        ]

    # Sources: one for about ten projects.

    def build_sources(self) -> None:
        rng = self.rng("sources")
        ids = _reserve_ids(self.cursor, Source, -(-self.sizes["projects"] // PROJECTS_PER_SOURCE))
        rows = []
        for number, source_id in enumerate(ids, start=1):
            publisher = rng.choice(SOURCE_PUBLISHERS)
            theme = rng.choice(rng.choice(list(THEMES.values())))
            published_on = _day_between(rng, LAUNCH_DATE, BASE_DATE) if rng.random() < 0.7 else None
            url = f"https://synthetic.example/sources/{number:06d}" if rng.random() < 0.5 else ""
            title = f"Synthetic bulletin {number:06d}: {theme[0].lower()} cooperation in Chongqing"
            updated = _moment_after(rng, published_on or date(2025, 1, 1))
            rows.append((source_id, title, publisher, url, f"synthetic:source-{number:06d}", published_on, updated))
        columns = ("id", "title", "publisher", "url", "document", "published_on", "updated_at")
        self.write("sources", Source._meta.db_table, columns, rows)
        self.source_ids = ids

    # Projects, with their participants, milestones, further focus areas and sources

    def build_projects(self) -> None:
        rng = self.rng("projects")
        planned = self._plan_years(rng)
        ids = _reserve_ids(self.cursor, Project, len(planned))
        drafts = _drafts(rng, len(ids), "projects")
        project_rows, participant_rows, milestone_rows, area_rows, source_rows = [], [], [], [], []
        for project, project_id in zip(planned, ids, strict=True):
            i = project.index
            # The first projects take each value in turn, so every value shows at any size.
            focus, scheme = self._focus_and_scheme(rng, i)
            project.focus_area = focus
            theme_code = self.focus_areas[focus][1] if focus is not None else self.schemes[scheme][1]
            project.theme = rng.choice(THEMES[theme_code])
            zone, district = self._place(rng, i)
            status = STATUS_ORDER[i] if i < len(STATUS_ORDER) else None
            signed, precision = project.signed_date, project.precision
            status = status or _weighted(rng, SIGNED_STATUSES if signed else UNSIGNED_STATUSES)
            operation_start = None
            if signed and (
                status in OPERATING_STATUSES or (status == ProjectStatus.IMPLEMENTATION and rng.random() < 0.3)
            ):
                operation_start = signed + timedelta(days=rng.randint(60, 1200))
                if operation_start > BASE_DATE:
                    operation_start = None
            amount = self._amount(rng, i, signed)
            project.organizations = self._participants(rng, i)
            self._title(rng, project)
            summary = self._summary(rng, project)
            description = self._description(rng, project, theme_code, status, signed)
            first_day = signed or _day_between(rng, date(2023, 1, 1), BASE_DATE)
            created = _moment_after(rng, first_day)
            project_rows.append(
                (
                    project_id,
                    i not in drafts,
                    created,
                    _updated_after(rng, created),
                    project.public_id,
                    f"synthetic-project-{i + 1:06d}",
                    project.title_en,
                    project.title_zh,
                    summary,
                    description,
                    status,
                    signed,
                    precision,
                    operation_start,
                    *amount,
                    self.district_ids[district] if district is not None else None,
                    self.focus_areas[focus][0] if focus is not None else None,
                    self.schemes[scheme][0] if scheme is not None else None,
                    self.zone_ids[zone] if zone is not None else None,
                )
            )
            for position, organization in enumerate(project.organizations):
                role = _weighted(rng, FIRST_ROLES if position == 0 else OTHER_ROLES)
                participant_rows.append((project_id, self.organization_ids[organization], role, position))
            milestone_rows += self._milestones(rng, project_id, status, signed, precision, operation_start)
            if focus is not None and rng.random() < 0.25:
                others = [area for area in range(len(self.focus_areas)) if area != focus]
                for other in rng.sample(others, 1 if rng.random() < 0.8 else 2):
                    area_rows.append((project_id, self.focus_areas[other][0]))
            if rng.random() < 0.95:
                count = min(len(self.source_ids), 1 if rng.random() < 0.85 else 2)
                for source in rng.sample(range(len(self.source_ids)), count):
                    source_rows.append((project_id, self.source_ids[source]))
        self.planned_projects = planned
        self.project_ids = ids

        columns = ("id", "is_published", "created_at", "updated_at", "public_id", "slug", "title_en", "title_zh")
        columns += ("summary", "description", "status", "signed_date", "signed_date_precision", "operation_start_date")
        columns += ("contract_amount", "currency", "contract_amount_usd", "usd_rate", "usd_rate_date")
        columns += ("district_id", "focus_area_id", "scheme_id", "zone_id")
        # Partners and further focus areas before their projects (the foreign keys are checked at
        # commit): each project's facet arrays are then computed as it is inserted, instead of a
        # second pass rewriting every project (projects/migrations/0009).
        participant_columns = ("project_id", "organization_id", "role", "position")
        self.write("participants", ProjectParticipant._meta.db_table, participant_columns, participant_rows)
        table = _through(Project, "other_focus_areas")
        self.write("project focus areas", table, ("project_id", "focusarea_id"), area_rows)
        self.write("projects", Project._meta.db_table, columns, project_rows)
        columns = ("project_id", "date", "date_precision", "title_en", "title_zh", "source_id")
        self.write("milestones", Milestone._meta.db_table, columns, milestone_rows)
        self.write("project sources", _through(Project, "sources"), ("project_id", "source_id"), source_rows)

    def _plan_years(self, rng: random.Random) -> list[_PlannedProject]:
        """Each project's signing year and date, and its identifier: per year, in signing order,
        after the year's largest identifier; projects not signed yet take the base year, last."""
        capacity = synthetic_project_capacity()
        years: list[int | None] = []
        for year, count in _allocate_years(self.sizes["projects"], capacity).items():
            unsigned = 0
            if year == BASE_DATE.year:
                unsigned = round(count * UNSIGNED_WEIGHT / (SIGNED_YEAR_WEIGHTS[year] + UNSIGNED_WEIGHT))
            years += [year] * (count - unsigned) + [None] * unsigned
        rng.shuffle(years)
        planned = [_PlannedProject(index=index, year=year) for index, year in enumerate(years)]
        by_year: dict[int, list[_PlannedProject]] = {}
        for project in planned:
            if project.year is not None:
                first = max(LAUNCH_DATE, date(project.year, 1, 1))
                signed = _day_between(rng, first, min(BASE_DATE, date(project.year, 12, 31)))
                # A source that gives only the month or the year is stored as its first day.
                project.precision = _weighted(rng, PRECISIONS)
                if project.precision == DatePrecision.MONTH:
                    signed = signed.replace(day=1)
                elif project.precision == DatePrecision.YEAR and project.year > LAUNCH_DATE.year:
                    signed = signed.replace(month=1, day=1)
                else:
                    project.precision = DatePrecision.DAY
                project.signed_date = signed
            by_year.setdefault(project.year or BASE_DATE.year, []).append(project)
        for year, projects in by_year.items():
            projects.sort(key=lambda project: (project.signed_date or date.max, project.index))
            for sequence, project in enumerate(projects, start=MAX_SEQUENCE - capacity[year] + 1):
                project.public_id = f"CCI-{year}-{sequence:04d}"
        return planned

    def _focus_and_scheme(self, rng: random.Random, i: int) -> tuple[int | None, int | None]:
        """Positions of the primary focus area and the scheme: one of them at least, often both."""
        if i < len(self.focus_areas):
            return i, None
        if i < len(self.focus_areas) + len(self.schemes):
            return None, i - len(self.focus_areas)
        draw = rng.random()
        focus = rng.randrange(len(self.focus_areas)) if draw < 0.85 else None
        scheme = rng.randrange(len(self.schemes)) if draw >= 0.55 else None
        return focus, scheme

    def _place(self, rng: random.Random, i: int) -> tuple[int | None, int | None]:
        """Positions of the zone and the district; a project in a zone is mostly in the zone's district."""
        zone = i if i < len(self.zone_ids) else None
        if zone is None and rng.random() < 0.7:
            zone = rng.randrange(len(self.zone_ids))
        if i < len(self.district_ids):
            return zone, i
        if zone is not None and self.zone_districts[zone] is not None and rng.random() < 0.85:
            return zone, self.zone_districts[zone]
        return zone, rng.randrange(len(self.district_ids)) if rng.random() < 0.9 else None

    def _amount(self, rng: random.Random, i: int, signed: date | None) -> tuple:
        """contract_amount, currency, contract_amount_usd, usd_rate, usd_rate_date: most projects state one.

        The US-dollar amount is the amount at the rate, rounded to the cent; a US-dollar amount
        needs no rate.
        """
        if i >= len(CURRENCY_ORDER) and rng.random() >= 0.88:
            return None, "", None, None, None
        currency = CURRENCY_ORDER[i] if i < len(CURRENCY_ORDER) else _weighted(rng, CURRENCIES)
        amount = Decimal(rng.randint(100, 999) * 10 ** rng.randint(3, 7)).quantize(CENT)
        if currency == Currency.USD:
            return amount, currency, amount, None, None
        rate_date = signed or _day_between(rng, date(BASE_DATE.year, 1, 1), BASE_DATE)
        year_rate = Decimal(USD_RATES[rate_date.year][currency])
        rate = (year_rate * Decimal(1 + rng.uniform(-0.01, 0.01))).quantize(Decimal("0.000001"))
        return amount, currency, (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP), rate, rate_date

    def _participants(self, rng: random.Random, i: int) -> list[int]:
        """1 to 6 distinct partners, mostly a Chinese one first and a Singaporean one second."""
        count = min(_weighted(rng, PARTICIPANT_COUNTS), len(self.organization_ids))
        everyone = range(len(self.organization_ids))
        chosen = [i] if i < len(self.organization_ids) else []
        while len(chosen) < count:
            position = len(chosen)
            pool = self.partner_pools[position] if position < 2 and rng.random() < 0.9 else everyone
            candidate = rng.choice(pool)
            if candidate not in chosen:
                chosen.append(candidate)
        return chosen

    def _title(self, rng: random.Random, project: _PlannedProject) -> None:
        kind = rng.choice(PROJECT_KINDS)
        opening = rng.choice(PARTNERSHIPS) if rng.random() < 0.5 else rng.choice(PLACES)
        title_en = f"{opening[0]} {project.theme[0]} {kind[0]}"
        title_zh = f"{opening[1]}{project.theme[1]}{kind[1]}"
        if rng.random() < 0.25:
            phase = rng.choice(PHASES)
            title_en, title_zh = f"{title_en} {phase[0]}", f"{title_zh}{phase[1]}"
        project.title_en = title_en
        project.title_zh = title_zh if rng.random() < 0.95 else ""

    def _summary(self, rng: random.Random, project: _PlannedProject) -> str:
        """One sentence; all but 2% say "Chongqing", so one word matches nearly every project."""
        countries = sorted({COUNTRY_NAMES[self.organization_countries[each]] for each in project.organizations})
        partners = countries[0] if len(countries) == 1 else f"{', '.join(countries[:-1])} and {countries[-1]}"
        where = f"in {rng.choice(PLACES[1:])[0]}, Chongqing" if rng.random() < 0.98 else "in western China"
        kind = rng.choice(PROJECT_KINDS)[0].lower()
        return f"A {project.theme[0].lower()} {kind} {where}, with partners from {partners}."

    def _description(self, rng, project: _PlannedProject, theme_code: str, status: str, signed: date | None) -> str:
        count = len(project.organizations)
        stage = ProjectStatus(status).label.lower()
        sentences = [f"{project.title_en} brings together {count} partner{'s' if count > 1 else ''}."]
        if signed:
            sentences.append(f"It was signed in {signed:%B %Y} and is at the {stage} stage.")
        else:
            sentences.append(f"It is at the {stage} stage and has not been signed yet.")
        sentences.append(THEME_SENTENCES[theme_code])
        if rng.random() < 0.05:
            sentences.append("Logistics links through the New International Land-Sea Trade Corridor support it.")
        return " ".join(sentences)

    def _milestones(self, rng, project_id, status, signed, precision, operation_start) -> list[tuple]:
        rows = []

        def add(day: date, day_precision: str, title_en: str, title_zh: str) -> None:
            source = self.source_ids[rng.randrange(len(self.source_ids))] if rng.random() < 0.4 else None
            rows.append((project_id, day, day_precision, title_en, title_zh, source))

        if signed:
            add(signed, precision, "Agreement signed", "签署协议")
            if status not in (ProjectStatus.IDENTIFICATION, ProjectStatus.PREPARATION) and rng.random() < 0.5:
                last = min(operation_start or BASE_DATE, signed + timedelta(days=400))
                add(_day_between(rng, signed, last), DatePrecision.MONTH, "Construction started", "开工建设")
            if operation_start:
                add(operation_start, DatePrecision.DAY, "Operation started", "投入运营")
        elif rng.random() < 0.4:
            add(_day_between(rng, date(2023, 1, 1), BASE_DATE), DatePrecision.DAY, "Project proposed", "项目提出")
        if status == ProjectStatus.CANCELLED:
            add(
                _day_between(rng, signed or date(2023, 1, 1), BASE_DATE),
                DatePrecision.MONTH,
                "Project cancelled",
                "项目取消",
            )
        return rows

    # News: each article about 1 to 3 projects, with their focus areas and some of their partners.

    def build_articles(self) -> None:
        rng = self.rng("articles")
        ids = _reserve_ids(self.cursor, Article, self.sizes["articles"])
        drafts = _drafts(rng, len(ids), "articles")
        categories = list(ArticleCategory)
        rows, project_links, area_links, organization_links = [], [], [], []
        for number, article_id in enumerate(ids, start=1):
            size = min(len(self.planned_projects), _weighted(rng, [(1, 60), (2, 30), (3, 10)]))
            linked = rng.sample(self.planned_projects, size)
            lead = linked[0] if linked else None
            if lead and lead.signed_date:
                published_on = min(BASE_DATE, lead.signed_date + timedelta(days=rng.randint(0, 120)))
            else:
                published_on = _day_between(rng, date(2016, 1, 1), BASE_DATE)
            title_en, title_zh, summary, body = self._article_text(rng, lead)
            created = _moment_after(rng, published_on)
            rows.append(
                (
                    article_id,
                    number - 1 not in drafts,
                    created,
                    _updated_after(rng, created),
                    f"synthetic-article-{number:06d}",
                    title_en,
                    title_zh,
                    summary,
                    body,
                    published_on,
                    categories[number - 1] if number <= len(categories) else rng.choice(categories),
                    ARTICLE_SOURCE,
                    f"https://synthetic.example/news/{number:06d}" if rng.random() < 0.7 else "",
                    published_on if rng.random() < 0.6 else None,
                )
            )
            areas = sorted({project.focus_area for project in linked if project.focus_area is not None})
            partners = sorted({each for project in linked for each in project.organizations})
            if not linked:
                areas = [rng.randrange(len(self.focus_areas))]
                partners = [rng.randrange(len(self.organization_ids))] if self.organization_ids else []
            project_links += [(article_id, self.project_ids[project.index]) for project in linked]
            area_links += [(article_id, self.focus_areas[area][0]) for area in areas]
            mentioned = rng.sample(partners, min(len(partners), rng.randint(0, 3)))
            organization_links += [(article_id, self.organization_ids[each]) for each in mentioned]

        columns = ("id", "is_published", "created_at", "updated_at", "slug", "title_en", "title_zh", "summary", "body")
        columns += ("published_on", "category", "source_name", "source_url", "source_published_on")
        self.write("articles", Article._meta.db_table, columns, rows)
        self.write("article projects", _through(Article, "projects"), ("article_id", "project_id"), project_links)
        table = _through(Article, "focus_areas")
        self.write("article focus areas", table, ("article_id", "focusarea_id"), area_links)
        table = _through(Article, "organizations")
        self.write("article organizations", table, ("article_id", "organization_id"), organization_links)

    def _article_text(self, rng: random.Random, lead: _PlannedProject | None) -> tuple[str, str, str, str]:
        """Title in both languages, summary and Markdown body, about the article's first project."""
        if lead is None:
            theme = rng.choice(rng.choice(list(THEMES.values())))
            place = rng.choice(PLACES)
            title_en = f"{place[0]} and Singapore expand {theme[0].lower()} cooperation"
            summary = f"Partners in {place[0]} and Singapore plan more {theme[0].lower()} work in Chongqing."
            return title_en, f"{place[1]}与新加坡深化{theme[1]}合作", summary, summary
        partner_en, partner_zh = self.organization_names[lead.organizations[0]]
        title_en, title_zh = rng.choice(
            [
                (f"{lead.title_en} signed", f"{lead.title_zh}签约"),
                (f"{lead.title_en} breaks ground", f"{lead.title_zh}开工"),
                (f"{partner_en} joins {lead.title_en}", f"{partner_zh}加入{lead.title_zh}"),
                (
                    f"Chongqing and Singapore expand {lead.theme[0].lower()} cooperation",
                    f"重庆与新加坡深化{lead.theme[1]}合作",
                ),
            ]
        )
        if not lead.title_zh or not partner_zh:
            title_zh = ""
        summary = f"{lead.title_en} ({lead.public_id}) adds to China-Singapore {lead.theme[0].lower()} work."
        partners = "\n".join(f"- {self.organization_names[each][0]}" for each in lead.organizations)
        body = f"**{lead.title_en}** is a synthetic project of the registry.\n\n{summary}\n\nPartners:\n\n{partners}\n"
        return title_en, title_zh, summary, body


def _analyze(cursor) -> None:
    """Fresh planner statistics and visibility map after a million rows come or go.

    ``VACUUM`` sets the visibility map that index-only scans (counts, the admin's dates) need;
    rows written by COPY leave it empty until autovacuum comes by. ``VACUUM`` cannot run inside a
    transaction block (a test's transaction, a caller's ``atomic``): there only ``ANALYZE`` runs.
    """
    tables = [model._meta.db_table for model in (District, Zone, Organization, Source, Project, Article)]
    tables += [ProjectParticipant._meta.db_table, Milestone._meta.db_table]
    tables += [_through(Project, "other_focus_areas"), _through(Project, "sources")]
    tables += [_through(Article, name) for name in ("projects", "focus_areas", "organizations")]
    command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
    cursor.execute(f"{command} {', '.join(tables)}")


def synthetic_registry_generate(*, projects: int, articles: int, organizations: int, seed: int) -> dict[str, int]:
    """Make a synthetic registry of the given sizes in one transaction; returns the rows written, by kind.

    Refuses when synthetic records exist already (clear them first), when projects are asked for
    without organizations, and when the projects cannot all get an identifier.
    """
    if min(projects, articles, organizations) < 0:
        raise SyntheticRegistryError("Sizes cannot be negative.")
    if projects and not organizations:
        raise SyntheticRegistryError("Projects need partners: give --organizations (at least 1).")
    existing = {label: count for label, count in synthetic_registry_counts().items() if count}
    if existing:
        held = ", ".join(f"{count:,} {label}" for label, count in existing.items())
        raise SyntheticRegistryError(f"Synthetic records exist already ({held}); clear them first (--clear).")
    with transaction.atomic(), connection.cursor() as cursor:
        # Staff saving a project meanwhile would take an identifier this run is about to use.
        cursor.execute(f"LOCK TABLE {Project._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        room = sum(synthetic_project_capacity().values())
        if projects > room:
            raise SyntheticRegistryError(
                f"Cannot make {projects:,} projects: identifiers CCI-YYYY-NNNN allow {MAX_SEQUENCE:,} a year, "
                f"and {YEARS[0]} to {YEARS[-1]} have room for {room:,} more."
            )
        created = _SyntheticRegistry(
            cursor, projects=projects, articles=articles, organizations=organizations, seed=seed
        ).run()
    with connection.cursor() as cursor:
        _analyze(cursor)
    return created


_DOOMED_PROJECTS = "cci_synthetic_projects_cleared"


def _links_to_clear() -> list[tuple[str, str, list[tuple[str, type]]]]:
    """(label, table, [(column, model)]): rows of ``table`` go when a column names a synthetic record.

    Children first, the records last, so no foreign key is left pointing at a deleted row.
    """
    return [
        ("article projects", _through(Article, "projects"), [("article_id", Article), ("project_id", Project)]),
        ("article focus areas", _through(Article, "focus_areas"), [("article_id", Article)]),
        (
            "article organizations",
            _through(Article, "organizations"),
            [("article_id", Article), ("organization_id", Organization)],
        ),
        ("participants", ProjectParticipant._meta.db_table, [("project_id", Project)]),
        ("milestones", Milestone._meta.db_table, [("project_id", Project)]),
        ("project focus areas", _through(Project, "other_focus_areas"), [("project_id", Project)]),
        ("project sources", _through(Project, "sources"), [("project_id", Project), ("source_id", Source)]),
        # Links staff may have made to synthetic records; the generator makes none.
        (
            "organization sources",
            _through(Organization, "sources"),
            [("organization_id", Organization), ("source_id", Source)],
        ),
        ("zone sources", _through(Zone, "sources"), [("zone_id", Zone), ("source_id", Source)]),
        ("district sources", _through(District, "sources"), [("district_id", District), ("source_id", Source)]),
        ("projects", Project._meta.db_table, [("id", Project)]),
        ("articles", Article._meta.db_table, [("id", Article)]),
        ("organizations", Organization._meta.db_table, [("id", Organization)]),
        ("zones", Zone._meta.db_table, [("id", Zone)]),
        ("districts", District._meta.db_table, [("id", District)]),
        ("sources", Source._meta.db_table, [("id", Source)]),
    ]


def _kept_records_pointing_at_synthetic(cursor) -> list[str]:
    """Records that are not synthetic but refer to synthetic ones, as "projects in a synthetic zone: 3"."""
    # (label, table, column, the synthetic records it refers to, the column and model that make
    # a row synthetic itself: a participant or milestone goes with its project).
    checks = [
        ("projects in a synthetic zone", Project, "zone_id", Zone, ("id", Project)),
        ("projects in a synthetic district", Project, "district_id", District, ("id", Project)),
        ("zones in a synthetic district", Zone, "district_id", District, ("id", Zone)),
        (
            "participants that are synthetic organizations",
            ProjectParticipant,
            "organization_id",
            Organization,
            ("project_id", Project),
        ),
        ("milestones citing a synthetic source", Milestone, "source_id", Source, ("project_id", Project)),
        ("reported figures citing a synthetic source", ReportedFigure, "source_id", Source, None),
    ]
    found = []
    for label, model, column, target, synthetic_owner in checks:
        targets, params = _synthetic_ids(target)
        sql = f"SELECT count(*) FROM {model._meta.db_table} WHERE {column} IN ({targets})"
        if synthetic_owner:
            owner_column, owner_model = synthetic_owner
            owners, owner_params = _synthetic_ids(owner_model)
            sql, params = f"{sql} AND {owner_column} NOT IN ({owners})", params + owner_params
        if count := _count(cursor, sql, params):
            found.append(f"{label}: {count:,}")
    return found


def synthetic_registry_clear() -> dict[str, int]:
    """Delete every synthetic record and every link to one, children first; returns how many rows of each.

    Demo data and staff records stay. A record that is not synthetic but refers to a synthetic one
    (a staff project in a synthetic zone) stops the clearing, with nothing deleted: change it first.
    """
    deleted = {}
    with transaction.atomic(), connection.cursor() as cursor:
        if blockers := _kept_records_pointing_at_synthetic(cursor):
            raise SyntheticRegistryError(
                f"Not cleared: records that are not synthetic refer to synthetic ones ({'; '.join(blockers)}). "
                "Change them first."
            )
        # The projects go first, their rows after (the foreign keys are checked at commit), so the
        # triggers that keep each project's facet arrays find no project left to rewrite.
        cursor.execute(f"DROP TABLE IF EXISTS {_DOOMED_PROJECTS}")  # a clear earlier in this transaction
        cursor.execute(
            f"CREATE TEMP TABLE {_DOOMED_PROJECTS} ON COMMIT DROP AS {_synthetic_ids(Project)[0]}",
            _synthetic_ids(Project)[1],
        )
        links = _links_to_clear()
        links.sort(key=lambda link: link[0] != "projects")
        for label, table, columns in links:
            conditions, params = [], []
            for column, model in columns:
                subquery, subquery_params = (
                    (f"SELECT id FROM {_DOOMED_PROJECTS}", []) if model is Project else _synthetic_ids(model)
                )
                conditions.append(f"{column} IN ({subquery})")
                params += subquery_params
            cursor.execute(f"DELETE FROM {table} WHERE {' OR '.join(conditions)}", params)
            deleted[label] = cursor.rowcount
    with connection.cursor() as cursor:
        _analyze(cursor)
    return deleted
