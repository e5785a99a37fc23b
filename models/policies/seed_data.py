"""Demo policy documents: national and provincial titles, and templates for cities and counties.

Titles and issuing bodies follow the style of real 惠企政策; numbers and
dates are illustrative. Matters are named by 基本编码 of the demo catalogue.
"""

# Long lines: Chinese titles and summaries are data, kept one entry per row.
# ruff: noqa: E501

from __future__ import annotations

from dataclasses import dataclass

from models.policies.vocabulary import EnterpriseSize as S
from models.policies.vocabulary import Industry as I
from models.policies.vocabulary import SupportType as T

SMES = (S.SMALL, S.MICRO)
SMES_AND_INDIVIDUAL = (S.SMALL, S.MICRO, S.INDIVIDUAL)
TECH = (I.INFORMATION_TECHNOLOGY, I.SCIENTIFIC_RESEARCH, I.MANUFACTURING)

# Demo catalogue matters (基本编码) that policies are applied through.
STABLE_JOBS_REFUND = "JF0200007000"  # 失业保险稳岗返还
SKILLS_SUBSIDY = "JF0200006000"  # 职业技能提升补贴申领
EMPLOYMENT_REGISTRATION = "GG0200007000"  # 就业登记
COMPANY_REGISTRATION = "XK0100004000"  # 企业设立登记
INDIVIDUAL_REGISTRATION = "XK0100001000"  # 个体工商户设立登记
NEW_TAXPAYER = "GG1000004000"  # 新办纳税人涉税事项套餐
TAX_DEFERRAL = "XK1000002000"  # 对纳税人延期缴纳税款的核准
CREDIT_REPAIR = "QT1000001000"  # 纳税信用修复申请
FOOD_LICENCE = "XK0100009000"  # 食品经营许可
RENT_SUBSIDY = "JF0700001000"  # 城镇住房保障家庭租赁补贴


@dataclass(frozen=True)
class PolicySeed:
    title: str  # {region} is replaced by the region's name
    body: str  # issuing body, also with {region}
    number: str  # 文号 pattern: {abbr} region abbreviation, {year}, {n}
    support: tuple[T, ...]
    industries: tuple[I, ...] = ()
    sizes: tuple[S, ...] = ()
    matters: tuple[str, ...] = ()
    summary: str = ""
    years_valid: int | None = 3  # None: long-term (长期有效)


NATIONAL = [
    PolicySeed("国务院关于进一步支持小型微型企业健康发展的意见", "国务院", "国发〔{year}〕{n}号",
               (T.FINANCE, T.TAX, T.SERVICE), sizes=SMES, years_valid=None,
               summary="加大财税支持、缓解融资困难、推动创新发展、加强服务体系建设。"),
    PolicySeed("关于进一步实施小微企业所得税优惠政策的公告", "财政部 税务总局", "财政部 税务总局公告{year}年第{n}号",
               (T.TAX,), sizes=SMES, matters=(NEW_TAXPAYER,),
               summary="对小型微利企业年应纳税所得额不超过300万元的部分，减按25%计入应纳税所得额，按20%的税率缴纳企业所得税。"),
    PolicySeed("关于增值税小规模纳税人减免增值税政策的公告", "财政部 税务总局", "财政部 税务总局公告{year}年第{n}号",
               (T.TAX,), sizes=SMES_AND_INDIVIDUAL, matters=(NEW_TAXPAYER,),
               summary="增值税小规模纳税人适用3%征收率的应税销售收入，减按1%征收率征收增值税。"),
    PolicySeed("关于进一步完善研发费用税前加计扣除政策的公告", "财政部 税务总局", "财政部 税务总局公告{year}年第{n}号",
               (T.TAX, T.INNOVATION), industries=TECH,
               summary="企业开展研发活动中实际发生的研发费用，在按规定据实扣除的基础上，再按照实际发生额的100%在税前加计扣除。"),
    PolicySeed("关于延续实施失业保险援企稳岗政策的通知", "人力资源社会保障部 财政部", "人社部发〔{year}〕{n}号",
               (T.EMPLOYMENT, T.SUBSIDY), matters=(STABLE_JOBS_REFUND,), years_valid=None,
               summary="对不裁员或少裁员的参保企业，中小微企业按单位及其职工上年度实际缴纳失业保险费的60%返还。"),
    PolicySeed("关于实施企业职工技能提升行动的意见", "人力资源社会保障部", "人社部发〔{year}〕{n}号",
               (T.TALENT, T.SUBSIDY), matters=(SKILLS_SUBSIDY,),
               summary="支持企业开展职工岗位技能提升培训，按规定给予职业培训补贴。"),
    PolicySeed("关于促进个体工商户发展的若干措施", "国家市场监督管理总局", "国市监注发〔{year}〕{n}号",
               (T.SERVICE, T.FINANCE), sizes=(S.INDIVIDUAL,), matters=(INDIVIDUAL_REGISTRATION,),
               summary="优化个体工商户登记服务，加大金融支持力度，减轻税费负担。"),
    PolicySeed("关于做好专精特新中小企业培育工作的通知", "工业和信息化部", "工信部企业函〔{year}〕{n}号",
               (T.INNOVATION, T.SUBSIDY), industries=(I.MANUFACTURING, I.INFORMATION_TECHNOLOGY),
               sizes=(S.MEDIUM, S.SMALL),
               summary="建立专精特新中小企业梯度培育体系，对国家级专精特新“小巨人”企业给予奖补。"),
    PolicySeed("关于加大普惠金融支持力度的指导意见", "中国人民银行 国家金融监督管理总局", "银发〔{year}〕{n}号",
               (T.FINANCE,), sizes=SMES_AND_INDIVIDUAL,
               summary="扩大普惠小微贷款投放，降低综合融资成本，推广无还本续贷。"),
    PolicySeed("关于支持高新技术企业发展的若干税收政策", "财政部 税务总局 科技部", "财税〔{year}〕{n}号",
               (T.TAX, T.INNOVATION), industries=TECH,
               summary="国家重点扶持的高新技术企业减按15%的税率征收企业所得税。"),
    PolicySeed("关于延续实施创业担保贷款贴息政策的通知", "财政部 人力资源社会保障部 中国人民银行", "财金〔{year}〕{n}号",
               (T.FINANCE, T.EMPLOYMENT), sizes=SMES_AND_INDIVIDUAL,
               summary="符合条件的个人创业担保贷款额度最高30万元，小微企业最高400万元，按规定给予贴息。"),
    PolicySeed("关于优化纳税缴费服务支持企业发展的措施", "国家税务总局", "税总纳服发〔{year}〕{n}号",
               (T.TAX, T.SERVICE), matters=(TAX_DEFERRAL, CREDIT_REPAIR),
               summary="对有特殊困难的企业依法办理延期缴纳税款，推行纳税信用修复“一键申请”。"),
]

PROVINCIAL = [
    PolicySeed("{region}人民政府关于进一步支持小微企业发展的若干意见", "{region}人民政府", "{abbr}政发〔{year}〕{n}号",
               (T.FINANCE, T.TAX, T.SUBSIDY), sizes=SMES,
               summary="从降本减负、融资支持、创新发展、市场开拓等方面支持小微企业高质量发展。"),
    PolicySeed("{region}推动经济高质量发展若干政策", "{region}人民政府", "{abbr}政发〔{year}〕{n}号",
               (T.SUBSIDY, T.INNOVATION, T.FINANCE, T.TALENT),
               summary="围绕扩大有效投资、科技创新、“415X”先进制造业集群培育等出台综合性支持政策。"),
    PolicySeed("{region}专精特新中小企业认定管理办法", "{region}经济和信息化厅", "{abbr}经信企业〔{year}〕{n}号",
               (T.INNOVATION, T.SUBSIDY), industries=(I.MANUFACTURING, I.INFORMATION_TECHNOLOGY),
               sizes=(S.MEDIUM, S.SMALL)),
    PolicySeed("{region}高新技术企业培育行动计划", "{region}科学技术厅", "{abbr}科发高〔{year}〕{n}号",
               (T.INNOVATION, T.SUBSIDY), industries=TECH),
    PolicySeed("{region}援企稳岗扩就业若干政策措施", "{region}人力资源和社会保障厅", "{abbr}人社发〔{year}〕{n}号",
               (T.EMPLOYMENT, T.SUBSIDY), matters=(STABLE_JOBS_REFUND, EMPLOYMENT_REGISTRATION)),
    PolicySeed("{region}促进个体工商户高质量发展实施意见", "{region}市场监督管理局", "{abbr}市监注〔{year}〕{n}号",
               (T.SERVICE, T.FINANCE), sizes=(S.INDIVIDUAL,), matters=(INDIVIDUAL_REGISTRATION,)),
    PolicySeed("{region}外贸企业出口信用保险补助政策", "{region}商务厅", "{abbr}商务发〔{year}〕{n}号",
               (T.MARKET, T.SUBSIDY), industries=(I.MANUFACTURING, I.WHOLESALE_RETAIL)),
    PolicySeed("{region}制造业企业技术改造项目补助办法", "{region}经济和信息化厅", "{abbr}经信投资〔{year}〕{n}号",
               (T.SUBSIDY, T.INNOVATION), industries=(I.MANUFACTURING,), sizes=(S.LARGE, S.MEDIUM, S.SMALL)),
    PolicySeed("{region}首台（套）装备认定和奖励办法", "{region}经济和信息化厅", "{abbr}经信装备〔{year}〕{n}号",
               (T.INNOVATION, T.MARKET), industries=(I.MANUFACTURING,)),
    PolicySeed("{region}住宿餐饮业纾困帮扶若干措施", "{region}商务厅", "{abbr}商务发〔{year}〕{n}号",
               (T.SUBSIDY, T.FINANCE), industries=(I.ACCOMMODATION_CATERING,),
               sizes=SMES_AND_INDIVIDUAL, matters=(FOOD_LICENCE,), years_valid=None),
]

LOCAL = [
    PolicySeed("{region}关于进一步支持小微企业发展的若干意见", "{region}人民政府", "{abbr}政发〔{year}〕{n}号",
               (T.FINANCE, T.SUBSIDY, T.SERVICE), sizes=SMES, years_valid=None),
    PolicySeed("{region}高新技术企业认定奖励办法", "{region}科学技术局", "{abbr}科〔{year}〕{n}号",
               (T.INNOVATION, T.SUBSIDY), industries=TECH, years_valid=None),
    PolicySeed("{region}促进数字经济高质量发展若干政策", "{region}人民政府办公室", "{abbr}政办发〔{year}〕{n}号",
               (T.INNOVATION, T.SUBSIDY, T.TALENT), industries=(I.INFORMATION_TECHNOLOGY,)),
    PolicySeed("{region}人才引进生活补贴和住房租赁补贴实施细则", "{region}人力资源和社会保障局", "{abbr}人社〔{year}〕{n}号",
               (T.TALENT, T.SUBSIDY), matters=(EMPLOYMENT_REGISTRATION, RENT_SUBSIDY)),
    PolicySeed("{region}中小企业融资担保风险补偿办法", "{region}财政局", "{abbr}财企〔{year}〕{n}号",
               (T.FINANCE,), sizes=(S.MEDIUM, S.SMALL, S.MICRO)),
    PolicySeed("{region}科技型中小企业研发费用补助办法", "{region}科学技术局", "{abbr}科〔{year}〕{n}号",
               (T.INNOVATION, T.SUBSIDY), industries=TECH, sizes=(S.MEDIUM, S.SMALL, S.MICRO)),
    PolicySeed("{region}稳岗返还和以工代训补贴实施办法", "{region}人力资源和社会保障局", "{abbr}人社〔{year}〕{n}号",
               (T.EMPLOYMENT, T.SUBSIDY), matters=(STABLE_JOBS_REFUND, SKILLS_SUBSIDY)),
    PolicySeed("{region}招用重点群体就业补贴实施办法", "{region}人力资源和社会保障局", "{abbr}人社〔{year}〕{n}号",
               (T.EMPLOYMENT, T.SUBSIDY), matters=(EMPLOYMENT_REGISTRATION,)),
    PolicySeed("{region}小微企业创业担保贷款贴息办法", "{region}财政局", "{abbr}财金〔{year}〕{n}号",
               (T.FINANCE, T.EMPLOYMENT), sizes=SMES_AND_INDIVIDUAL, matters=(COMPANY_REGISTRATION,)),
    PolicySeed("{region}个体工商户纾困帮扶措施", "{region}市场监督管理局", "{abbr}市监〔{year}〕{n}号",
               (T.SUBSIDY, T.SERVICE), sizes=(S.INDIVIDUAL,), matters=(INDIVIDUAL_REGISTRATION,)),
    PolicySeed("{region}商贸流通企业开拓市场奖励办法", "{region}商务局", "{abbr}商务〔{year}〕{n}号",
               (T.MARKET, T.SUBSIDY), industries=(I.WHOLESALE_RETAIL, I.ACCOMMODATION_CATERING)),
    PolicySeed("{region}工业企业用地保障和标准地出让实施意见", "{region}自然资源和规划局", "{abbr}自然资规〔{year}〕{n}号",
               (T.LAND,), industries=(I.MANUFACTURING,), sizes=(S.LARGE, S.MEDIUM, S.SMALL)),
]
# Counties publish fewer documents: these of LOCAL, rotated so neighbours differ.
COUNTY_TEMPLATES_PER_REGION = 2
