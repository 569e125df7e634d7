"""Words of the demo's field service: spare parts per product kind, maintenance checklists,
what engineers write on a sheet, the names of stock locations."""

from __future__ import annotations

# Per product kind: (code, Chinese name, English name, unit price in CNY, serialised).
# The repair texts of tickets name parts of vocabulary.PARTS; those names appear here too,
# so a replaced part on a ticket is a part of the catalogue.
PART_CATALOGUE: dict[str, tuple[tuple[str, str, str, int, bool], ...]] = {
    "laser_printer": (
        ("LP-FUS-220", "定影组件", "fuser unit", 680, True),
        ("LP-ROL-010", "搓纸轮", "pickup roller", 45, False),
        ("LP-DRM-300", "硒鼓", "drum unit", 420, False),
        ("LP-FMB-050", "主板", "formatter board", 1250, True),
        ("LP-TON-85A", "墨粉盒", "toner cartridge", 310, False),
        ("LP-TRB-040", "转印辊", "transfer roller", 160, False),
        ("LP-MNT-KIT", "保养套件", "maintenance kit", 890, False),
    ),
    "server": (
        ("SV-HDD-2T4", "硬盘", "hard disk", 1650, True),
        ("SV-RAM-32G", "内存条", "memory module", 980, True),
        ("SV-PSU-800", "电源模块", "power supply unit", 1480, True),
        ("SV-FAN-060", "风扇", "fan", 260, False),
        ("SV-SBD-R40", "主板", "system board", 7800, True),
        ("SV-RAI-CTL", "阵列卡", "RAID controller", 3200, True),
        ("SV-BAT-CMS", "主板电池", "CMOS battery", 15, False),
    ),
    "ups": (
        ("UPS-BAT-12V", "电池组", "battery pack", 2400, True),
        ("UPS-INV-MOD", "逆变模块", "inverter module", 3600, True),
        ("UPS-FAN-080", "风扇", "fan", 180, False),
        ("UPS-CTL-BRD", "控制板", "control board", 1900, True),
        ("UPS-CAP-450", "电容组", "capacitor set", 520, False),
    ),
    "network_switch": (
        ("SW-PSU-150", "电源模块", "power supply unit", 1100, True),
        ("SW-FAN-MOD", "风扇模块", "fan module", 420, True),
        ("SW-SFP-10G", "光模块", "SFP module", 650, True),
        ("SW-SUP-BRD", "主控板", "supervisor board", 9800, True),
        ("SW-CON-CBL", "配置线缆", "console cable", 35, False),
    ),
    "pos_terminal": (
        ("POS-CRD-MOD", "读卡模块", "card reader module", 380, True),
        ("POS-LCD-ASM", "屏幕总成", "display assembly", 460, True),
        ("POS-PHD-058", "打印头", "print head", 220, False),
        ("POS-BAT-LI", "电池", "battery", 120, False),
        ("POS-PAD-KEY", "密码键盘", "PIN pad", 540, True),
    ),
    "patient_monitor": (
        ("PM-SPO-SEN", "血氧探头", "SpO2 sensor", 450, False),
        ("PM-NIB-PMP", "血压气泵", "NIBP pump", 1280, True),
        ("PM-ECG-LDS", "导联线", "ECG lead set", 360, False),
        ("PM-BAT-LI", "电池", "battery", 680, True),
        ("PM-CUF-ADT", "成人袖带", "adult cuff", 95, False),
        ("PM-MNT-KIT", "计量检定套件", "calibration kit", 1500, False),
    ),
    "storage_array": (
        ("ST-DSK-4T", "硬盘", "disk drive", 2100, True),
        ("ST-CTL-MOD", "控制器", "controller", 18500, True),
        ("ST-PSU-1K", "电源模块", "power supply unit", 1600, True),
        ("ST-FAN-MOD", "风扇", "fan", 320, False),
        ("ST-BBU-PKG", "缓存电池", "cache battery", 890, True),
    ),
    "projector": (
        ("PJ-LMP-240", "灯泡", "lamp", 980, True),
        ("PJ-CWL-006", "色轮", "colour wheel", 640, False),
        ("PJ-FAN-050", "风扇", "fan", 150, False),
        ("PJ-MBD-330", "主板", "main board", 1850, True),
        ("PJ-FLT-DST", "防尘网", "dust filter", 40, False),
    ),
}

# Maintenance and inspection checklists per product kind: (Chinese, English) lines.
CHECKLISTS: dict[str, tuple[tuple[str, str], ...]] = {
    "laser_printer": (
        ("清洁进纸通道和搓纸轮", "Clean the paper path and pickup rollers"),
        ("检查定影组件温度", "Check the fuser temperature"),
        ("更新固件", "Update the firmware"),
        ("打印测试页并核对计数器", "Print a test page and read the counters"),
    ),
    "server": (
        ("检查硬件日志和告警", "Read the hardware log and alerts"),
        ("清洁风扇和滤网", "Clean fans and filters"),
        ("检查阵列和硬盘健康状态", "Check array and disk health"),
        ("升级BIOS和管理控制器固件", "Update BIOS and management controller firmware"),
        ("核对备份与电源冗余", "Verify backups and power redundancy"),
    ),
    "ups": (
        ("电池内阻和电压测试", "Test battery voltage and internal resistance"),
        ("放电测试", "Run a discharge test"),
        ("检查风扇和散热", "Check fans and cooling"),
        ("检查接线端子紧固", "Check terminal tightness"),
    ),
    "network_switch": (
        ("检查端口错误计数", "Check port error counters"),
        ("清洁风扇模块", "Clean the fan modules"),
        ("备份配置并核对版本", "Back up the configuration and check the version"),
        ("检查电源冗余", "Check power redundancy"),
    ),
    "pos_terminal": (
        ("清洁读卡器和打印头", "Clean card reader and print head"),
        ("检查电池健康", "Check battery health"),
        ("更新应用和安全补丁", "Update the application and security patches"),
        ("交易测试", "Run a test transaction"),
    ),
    "patient_monitor": (
        ("电气安全测试（接地、漏电流）", "Electrical safety test (earth, leakage current)"),
        ("血压和血氧计量校准", "Calibrate NIBP and SpO2"),
        ("检查报警功能", "Check the alarms"),
        ("检查电池和导联线", "Check battery and lead sets"),
    ),
    "storage_array": (
        ("检查控制器和硬盘状态", "Check controller and disk status"),
        ("检查缓存电池", "Check the cache battery"),
        ("升级固件", "Update the firmware"),
        ("核对多路径和告警通知", "Verify multipathing and alert notifications"),
    ),
    "projector": (
        ("清洁防尘网和光路", "Clean the dust filter and optics"),
        ("检查灯泡使用时间", "Check lamp hours"),
        ("校准图像和色彩", "Calibrate image and colour"),
    ),
}

# Plan names by (kind, interval in months): (Chinese, English).
PLAN_NAMES: dict[tuple[str, int], tuple[str, str]] = {
    ("preventive_maintenance", 3): ("季度保养", "Quarterly preventive maintenance"),
    ("preventive_maintenance", 6): ("半年保养", "Half-yearly preventive maintenance"),
    ("preventive_maintenance", 12): ("年度保养", "Annual preventive maintenance"),
    ("inspection", 3): ("季度巡检", "Quarterly inspection"),
    ("inspection", 6): ("半年巡检", "Half-yearly inspection"),
    ("inspection", 12): ("年度巡检", "Annual inspection"),
}

# What a completed sheet says: (Chinese, English).
MAINTENANCE_DONE = (
    "按计划完成保养，各项检查正常。",
    "Scheduled maintenance done; all checks passed.",
)
INSPECTION_DONE = ("巡检完成，未发现异常。", "Inspection done; nothing abnormal found.")
INSTALLATION_DONE = (
    "设备安装调试完成，已培训客户操作人员并验收签字。",
    "Installed and commissioned; the customer's staff trained, signed off.",
)

WAREHOUSE = ("WH-CENTRAL", "中央备件仓库")
REGIONAL_STORES: dict[str, str] = {
    "EAST": "华东备件库",
    "NORTH": "华北备件库",
    "SOUTH": "华南备件库",
    "CENTRAL": "华中备件库",
    "SOUTHWEST": "西南备件库",
    "NORTHWEST": "西北备件库",
    "NORTHEAST": "东北备件库",
    "INTL": "International parts store",
}
