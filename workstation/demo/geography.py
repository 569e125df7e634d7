"""Where demo customers are: cities with their region, coordinates and phone numbering.

Phone number blocks are ones `phonenumbers` accepts as valid (the demo
tests check a sample), so caller lookup and number normalisation are
exercised with realistic numbers rather than random digits.
"""

from __future__ import annotations

from dataclasses import dataclass

# Share of international (English-speaking) customers.
INTERNATIONAL_SHARE = 0.15


@dataclass(frozen=True)
class PhonePlan:
    """How one country's numbers look: valid mobile blocks and how people write them.

    Numbers are built as national significant numbers (NSN); `trunk` is the
    prefix dialled before an NSN inside the country (China: "0", but mobiles
    are dialled without it).
    """

    country: str
    country_code: str
    trunk: str
    mobile_trunk: str
    mobile_blocks: tuple[str, ...]
    mobile_length: int
    mobile_groups: tuple[int, ...]


CN = PhonePlan(
    country="CN",
    country_code="86",
    trunk="0",
    mobile_trunk="",
    mobile_blocks=tuple(
        str(p)
        for p in (
            *range(130, 140),
            150,
            151,
            152,
            153,
            155,
            156,
            157,
            158,
            159,
            166,
            173,
            175,
            176,
            177,
            178,
            *range(180, 190),
            191,
            193,
            195,
            196,
            197,
            198,
            199,
        )
    ),
    mobile_length=11,
    mobile_groups=(3, 4, 4),
)
SG = PhonePlan(
    "SG", "65", "", "", tuple(f"{p}" for p in (*range(81, 90), *range(90, 99))), 8, (4, 4)
)
HK = PhonePlan("HK", "852", "", "", ("61", "63", "64", "65", "69", "94", "96", "97"), 8, (4, 4))
GB = PhonePlan(
    "GB",
    "44",
    "0",
    "0",
    ("771", "772", "773", "774", "775", "776", "777", "790", "792", "794", "795", "796", "797"),
    10,
    (4, 6),
)
DE = PhonePlan("DE", "49", "0", "0", ("151", "170", "171", "172", "173", "174", "176"), 11, (3, 8))

PHONE_PLANS = {plan.country: plan for plan in (CN, SG, HK, GB, DE)}


@dataclass(frozen=True)
class City:
    """A city customers are in; `area_code` is the NSN area code ("10" for Beijing)."""

    name_zh: str
    name_en: str
    region: str
    country: str
    latitude: float
    longitude: float
    weight: int
    area_code: str
    local_digits: int
    local_prefixes: tuple[str, ...]
    districts: tuple[str, ...] = ()

    @property
    def international(self) -> bool:
        return self.country != "CN"


_CN_LOCAL = ("2", "3", "5", "6", "7")


def _cn(
    zh: str,
    en: str,
    region: str,
    lat: float,
    lon: float,
    weight: int,
    area: str,
    digits: int,
    districts: tuple[str, ...] = (),
) -> City:
    return City(zh, en, region, "CN", lat, lon, weight, area, digits, _CN_LOCAL, districts)


CITIES: tuple[City, ...] = (
    # 华东
    _cn(
        "上海",
        "Shanghai",
        "EAST",
        31.2304,
        121.4737,
        100,
        "21",
        8,
        ("浦东新区", "徐汇区", "静安区", "闵行区", "黄浦区", "长宁区"),
    ),
    _cn(
        "杭州",
        "Hangzhou",
        "EAST",
        30.2741,
        120.1551,
        45,
        "571",
        8,
        ("西湖区", "滨江区", "拱墅区", "余杭区"),
    ),
    _cn(
        "南京",
        "Nanjing",
        "EAST",
        32.0603,
        118.7969,
        40,
        "25",
        8,
        ("鼓楼区", "玄武区", "建邺区", "江宁区"),
    ),
    _cn(
        "苏州",
        "Suzhou",
        "EAST",
        31.2989,
        120.5853,
        40,
        "512",
        8,
        ("姑苏区", "工业园区", "吴中区", "昆山市"),
    ),
    _cn("宁波", "Ningbo", "EAST", 29.8683, 121.5440, 22, "574", 8, ("海曙区", "鄞州区", "北仑区")),
    _cn("合肥", "Hefei", "EAST", 31.8206, 117.2272, 18, "551", 8, ("蜀山区", "包河区", "庐阳区")),
    _cn("济南", "Jinan", "EAST", 36.6512, 117.1201, 18, "531", 8, ("历下区", "市中区", "槐荫区")),
    _cn("青岛", "Qingdao", "EAST", 36.0671, 120.3826, 20, "532", 8, ("市南区", "崂山区", "黄岛区")),
    _cn("福州", "Fuzhou", "EAST", 26.0745, 119.2965, 14, "591", 8, ("鼓楼区", "台江区", "仓山区")),
    _cn("厦门", "Xiamen", "EAST", 24.4798, 118.0894, 14, "592", 7, ("思明区", "湖里区", "集美区")),
    _cn("湖州", "Huzhou", "EAST", 30.8943, 120.0868, 5, "572", 7, ("吴兴区", "南浔区")),
    _cn("芜湖", "Wuhu", "EAST", 31.3526, 118.4331, 5, "553", 7, ("镜湖区", "弋江区")),
    # 华北
    _cn(
        "北京",
        "Beijing",
        "NORTH",
        39.9042,
        116.4074,
        100,
        "10",
        8,
        ("朝阳区", "海淀区", "东城区", "西城区", "丰台区", "大兴区"),
    ),
    _cn(
        "天津",
        "Tianjin",
        "NORTH",
        39.3434,
        117.3616,
        30,
        "22",
        8,
        ("和平区", "河西区", "南开区", "滨海新区"),
    ),
    _cn(
        "石家庄",
        "Shijiazhuang",
        "NORTH",
        38.0428,
        114.5149,
        12,
        "311",
        8,
        ("长安区", "桥西区", "裕华区"),
    ),
    _cn(
        "太原", "Taiyuan", "NORTH", 37.8706, 112.5489, 9, "351", 7, ("小店区", "迎泽区", "杏花岭区")
    ),
    _cn("呼和浩特", "Hohhot", "NORTH", 40.8414, 111.7519, 5, "471", 7, ("新城区", "赛罕区")),
    # 华南
    _cn(
        "广州",
        "Guangzhou",
        "SOUTH",
        23.1291,
        113.2644,
        70,
        "20",
        8,
        ("天河区", "越秀区", "海珠区", "白云区", "番禺区"),
    ),
    _cn(
        "深圳",
        "Shenzhen",
        "SOUTH",
        22.5431,
        114.0579,
        75,
        "755",
        8,
        ("南山区", "福田区", "罗湖区", "宝安区", "龙岗区"),
    ),
    _cn(
        "东莞",
        "Dongguan",
        "SOUTH",
        23.0207,
        113.7518,
        20,
        "769",
        8,
        ("南城街道", "东城街道", "长安镇"),
    ),
    _cn("佛山", "Foshan", "SOUTH", 23.0215, 113.1214, 18, "757", 8, ("禅城区", "南海区", "顺德区")),
    _cn("海口", "Haikou", "SOUTH", 20.0440, 110.1999, 5, "898", 8, ("龙华区", "美兰区")),
    _cn(
        "南宁", "Nanning", "SOUTH", 22.8170, 108.3665, 8, "771", 7, ("青秀区", "兴宁区", "西乡塘区")
    ),
    # 华中
    _cn(
        "武汉",
        "Wuhan",
        "CENTRAL",
        30.5928,
        114.3055,
        45,
        "27",
        8,
        ("江汉区", "武昌区", "洪山区", "东湖高新区"),
    ),
    _cn(
        "长沙",
        "Changsha",
        "CENTRAL",
        28.2282,
        112.9388,
        25,
        "731",
        8,
        ("岳麓区", "芙蓉区", "天心区"),
    ),
    _cn(
        "郑州",
        "Zhengzhou",
        "CENTRAL",
        34.7466,
        113.6254,
        25,
        "371",
        8,
        ("金水区", "二七区", "郑东新区"),
    ),
    _cn(
        "南昌",
        "Nanchang",
        "CENTRAL",
        28.6820,
        115.8579,
        12,
        "791",
        8,
        ("东湖区", "红谷滩区", "青山湖区"),
    ),
    _cn("宜昌", "Yichang", "CENTRAL", 30.6919, 111.2865, 5, "717", 7, ("西陵区", "伍家岗区")),
    _cn("襄阳", "Xiangyang", "CENTRAL", 32.0090, 112.1226, 5, "710", 7, ("襄城区", "樊城区")),
    # 西南
    _cn(
        "成都",
        "Chengdu",
        "SOUTHWEST",
        30.5728,
        104.0668,
        50,
        "28",
        8,
        ("武侯区", "锦江区", "高新区", "青羊区", "成华区"),
    ),
    _cn(
        "重庆",
        "Chongqing",
        "SOUTHWEST",
        29.5630,
        106.5516,
        40,
        "23",
        8,
        ("渝中区", "江北区", "渝北区", "沙坪坝区"),
    ),
    _cn(
        "昆明",
        "Kunming",
        "SOUTHWEST",
        25.0389,
        102.7183,
        14,
        "871",
        8,
        ("五华区", "盘龙区", "官渡区"),
    ),
    _cn(
        "贵阳",
        "Guiyang",
        "SOUTHWEST",
        26.6470,
        106.6302,
        10,
        "851",
        8,
        ("南明区", "云岩区", "观山湖区"),
    ),
    _cn("绵阳", "Mianyang", "SOUTHWEST", 31.4675, 104.6796, 5, "816", 7, ("涪城区", "游仙区")),
    _cn("乐山", "Leshan", "SOUTHWEST", 29.5521, 103.7656, 3, "833", 7, ("市中区", "五通桥区")),
    # 西北
    _cn(
        "西安",
        "Xi'an",
        "NORTHWEST",
        34.3416,
        108.9398,
        30,
        "29",
        8,
        ("雁塔区", "碑林区", "未央区", "高新区"),
    ),
    _cn(
        "兰州",
        "Lanzhou",
        "NORTHWEST",
        36.0611,
        103.8343,
        8,
        "931",
        7,
        ("城关区", "七里河区", "安宁区"),
    ),
    _cn("乌鲁木齐", "Urumqi", "NORTHWEST", 43.8256, 87.6168, 6, "991", 7, ("天山区", "沙依巴克区")),
    _cn("银川", "Yinchuan", "NORTHWEST", 38.4872, 106.2309, 4, "951", 7, ("兴庆区", "金凤区")),
    _cn("西宁", "Xining", "NORTHWEST", 36.6171, 101.7782, 3, "971", 7, ("城东区", "城西区")),
    # 东北
    _cn(
        "沈阳",
        "Shenyang",
        "NORTHEAST",
        41.8057,
        123.4315,
        20,
        "24",
        8,
        ("和平区", "沈河区", "浑南区"),
    ),
    _cn(
        "大连",
        "Dalian",
        "NORTHEAST",
        38.9140,
        121.6147,
        16,
        "411",
        8,
        ("中山区", "西岗区", "甘井子区"),
    ),
    _cn(
        "哈尔滨",
        "Harbin",
        "NORTHEAST",
        45.8038,
        126.5350,
        14,
        "451",
        8,
        ("南岗区", "道里区", "香坊区"),
    ),
    _cn(
        "长春",
        "Changchun",
        "NORTHEAST",
        43.8171,
        125.3235,
        12,
        "431",
        8,
        ("朝阳区", "南关区", "绿园区"),
    ),
)

INTERNATIONAL_CITIES: tuple[City, ...] = (
    City(
        "新加坡",
        "Singapore",
        "INTL",
        "SG",
        1.3521,
        103.8198,
        35,
        "",
        8,
        ("61", "62", "63", "64", "65", "67"),
    ),
    City(
        "香港",
        "Hong Kong",
        "INTL",
        "HK",
        22.3193,
        114.1694,
        30,
        "",
        8,
        ("21", "23", "24", "25", "26", "27", "28"),
    ),
    City("伦敦", "London", "INTL", "GB", 51.5072, -0.1276, 20, "20", 8, ("7", "8")),
    City("曼彻斯特", "Manchester", "INTL", "GB", 53.4808, -2.2426, 5, "161", 7, ("2", "4")),
    City("柏林", "Berlin", "INTL", "DE", 52.5200, 13.4050, 6, "30", 8, ("2", "3", "4", "5", "6")),
    City("慕尼黑", "Munich", "INTL", "DE", 48.1351, 11.5820, 4, "89", 8, ("2", "3", "4", "5", "6")),
)

# Postcodes for the English addresses, one per city.
POSTCODES = {
    "Singapore": "Singapore 048616",
    "Hong Kong": "Hong Kong",
    "London": "London EC2V 7HH",
    "Manchester": "Manchester M2 4WU",
    "Berlin": "10117 Berlin",
    "Munich": "80331 München",
}
