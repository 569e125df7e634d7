"""Customers with everything they own: contacts, phones, sites, equipment, contracts.

Rows go to the writer a batch of customers at a time, tables in foreign-key
order. What the ticket stage needs later (who is where, owns what, under
which contract) is kept in compact arrays, not in row objects: at a million
customers that is tens of megabytes instead of gigabytes.
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from workstation.demo import vocabulary as v
from workstation.demo.clock import DAY, TimeText, day_of, epoch_day
from workstation.demo.geography import (
    CITIES,
    INTERNATIONAL_CITIES,
    INTERNATIONAL_SHARE,
    PHONE_PLANS,
    POSTCODES,
    City,
)
from workstation.demo.names import Industry, NameMaker, expand
from workstation.demo.phones import (
    MobileNumbers,
    cn_landline,
    cn_mobile,
    foreign_landline,
    foreign_mobile,
)
from workstation.demo.refs import PlanRef, Reference
from workstation.demo.writer import BulkWriter, Row

CUSTOMER_COLUMNS = (
    "id", "name", "kind", "tier", "region_id", "address", "notes",
    "pinyin_full", "pinyin_initials", "version", "created_at", "updated_at",
)  # fmt: skip
CONTACT_COLUMNS = (
    "id", "customer_id", "name", "email", "wechat_id", "pinyin_full", "pinyin_initials",
)  # fmt: skip
PHONE_COLUMNS = ("id", "contact_id", "kind", "raw", "e164", "national", "reversed_digits")
SITE_COLUMNS = (
    "id", "customer_id", "name", "address", "city", "region_id", "latitude", "longitude",
)  # fmt: skip
EQUIPMENT_COLUMNS = (
    "id", "serial_number", "product_model_id", "customer_id", "site_id",
    "install_date", "warranty_end", "status", "version",
)  # fmt: skip
CONTRACT_COLUMNS = ("id", "number", "customer_id", "sla_plan_id", "valid_from", "valid_to")
CONTRACT_EQUIPMENT_COLUMNS = ("contract_id", "equipment_id")

BATCH_CUSTOMERS = 5000
TIER_NAMES = ("vip", "key", "standard")
VIP, KEY, STANDARD = 0, 1, 2
ALL_CITIES: tuple[City, ...] = CITIES + INTERNATIONAL_CITIES
_COMPANY_SUFFIX_EN = {"SG": "Pte Ltd", "HK": "Limited", "GB": "Ltd", "DE": "GmbH"}
# Serial numbers: an affine permutation of 10^8 keeps the digits unique per device.
_SERIAL_SPACE = 10**8


@dataclass
class Population:
    """What later stages need to know about the customers, by id (index 0 unused)."""

    customers: int = 0
    contacts: int = 0
    phones: int = 0
    sites: int = 0
    equipment: int = 0
    contracts: int = 0
    covered: int = 0
    cust_city: array[int] = field(default_factory=lambda: array("H", [0]))
    cust_tier: bytearray = field(default_factory=lambda: bytearray(1))
    cust_hospital: bytearray = field(default_factory=lambda: bytearray(1))
    cust_first_contact: array[int] = field(default_factory=lambda: array("i", [0]))
    cust_contacts: bytearray = field(default_factory=lambda: bytearray(1))
    eq_customer: array[int] = field(default_factory=lambda: array("i", [0]))
    eq_model: bytearray = field(default_factory=lambda: bytearray(1))
    eq_install: array[int] = field(default_factory=lambda: array("i", [0]))
    eq_active: bytearray = field(default_factory=lambda: bytearray(1))
    # Plan index + 1 of the contract covering the device (0: none), and its validity.
    eq_plan: bytearray = field(default_factory=lambda: bytearray(1))
    eq_valid_from: array[int] = field(default_factory=lambda: array("i", [0]))
    eq_valid_to: array[int] = field(default_factory=lambda: array("i", [0]))
    eq_site: array[int] = field(default_factory=lambda: array("i", [0]))
    # Each contract's covered devices: a run of ids from the first, this many (index 0 unused).
    ct_first_eq: array[int] = field(default_factory=lambda: array("i", [0]))
    ct_eq_count: bytearray = field(default_factory=lambda: bytearray(1))


@dataclass
class _Batch:
    customers: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    phones: list[Row] = field(default_factory=list)
    sites: list[Row] = field(default_factory=list)
    equipment: list[Row] = field(default_factory=list)
    contracts: list[Row] = field(default_factory=list)
    covered: list[Row] = field(default_factory=list)

    def write(self, writer: BulkWriter) -> None:
        writer.insert("customers", CUSTOMER_COLUMNS, self.customers)
        writer.insert("contacts", CONTACT_COLUMNS, self.contacts)
        writer.insert("contact_phones", PHONE_COLUMNS, self.phones)
        writer.insert("sites", SITE_COLUMNS, self.sites)
        writer.insert("equipment", EQUIPMENT_COLUMNS, self.equipment)
        writer.insert("service_contracts", CONTRACT_COLUMNS, self.contracts)
        writer.insert("contract_equipment", CONTRACT_EQUIPMENT_COLUMNS, self.covered)


def _add_months(day: int, months: int) -> int:
    when = day_of(day)
    month = when.month - 1 + months
    year = when.year + month // 12
    month = month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return epoch_day(date(year, month, min(when.day, last)))
        except ValueError:
            continue
    raise AssertionError("unreachable")


class PhoneBook:
    """The numbers of contacts: a contact's mobile follows from its id, so calls can dial it."""

    def __init__(self, rng: random.Random) -> None:
        self._mobiles = {code: MobileNumbers(plan, rng) for code, plan in PHONE_PLANS.items()}

    def mobile(self, city: City, contact_id: int, style: int) -> tuple[str, str, str, str]:
        nsn = self._mobiles[city.country].nsn(contact_id)
        if city.country == "CN":
            return cn_mobile(nsn, style)
        return foreign_mobile(PHONE_PLANS[city.country], nsn, style == 3)

    def caller_id(self, city: City, contact_id: int) -> tuple[str, str]:
        """(phone as the exchange presents it, e164) of a contact's mobile."""
        nsn = self._mobiles[city.country].nsn(contact_id)
        plan = PHONE_PLANS[city.country]
        if city.country == "CN":
            return nsn, "+86" + nsn
        return plan.mobile_trunk + nsn, f"+{plan.country_code}{nsn}"


def landline(city: City, rng: random.Random, style: int) -> tuple[str, str, str, str]:
    """A fixed line in the city: a valid local block plus random digits."""
    prefix = city.local_prefixes[int(rng.random() * len(city.local_prefixes))]
    rest = city.local_digits - len(prefix)
    local = prefix + format(int(rng.random() * 10**rest), f"0{rest}d")
    if city.country == "CN":
        return cn_landline(city.area_code, local, style)
    return foreign_landline(PHONE_PLANS[city.country], city.area_code, local, style == 3)


class CustomerFactory:
    """Makes customers one by one with a single seeded generator."""

    def __init__(
        self, rng: random.Random, ref: Reference, text: TimeText, today: int, phones: PhoneBook
    ) -> None:
        self.rng = rng
        self.ref = ref
        self.text = text
        self.today = today
        self.phones = phones
        self.names = NameMaker(rng)
        self.population = Population()
        self._cn_cities = expand([(i, c.weight) for i, c in enumerate(CITIES)])
        self._intl_cities = expand(
            [(len(CITIES) + i, c.weight) for i, c in enumerate(INTERNATIONAL_CITIES)]
        )
        self._region_ids = [ref.regions[c.region] for c in ALL_CITIES]
        self.models = [m for kind in ref.kinds for m in kind.models]
        self._models_of_kind = {
            kind.code: [self.models.index(m) for m in kind.models] for kind in ref.kinds
        }
        self.plans: list[PlanRef] = list(ref.plans.values())
        self._plan_index = {p.name: i + 1 for i, p in enumerate(self.plans)}
        self._hospital_kinds = expand(v.HOSPITAL_KINDS)
        self._person_kinds = expand(v.PERSON_KINDS)
        self._serial_a = rng.randrange(10**7, _SERIAL_SPACE) | 1
        while self._serial_a % 5 == 0:
            self._serial_a += 2
        self._serial_b = rng.randrange(_SERIAL_SPACE)
        self._warranty: dict[tuple[int, int], str] = {}

    # -- one customer -------------------------------------------------------------

    def _pick_city(self) -> int:
        rand = self.rng.random
        if rand() < INTERNATIONAL_SHARE:
            return self._intl_cities[int(rand() * len(self._intl_cities))]
        return self._cn_cities[int(rand() * len(self._cn_cities))]

    def _address(self, city: City, company: bool) -> str:
        rand = self.rng.random
        number = 1 + int(rand() * 999)
        if city.international:
            street = v.STREETS_EN[int(rand() * len(v.STREETS_EN))]
            return f"{number} {street}, {POSTCODES[city.name_en]}"
        district = city.districts[int(rand() * len(city.districts))]
        road = v.ROADS_ZH[int(rand() * len(v.ROADS_ZH))]
        address = f"{city.name_zh}市{district}{road}{number}号"
        if company and rand() < 0.6:
            building = v.BUILDINGS_ZH[int(rand() * len(v.BUILDINGS_ZH))]
            address += f"{building}{2 + int(rand() * 30)}楼"
        return address

    def _serial(self, equipment_id: int, prefix: str, install_day: int) -> str:
        digits = (self._serial_a * equipment_id + self._serial_b) % _SERIAL_SPACE
        return f"{prefix}-{day_of(install_day).year}-{digits:08d}"

    def _warranty_end(self, install_day: int, months: int) -> str:
        key = (install_day, months)
        text = self._warranty.get(key)
        if text is None:
            text = self.text.date(_add_months(install_day, months))
            self._warranty[key] = text
        return text

    def customer(self, batch: _Batch) -> None:
        """Generate one customer and everything it owns into `batch`."""
        rng, rand, pop, text = self.rng, self.rng.random, self.population, self.text
        pop.customers += 1
        cid = pop.customers
        city_index = self._pick_city()
        city = ALL_CITIES[city_index]
        region_id = self._region_ids[city_index]
        company = rand() < (0.8 if city.international else 0.65)
        hospital = company and not city.international and rand() < 0.04
        if hospital:
            roll = rand()
            tier = VIP if roll < 0.2 else KEY if roll < 0.7 else STANDARD
        elif company:
            roll = rand()
            tier = VIP if roll < 0.042 else KEY if roll < 0.25 else STANDARD
        else:
            tier = KEY if rand() < 0.005 else STANDARD
        industry: Industry | None = None
        if hospital:
            name, full, initials, domain = self.names.hospital(city.name_zh)
            kinds = self._hospital_kinds
        elif company:
            industry = self.names.industries[int(rand() * len(self.names.industries))]
            if city.international:
                suffix = _COMPANY_SUFFIX_EN[city.country]
                name, full, initials, domain = self.names.english_company(industry, suffix)
            else:
                name, full, initials, domain = self.names.chinese_company(city.name_zh, industry)
            kinds = list(industry.kinds)
        else:
            person = (
                self.names.english_person() if city.international else self.names.chinese_person()
            )
            name, full, initials, domain = (
                person.name,
                person.pinyin_full,
                person.pinyin_initials,
                "",
            )
            kinds = self._person_kinds

        # Contacts: the person themself, or one to three people at the company.
        first_contact = pop.contacts + 1
        if not company:
            n_contacts = 1
        elif tier == STANDARD:
            n_contacts = 1 if rand() < 0.65 else 2
        else:
            n_contacts = 2 + (rand() < 0.4)
        for k in range(n_contacts):
            pop.contacts += 1
            contact_id = pop.contacts
            if not company and k == 0:
                contact = person
            else:
                contact = (
                    self.names.english_person()
                    if city.international
                    else self.names.chinese_person()
                )
            roll = rand()
            if company:
                email = f"{contact.email_local}@{domain}" if roll < 0.85 else ""
            elif city.international:
                provider = v.EMAIL_PROVIDERS_INTL[int(rand() * len(v.EMAIL_PROVIDERS_INTL))]
                email = f"{contact.email_local}{int(roll * 100)}@{provider}"
            elif roll < 0.35:
                email = f"{10_000_000 + int(rand() * 2_000_000_000)}@qq.com"
            elif roll < 0.8:
                provider = v.EMAIL_PROVIDERS_CN[int(rand() * len(v.EMAIL_PROVIDERS_CN))]
                email = f"{contact.pinyin_full}{int(rand() * 1000)}@{provider}"
            else:
                email = ""
            wechat = ""
            if not city.international and rand() < 0.45:
                wechat = f"{contact.pinyin_full}_{int(rand() * 10_000)}"
            batch.contacts.append(
                (
                    contact_id,
                    cid,
                    contact.name,
                    email,
                    wechat,
                    contact.pinyin_full,
                    contact.pinyin_initials,
                )
            )
            pop.phones += 1
            style = int(rand() * 4)
            batch.phones.append(
                (pop.phones, contact_id, "mobile", *self.phones.mobile(city, contact_id, style))
            )
            if rand() < (0.5 if company else 0.15):
                pop.phones += 1
                batch.phones.append(
                    (
                        pop.phones,
                        contact_id,
                        "office" if company else "home",
                        *landline(city, rng, int(rand() * 4)),
                    )
                )
        pop.cust_first_contact.append(first_contact)
        pop.cust_contacts.append(n_contacts)

        # Sites.
        if not company:
            n_sites = 1
        elif tier == VIP:
            n_sites = 2 + (rand() < 0.5)
        elif tier == KEY:
            n_sites = 1 + (rand() < 0.5)
        else:
            n_sites = 1 + (rand() < 0.25)
        first_site = pop.sites + 1
        for k in range(n_sites):
            pop.sites += 1
            if city.international:
                site_name = v.SITE_NAMES_EN[0 if k == 0 else 1 + int(rand() * 5)]
                if not company:
                    site_name = "Home"
            elif not company:
                site_name = "门店" if "pos_terminal" in kinds and rand() < 0.5 else "住所"
            elif hospital:
                site_name = ("门诊楼", "住院部", "急诊中心")[k]
            else:
                site_name = v.SITE_NAMES_ZH[0 if k == 0 else 1 + int(rand() * 7)]
            batch.sites.append(
                (
                    pop.sites,
                    cid,
                    site_name,
                    self._address(city, company),
                    city.name_en if city.international else city.name_zh,
                    region_id,
                    round(city.latitude + rng.gauss(0, 0.06), 6),
                    round(city.longitude + rng.gauss(0, 0.06), 6),
                )
            )

        # Equipment.
        if not company:
            n_equipment = 1 + (rand() < 0.1)
        elif tier == VIP:
            n_equipment = 5 + int(rand() * 16)
        elif tier == KEY:
            n_equipment = 2 + int(rand() * 5)
        else:
            roll = rand()
            n_equipment = 1 if roll < 0.55 else 2 if roll < 0.85 else 3
        first_equipment = pop.equipment + 1
        earliest = self.today
        install_span = 6 * 365
        for _ in range(n_equipment):
            pop.equipment += 1
            eid = pop.equipment
            kind = kinds[int(rand() * len(kinds))]
            model_choices = self._models_of_kind[kind]
            model_index = model_choices[int(rand() * len(model_choices))]
            model = self.models[model_index]
            install = self.today - 2 - int(rand() * install_span)
            earliest = min(earliest, install)
            status = "active"
            if install < self.today - 4 * 365 and rand() < 0.04:
                status = "retired" if rand() < 0.6 else "replaced"
            site = first_site + int(rand() * n_sites)
            batch.equipment.append(
                (
                    eid,
                    self._serial(eid, model.serial_prefix, install),
                    model.id,
                    cid,
                    site,
                    text.date(install),
                    self._warranty_end(install, model.warranty_months),
                    status,
                    1,
                )
            )
            pop.eq_customer.append(cid)
            pop.eq_model.append(model_index)
            pop.eq_install.append(install)
            pop.eq_active.append(status == "active")
            pop.eq_plan.append(0)
            pop.eq_valid_from.append(0)
            pop.eq_valid_to.append(0)
            pop.eq_site.append(site)

        # A service contract for most key/VIP customers and some others.
        chance = (1.0, 0.95, 0.25 if company else 0.05)[tier]
        if rand() < chance:
            if tier == VIP:
                plan_name = "Critical care 24x7" if hospital else "VIP 24x7"
            elif tier == KEY:
                plan_name = "Critical care 24x7" if hospital and rand() < 0.5 else "Key account"
            else:
                plan_name = "Standard contract"
            plan = self._plan_index[plan_name]
            pop.contracts += 1
            valid_from = max(earliest, self.today - 4 * 365 + int(rand() * (4 * 365 - 10)))
            valid_to = _add_months(valid_from, 12 * (1 + int(rand() * 3))) - 1
            batch.contracts.append(
                (
                    pop.contracts,
                    f"SC-{day_of(valid_from).year}-{pop.contracts:07d}",
                    cid,
                    self.plans[plan - 1].id,
                    text.date(valid_from),
                    text.date(valid_to),
                )
            )
            covered = range(first_equipment, pop.equipment + 1)
            if tier == STANDARD and n_equipment > 1:
                covered = range(first_equipment, first_equipment + 1 + int(rand() * 2))
            pop.ct_first_eq.append(covered.start)
            pop.ct_eq_count.append(len(covered))
            for eid in covered:
                pop.covered += 1
                batch.covered.append((pop.contracts, eid))
                pop.eq_plan[eid] = plan
                pop.eq_valid_from[eid] = valid_from
                pop.eq_valid_to[eid] = valid_to

        created = (earliest - 1 - int(rand() * 90)) * DAY + int((1 + rand() * 9) * 3600)
        stamp = text.stamp(created)
        notes = "VIP客户，优先处理" if tier == VIP and not city.international else ""
        batch.customers.append(
            (
                cid,
                name,
                "company" if company else "person",
                TIER_NAMES[tier],
                region_id,
                self._address(city, company),
                notes,
                full,
                initials,
                1,
                stamp,
                stamp,
            )
        )
        pop.cust_city.append(city_index)
        pop.cust_tier.append(tier)
        pop.cust_hospital.append(hospital)


def generate_customers(
    factory: CustomerFactory,
    writer: BulkWriter,
    count: int,
    progress: Callable[[str, int, int], None],
) -> Population:
    """Generate `count` customers in batches, writing each batch as it is made."""
    done = 0
    while done < count:
        batch = _Batch()
        size = min(BATCH_CUSTOMERS, count - done)
        for _ in range(size):
            factory.customer(batch)
        batch.write(writer)
        done += size
        progress("customers", done, count)
    writer.checkpoint()
    return factory.population
