"""Demo data of the registry: the real CCI projects, partners and places the source documents name.

Facts and figures come from the five source documents kept under ``shared/seeds`` (each record
links back to its source); every sentence below is written in the portal's own words. Where a
source gives no date, the date stays empty. ``load_registry_demo`` creates what is missing and
never changes or deletes a record that already exists, so staff work is safe.
"""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.db import models

from projects.choices import (
    Currency,
    DatePrecision,
    FigureMetric,
    FigureQualifier,
    FigureScope,
    FigureUnit,
    OrganizationKind,
    ParticipantRole,
    ProjectStatus,
    ZoneKind,
)
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
    next_public_id,
)

CHANGE_REASON = "Loaded demo data"
LIANGJIANG = "Liangjiang New Area"
LIANGJIANG_URL = "https://english.liangjiang.gov.cn/"
CCI_BUREAU = "CCI Chongqing Bureau"

# Keyed by seed number; the key is only used inside this module to link records to their source.
SOURCES = {
    "000": {
        "title": "Liangjiang New Area and Chongqing Airport sign a strategic cooperation agreement",
        "publisher": LIANGJIANG,
        "url": LIANGJIANG_URL,
        "document": "CCI seed document 000 (Liangjiang New Area and Chongqing Airport strategic cooperation)",
        "published_on": None,
    },
    "001": {
        "title": "Liangjiang reports 44 China-Singapore projects signed since the CCI began",
        "publisher": LIANGJIANG,
        "url": LIANGJIANG_URL,
        "document": "CCI seed document 001 (44 China-Singapore cooperation projects signed in Liangjiang)",
        "published_on": None,
    },
    "002": {
        "title": "New area to deepen bond with Singapore in digital economy",
        "publisher": LIANGJIANG,
        "url": LIANGJIANG_URL,
        "document": "CCI seed document 002 (New area to deepen bond with Singapore in digital economy)",
        "published_on": None,
    },
    "003": {
        "title": "China-Singapore (Chongqing) Connectivity Initiative upgraded",
        "publisher": LIANGJIANG,
        "url": LIANGJIANG_URL,
        "document": "CCI seed document 003 (China-Singapore (Chongqing) Connectivity Initiative upgraded)",
        "published_on": date(2021, 10, 26),
    },
    "004": {
        "title": "Four CCI Schemes Will Promote China-Singapore Cooperation",
        "publisher": CCI_BUREAU,
        "url": "",
        "document": "CCI seed document 004 (Four CCI Schemes Will Promote China-Singapore Cooperation)",
        "published_on": None,
    },
}

# Approximate centres of each district, county or new area.
DISTRICTS = (
    {
        "slug": "liangjiang-new-area",
        "name_en": "Liangjiang New Area",
        "name_zh": "两江新区",
        "latitude": Decimal("29.6700"),
        "longitude": Decimal("106.6000"),
        "sources": ("000", "001", "002"),
    },
    {
        "slug": "yuzhong",
        "name_en": "Yuzhong District",
        "name_zh": "渝中区",
        "latitude": Decimal("29.5530"),
        "longitude": Decimal("106.5690"),
        "sources": ("004",),
    },
    {
        # Guoyuan Port lies in Jiangbei District.
        "slug": "jiangbei",
        "name_en": "Jiangbei District",
        "name_zh": "江北区",
        "latitude": Decimal("29.6060"),
        "longitude": Decimal("106.5740"),
        "sources": ("001", "002"),
    },
    {
        # Chongqing's airport lies in Yubei District.
        "slug": "yubei",
        "name_en": "Yubei District",
        "name_zh": "渝北区",
        "latitude": Decimal("29.7180"),
        "longitude": Decimal("106.6310"),
        "sources": ("000", "001"),
    },
    {
        "slug": "tongliang",
        "name_en": "Tongliang District",
        "name_zh": "铜梁区",
        "latitude": Decimal("29.8448"),
        "longitude": Decimal("106.0563"),
        "sources": ("004",),
    },
    {
        "slug": "wushan",
        "name_en": "Wushan County",
        "name_zh": "巫山县",
        "latitude": Decimal("31.0747"),
        "longitude": Decimal("109.8782"),
        "sources": ("004",),
    },
    {
        "slug": "wulong",
        "name_en": "Wulong District",
        "name_zh": "武隆区",
        "latitude": Decimal("29.3254"),
        "longitude": Decimal("107.7600"),
        "sources": ("004",),
    },
)

ZONES = (
    {
        "slug": "guoyuan-port",
        "name_en": "Guoyuan Port",
        "name_zh": "果园港",
        "kind": ZoneKind.PORT,
        "focus_area": "transport-logistics",
        "district": "liangjiang-new-area",
        "description": (
            "Inland river port on the Yangtze in Liangjiang New Area. It hosts the CCI multimodal distribution "
            "centre and is the Chongqing end of the rail-sea link that Liangjiang is working to tighten with "
            "the Port of Singapore."
        ),
        "sources": ("001", "002"),
    },
    {
        "slug": "international-data-channel",
        "name_en": "China-Singapore (Chongqing) International Data Channel",
        "name_zh": "中新(重庆)国际互联网数据专用通道",
        "kind": ZoneKind.CHANNEL,
        "focus_area": "ict",
        "district": None,
        "description": (
            "A dedicated international data link between Chongqing and Singapore, also called the International "
            "Dedicated Connectivity (IDC). Companies use it for services such as telemedicine, remote teaching "
            "and smart tourism, and for cross-border digital trade."
        ),
        "sources": ("002", "004"),
    },
    {
        "slug": "fintech-collaboration-demonstration-zone",
        "name_en": "China-Singapore Fintech Collaboration Demonstration Zone",
        "name_zh": "中新金融科技合作示范区",
        "kind": ZoneKind.ZONE,
        "focus_area": "financial-services",
        "district": None,
        "description": (
            "A demonstration zone for financial technology shared by Chongqing and Singapore. Chongqing's 2022 "
            "government work report lists it among the jointly built areas whose construction is to be sped up."
        ),
        "sources": ("004",),
    },
    {
        "slug": "aviation-logistics-industry-demonstration-zone",
        "name_en": "China-Singapore (Chongqing) International Aviation Logistics Industry Demonstration Zone",
        "name_zh": "中新(重庆)国际航空物流产业示范区",
        "kind": ZoneKind.ZONE,
        "focus_area": "aviation",
        "district": None,
        "description": (
            "A planned demonstration zone for the air cargo and aviation logistics industry, named in "
            "Chongqing's 2022 government work report under the aviation focus area."
        ),
        "sources": ("004",),
    },
    {
        "slug": "multimodal-transportation-demonstration-base",
        "name_en": "China-Singapore (Chongqing) Multimodal Transportation Demonstration Base",
        "name_zh": "中新(重庆)多式联运示范基地",
        "kind": ZoneKind.BASE,
        "focus_area": "transport-logistics",
        "district": None,
        "description": (
            "A demonstration base for freight that changes between rail, road, river and sea. Its second phase "
            "is one of the logistics projects in Chongqing's 2022 government work report."
        ),
        "sources": ("004",),
    },
    {
        "slug": "big-data-intelligent-industry-demonstration-park",
        "name_en": "China-Singapore (Chongqing) Big Data & Intelligent Industry Demonstration Park",
        "name_zh": "中新(重庆)大数据智能产业示范园区",
        "kind": ZoneKind.PARK,
        "focus_area": "ict",
        "district": None,
        "description": (
            "An industrial park for big-data and intelligent industries built jointly with Singapore. The 2022 "
            "government work report calls for faster construction."
        ),
        "sources": ("004",),
    },
    {
        "slug": "information-communication-demonstration-base",
        "name_en": "China-Singapore (Chongqing) Information and Communication Demonstration Base",
        "name_zh": "中新(重庆)信息通信示范基地",
        "kind": ZoneKind.BASE,
        "focus_area": "ict",
        "district": None,
        "description": (
            "A demonstration base for information and communications technology, listed next to the big-data "
            "park in the 2022 government work report."
        ),
        "sources": ("004",),
    },
    {
        "slug": "international-agricultural-cooperation-demonstration-zone",
        "name_en": "China-Singapore (Chongqing) International Agricultural Cooperation Demonstration Zone",
        "name_zh": "中新(重庆)国际农业合作示范园区",
        "kind": ZoneKind.ZONE,
        "focus_area": None,
        "district": None,
        "description": (
            "The demonstration zone of the agricultural cooperation scheme, meant to help Chongqing's farm and "
            "food products reach ASEAN markets."
        ),
        "sources": ("004",),
    },
    {
        "slug": "lianglu-cuntan-bonded-area",
        "name_en": "Lianglu Cuntan Tariff Bonded Area",
        "name_zh": "两路寸滩保税港区",
        "kind": ZoneKind.ZONE,
        "focus_area": "transport-logistics",
        "district": "liangjiang-new-area",
        "description": (
            "A bonded area in Liangjiang New Area and one of Chongqing's main platforms for opening up. It works "
            "closely with Singapore's government in trade, commerce and logistics."
        ),
        "sources": ("000",),
    },
)

ORGANIZATIONS = (
    {
        "slug": "liangjiang-new-area-administrative-committee",
        "name_en": "Liangjiang New Area Administrative Committee",
        "name_zh": "两江新区管理委员会",
        "country": "CN",
        "kind": OrganizationKind.GOVERNMENT,
        "website": "",
        "description": (
            "The body that runs Liangjiang New Area, the core zone of the CCI in Chongqing. It signs and hosts "
            "a large share of the city's China-Singapore projects."
        ),
        "sources": ("000", "001", "002"),
    },
    {
        "slug": "chongqing-airport-group",
        "name_en": "Chongqing Airport Group",
        "name_zh": "重庆机场集团",
        "country": "CN",
        "kind": OrganizationKind.STATE_OWNED,
        "website": "",
        "description": "The group that operates Chongqing's airport and signed a strategic agreement with Liangjiang.",
        "sources": ("000",),
    },
    {
        "slug": "capitaland-group",
        "name_en": "CapitaLand Group",
        "name_zh": "凯德集团",
        "country": "SG",
        "kind": OrganizationKind.PRIVATE,
        "website": "https://www.capitaland.com",
        "description": "Singaporean real-estate group and the investor behind Raffles City Chongqing.",
        "sources": ("003",),
    },
    {
        "slug": "national-university-of-singapore",
        "name_en": "National University of Singapore",
        "name_zh": "新加坡国立大学",
        "country": "SG",
        "kind": OrganizationKind.RESEARCH,
        "website": "https://www.nus.edu.sg",
        "description": "Singapore's national university; it founded its Chongqing institute with Liangjiang.",
        "sources": ("001",),
    },
    {
        "slug": "nus-chongqing-research-institute",
        "name_en": "National University of Singapore (Chongqing) Research Institute",
        "name_zh": "新加坡国立大学(重庆)研究院",
        "country": "CN",
        "kind": OrganizationKind.RESEARCH,
        "website": "",
        "description": (
            "NUS's operation centre in western China: research, start-up incubation, training and academic "
            "exchange, based in Liangjiang New Area."
        ),
        "sources": ("001",),
    },
    {
        "slug": "block71",
        "name_en": "BLOCK71",
        "name_zh": "",
        "country": "SG",
        "kind": OrganizationKind.PRIVATE,
        "website": "",
        "description": (
            "A builder of technology start-up communities with links around the world; it runs incubation "
            "services together with the NUS (Chongqing) Research Institute."
        ),
        "sources": ("001",),
    },
    {
        "slug": "gds",
        "name_en": "GDS",
        "name_zh": "万国数据",
        "country": "CN",
        "kind": OrganizationKind.PRIVATE,
        "website": "",
        "description": "Data-centre company behind the GDS Chongqing Data Center in Liangjiang New Area.",
        "sources": ("001",),
    },
    {
        "slug": "imda",
        "name_en": "Infocomm Media Development Authority of Singapore",
        "name_zh": "新加坡资讯通信媒体发展局",
        "country": "SG",
        "kind": OrganizationKind.GOVERNMENT,
        "website": "https://www.imda.gov.sg",
        "description": (
            "Singapore's authority for the digital economy and media; Liangjiang's counterpart for cooperation "
            "on the data channel and digital trade."
        ),
        "sources": ("002",),
    },
    {
        "slug": "singapore-airlines",
        "name_en": "Singapore Airlines",
        "name_zh": "新加坡航空",
        "country": "SG",
        "kind": OrganizationKind.PRIVATE,
        "website": "https://www.singaporeair.com",
        "description": "Singapore's flag carrier, named in the bonded aviation material distribution centre project.",
        "sources": ("004",),
    },
    {
        "slug": "chongqing-municipal-government",
        "name_en": "Chongqing Municipal People's Government",
        "name_zh": "重庆市人民政府",
        "country": "CN",
        "kind": OrganizationKind.GOVERNMENT,
        "website": "",
        "description": (
            "The city government of Chongqing. It co-released the 2021-25 CCI development plan with Singapore "
            "and sets yearly CCI priorities in its government work report."
        ),
        "sources": ("003", "004"),
    },
    {
        "slug": "government-of-singapore",
        "name_en": "Government of Singapore",
        "name_zh": "新加坡政府",
        "country": "SG",
        "kind": OrganizationKind.GOVERNMENT,
        "website": "",
        "description": "Singapore's government, Chongqing's partner in the CCI and co-author of the 2021-25 plan.",
        "sources": ("000", "003"),
    },
    {
        "slug": "cci-administrative-bureau",
        "name_en": "CCI Administrative Bureau",
        "name_zh": "中新(重庆)战略性互联互通示范项目管理局",
        "country": "CN",
        "kind": OrganizationKind.GOVERNMENT,
        "website": "",
        "description": (
            "The Chongqing bureau that administers the China-Singapore (Chongqing) Demonstration Initiative on "
            "Strategic Connectivity and coordinates its focus areas and schemes."
        ),
        "sources": ("004",),
    },
    {
        "slug": "chongqing-culture-tourism-commission",
        "name_en": "Chongqing Municipal Commission of Culture and Tourism Development",
        "name_zh": "重庆市文化和旅游发展委员会",
        "country": "CN",
        "kind": OrganizationKind.GOVERNMENT,
        "website": "",
        "description": "The city commission for culture and tourism, a host of the Singapore Week activities.",
        "sources": ("004",),
    },
    {
        "slug": "yuzhong-district-government",
        "name_en": "Yuzhong District People's Government",
        "name_zh": "渝中区人民政府",
        "country": "CN",
        "kind": OrganizationKind.GOVERNMENT,
        "website": "",
        "description": "Government of Yuzhong District, a co-organiser of the Singapore Week activities.",
        "sources": ("004",),
    },
    {
        "slug": "financial-service-alliance",
        "name_en": "Financial Service Alliance",
        "name_zh": "金融服务联盟",
        "country": "CN",
        "kind": OrganizationKind.ASSOCIATION,
        "website": "",
        "description": "One of the professional service alliances of the China-Singapore business cooperation scheme.",
        "sources": ("004",),
    },
    {
        "slug": "investment-trade-service-alliance",
        "name_en": "International Investment and Trade Service Alliance",
        "name_zh": "国际投资贸易服务联盟",
        "country": "CN",
        "kind": OrganizationKind.ASSOCIATION,
        "website": "",
        "description": "Service alliance for cross-border investment and trade under the business cooperation scheme.",
        "sources": ("004",),
    },
    {
        "slug": "engineering-design-consulting-alliance",
        "name_en": "Engineering Design Consulting Alliance",
        "name_zh": "工程设计咨询联盟",
        "country": "CN",
        "kind": OrganizationKind.ASSOCIATION,
        "website": "",
        "description": "Service alliance for engineering design and consulting under the business cooperation scheme.",
        "sources": ("004",),
    },
    {
        "slug": "intellectual-property-protection-alliance",
        "name_en": "Intellectual Property Protection Alliance",
        "name_zh": "知识产权保护联盟",
        "country": "CN",
        "kind": OrganizationKind.ASSOCIATION,
        "website": "",
        "description": "Service alliance for intellectual-property protection under the business cooperation scheme.",
        "sources": ("004",),
    },
)

# Created in this order, so a fresh database always gives the same public identifiers.
PROJECTS = (
    {
        "slug": "raffles-city-chongqing",
        "title_en": "Raffles City Chongqing",
        "title_zh": "重庆来福士",
        "summary": "CapitaLand's landmark complex in Chongqing, one of Singapore's largest investments in China.",
        "description": (
            "Raffles City Chongqing is counted among the biggest projects Singapore has invested in anywhere in "
            "China. CapitaLand Group put 24 billion yuan into it, which the source gives as about US$3.6 billion.\n\n"
            "The source shows the finished building; it states no signing or opening date."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "business",
        "zone": None,
        "district": None,
        "status": ProjectStatus.COMPLETION,
        "contract_amount": Decimal("24000000000"),
        "currency": Currency.CNY,
        "contract_amount_usd": Decimal("3600000000"),
        # The rate the source implies: US$3.6 billion for 24 billion yuan, on the page dated 2021-10-26.
        "usd_rate": Decimal("0.15"),
        "usd_rate_date": date(2021, 10, 26),
        "participants": (("capitaland-group", ParticipantRole.INVESTOR),),
        "milestones": (),
        "sources": ("003",),
    },
    {
        "slug": "overall-development-plan-2021-2025",
        "title_en": "China-Singapore (Chongqing) Connectivity Overall Development Plan 2021-2025",
        "title_zh": "中新(重庆)战略性互联互通示范项目总体发展规划(2021—2025年)",
        "summary": (
            "The five-year plan, released jointly by Chongqing and Singapore, that sets the CCI's platforms and "
            "priorities up to 2025."
        ),
        "description": (
            "The governments of Chongqing and Singapore published this plan together in 2021, at the start of the "
            "CCI's second five-year period. It sets up five platforms: regional cooperation and strategic "
            "services, modern connectivity and development, a modern service economy, policy innovation, and "
            "reform and opening-up.\n\n"
            "Its five priorities include open channels and demonstration projects, system innovation and a high "
            "quality of life. The goal for 2025 is a smooth flow of goods, investment, capital across borders, "
            "people and information, with Singapore helping Chongqing grow into western China's leading centre "
            "for regional connectivity and modern services."
        ),
        "focus_area": "transport-logistics",
        "other_focus_areas": ("financial-services", "ict"),
        "scheme": None,
        "zone": None,
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (
            ("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),
            ("government-of-singapore", ParticipantRole.ACCOUNTABLE),
        ),
        "milestones": ((date(2021, 1, 1), DatePrecision.YEAR, "Plan released by Chongqing and Singapore", "003"),),
        "sources": ("003",),
    },
    {
        "slug": "liangjiang-chongqing-airport-cooperation",
        "title_en": "Liangjiang New Area and Chongqing Airport strategic cooperation",
        "title_zh": "两江新区与重庆机场集团战略合作",
        "summary": (
            "A strategic agreement between Liangjiang and the airport group covering cold-chain trade, aircraft "
            "maintenance, a medical and pharmaceutical base and high-end ornaments."
        ),
        "description": (
            "Liangjiang New Area and Chongqing Airport signed a strategic cooperation agreement within the CCI "
            "framework; the source gives no signing date. The partners mean to pool industry, capital, technology "
            "and management know-how.\n\n"
            "Plans named in the agreement: attract cold-chain trading and logistics firms and make the area a "
            "bonded base for collecting and distributing cold-chain goods; bring Singaporean aircraft "
            "maintenance companies to use the airport's flights and airlines; create a base for medicine and "
            "pharmaceuticals in Liangjiang for imported medical products and service trade fairs; and build a "
            "high-end personal ornament processing industry, drawing on Singapore's jewellery brands and supply "
            "chain.\n\n"
            "The agreement has been signed and the work it describes is still to come, so the project is shown "
            "in preparation."
        ),
        "focus_area": "aviation",
        "other_focus_areas": ("transport-logistics",),
        "scheme": None,
        "zone": None,
        "district": "liangjiang-new-area",
        "status": ProjectStatus.PREPARATION,
        "participants": (
            ("liangjiang-new-area-administrative-committee", ParticipantRole.ACCOUNTABLE),
            ("chongqing-airport-group", ParticipantRole.IMPLEMENTING),
        ),
        "milestones": (),
        "sources": ("000",),
    },
    {
        "slug": "multimodal-distribution-connectivity-center",
        "title_en": "China-Singapore (Chongqing) Multimodal Distribution and Connectivity Center",
        "title_zh": "中新(重庆)多式联运分拨中心",
        "summary": (
            "A trade and logistics hub at Guoyuan Port linking rail, river and air routes between south-west "
            "China and ASEAN."
        ),
        "description": (
            "The centre opened for business at Guoyuan Port on 17 June; the source does not give the year. Its "
            "role is to be a trade and logistics hub between south-west China and the ASEAN countries.\n\n"
            "It brings Singapore's transport and logistics technology and management practice to Chongqing and "
            "ties together China Railway Express trains, the Yangtze Golden Waterway, Guoyuan Port and Jiangbei "
            "International Airport. The source reports it in operation, so the project is shown as in "
            "implementation."
        ),
        "focus_area": "transport-logistics",
        "other_focus_areas": (),
        "scheme": None,
        "zone": "guoyuan-port",
        "district": "liangjiang-new-area",
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("liangjiang-new-area-administrative-committee", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("001",),
    },
    {
        "slug": "nus-chongqing-research-institute",
        "title_en": "National University of Singapore (Chongqing) Research Institute",
        "title_zh": "新加坡国立大学(重庆)研究院",
        "summary": (
            "NUS's only operation centre in western China, founded with Liangjiang New Area in 2019 for research, "
            "incubation and training."
        ),
        "description": (
            "NUS and Liangjiang New Area set up the institute together in 2019. Its research covers advanced "
            "manufacturing and materials, intelligent sensing and AI, modern logistics, and finance and risk "
            "management; it also incubates high-tech companies and hosts training and academic exchange.\n\n"
            "Working with BLOCK71, the institute gives start-ups a full set of incubation services. Eight "
            "technology companies have joined since 2020, and two of them receive support from the "
            "Singapore-China (Chongqing) ICM Joint Innovation Development Fund (JIDF)."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "talent",
        "zone": None,
        "district": "liangjiang-new-area",
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (
            ("national-university-of-singapore", ParticipantRole.IMPLEMENTING),
            ("liangjiang-new-area-administrative-committee", ParticipantRole.ACCOUNTABLE),
            ("nus-chongqing-research-institute", ParticipantRole.OPERATOR),
            ("block71", ParticipantRole.IMPLEMENTING),
        ),
        "milestones": (
            (date(2019, 1, 1), DatePrecision.YEAR, "Institute founded by NUS and Liangjiang New Area", "001"),
            (date(2020, 1, 1), DatePrecision.YEAR, "First start-ups join the incubator", "001"),
        ),
        "sources": ("001",),
    },
    {
        "slug": "gds-chongqing-data-center",
        "title_en": "GDS Chongqing Data Center",
        "title_zh": "万国数据重庆数据中心",
        "summary": "A GDS data centre in Liangjiang New Area, one of the CCI projects that have landed there.",
        "description": (
            "Liangjiang New Area names the GDS Chongqing Data Center among the China-Singapore projects that have "
            "settled in the area. The source gives no date or amount."
        ),
        "focus_area": "ict",
        "other_focus_areas": (),
        "scheme": None,
        "zone": None,
        "district": "liangjiang-new-area",
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("gds", ParticipantRole.OPERATOR),),
        "milestones": (),
        "sources": ("001",),
    },
    {
        "slug": "international-data-channel",
        "title_en": "China-Singapore (Chongqing) International Data Channel",
        "title_zh": "中新(重庆)国际互联网数据专用通道",
        "summary": (
            "The dedicated data link between Chongqing and Singapore, open since 2019 and used by nearly 50 "
            "enterprises."
        ),
        "description": (
            "Since the channel opened in 2019, close to 50 companies have used it for work such as telemedicine, "
            "distance learning and smart tourism.\n\n"
            "Liangjiang New Area and Singapore's Infocomm Media Development Authority discussed in May how to "
            "take the cooperation further on the channel and on digital trade. Chongqing's 2022 government work "
            "report relies on the channel to promote cross-border digital trade and announces the fourth "
            "International Dedicated Connectivity (IDC) Forum."
        ),
        "focus_area": "ict",
        "other_focus_areas": (),
        "scheme": None,
        "zone": "international-data-channel",
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (
            ("liangjiang-new-area-administrative-committee", ParticipantRole.ACCOUNTABLE),
            ("imda", ParticipantRole.ACCOUNTABLE),
        ),
        "milestones": ((date(2019, 1, 1), DatePrecision.YEAR, "Channel opened", "002"),),
        "sources": ("002", "004"),
    },
    {
        "slug": "guoyuan-singapore-digital-bill-of-lading",
        "title_en": "Digital bill of lading between Guoyuan Port and Singapore Port",
        "title_zh": "果园港与新加坡港数字提单",
        "summary": "Paperless bills of lading for rail-sea freight between Guoyuan Port and the Port of Singapore.",
        "description": (
            "Liangjiang New Area is working with Singapore on a digital bill of lading to make the logistics "
            "paperwork faster and more accurate, part of a wider effort to streamline rail-sea transport between "
            "Guoyuan Port and Singapore Port.\n\n"
            "The source describes the system as being developed and prepared for use, so the project is shown "
            "in preparation."
        ),
        "focus_area": "transport-logistics",
        "other_focus_areas": ("ict",),
        "scheme": None,
        "zone": "guoyuan-port",
        "district": "liangjiang-new-area",
        "status": ProjectStatus.PREPARATION,
        "participants": (("liangjiang-new-area-administrative-committee", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("002",),
    },
    {
        "slug": "fintech-collaboration-demonstration-zone",
        "title_en": "China-Singapore Fintech Collaboration Demonstration Zone",
        "title_zh": "中新金融科技合作示范区",
        "summary": "Faster construction of the shared fintech zone, with green bonds and a channel for foreign banks.",
        "description": (
            "Chongqing's 2022 government work report asks for faster construction of the zone. Alongside it, "
            "the city will look into a fast track for international financial institutions setting up in "
            "Chongqing and will help companies from Chongqing and western China issue green bonds in Singapore.\n\n"
            "Because the report speaks of speeding up construction, the project is shown as in implementation."
        ),
        "focus_area": "financial-services",
        "other_focus_areas": (),
        "scheme": None,
        "zone": "fintech-collaboration-demonstration-zone",
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (
            ("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),
            ("cci-administrative-bureau", ParticipantRole.IMPLEMENTING),
        ),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "aviation-logistics-industry-demonstration-zone",
        "title_en": "China-Singapore (Chongqing) International Aviation Logistics Industry Demonstration Zone",
        "title_zh": "中新(重庆)国际航空物流产业示范区",
        "summary": "A demonstration zone for aviation logistics that Chongqing is to start planning.",
        "description": (
            "The 2022 government work report says plans for building this zone should now be drawn up, so the "
            "project is shown in preparation."
        ),
        "focus_area": "aviation",
        "other_focus_areas": ("transport-logistics",),
        "scheme": None,
        "zone": "aviation-logistics-industry-demonstration-zone",
        "district": None,
        "status": ProjectStatus.PREPARATION,
        "participants": (
            ("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),
            ("cci-administrative-bureau", ParticipantRole.IMPLEMENTING),
        ),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "singapore-airlines-bonded-aviation-material-distribution-center",
        "title_en": "Singapore Airlines (Chongqing) Bonded Aviation Material Distribution Center",
        "title_zh": "新加坡航空(重庆)保税航材分拨中心",
        "summary": "A bonded centre in Chongqing for distributing Singapore Airlines' aviation materials.",
        "description": (
            "The 2022 government work report says the centre must be put into practice and expects results "
            "during its pilot trials. The project is therefore shown as in implementation."
        ),
        "focus_area": "aviation",
        "other_focus_areas": (),
        "scheme": None,
        "zone": None,
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("singapore-airlines", ParticipantRole.IMPLEMENTING),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "multimodal-transportation-demonstration-base-phase-2",
        "title_en": "China-Singapore (Chongqing) Multimodal Transportation Demonstration Base, Phase II",
        "title_zh": "中新(重庆)多式联运示范基地二期",
        "summary": "The second phase of the multimodal transport demonstration base, to be pushed forward.",
        "description": (
            "Chongqing's 2022 government work report lists this second phase among the logistics projects the "
            "city will push forward. It does not say that construction has begun, so the project is shown in "
            "preparation."
        ),
        "focus_area": "transport-logistics",
        "other_focus_areas": (),
        "scheme": None,
        "zone": "multimodal-transportation-demonstration-base",
        "district": None,
        "status": ProjectStatus.PREPARATION,
        "participants": (("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "tongliang-cold-chain-logistics",
        "title_en": "China-Singapore (Chongqing) Tongliang Cold Chain Logistics",
        "title_zh": "中新(重庆)铜梁冷链物流项目",
        "summary": "A cold-chain logistics project in Tongliang District under the CCI logistics focus area.",
        "description": (
            "The 2022 government work report names this Tongliang project next to the multimodal base as one "
            "Chongqing will push forward. No start of construction is reported, so it is shown in preparation."
        ),
        "focus_area": "transport-logistics",
        "other_focus_areas": (),
        "scheme": None,
        "zone": None,
        "district": "tongliang",
        "status": ProjectStatus.PREPARATION,
        "participants": (("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "big-data-intelligent-industry-demonstration-park",
        "title_en": "China-Singapore (Chongqing) Big Data & Intelligent Industry Demonstration Park",
        "title_zh": "中新(重庆)大数据智能产业示范园区",
        "summary": "A joint park for big-data and intelligent industries whose construction is to be sped up.",
        "description": (
            "The 2022 government work report tells the city to build the park faster, so it is shown as in "
            "implementation."
        ),
        "focus_area": "ict",
        "other_focus_areas": (),
        "scheme": None,
        "zone": "big-data-intelligent-industry-demonstration-park",
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "information-communication-demonstration-base",
        "title_en": "China-Singapore (Chongqing) Information and Communication Demonstration Base",
        "title_zh": "中新(重庆)信息通信示范基地",
        "summary": "A demonstration base for information and communications, to be built faster from 2022.",
        "description": (
            "Listed with the big-data park in the 2022 government work report as a site whose construction is "
            "to be sped up; shown as in implementation."
        ),
        "focus_area": "ict",
        "other_focus_areas": (),
        "scheme": None,
        "zone": "information-communication-demonstration-base",
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "business-cooperation-service-alliances",
        "title_en": "China-Singapore Business Cooperation Scheme: professional service alliances",
        "title_zh": "中新商务合作计划:专业服务联盟",
        "summary": (
            "Four alliances for finance, investment and trade, engineering design and intellectual property that "
            "serve companies and parks in Chongqing and Singapore."
        ),
        "description": (
            "Under the business cooperation scheme, Chongqing relies on four professional service channels: the "
            "Financial Service Alliance, the International Investment and Trade Service Alliance, the "
            "Engineering Design Consulting Alliance and the Intellectual Property Protection Alliance. Together "
            "they offer high-level business services to companies and parks on both sides.\n\n"
            "The 2022 government work report says the scheme is to be implemented; shown as in implementation."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "business",
        "zone": None,
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (
            ("financial-service-alliance", ParticipantRole.IMPLEMENTING),
            ("investment-trade-service-alliance", ParticipantRole.IMPLEMENTING),
            ("engineering-design-consulting-alliance", ParticipantRole.IMPLEMENTING),
            ("intellectual-property-protection-alliance", ParticipantRole.IMPLEMENTING),
        ),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "international-agricultural-cooperation-demonstration-zone",
        "title_en": "China-Singapore (Chongqing) International Agricultural Cooperation Demonstration Zone",
        "title_zh": "中新(重庆)国际农业合作示范园区",
        "summary": "The agricultural scheme's demonstration zone, whose construction is to be accelerated.",
        "description": (
            "As part of the agricultural cooperation scheme, the 2022 government work report asks for faster "
            "construction of this zone, to help Chongqing's distinctive farm products find buyers in ASEAN. "
            "Shown as in implementation."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "agriculture",
        "zone": "international-agricultural-cooperation-demonstration-zone",
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "fb-suppliers-global-expansion-program",
        "title_en": "China-Singapore (Chongqing) F&B Suppliers Global Expansion Program",
        "title_zh": "中新(重庆)餐饮供应商全球拓展计划",
        "summary": "A programme that helps Chongqing food and beverage suppliers expand abroad through Singapore.",
        "description": (
            "The 2022 government work report says the programme is to be carried further under the agricultural "
            "cooperation scheme, so it is shown as in implementation."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "agriculture",
        "zone": None,
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "ten-hundred-thousand-talent-programme",
        "title_en": "Ten-Hundred-Thousand talent training and introduction programme",
        "title_zh": "“十百千”人才培养引进计划",
        "summary": (
            "Ten top-level talents and research teams, one hundred start-ups with their talent, and 1,000 "
            "professionals trained in modern services within five years."
        ),
        "description": (
            "The programme carries the talent training cooperation scheme. Its name counts its three targets: 10 "
            "high-level talents and research teams, 100 innovative and start-up companies with the people "
            "behind them, and 1,000 professionals in modern services trained within five years.\n\n"
            "With Singapore, Chongqing will also train people for the digital economy, start a youth exchange "
            "and internship programme and bring universities and vocational colleges of both sides closer. The "
            "2022 government work report says the scheme is to be implemented; shown as in implementation."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "talent",
        "zone": None,
        "district": None,
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("chongqing-municipal-government", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "singapore-week",
        "title_en": "Singapore Week activities",
        "title_zh": "“新加坡周”系列活动",
        "summary": "A series of Singapore Week events in Chongqing under the culture and tourism scheme.",
        "description": (
            "The city's culture and tourism commission, Yuzhong District and other bodies pool their efforts to "
            "host the Singapore Week series. The 2022 government work report says the culture and tourism "
            "scheme is to be implemented; shown as in implementation."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "culture-tourism",
        "zone": None,
        "district": "yuzhong",
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (
            ("chongqing-culture-tourism-commission", ParticipantRole.ACCOUNTABLE),
            ("yuzhong-district-government", ParticipantRole.IMPLEMENTING),
        ),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "wushan-international-tourism-destination",
        "title_en": "China-Singapore (Chongqing) international tourism destination in Wushan",
        "title_zh": "巫山中新(重庆)国际旅游目的地",
        "summary": "Help for Wushan County to use its tourism resources and grow into an international destination.",
        "description": (
            "Under the culture and tourism scheme, Chongqing will help Wushan, among other districts and "
            "counties, make the most of its tourism resources and develop a China-Singapore international "
            "tourism destination. The 2022 government work report says the scheme is to be implemented; shown "
            "as in implementation."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "culture-tourism",
        "zone": None,
        "district": "wushan",
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("chongqing-culture-tourism-commission", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
    {
        "slug": "wulong-international-tourism-destination",
        "title_en": "China-Singapore (Chongqing) international tourism destination in Wulong",
        "title_zh": "武隆中新(重庆)国际旅游目的地",
        "summary": "Help for Wulong District to use its tourism resources and grow into an international destination.",
        "description": (
            "Wulong is the second place the 2022 government work report names for a China-Singapore "
            "international tourism destination under the culture and tourism scheme. The report says the scheme "
            "is to be implemented; shown as in implementation."
        ),
        "focus_area": None,
        "other_focus_areas": (),
        "scheme": "culture-tourism",
        "zone": None,
        "district": "wulong",
        "status": ProjectStatus.IMPLEMENTATION,
        "participants": (("chongqing-culture-tourism-commission", ParticipantRole.ACCOUNTABLE),),
        "milestones": (),
        "sources": ("004",),
    },
)

# Keyed by label and source. ``counted_since`` holds a year the source states, stored as 1 January.
FIGURES = (
    {
        "label_en": "China-Singapore projects signed in Liangjiang since the CCI began in 2015",
        "label_zh": "自2015年中新互联互通项目启动以来两江新区签约的中新合作项目",
        "metric": FigureMetric.PROJECTS_SIGNED,
        "value": Decimal("44"),
        "unit": FigureUnit.COUNT,
        "qualifier": FigureQualifier.EXACT,
        "scope": FigureScope.LIANGJIANG,
        "share_percent": Decimal("24"),
        "share_scope": FigureScope.CHONGQING,
        "counted_since": date(2015, 1, 1),
        "as_of": None,
        "source": "001",
    },
    {
        "label_en": "Contract amount of the China-Singapore projects signed in Liangjiang since 2015",
        "label_zh": "2015年以来两江新区签约中新合作项目的合同金额",
        "metric": FigureMetric.CONTRACT_AMOUNT,
        "value": Decimal("10980000000"),
        "unit": FigureUnit.USD,
        "qualifier": FigureQualifier.EXACT,
        "scope": FigureScope.LIANGJIANG,
        "share_percent": Decimal("44"),
        "share_scope": FigureScope.CHONGQING,
        "counted_since": date(2015, 1, 1),
        "as_of": None,
        "source": "001",
    },
    {
        "label_en": "Projects Liangjiang has signed under the CCI framework",
        "label_zh": "两江新区在中新互联互通项目框架下签约的项目",
        "metric": FigureMetric.PROJECTS_SIGNED,
        "value": Decimal("45"),
        "unit": FigureUnit.COUNT,
        "qualifier": FigureQualifier.EXACT,
        "scope": FigureScope.LIANGJIANG,
        "share_percent": None,
        "share_scope": "",
        "counted_since": None,
        "as_of": None,
        "source": "002",
    },
    {
        "label_en": "Value of the 45 projects Liangjiang has signed under the CCI framework",
        "label_zh": "两江新区在中新互联互通项目框架下签约的45个项目的金额",
        "metric": FigureMetric.CONTRACT_AMOUNT,
        "value": Decimal("10980000000"),
        "unit": FigureUnit.USD,
        "qualifier": FigureQualifier.EXACT,
        "scope": FigureScope.LIANGJIANG,
        "share_percent": None,
        "share_scope": "",
        "counted_since": None,
        "as_of": None,
        "source": "002",
    },
    {
        "label_en": "Enterprises cooperating through the International Data Channel since it opened in 2019",
        "label_zh": "2019年国际互联网数据专用通道开通以来参与合作的企业",
        "metric": FigureMetric.ENTERPRISES,
        "value": Decimal("50"),
        "unit": FigureUnit.COUNT,
        "qualifier": FigureQualifier.NEARLY,
        "scope": FigureScope.PROGRAMME,
        "share_percent": None,
        "share_scope": "",
        "counted_since": date(2019, 1, 1),
        "as_of": None,
        "source": "002",
    },
    {
        "label_en": "Technology companies brought in by the NUS (Chongqing) Research Institute since 2020",
        "label_zh": "2020年以来新加坡国立大学(重庆)研究院引进的科技企业",
        "metric": FigureMetric.COMPANIES_INCUBATED,
        "value": Decimal("8"),
        "unit": FigureUnit.COUNT,
        "qualifier": FigureQualifier.EXACT,
        "scope": FigureScope.PROGRAMME,
        "share_percent": None,
        "share_scope": "",
        "counted_since": date(2020, 1, 1),
        "as_of": None,
        "source": "001",
    },
    {
        "label_en": "Target: modern-services professionals trained in five years (Ten-Hundred-Thousand programme)",
        "label_zh": "目标:五年内培训现代服务业专业人才(“十百千”计划)",
        "metric": FigureMetric.PEOPLE_TRAINED,
        "value": Decimal("1000"),
        "unit": FigureUnit.COUNT,
        "qualifier": FigureQualifier.EXACT,
        "scope": FigureScope.PROGRAMME,
        "share_percent": None,
        "share_scope": "",
        "counted_since": None,
        "as_of": None,
        "source": "004",
    },
    {
        "label_en": "CapitaLand Group's investment in Raffles City Chongqing",
        "label_zh": "凯德集团对重庆来福士的投资",
        "metric": FigureMetric.INVESTMENT,
        "value": Decimal("24000000000"),
        "unit": FigureUnit.CNY,
        "qualifier": FigureQualifier.EXACT,
        "scope": FigureScope.PROGRAMME,
        "share_percent": None,
        "share_scope": "",
        "counted_since": None,
        "as_of": date(2021, 10, 26),
        "source": "003",
    },
)


def _create(model: type[models.Model], *, exclude: tuple[str, ...] = (), **fields) -> models.Model:
    """Validate and save one new record, noting in its history that the demo loader made it."""
    instance = model(**fields)
    instance.full_clean(exclude=list(exclude))
    instance._change_reason = CHANGE_REASON  # read by django-simple-history on models that keep history
    instance.save()
    return instance


def _ensure_by_slug(model, row: dict, created: Counter, key: str, **fields):
    """The record with ``row["slug"]``: the existing one untouched, or a new one built from ``fields``."""
    existing = model.objects.filter(slug=row["slug"]).first()
    if existing is not None:
        return existing, False
    instance = _create(model, slug=row["slug"], **fields)
    created[key] += 1
    return instance, True


def _load_sources(created: Counter) -> dict[str, Source]:
    sources = {}
    for key, row in SOURCES.items():
        source = Source.objects.filter(title=row["title"], publisher=row["publisher"]).first()
        if source is None:
            source = _create(Source, **row)
            created["sources"] += 1
        sources[key] = source
    return sources


def _load_districts(created: Counter, sources: dict[str, Source]) -> dict[str, District]:
    districts = {}
    for row in DISTRICTS:
        district, is_new = _ensure_by_slug(
            District,
            row,
            created,
            "districts",
            name_en=row["name_en"],
            name_zh=row["name_zh"],
            latitude=row["latitude"],
            longitude=row["longitude"],
        )
        if is_new:
            district.sources.set([sources[key] for key in row["sources"]])
        districts[row["slug"]] = district
    return districts


def _load_zones(created, sources, districts, focus_areas) -> dict[str, Zone]:
    zones = {}
    for row in ZONES:
        zone, is_new = _ensure_by_slug(
            Zone,
            row,
            created,
            "zones",
            name_en=row["name_en"],
            name_zh=row["name_zh"],
            kind=row["kind"],
            focus_area=focus_areas.get(row["focus_area"]),
            district=districts.get(row["district"]),
            description=row["description"],
            is_published=True,
        )
        if is_new:
            zone.sources.set([sources[key] for key in row["sources"]])
        zones[row["slug"]] = zone
    return zones


def _load_organizations(created, sources) -> dict[str, Organization]:
    organizations = {}
    for row in ORGANIZATIONS:
        organization, is_new = _ensure_by_slug(
            Organization,
            row,
            created,
            "organizations",
            name_en=row["name_en"],
            name_zh=row["name_zh"],
            country=row["country"],
            kind=row["kind"],
            website=row["website"],
            description=row["description"],
            is_published=True,
        )
        if is_new:
            organization.sources.set([sources[key] for key in row["sources"]])
        organizations[row["slug"]] = organization
    return organizations


DEMO_ENTRY_YEAR = 2026


def _load_projects(created, sources, districts, zones, organizations, focus_areas, schemes) -> None:
    amount_fields = ("contract_amount", "currency", "contract_amount_usd", "usd_rate", "usd_rate_date")
    for row in PROJECTS:
        if Project.objects.filter(slug=row["slug"]).exists():
            continue
        project = _create(
            Project,
            # No source states a signing date, so the identifier carries the year these records
            # entered the registry: the same identifiers whatever year the demo is loaded.
            public_id=next_public_id(DEMO_ENTRY_YEAR),
            slug=row["slug"],
            title_en=row["title_en"],
            title_zh=row["title_zh"],
            summary=row["summary"],
            description=row["description"],
            focus_area=focus_areas.get(row["focus_area"]),
            scheme=schemes.get(row["scheme"]),
            zone=zones.get(row["zone"]),
            district=districts.get(row["district"]),
            status=row["status"],
            is_published=True,
            **{field: row[field] for field in amount_fields if field in row},
        )
        created["projects"] += 1
        project.other_focus_areas.set([focus_areas[code] for code in row["other_focus_areas"]])
        project.sources.set([sources[key] for key in row["sources"]])
        for position, (slug, role) in enumerate(row["participants"]):
            ProjectParticipant.objects.create(
                project=project, organization=organizations[slug], role=role, position=position
            )
            created["participants"] += 1
        for when, precision, title_en, source_key in row["milestones"]:
            Milestone.objects.create(
                project=project, date=when, date_precision=precision, title_en=title_en, source=sources[source_key]
            )
            created["milestones"] += 1


def _load_figures(created, sources) -> None:
    for row in FIGURES:
        source = sources[row["source"]]
        if ReportedFigure.objects.filter(label_en=row["label_en"], source=source).exists():
            continue
        _create(ReportedFigure, **{**row, "source": source, "is_published": True})
        created["figures"] += 1


def _vocabulary(model, codes: set[str | None]) -> dict[str, models.Model]:
    """The focus areas or schemes the demo needs, by code; they come from a data migration and are never created."""
    codes = codes - {None}
    found = {record.code: record for record in model.objects.filter(code__in=codes)}
    if missing := codes - found.keys():
        raise LookupError(
            f"{model._meta.verbose_name_plural} missing (run migrate first): {', '.join(sorted(missing))}"
        )
    return found


def load_registry_demo() -> dict[str, int]:
    """Create the registry's demo records that do not exist yet; return how many of each were created.

    Call inside a transaction. Focus areas and schemes come from the data migration and are only looked up.
    """
    created = Counter(
        dict.fromkeys(
            ("sources", "districts", "zones", "organizations", "projects", "participants", "milestones", "figures"),
            0,
        )
    )
    focus_areas = _vocabulary(
        FocusArea,
        {row["focus_area"] for row in (*ZONES, *PROJECTS)}
        | {code for row in PROJECTS for code in row["other_focus_areas"]},
    )
    schemes = _vocabulary(Scheme, {row["scheme"] for row in PROJECTS})
    sources = _load_sources(created)
    districts = _load_districts(created, sources)
    zones = _load_zones(created, sources, districts, focus_areas)
    organizations = _load_organizations(created, sources)
    _load_projects(created, sources, districts, zones, organizations, focus_areas, schemes)
    _load_figures(created, sources)
    return dict(created)
