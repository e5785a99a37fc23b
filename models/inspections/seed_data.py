"""Fixed demo values for the inspection seed (development data only)."""

from __future__ import annotations

_I = ["INSPECTOR"]
# username, name, roles, region, 执法证号, enforcement fields. inspector.xihu.1 and
# .2 come with the staff seed (models/accounts/seed.py).
DEMO_INSPECTORS = [
    ("inspector.xihu.3", "林执法", _I, "330106", "33010620003", ["食品安全", "市场秩序"]),
    ("inspector.xihu.4", "黄执法", _I, "330106", "33010620004", ["食品安全", "特种设备"]),
    ("inspector.xihu.5", "徐执法", _I, "330106", "33010620005", ["市场秩序", "价格监督"]),
    ("inspector.xihu.6", "何执法", _I, "330106", "33010620006",
     ["食品安全", "市场秩序", "价格监督"]),
    ("inspector.xihu.7", "高执法", _I, "330106", "33010620007", ["特种设备", "市场秩序"]),
    ("inspector.xihu.8", "罗执法", _I, "330106", "33010620008", ["食品安全", "价格监督"]),
    ("inspector.shangcheng.1", "郭执法", ["INSPECTOR"], "330102", "33010220001",
     ["食品安全", "市场秩序"]),
    ("inspector.shangcheng.2", "马执法", ["INSPECTOR"], "330102", "33010220002",
     ["食品安全", "市场秩序"]),
    ("inspector.shangcheng.3", "孔执法", ["INSPECTOR"], "330102", "33010220003",
     ["食品安全", "特种设备"]),
    ("admin.shangcheng", "梁管理", ["DEPT_ADMIN"], "330102", None, []),
]

_FOOD_V1 = [
    {"key": "license_displayed", "label": "食品经营许可证是否在经营场所醒目位置悬挂",
     "type": "YES_NO", "required": True},
    {"key": "health_certificates", "label": "从业人员是否持有有效健康证明", "type": "YES_NO",
     "required": True},
    {"key": "hygiene", "label": "场所卫生状况", "type": "CHOICE", "required": True,
     "options": ["良好", "一般", "较差"]},
]
_FOOD_V2 = [
    *_FOOD_V1,
    {"key": "cold_storage_temperature", "label": "冷藏设施温度", "type": "NUMBER",
     "required": True, "unit": "℃", "minimum": "-30", "maximum": "30"},
    {"key": "site_photos", "label": "现场照片", "type": "PHOTO", "required": True,
     "photo_count": 1},
    {"key": "remarks", "label": "其他情况", "type": "TEXT", "required": False, "max_length": 500},
]
_EQUIPMENT = [
    {"key": "registered", "label": "特种设备是否办理使用登记", "type": "YES_NO", "required": True},
    {"key": "inspection_valid", "label": "定期检验是否在有效期内", "type": "YES_NO",
     "required": True},
    {"key": "operator_certified", "label": "作业人员是否持证上岗", "type": "YES_NO",
     "required": True},
    {"key": "device_count", "label": "在用设备数量", "type": "NUMBER", "required": True,
     "unit": "台", "minimum": "0"},
    {"key": "site_photos", "label": "设备铭牌及检验标志照片", "type": "PHOTO", "required": True,
     "photo_count": 2},
]
_DISCLOSURE = [
    {"key": "annual_report", "label": "是否按时报送年度报告", "type": "YES_NO", "required": True},
    {"key": "info_consistent", "label": "公示信息与实际情况", "type": "CHOICE", "required": True,
     "options": ["一致", "不一致"]},
    {"key": "address_reachable", "label": "能否通过登记的住所（经营场所）联系", "type": "YES_NO",
     "required": True},
    {"key": "site_photos", "label": "经营场所照片", "type": "PHOTO", "required": False,
     "photo_count": 1},
]
_ADVERTISING = [
    {"key": "ads_checked", "label": "抽查广告数", "type": "NUMBER", "required": True,
     "unit": "条", "minimum": "0"},
    {"key": "ads_violating", "label": "涉嫌违法广告数", "type": "NUMBER", "required": True,
     "unit": "条", "minimum": "0"},
    {"key": "description", "label": "问题描述", "type": "TEXT", "required": False,
     "max_length": 1000},
]

# code, region, name, legal basis, enforcement field, [(form title, fields) per version]
DEMO_ITEMS = [
    ("330106-SJ-001", "330106", "食品经营者日常监督检查",
     "《中华人民共和国食品安全法》第一百一十条；《食品生产经营监督检查管理办法》", "食品安全",
     [("食品经营者日常监督检查表", _FOOD_V1), ("食品经营者日常监督检查表（2026版）", _FOOD_V2)]),
    ("330106-SJ-002", "330106", "特种设备使用单位监督检查",
     "《中华人民共和国特种设备安全法》第五十七条", "特种设备",
     [("特种设备使用单位监督检查表", _EQUIPMENT)]),
    ("330106-SJ-003", "330106", "企业公示信息抽查",
     "《企业信息公示暂行条例》第十四条", "市场秩序",
     [("企业公示信息抽查表", _DISCLOSURE)]),
    ("330106-SJ-004", "330106", "广告发布行为检查",
     "《中华人民共和国广告法》第四十九条", "市场秩序",
     [("广告发布行为检查表", _ADVERTISING)]),
    # no form configured yet: the supervisor's "share of items with a form" shows it
    ("330106-SJ-005", "330106", "价格行为检查",
     "《中华人民共和国价格法》第三十四条", "价格监督", []),
    ("330102-SJ-001", "330102", "食品经营者日常监督检查",
     "《中华人民共和国食品安全法》第一百一十条", "食品安全",
     [("食品经营者日常监督检查表", _FOOD_V1)]),
]

# industry, name suffix
INDUSTRIES = [
    ("餐饮服务", "餐饮管理有限公司"), ("餐饮服务", "饭店有限公司"), ("食品销售", "食品商行"),
    ("食品销售", "超市有限公司"), ("食品生产", "食品有限公司"),
    ("特种设备使用", "物业管理有限公司"), ("药品零售", "大药房有限公司"),
    ("化妆品经营", "化妆品有限公司"), ("广告经营", "广告有限公司"),
    ("商品零售", "商贸有限公司"), ("住宿服务", "酒店管理有限公司"),
    ("电梯维保", "电梯工程有限公司"),
]
TRADE_NAMES = ("鑫源 恒达 博雅 绿野 金桥 瑞丰 晨光 天成 和信 嘉禾 宏远 佳美 聚福 新禾 益康 顺昌 "
               "安泰 明德 永盛 华宇 青禾 致远 同创 景和 悦来 长兴 东升 汇通 盛世 百合").split()
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN_NAMES = ("伟 芳 娜 敏 静 丽 强 磊 军 洋 勇 艳 杰 娟 涛 明 超 秀英 霞 平 刚 桂英 建华 "
               "志强 海燕 文杰 晓东 国庆 雪梅 春生").split()
ROADS = ("文三路 文二路 天目山路 教工路 古墩路 学院路 西溪路 留下街 转塘街 之江路 中山路 "
         "解放路 人民路 江南大道 建设路").split()
