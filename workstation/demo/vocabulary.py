"""Word pools the demo data is built from: names, company name parts, fault texts.

Kept as plain constants so generation only indexes lists: at a million
customers any per-row work beyond that shows in the load time.
"""

from __future__ import annotations

# Common Chinese surnames with their reading as a surname (单 is "shan" and
# 曾 "zeng" as surnames, which a general-purpose converter may get wrong) and a
# rough relative frequency.
SURNAMES: tuple[tuple[str, str, int], ...] = (
    ("王", "wang", 72),
    ("李", "li", 71),
    ("张", "zhang", 68),
    ("刘", "liu", 55),
    ("陈", "chen", 45),
    ("杨", "yang", 33),
    ("黄", "huang", 25),
    ("赵", "zhao", 23),
    ("吴", "wu", 21),
    ("周", "zhou", 21),
    ("徐", "xu", 15),
    ("孙", "sun", 15),
    ("马", "ma", 14),
    ("朱", "zhu", 13),
    ("胡", "hu", 12),
    ("郭", "guo", 12),
    ("何", "he", 10),
    ("高", "gao", 10),
    ("林", "lin", 10),
    ("罗", "luo", 9),
    ("郑", "zheng", 9),
    ("梁", "liang", 8),
    ("谢", "xie", 7),
    ("宋", "song", 7),
    ("唐", "tang", 7),
    ("许", "xu", 6),
    ("韩", "han", 6),
    ("冯", "feng", 6),
    ("邓", "deng", 6),
    ("曹", "cao", 6),
    ("彭", "peng", 6),
    ("曾", "zeng", 5),
    ("肖", "xiao", 5),
    ("田", "tian", 5),
    ("董", "dong", 5),
    ("袁", "yuan", 5),
    ("潘", "pan", 4),
    ("于", "yu", 4),
    ("蒋", "jiang", 4),
    ("蔡", "cai", 4),
    ("余", "yu", 4),
    ("杜", "du", 4),
    ("叶", "ye", 4),
    ("程", "cheng", 4),
    ("苏", "su", 4),
    ("魏", "wei", 4),
    ("吕", "lv", 4),
    ("丁", "ding", 4),
    ("任", "ren", 4),
    ("沈", "shen", 4),
    ("姚", "yao", 3),
    ("卢", "lu", 3),
    ("姜", "jiang", 3),
    ("崔", "cui", 3),
    ("钟", "zhong", 3),
    ("谭", "tan", 3),
    ("陆", "lu", 3),
    ("汪", "wang", 3),
    ("范", "fan", 3),
    ("金", "jin", 3),
    ("石", "shi", 3),
    ("廖", "liao", 3),
    ("贾", "jia", 3),
    ("夏", "xia", 3),
    ("韦", "wei", 2),
    ("付", "fu", 2),
    ("方", "fang", 2),
    ("白", "bai", 2),
    ("邹", "zou", 2),
    ("孟", "meng", 2),
    ("熊", "xiong", 2),
    ("秦", "qin", 2),
    ("邱", "qiu", 2),
    ("江", "jiang", 2),
    ("尹", "yin", 2),
    ("薛", "xue", 2),
    ("闫", "yan", 2),
    ("段", "duan", 2),
    ("雷", "lei", 2),
    ("侯", "hou", 2),
    ("龙", "long", 2),
    ("史", "shi", 2),
    ("陶", "tao", 2),
    ("黎", "li", 2),
    ("贺", "he", 2),
    ("顾", "gu", 2),
    ("毛", "mao", 2),
    ("郝", "hao", 2),
    ("龚", "gong", 1),
    ("邵", "shao", 1),
    ("万", "wan", 1),
    ("钱", "qian", 1),
    ("严", "yan", 1),
    ("覃", "qin", 1),
    ("武", "wu", 1),
    ("戴", "dai", 1),
    ("莫", "mo", 1),
    ("孔", "kong", 1),
    ("向", "xiang", 1),
    ("汤", "tang", 1),
    ("单", "shan", 1),
    ("欧阳", "ouyang", 1),
    ("司马", "sima", 1),
    ("上官", "shangguan", 1),
)

# Characters of given names, none of them read two ways inside a name.
GIVEN_NAME_CHARS = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红建国志宇浩鹏辉斌俊峰婷雪琳晨"
    "欣怡佳慧颖梅春海亮飞宁文博思雨轩子涵睿嘉晓东成林凯晶倩璐丹鑫洁薇昊瑶诗欢岩松波健"
    "毅新德江泽瑞琪蕾莉悦航彬旭坤阳振宏荣庆云帆楠璇"
)

ENGLISH_FIRST_NAMES = (
    "James",
    "Oliver",
    "William",
    "Thomas",
    "George",
    "Henry",
    "Jack",
    "Daniel",
    "Michael",
    "David",
    "Andrew",
    "Peter",
    "Richard",
    "Robert",
    "Mark",
    "Paul",
    "Emma",
    "Olivia",
    "Sophie",
    "Charlotte",
    "Emily",
    "Grace",
    "Hannah",
    "Lucy",
    "Sarah",
    "Laura",
    "Rachel",
    "Anna",
    "Julia",
    "Claire",
    "Helen",
    "Rebecca",
    "Wei Ming",
    "Jia Hui",
    "Kumar",
    "Priya",
    "Ahmad",
    "Siti",
    "Lukas",
    "Anja",
    "Felix",
    "Leon",
    "Marie",
    "Lena",
    "Ryan",
    "Kevin",
    "Jason",
    "Vincent",
)
ENGLISH_SURNAMES = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Tan",
    "Lim",
    "Lee",
    "Ng",
    "Wong",
    "Chan",
    "Goh",
    "Ong",
    "Koh",
    "Teo",
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Patel",
    "Singh",
    "Nair",
    "Rahman",
    "Hughes",
    "Edwards",
)

# Product kinds as codes of resources/reference/catalog.json, with weights.
KindWeights = tuple[tuple[str, int], ...]

# (zh, en, kinds the business typically owns). The English word is used for
# international companies of the same line of business.
INDUSTRIES: tuple[tuple[str, str, KindWeights], ...] = (
    (
        "电子",
        "Electronics",
        (("laser_printer", 4), ("network_switch", 2), ("ups", 2), ("server", 2)),
    ),
    (
        "科技",
        "Technologies",
        (("server", 4), ("storage_array", 2), ("network_switch", 3), ("laser_printer", 3)),
    ),
    (
        "信息技术",
        "IT Services",
        (("server", 5), ("storage_array", 3), ("network_switch", 4), ("ups", 2)),
    ),
    ("网络科技", "Networks", (("network_switch", 6), ("server", 3), ("ups", 1))),
    (
        "数据科技",
        "Data Systems",
        (("server", 5), ("storage_array", 5), ("network_switch", 2), ("ups", 3)),
    ),
    ("医疗器械", "Medical", (("patient_monitor", 8), ("ups", 2), ("laser_printer", 2))),
    ("贸易", "Trading", (("pos_terminal", 4), ("laser_printer", 4), ("projector", 1))),
    ("商贸", "Commerce", (("pos_terminal", 5), ("laser_printer", 3))),
    (
        "连锁超市",
        "Supermarkets",
        (("pos_terminal", 9), ("network_switch", 1), ("laser_printer", 1)),
    ),
    ("餐饮管理", "Catering", (("pos_terminal", 8), ("laser_printer", 1))),
    ("物流", "Logistics", (("laser_printer", 4), ("pos_terminal", 3), ("server", 2), ("ups", 1))),
    (
        "机械制造",
        "Engineering",
        (("laser_printer", 4), ("ups", 3), ("server", 2), ("projector", 1)),
    ),
    ("教育科技", "Education", (("projector", 7), ("laser_printer", 3), ("server", 1))),
    ("文化传媒", "Media", (("projector", 5), ("laser_printer", 3), ("storage_array", 2))),
    ("酒店管理", "Hospitality", (("pos_terminal", 5), ("projector", 3), ("laser_printer", 2))),
    (
        "金融服务",
        "Financial Services",
        (("server", 4), ("storage_array", 3), ("ups", 3), ("laser_printer", 3)),
    ),
    ("实业", "Holdings", (("laser_printer", 5), ("ups", 2), ("projector", 2))),
    ("药业", "Pharma", (("laser_printer", 4), ("server", 2), ("ups", 2), ("patient_monitor", 1))),
    ("建设工程", "Construction", (("laser_printer", 5), ("projector", 3), ("ups", 1))),
)
HOSPITAL_KINDS: KindWeights = (
    ("patient_monitor", 10),
    ("laser_printer", 3),
    ("server", 2),
    ("ups", 2),
    ("storage_array", 1),
)
PERSON_KINDS: KindWeights = (
    ("laser_printer", 4),
    ("pos_terminal", 4),
    ("projector", 2),
    ("ups", 1),
)

# Two-character trade names (字号) are made of two of these.
TRADE_NAME_CHARS = (
    "华信恒瑞达通泰安盛丰源宏兴隆鑫嘉和康利德新天宇博远中联创金科美凯众诚裕鼎汇晟辰海"
)
COMPANY_SUFFIXES: tuple[tuple[str, int], ...] = (
    ("有限公司", 60),
    ("股份有限公司", 20),
    ("集团有限公司", 8),
    ("有限责任公司", 12),
)
HOSPITAL_ORDINALS = "一二三四五六七八九"

ENGLISH_TRADE_NAMES = (
    "Northwind",
    "Bluewater",
    "Harbour",
    "Summit",
    "Pinnacle",
    "Crescent",
    "Redwood",
    "Silverline",
    "Oakridge",
    "Meridian",
    "Apex",
    "Evergreen",
    "Brightstar",
    "Kingsway",
    "Clearwater",
    "Highland",
    "Riverside",
    "Sterling",
    "Falcon",
    "Orchid",
    "Merlion",
    "Lionsgate",
    "Victoria",
    "Pacific",
    "Atlas",
    "Beacon",
    "Cobalt",
    "Horizon",
    "Keystone",
    "Lighthouse",
    "Marina",
    "Nova",
    "Quayside",
    "Rosewood",
    "Sapphire",
    "Thames",
    "Westfield",
)

ROADS_ZH = (
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "和平路",
    "新华路",
    "长江路",
    "黄河路",
    "科技路",
    "创业路",
    "高新路",
    "滨江大道",
    "世纪大道",
    "工业园路",
    "文化路",
    "青年路",
    "胜利路",
    "学府路",
    "金融街",
    "光明路",
    "迎宾大道",
    "朝阳路",
    "东风路",
    "南京路",
    "北京路",
)
BUILDINGS_ZH = ("国际大厦", "科技园", "商务中心", "金融中心", "广场", "创业园", "大厦")
STREETS_EN = (
    "Harbour Road",
    "Queen Street",
    "King's Road",
    "Orchard Road",
    "Victoria Street",
    "Station Road",
    "High Street",
    "Church Lane",
    "Market Street",
    "Park Avenue",
    "Bridge Street",
    "Mill Lane",
    "Hauptstraße",
    "Bahnhofstraße",
    "Nathan Road",
)

SITE_NAMES_ZH = ("总部", "分公司", "工厂", "数据中心", "仓库", "门店", "研发中心", "办公室")
SITE_NAMES_EN = ("Head office", "Branch office", "Plant", "Data centre", "Warehouse", "Shop")

EMAIL_PROVIDERS_CN = ("qq.com", "163.com", "126.com", "foxmail.com", "sina.com", "139.com")
EMAIL_PROVIDERS_INTL = ("gmail.com", "outlook.com", "yahoo.com", "icloud.com")

# Free-text additions to a symptom, as agents type them.
DETAILS_ZH = (
    "今天上午开始出现。",
    "昨天下班前还正常，今天开机后出现。",
    "间歇性出现，重启后可暂时恢复。",
    "断电重启后问题依旧。",
    "影响正常营业，请尽快安排。",
    "客户已按手册检查过电源和线缆。",
    "同一问题上月出现过。",
    "多台设备同时出现类似情况。",
)
DETAILS_EN = (
    "Started this morning.",
    "Worked fine yesterday, fault seen after power-on today.",
    "Intermittent; a restart helps for a while.",
    "Still faulty after a power cycle.",
    "Business is affected, please send someone soon.",
    "Customer has checked power and cables as in the manual.",
    "Same problem occurred last month.",
    "Several devices show the same behaviour.",
)

EXTERNAL_FACTORS = ("power_cut", "environment_change", "opened_by_customer", "moved", "lightning")

# Parts an engineer replaces, per product kind: (zh, en).
PARTS: dict[str, tuple[tuple[str, str], ...]] = {
    "laser_printer": (
        ("定影组件", "fuser unit"),
        ("搓纸轮", "pickup roller"),
        ("硒鼓", "drum unit"),
        ("主板", "formatter board"),
    ),
    "server": (
        ("硬盘", "hard disk"),
        ("内存条", "memory module"),
        ("电源模块", "power supply unit"),
        ("风扇", "fan"),
        ("主板", "system board"),
    ),
    "ups": (
        ("电池组", "battery pack"),
        ("逆变模块", "inverter module"),
        ("风扇", "fan"),
        ("控制板", "control board"),
    ),
    "network_switch": (
        ("电源模块", "power supply unit"),
        ("风扇模块", "fan module"),
        ("光模块", "SFP module"),
        ("主控板", "supervisor board"),
    ),
    "pos_terminal": (
        ("读卡模块", "card reader module"),
        ("屏幕总成", "display assembly"),
        ("打印头", "print head"),
        ("电池", "battery"),
    ),
    "patient_monitor": (
        ("血氧探头", "SpO2 sensor"),
        ("血压气泵", "NIBP pump"),
        ("导联线", "ECG lead set"),
        ("电池", "battery"),
    ),
    "storage_array": (
        ("硬盘", "disk drive"),
        ("控制器", "controller"),
        ("电源模块", "power supply unit"),
        ("风扇", "fan"),
    ),
    "projector": (
        ("灯泡", "lamp"),
        ("色轮", "colour wheel"),
        ("风扇", "fan"),
        ("主板", "main board"),
    ),
}

# How tickets end: (resolution_type, weight, [(root cause zh, en)], solution zh, en).
# "{part}" in a text is filled with a part of the device's kind.
RESOLUTIONS: tuple[tuple[str, int, tuple[tuple[str, str], ...], str, str], ...] = (
    (
        "remote_fix",
        22,
        (
            ("用户操作不当", "Incorrect operation"),
            ("配置错误", "Wrong configuration"),
            ("固件版本过旧", "Outdated firmware"),
            ("网络设置被更改", "Network settings changed"),
        ),
        "远程指导客户调整设置并升级固件，测试正常。",
        "Guided the customer remotely to correct the settings and update the firmware; tested OK.",
    ),
    (
        "onsite_repair",
        30,
        (
            ("接触不良", "Loose connection"),
            ("灰尘堆积导致散热不良", "Dust build-up blocked cooling"),
            ("部件老化", "Worn part"),
            ("受潮", "Moisture ingress"),
        ),
        "上门清洁、紧固连接并校准，测试正常。",
        "On-site cleaning, connections re-seated and calibrated; tested OK.",
    ),
    (
        "part_replaced",
        33,
        (("{part}损坏", "Faulty {part}"), ("{part}老化", "{part} at end of life")),
        "更换{part}后测试正常。",
        "Replaced the {part}; tested OK.",
    ),
    (
        "device_replaced",
        4,
        (("主要部件损坏，无维修价值", "Main components failed, beyond economic repair"),),
        "按保修条款更换整机。",
        "Replaced the unit under warranty.",
    ),
    (
        "no_fault_found",
        7,
        (("现场未能复现故障", "Fault could not be reproduced"),),
        "检查运行正常，已告知客户观察。",
        "Checked and found working; customer asked to monitor.",
    ),
    (
        "customer_side",
        4,
        (
            ("外部供电异常", "External power problem"),
            ("客户网络故障", "Fault in the customer's network"),
        ),
        "问题在客户侧，已给出整改建议。",
        "Cause on the customer's side; advised the customer how to fix it.",
    ),
)
# What "resolved on the first call" tickets record.
FIRST_CALL_ROOT_CAUSES = (
    ("用户操作不当", "Incorrect operation"),
    ("设置错误", "Wrong setting"),
    ("耗材安装不到位", "Consumable not seated"),
)
FIRST_CALL_SOLUTION = (
    "电话指导客户操作后恢复正常。",
    "Talked the caller through the fix; working again.",
)

FOLLOW_UP_NOTES = (
    "回访：客户满意 5/5",
    "回访：客户满意 4/5",
    "回访：客户基本满意 3/5",
    "回访：未接通",
    "Follow-up: customer satisfied 5/5",
)
INFO_CALL_NOTES = (
    "咨询保修期",
    "咨询耗材购买",
    "咨询工程师上门时间",
    "询问维修进度",
    "咨询设备使用方法",
    "Asked about warranty terms",
)
