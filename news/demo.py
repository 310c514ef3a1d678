"""Demo articles: one story for each source document, written in the portal's own words.

Each article names where its facts came from (``source_name``, ``source_url`` and, where the
source states it, ``source_published_on``). ``published_on`` is the portal's own publication
date. ``load_news_demo`` creates missing articles only and links them to the registry's demo
records by slug, so run ``projects.demo.load_registry_demo`` first.
"""

from datetime import date

from news.models import Article, ArticleCategory
from projects.demo import CHANGE_REASON, LIANGJIANG, LIANGJIANG_URL
from projects.models import FocusArea, Organization, Project

ARTICLES = (
    {
        "slug": "liangjiang-and-chongqing-airport-join-forces",
        "title_en": "Liangjiang and Chongqing Airport join forces under the CCI",
        "title_zh": "两江新区携手重庆机场集团深化中新互联互通合作",
        "summary": (
            "A strategic agreement between Liangjiang New Area and the airport group points to cold-chain trade, "
            "aircraft maintenance, a medical base and high-end ornaments."
        ),
        "body": (
            "Liangjiang New Area and Chongqing Airport have put their names to a strategic cooperation deal, within "
            "the China-Singapore (Chongqing) Demonstration Initiative on Strategic Connectivity. The two sides "
            "want to combine what each brings in industry, capital, technology and management.\n\n"
            "The plans are concrete: a bonded base where cold-chain goods are gathered and shipped on, Singaporean "
            "aircraft maintenance firms drawn to the airport, a medical and pharmaceutical base for imported "
            "products and service trade fairs, and a processing industry for high-end personal ornaments that "
            "builds on Singapore's jewellery brands.\n\n"
            "Next door, the **Lianglu Cuntan Tariff Bonded Area** already trades ideas with the Singapore "
            "government on commerce and logistics, and Liangjiang intends to widen its ties with Singapore in "
            "finance, freight and telecommunications."
        ),
        "published_on": date(2026, 11, 2),
        "category": ArticleCategory.BUSINESS,
        "source_name": LIANGJIANG,
        "source_url": LIANGJIANG_URL,
        "source_published_on": None,
        "projects": ("liangjiang-chongqing-airport-cooperation",),
        "focus_areas": ("aviation", "transport-logistics"),
        "organizations": ("liangjiang-new-area-administrative-committee", "chongqing-airport-group"),
    },
    {
        "slug": "liangjiang-counts-44-china-singapore-projects",
        "title_en": "Liangjiang counts 44 China-Singapore projects since 2015",
        "title_zh": "两江新区自2015年以来签约中新合作项目44个",
        "summary": (
            "Liangjiang New Area holds about a quarter of Chongqing's CCI projects and nearly half of their "
            "contract value: US$10.98 billion."
        ),
        "body": (
            "Since the CCI started in 2015, Liangjiang New Area has signed **44** China-Singapore projects, 24% "
            "of all those in Chongqing. Their contracts add up to **US$10.98 billion**, or 44% of the city's "
            "total.\n\n"
            "Three of them show the range. The Multimodal Distribution and Connectivity Center opened at "
            "Guoyuan Port on 17 June and joins up rail, river and air routes towards ASEAN. The National "
            "University of Singapore (Chongqing) Research Institute, founded with the new area in 2019, runs "
            "research and, with BLOCK71, an incubator that has taken in eight technology "
            "companies since 2020. The GDS Chongqing Data Center completes the list the new area gives.\n\n"
            "Liangjiang's leaders see the RCEP trade agreement as a further opening and aim to make the area an "
            "open gateway for inland China."
        ),
        "published_on": date(2026, 11, 3),
        "category": ArticleCategory.BUSINESS,
        "source_name": LIANGJIANG,
        "source_url": LIANGJIANG_URL,
        "source_published_on": None,
        "projects": (
            "multimodal-distribution-connectivity-center",
            "nus-chongqing-research-institute",
            "gds-chongqing-data-center",
        ),
        "focus_areas": ("financial-services", "aviation", "transport-logistics", "ict"),
        "organizations": (
            "liangjiang-new-area-administrative-committee",
            "national-university-of-singapore",
            "nus-chongqing-research-institute",
            "block71",
            "gds",
        ),
    },
    {
        "slug": "liangjiang-and-imda-look-to-the-digital-economy",
        "title_en": "Liangjiang and Singapore's IMDA look to the digital economy",
        "title_zh": "两江新区与新加坡资讯通信媒体发展局共话数字经济合作",
        "summary": (
            "A visit by Singapore's Infocomm Media Development Authority opens the next round of cooperation on "
            "the data channel, digital trade and paperless shipping."
        ),
        "body": (
            "On 24 May a delegation from Singapore's Infocomm Media Development Authority, led by Wang Qingwei, "
            "met officials of Liangjiang New Area to talk about where their digital cooperation goes next.\n\n"
            "The starting point is the China-Singapore (Chongqing) International Data Channel. Since it opened in "
            "2019, nearly 50 companies have used it for remote medicine, online teaching and smart tourism. "
            "Liangjiang wants to build on it and on digital trade.\n\n"
            "Logistics is part of the picture too: the new area is smoothing rail-sea freight between Guoyuan "
            "Port and the Port of Singapore and, together with Singapore, preparing a digital bill of lading. "
            "Under the CCI framework Liangjiang has now signed 45 projects worth US$10.98 billion."
        ),
        "published_on": date(2026, 11, 4),
        "category": ArticleCategory.BUSINESS,
        "source_name": LIANGJIANG,
        "source_url": LIANGJIANG_URL,
        "source_published_on": None,
        "projects": ("international-data-channel", "guoyuan-singapore-digital-bill-of-lading"),
        "focus_areas": ("ict", "transport-logistics"),
        "organizations": ("liangjiang-new-area-administrative-committee", "imda"),
    },
    {
        "slug": "a-new-five-year-plan-for-the-cci",
        "title_en": "A new five-year plan for the CCI, 2021-2025",
        "title_zh": "中新互联互通项目迎来新五年规划(2021—2025年)",
        "summary": (
            "Chongqing and Singapore have published a joint development plan that sets five platforms and five "
            "priorities for the CCI's second five years."
        ),
        "body": (
            "With 2021 the CCI entered its second five-year period, and the governments of Chongqing and Singapore "
            "marked it with a joint overall development plan for 2021-2025.\n\n"
            "The plan sets up five platforms, from regional cooperation and strategic services to policy "
            "innovation and reform, and five priorities, among them open channels, demonstration projects, "
            "system innovation and quality of life. By 2025 trade, investment, capital, people and information "
            "should move freely between the two sides.\n\n"
            "What Singapore's investment already looks like can be seen in **Raffles City Chongqing**, where "
            "CapitaLand Group has invested 24 billion yuan (about US$3.6 billion)."
        ),
        "published_on": date(2026, 11, 5),
        "category": ArticleCategory.POLICY,
        "source_name": LIANGJIANG,
        "source_url": LIANGJIANG_URL,
        "source_published_on": date(2021, 10, 26),
        "projects": ("overall-development-plan-2021-2025", "raffles-city-chongqing"),
        "focus_areas": ("transport-logistics", "financial-services", "ict"),
        "organizations": ("chongqing-municipal-government", "government-of-singapore", "capitaland-group"),
    },
    {
        "slug": "four-areas-and-four-schemes-in-the-2022-work-report",
        "title_en": "Four focus areas and four schemes: the CCI in Chongqing's 2022 work report",
        "title_zh": "四大领域、四项计划:2022年重庆政府工作报告中的中新互联互通项目",
        "summary": (
            "The city's 2022 government work report lists the zones, parks and programmes the CCI is to build, "
            "from fintech to tourism in Wushan and Wulong."
        ),
        "body": (
            "Chongqing's 2022 government work report gives the CCI a detailed to-do list. Zeng Jinghua, director "
            "of the CCI Administrative Bureau, said the work would stay focused on the four focus areas and the "
            "four cooperation schemes.\n\n"
            "In the **focus areas**: faster construction of the Fintech Collaboration Demonstration Zone and "
            "green bonds issued in Singapore; plans for an aviation logistics demonstration zone and the start "
            "of the Singapore Airlines bonded aviation material centre; phase II of the multimodal "
            "transportation base and a cold-chain project in Tongliang; and a big-data park, an information and "
            "communication base "
            "and the fourth IDC Forum.\n\n"
            "In the **schemes**: four professional service alliances for business; an agricultural "
            "demonstration zone and an F&B suppliers programme for agriculture; the Ten-Hundred-Thousand "
            "programme, aiming at 1,000 trained professionals in five years, for talent; and Singapore Week "
            "events plus international tourism destinations in Wushan and Wulong for culture and tourism."
        ),
        "published_on": date(2026, 11, 6),
        "category": ArticleCategory.POLICY,
        "source_name": "CCI Chongqing Bureau",
        "source_url": "",
        "source_published_on": None,
        "projects": (
            "fintech-collaboration-demonstration-zone",
            "aviation-logistics-industry-demonstration-zone",
            "singapore-airlines-bonded-aviation-material-distribution-center",
            "multimodal-transportation-demonstration-base-phase-2",
            "tongliang-cold-chain-logistics",
            "big-data-intelligent-industry-demonstration-park",
            "information-communication-demonstration-base",
            "business-cooperation-service-alliances",
            "international-agricultural-cooperation-demonstration-zone",
            "fb-suppliers-global-expansion-program",
            "ten-hundred-thousand-talent-programme",
            "singapore-week",
            "wushan-international-tourism-destination",
            "wulong-international-tourism-destination",
        ),
        "focus_areas": ("financial-services", "aviation", "transport-logistics", "ict"),
        "organizations": ("cci-administrative-bureau", "chongqing-municipal-government", "singapore-airlines"),
    },
)

RELATIONS = ("projects", "focus_areas", "organizations")


def load_news_demo() -> dict[str, int]:
    """Create the demo articles that do not exist yet and link them; return how many were created.

    Call inside a transaction, after the registry demo. Links go to whatever records hold the slugs
    and codes now, including ones staff created.
    """
    created = 0
    for row in ARTICLES:
        if Article.objects.filter(slug=row["slug"]).exists():
            continue
        article = Article(
            **{field: value for field, value in row.items() if field not in RELATIONS}, is_published=True
        )
        article.full_clean()
        article._change_reason = CHANGE_REASON
        article.save()
        article.projects.set(Project.objects.filter(slug__in=row["projects"]))
        article.focus_areas.set(FocusArea.objects.filter(code__in=row["focus_areas"]))
        article.organizations.set(Organization.objects.filter(slug__in=row["organizations"]))
        created += 1
    return {"articles": created}
