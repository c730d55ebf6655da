"""Deterministic, vectorised demo data: the same seed and scale give the same rows.

`scale` multiplies enterprises, service workers and events (scale 100 ≈ 1M tickets); the six centers
and their parks stay. Everything is drawn with numpy arrays, never row by row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from analytics import uscc
from analytics.demo import catalog as c
from analytics.domain import (
    DEFAULT_DUE_WORKDAYS,
    STATUS_CLOSED,
    STATUS_IN_PROGRESS,
    STATUS_RECEIVED,
    STATUS_WITHDRAWN,
)
from analytics.keys import numbered_key
from analytics.workdays import add_working_days

DAY = np.timedelta64(1, "D")


@dataclass
class DemoData:
    centers: pd.DataFrame
    parks: pd.DataFrame
    enterprises: pd.DataFrame
    service_staff: pd.DataFrame
    visits: pd.DataFrame
    tickets: pd.DataFrame
    output_monthly: pd.DataFrame
    vaccination_snapshots: pd.DataFrame
    activities: pd.DataFrame

    def tables(self) -> dict[str, pd.DataFrame]:
        return {field.name: getattr(self, field.name) for field in fields(self)}


def generate(seed: int = 1, scale: float = 1.0) -> DemoData:
    if scale <= 0:
        raise ValueError("scale must be positive")
    rng = np.random.default_rng(seed)
    centers, parks = _centers_and_parks()
    enterprises = _enterprises(rng, scale, parks)
    staff = _service_staff(rng, scale)
    assigned = _assign_staff(rng, enterprises, staff)
    tickets = _tickets(rng, scale, enterprises)
    visits = _visits(rng, enterprises, staff, assigned, tickets)
    return DemoData(
        centers=centers,
        parks=parks,
        enterprises=enterprises,
        service_staff=staff,
        visits=visits,
        tickets=tickets,
        output_monthly=_output(rng, scale, enterprises),
        vaccination_snapshots=_vaccinations(rng, enterprises),
        activities=_activities(rng, scale, parks),
    )


# --- reference data ---------------------------------------------------------------------------


def _centers_and_parks() -> tuple[pd.DataFrame, pd.DataFrame]:
    centers = pd.DataFrame(
        {
            "center": [spec.name for spec in c.CENTERS],
            "is_illustrative": [spec.illustrative for spec in c.CENTERS],
            "sort_order": range(1, len(c.CENTERS) + 1),
        }
    )
    parks = pd.DataFrame(
        [(park, spec.name, area) for spec in c.CENTERS for park, area in spec.parks],
        columns=["park", "center", "area_km2"],
    )
    return centers, parks


def _count(base: float, scale: float) -> int:
    return max(1, round(base * scale))


def _enterprises(rng: np.random.Generator, scale: float, parks: pd.DataFrame) -> pd.DataFrame:
    frames = [_center_enterprises(rng, spec, scale) for spec in c.CENTERS]
    frame = pd.concat(frames, ignore_index=True)
    frame["industry"] = _draw(
        rng, [name for name, _, _ in c.INDUSTRIES], [w for _, w, _ in c.INDUSTRIES], len(frame)
    )
    frame["name"] = _enterprise_names(rng, frame)
    frame["uscc"] = _uscc_codes(rng, len(frame))
    road = rng.choice(np.array(c.ROADS), len(frame))
    frame["address"] = (
        "佛山市南海区狮山镇"
        + frame["park"]
        + road
        + pd.Series(rng.integers(1, 300, len(frame))).astype(str)
        + "号"
    )
    frame["contact"] = _person_names(rng, len(frame))
    frame["phone"] = "0757-8" + pd.Series(rng.integers(0, 10**7, len(frame))).astype(str).str.zfill(7)
    return frame[
        [
            "uscc",
            "name",
            "park",
            "industry",
            "is_above_scale",
            "is_high_tech",
            "is_listed",
            "is_eagle",
            "employees",
            "address",
            "contact",
            "phone",
            "center",
        ]
    ]


def _center_enterprises(rng: np.random.Generator, spec: c.CenterSpec, scale: float) -> pd.DataFrame:
    n = _count(spec.enterprises, scale)
    raw = rng.lognormal(np.log(30), 1.0, n)
    employees = np.maximum(3, np.round(raw * spec.workers * (n / spec.enterprises) / raw.sum())).astype(int)
    score = np.log(employees) + rng.normal(0, 0.35, n)
    above = np.zeros(n, bool)
    above[np.argsort(-score)[: min(n, round(spec.above_scale * scale))]] = True
    high_tech = _pick(rng, n, round(spec.high_tech * scale), np.where(above, 6.0, 1.0))
    eagle = _pick(rng, n, round(spec.eagle * scale), np.where(above, employees, 0.0))
    listed = _pick(
        rng, n, round(spec.listed * scale), np.where(above, employees * np.where(eagle, 10, 1), 0.0)
    )
    areas = np.array([area for _, area in spec.parks])
    park = rng.choice(np.array([park for park, _ in spec.parks]), n, p=areas / areas.sum())
    return pd.DataFrame(
        {
            "center": spec.name,
            "park": park,
            "employees": employees,
            "is_above_scale": above,
            "is_high_tech": high_tech,
            "is_eagle": eagle,
            "is_listed": listed,
        }
    )


def _pick(rng: np.random.Generator, n: int, k: int, weights: np.ndarray) -> np.ndarray:
    """A mask of exactly k of n items drawn without replacement, proportional to weights."""
    mask = np.zeros(n, bool)
    eligible = np.count_nonzero(weights)
    if k and eligible:
        weights = weights.astype(float)
        mask[rng.choice(n, min(k, eligible), replace=False, p=weights / weights.sum())] = True
    return mask


def _draw(rng: np.random.Generator, values: list[str], weights: list[float], n: int) -> np.ndarray:
    p = np.asarray(weights, float)
    return rng.choice(np.array(values), n, p=p / p.sum())


def _enterprise_names(rng: np.random.Generator, frame: pd.DataFrame) -> pd.Series:
    chars = list(dict.fromkeys(c.NAME_CHARACTERS))
    cores = np.array([a + b for a in chars for b in chars if a != b])
    prefixes, suffixes = np.array(c.NAME_PREFIXES), np.array(c.NAME_SUFFIXES)
    names = pd.Series("", index=frame.index, dtype=object)
    for industry, _, words in c.INDUSTRIES:
        rows = frame.index[frame["industry"] == industry]
        word_array = np.array(words)
        space = len(prefixes) * len(cores) * len(word_array) * len(suffixes)
        index = rng.choice(space, len(rows), replace=False)
        index, suffix = np.divmod(index, len(suffixes))
        index, word = np.divmod(index, len(word_array))
        prefix, core = np.divmod(index, len(cores))
        names[rows] = prefixes[prefix] + cores[core] + word_array[word] + suffixes[suffix]
    listed = frame["is_listed"].to_numpy()
    names[listed] = names[listed].str.replace(r"(实业|制造)?有限公司$", "股份有限公司", regex=True)
    if not names.is_unique:  # two listed firms differing only in their suffix
        duplicated = names.duplicated(keep="first")
        names[duplicated] = names[duplicated].str.replace("股份有限公司", "科技股份有限公司")
    return names.astype("string")


def _uscc_codes(rng: np.random.Generator, n: int) -> pd.Series:
    """Distinct, valid codes 91440605 + 9 organisation-code characters + the GB 32100 check character."""
    alphabet = np.array(list(uscc.ALPHABET))
    space = 31**9
    values = (np.arange(n, dtype=np.int64) * 1_000_000_007 + rng.integers(0, space)) % space
    digits = np.empty((n, 17), dtype=np.int64)
    digits[:, :8] = [uscc.ALPHABET.index(ch) for ch in "91440605"]
    for position in range(16, 7, -1):
        values, digits[:, position] = np.divmod(values, 31)
    check = (31 - (digits @ np.array(uscc.WEIGHTS)) % 31) % 31
    codes = np.concatenate([digits, check[:, None]], axis=1)
    return pd.Series(["".join(row) for row in alphabet[codes]], dtype="string")


def _person_names(rng: np.random.Generator, n: int) -> np.ndarray:
    surnames, given = np.array(list(c.SURNAMES)), np.array(list(c.GIVEN))
    second = np.where(rng.random(n) < 0.7, rng.choice(given, n), "")
    return rng.choice(surnames, n) + rng.choice(given, n) + second


def _service_staff(rng: np.random.Generator, scale: float) -> pd.DataFrame:
    frames = []
    for spec in c.CENTERS:
        wanted = _count(spec.staff, scale)
        names = pd.unique(_person_names(rng, wanted * 2 + 20))[:wanted]
        frames.append(pd.DataFrame({"center": spec.name, "name": names}))
    return pd.concat(frames, ignore_index=True)


def _assign_staff(rng: np.random.Generator, enterprises: pd.DataFrame, staff: pd.DataFrame) -> pd.Series:
    """Each enterprise's own service worker (its 网格员)."""
    return _random_staff(rng, enterprises["center"], staff)


def _random_staff(rng: np.random.Generator, centers: pd.Series, staff: pd.DataFrame) -> pd.Series:
    counts = staff.groupby("center", sort=False).size()
    offsets = counts.cumsum() - counts
    n = counts.reindex(centers).to_numpy()
    index = offsets.reindex(centers).to_numpy() + (rng.random(len(centers)) * n).astype(int)
    return pd.Series(staff["name"].to_numpy()[index], index=centers.index)


# --- dates ------------------------------------------------------------------------------------


def _months(start: dt.date, end: dt.date) -> np.ndarray:
    return np.arange(np.datetime64(start, "M"), np.datetime64(end, "M") + 1)


def _day_in_month(rng: np.random.Generator, months: np.ndarray) -> np.ndarray:
    first = months.astype("datetime64[D]")
    length = ((months + 1).astype("datetime64[D]") - first).astype(int)
    return first + (rng.random(len(months)) * length).astype(int)


def _weekday(days: np.ndarray) -> np.ndarray:
    """Saturdays move to Friday, Sundays to Monday."""
    weekday = (days.astype("datetime64[D]").view("int64") + 3) % 7  # 0 = Monday
    return days - np.where(weekday == 5, 1, 0) * DAY + np.where(weekday == 6, 1, 0) * DAY


def _month_profile(month_numbers: np.ndarray, boost_months: tuple[int, ...], boost: float) -> np.ndarray:
    weights = np.where(np.isin(month_numbers, boost_months), boost, 1.0)
    return weights / weights.sum()


# --- events -----------------------------------------------------------------------------------


def _visits(
    rng: np.random.Generator,
    enterprises: pd.DataFrame,
    staff: pd.DataFrame,
    assigned: pd.Series,
    tickets: pd.DataFrame,
) -> pd.DataFrame:
    spec = {s.name: s for s in c.CENTERS}
    center = enterprises["center"]
    # First sweep: the two months after the centers opened.
    swept = rng.random(len(enterprises)) < center.map(lambda name: spec[name].first_sweep).to_numpy()
    sweep_days = np.datetime64(c.START) + (rng.random(swept.sum()) * 62).astype(int)
    sweep_index = np.flatnonzero(swept)
    # Then regular visits, more often to above-scale enterprises.
    months = _months(dt.date(2020, 9, 1), c.END)
    rate = center.map(lambda name: spec[name].visit_rate).to_numpy() * np.where(
        enterprises["is_above_scale"], 0.8, 0.12
    )
    counts = rng.poisson(rate[:, None], (len(enterprises), len(months)))
    ent_index, month_index = np.nonzero(counts)
    repeats = counts[ent_index, month_index]
    regular_index = np.repeat(ent_index, repeats)
    regular_days = _day_in_month(rng, np.repeat(months[month_index], repeats))
    index = np.concatenate([sweep_index, regular_index])
    days = _weekday(np.concatenate([sweep_days, regular_days]))
    own = rng.random(len(index)) < 0.8
    other = _random_staff(rng, center.iloc[index].reset_index(drop=True), staff).to_numpy()
    visits = pd.DataFrame(
        {
            "visit_date": days,
            "uscc": enterprises["uscc"].to_numpy()[index],
            "staff": np.where(own, assigned.to_numpy()[index], other),
            "method": _draw(rng, list(c.VISIT_METHODS), list(c.VISIT_METHODS.values()), len(index)),
            "content": rng.choice(np.array(c.VISIT_CONTENTS), len(index)),
        }
    )
    # A demand taken during a visit has its visit on the same day.
    by_visit = tickets[tickets["source"] == "走访"]
    owner = enterprises.reset_index().set_index("uscc")["index"]
    from_tickets = pd.DataFrame(
        {
            "visit_date": by_visit["received_date"].to_numpy(),
            "uscc": by_visit["uscc"].to_numpy(),
            "staff": assigned.to_numpy()[owner.reindex(by_visit["uscc"]).to_numpy()],
            "method": "上门",
            "content": "收集企业诉求",
        }
    )
    visits = pd.concat([visits, from_tickets], ignore_index=True)
    visits = visits[visits["visit_date"] <= np.datetime64(c.END)]
    visits = visits.drop_duplicates(["uscc", "visit_date", "staff"]).sort_values(["visit_date", "uscc"])
    visits["visit_no"] = ["ZF" + format(i, "08d") for i in range(1, len(visits) + 1)]
    visits["row_key"] = numbered_key(visits["visit_no"])
    visits["note"] = None
    visits["visit_date"] = visits["visit_date"].astype("datetime64[s]")
    return visits.reset_index(drop=True)


def _tickets(rng: np.random.Generator, scale: float, enterprises: pd.DataFrame) -> pd.DataFrame:
    months = _months(c.START, c.END)
    month_numbers = months.astype(int) % 12 + 1
    categories = list(c.CATEGORY_WEIGHTS)
    frames = []
    for spec in c.CENTERS:
        own = enterprises[enterprises["center"] == spec.name]
        n = rng.poisson(spec.tickets_per_enterprise_year * 2 * len(own))
        weights = np.sqrt(own["employees"].to_numpy(float))
        pick = rng.choice(len(own), n, p=weights / weights.sum())
        center_weights = dict(c.CATEGORY_WEIGHTS)
        if spec.name == "长虹岭":  # waterlogging, parking and bus lines feature in the source
            center_weights.update({"市政设施": 0.18, "交通出行": 0.14})
        if spec.name == "大学城":
            center_weights.update({"政策咨询": 0.24, "融资金融": 0.08, "用工招聘": 0.10})
        category = _draw(rng, categories, list(center_weights.values()), n)
        frames.append(
            pd.DataFrame(
                {
                    "uscc": own["uscc"].to_numpy()[pick],
                    "category": category,
                    "center_median": spec.median_days,
                    "tail_share": spec.tail_share,
                }
            )
        )
    frame = pd.concat(frames, ignore_index=True)
    n = len(frame)
    # Received month: seasonal per category (rainy season, hiring after Spring Festival, outbreaks).
    month_index = np.empty(n, int)
    for category in categories:
        rows = np.flatnonzero(frame["category"].to_numpy() == category)
        profile = _season(category, months, month_numbers)
        month_index[rows] = rng.choice(len(months), len(rows), p=profile)
    received = _weekday(_day_in_month(rng, months[month_index]))
    received = np.clip(received, np.datetime64(c.START), np.datetime64(c.END))
    # Resolution time: a lognormal body around the center's typical time, and a tail of hard cases.
    difficulty = frame["category"].map(lambda k: c.CATEGORY_DIFFICULTY.get(k, 1.0)).to_numpy()
    body = rng.lognormal(np.log(frame["center_median"].to_numpy() * difficulty), 0.85)
    tail = rng.lognormal(np.log(55), 0.9, n)
    days = np.floor(np.where(rng.random(n) < frame["tail_share"].to_numpy(), tail, body)).astype(int)
    closed = received + days * DAY
    due_workdays = (
        frame["category"].map(lambda k: c.CATEGORY_DUE_WORKDAYS.get(k, DEFAULT_DUE_WORKDAYS)).to_numpy()
    )
    due = add_working_days(received, due_workdays)
    responded = received + np.minimum(rng.geometric(0.45, n) - 1, days) * DAY
    frame = frame.assign(received_date=received, closed_date=closed, due_date=due, responded_date=responded)
    frame = pd.concat([frame, _showcase_tickets(enterprises)], ignore_index=True)
    return _ticket_outcomes(rng, frame)


def _season(category: str, months: np.ndarray, month_numbers: np.ndarray) -> np.ndarray:
    weights = np.ones(len(months))
    if category == "市政设施":
        weights[np.isin(month_numbers, (5, 6, 7, 8, 9))] = 1.8
    if category == "用工招聘":
        weights[np.isin(month_numbers, (2, 3))] = 2.2
    if category == "疫情防控":
        outbreaks = np.isin(
            months.astype(str), ("2021-05", "2021-06", "2022-01", "2022-02", "2022-03", "2022-04")
        )
        weights[outbreaks] = 6.0
    return weights / weights.sum()


def _showcase_tickets(enterprises: pd.DataFrame) -> pd.DataFrame:
    biggest = enterprises[enterprises["center"] == "长虹岭"].nlargest(len(c.SHOWCASE_TICKETS), "employees")
    rows = []
    for (category, description, received, closed), code in zip(
        c.SHOWCASE_TICKETS, biggest["uscc"], strict=True
    ):
        due = add_working_days(np.array([received], "datetime64[D]"), np.array([30]))[0]
        rows.append(
            {
                "uscc": code,
                "category": category,
                "description": description,
                "received_date": np.datetime64(received),
                "closed_date": np.datetime64(closed),
                "due_date": due,
                "responded_date": np.datetime64(received),
                "source": "走访",
            }
        )
    return pd.DataFrame(rows)


def _ticket_outcomes(rng: np.random.Generator, frame: pd.DataFrame) -> pd.DataFrame:
    n = len(frame)
    end = np.datetime64(c.END)
    category = frame["category"].to_numpy()
    withdrawn = rng.random(n) < 0.015
    still_open = frame["closed_date"].to_numpy() > end
    closed = ~withdrawn & ~still_open
    on_time = frame["closed_date"].to_numpy() <= frame["due_date"].to_numpy()
    responded = frame["responded_date"].to_numpy() <= end
    status = np.where(
        withdrawn,
        STATUS_WITHDRAWN,
        np.where(closed, STATUS_CLOSED, np.where(responded, STATUS_IN_PROGRESS, STATUS_RECEIVED)),
    )
    satisfaction_on_time = _draw(rng, ["满意", "基本满意", "不满意", ""], [0.78, 0.17, 0.02, 0.03], n)
    satisfaction_late = _draw(rng, ["满意", "基本满意", "不满意", ""], [0.45, 0.33, 0.14, 0.08], n)
    satisfaction = np.where(closed, np.where(on_time, satisfaction_on_time, satisfaction_late), "")
    slow = (frame["closed_date"].to_numpy() - frame["received_date"].to_numpy()) > np.timedelta64(60, "D")
    escalated = np.where(slow | (still_open & ~on_time), rng.random(n) < 0.6, rng.random(n) < 0.02)
    # Generated rows take a template of their category; the showcase rows bring their own text and source.
    template = pd.Series(_category_templates(rng, category), index=frame.index)
    source = pd.Series(_draw(rng, list(c.SOURCES), list(c.SOURCES.values()), n), index=frame.index)
    frame = frame.assign(
        description=frame["description"].fillna(template),
        source=frame["source"].fillna(source),
        lead_unit=pd.Series(category).map(c.LEAD_UNITS).to_numpy(),
        status=status,
        resolved=np.where(closed, _draw(rng, ["已解决", "部分解决", "未解决"], [0.86, 0.10, 0.04], n), ""),
        satisfaction=satisfaction,
        escalated=escalated,
        closed_date=np.where(closed, frame["closed_date"].to_numpy(), np.datetime64("NaT")),
        responded_date=np.where(responded, frame["responded_date"].to_numpy(), np.datetime64("NaT")),
    )
    for column in ("resolved", "satisfaction"):
        frame[column] = frame[column].replace("", None)
    frame = frame.sort_values(["received_date", "uscc"]).reset_index(drop=True)
    year = frame["received_date"].dt.year.astype(str)
    frame["ticket_no"] = "SQ" + year + (frame.groupby(year).cumcount() + 1).astype(str).str.zfill(7)
    frame["row_key"] = numbered_key(frame["ticket_no"])
    frame["category_raw"] = frame["category"]
    for column in ("received_date", "closed_date", "due_date", "responded_date"):
        frame[column] = frame[column].astype("datetime64[s]")
    return frame.drop(columns=["center_median", "tail_share"])


def _seasonal_names(
    rng: np.random.Generator, titles: tuple[str, ...], month_numbers: np.ndarray
) -> np.ndarray:
    """A name per activity, drawn among the category's names that fit its month."""
    names = np.empty(len(month_numbers), dtype=object)
    for month in np.unique(month_numbers):
        fitting = [n for n in titles if month in c.SEASONAL_NAMES.get(n, (month,))]
        rows = np.flatnonzero(month_numbers == month)
        names[rows] = rng.choice(np.array(fitting), len(rows))
    return names


def _category_templates(rng: np.random.Generator, category: np.ndarray) -> np.ndarray:
    out = np.empty(len(category), dtype=object)
    for name, texts in c.DESCRIPTIONS.items():
        rows = np.flatnonzero(category == name)
        out[rows] = rng.choice(np.array(texts), len(rows))
    return out


def _output(rng: np.random.Generator, scale: float, enterprises: pd.DataFrame) -> pd.DataFrame:
    """Monthly output of the enterprises that report (all above-scale ones, about half of the others)."""
    months = _months(c.OUTPUT_START, c.END)
    month_numbers = months.astype(int) % 12 + 1
    reports = enterprises["is_above_scale"].to_numpy() | (rng.random(len(enterprises)) < 0.55)
    ent = enterprises[reports].reset_index(drop=True)
    n, m = len(ent), len(months)
    base = (
        ent["employees"].to_numpy(float) ** 1.15
        * rng.lognormal(0, 0.6, n)
        * np.where(ent["is_above_scale"], 3.0, 1.0)
    )
    growth = rng.normal(0.09, 0.12, n)
    years_from_2020 = (np.arange(m) - 18) / 12
    season = np.array([0.95, 0.62, 1.0, 1.0, 1.02, 1.05, 1.0, 1.0, 1.05, 1.0, 1.08, 1.15])[month_numbers - 1]
    shock = np.ones(m)
    shock[months.astype(str) == "2020-02"] = 0.45
    shock[months.astype(str) == "2020-03"] = 0.85
    shock[np.isin(months.astype(str), ("2022-04", "2022-05"))] = 0.94
    values = (
        base[:, None]
        * (1 + growth[:, None]) ** years_from_2020[None, :]
        * (season * shock)[None, :]
        * rng.lognormal(0, 0.06, (n, m))
    )
    # Some enterprises start reporting late, a few stop: their months are missing, not zero.
    first = np.where(rng.random(n) < 0.04, rng.integers(5, 30, n), 0)
    last = np.where(rng.random(n) < 0.03, rng.integers(26, 39, n), m - 1)
    month_index = np.arange(m)[None, :]
    present = (month_index >= first[:, None]) & (month_index <= last[:, None])
    in_2020 = (months >= np.datetime64("2020-01")) & (months <= np.datetime64("2020-12"))
    for spec in c.CENTERS:  # calibrate each center's reported 2020 total (长虹岭: just over 210亿元)
        rows = (ent["center"] == spec.name).to_numpy()
        target = spec.output_2020 * _count(spec.enterprises, scale) / spec.enterprises
        values[rows] *= target / (values[rows] * present[rows])[:, in_2020].sum()
    ent_index, month_pos = np.nonzero(present)
    output = np.round(values[ent_index, month_pos], 1)
    return pd.DataFrame(
        {
            "uscc": ent["uscc"].to_numpy()[ent_index],
            "period": months[month_pos].astype("datetime64[D]").astype("datetime64[s]"),
            "output_wan": output,
            "revenue_wan": np.round(output * rng.uniform(0.88, 1.02, len(output)), 1),
        }
    )


def _vaccinations(rng: np.random.Generator, enterprises: pd.DataFrame) -> pd.DataFrame:
    """Staff vaccination returns: twice a month from mid-April 2021, monthly from 2022."""
    semi_monthly = [
        d
        for m in _months(dt.date(2021, 4, 1), dt.date(2021, 12, 1))
        for d in (m.astype("datetime64[D]") + 14, (m + 1).astype("datetime64[D]") - 1)
    ]
    monthly = [(m + 1).astype("datetime64[D]") - 1 for m in _months(dt.date(2022, 1, 1), c.END)]
    dates = np.array(semi_monthly + monthly, "datetime64[D]")
    on_site = np.datetime64("2021-05-11")  # the day after 长虹岭's on-site vaccination point opened
    reports = (
        enterprises["is_above_scale"].to_numpy()
        | (enterprises["employees"].to_numpy() >= 100)
        | (rng.random(len(enterprises)) < 0.35)
    )
    ent = enterprises[reports].reset_index(drop=True)
    n = len(ent)
    all_dates = np.sort(np.append(dates, on_site))
    ent_index, date_index = np.nonzero(np.ones((n, len(all_dates)), bool))
    keep = (all_dates[date_index] != on_site) | (ent["center"].to_numpy()[ent_index] == "长虹岭")
    first_report = rng.integers(0, 4, n)
    keep &= date_index >= first_report[ent_index]
    ent_index, date_index = ent_index[keep], date_index[keep]
    day = all_dates[date_index]
    midpoint = (
        ent["center"].map({s.name: np.datetime64(s.vaccination_midpoint) for s in c.CENTERS}).to_numpy()
    )
    cap = np.clip(
        np.where(ent["is_above_scale"], rng.normal(0.94, 0.025, n), rng.normal(0.88, 0.05, n)), 0.6, 0.99
    )
    delay = (day - midpoint[ent_index].astype("datetime64[D]")).astype(float)
    dose1_share = cap[ent_index] / (1 + np.exp(-delay / 9))
    full_share = cap[ent_index] * 0.97 / (1 + np.exp(-(delay - 35) / 12))
    booster_share = np.where(
        day >= np.datetime64("2021-11-01"),
        cap[ent_index] * 0.72 / (1 + np.exp(-(day - np.datetime64("2022-01-20")).astype(float) / 20)),
        0.0,
    )
    staff_total = np.maximum(
        1, np.round(ent["employees"].to_numpy()[ent_index] * rng.lognormal(0, 0.03, len(day)))
    ).astype(int)
    dose1 = np.floor(staff_total * dose1_share).astype(int)
    full = np.minimum(np.floor(staff_total * full_share).astype(int), dose1)
    booster = np.minimum(np.floor(staff_total * booster_share).astype(int), full)
    frame = pd.DataFrame(
        {
            "uscc": ent["uscc"].to_numpy()[ent_index],
            "as_of": day.astype("datetime64[s]"),
            "staff_total": staff_total,
            "dose1": dose1,
            # the early returns asked only for first doses; boosters were counted from November 2021
            "full_course": pd.array(np.where(day >= np.datetime64("2021-05-01"), full, -1), dtype="Int64"),
            "booster": pd.array(np.where(day >= np.datetime64("2021-11-01"), booster, -1), dtype="Int64"),
        }
    )
    for column in ("full_course", "booster"):
        frame.loc[frame[column] < 0, column] = pd.NA
    return frame


def _activities(rng: np.random.Generator, scale: float, parks: pd.DataFrame) -> pd.DataFrame:
    months = _months(c.START, c.END)
    month_numbers = months.astype(int) % 12 + 1
    categories = list(c.ACTIVITIES)
    frames = []
    for spec in c.CENTERS:
        n = rng.poisson(spec.activities_per_week * 104 * scale)
        weights = rng.dirichlet(np.full(len(categories), 4.0))
        category = _draw(rng, categories, list(weights), n)
        month_index = np.empty(n, int)
        preferred = np.empty(n, int)
        factor = np.empty(n)
        names = np.empty(n, dtype=object)
        for name, (titles, venue, size, busy_months) in c.ACTIVITIES.items():
            rows = np.flatnonzero(category == name)
            month_index[rows] = rng.choice(
                len(months), len(rows), p=_month_profile(month_numbers, busy_months, 3.0)
            )
            preferred[rows] = venue
            factor[rows] = size
            names[rows] = _seasonal_names(rng, titles, months[month_index[rows]].astype(int) % 12 + 1)
        venue_index = np.where(rng.random(n) < 0.7, preferred, rng.integers(0, 4, n))
        center_parks = parks.loc[parks["center"] == spec.name, "park"].to_numpy()
        person_times = np.maximum(
            5, np.round(rng.lognormal(np.log(spec.person_times * factor), 0.55))
        ).astype(int)
        people = np.maximum(1, np.round(person_times / rng.uniform(1.0, 2.2, n))).astype(int)
        frames.append(
            pd.DataFrame(
                {
                    "activity_date": _day_in_month(rng, months[month_index]),
                    "name": names,
                    "category": category,
                    "venue": np.array(spec.venues)[venue_index],
                    "center": spec.name,
                    "park": np.where(rng.random(n) < 0.65, rng.choice(center_parks, n), None),
                    "person_times": person_times,
                    "people": pd.array(np.where(rng.random(n) < 0.75, people, -1), dtype="Int64"),
                    "volunteers": rng.poisson(np.where(category == "志愿服务培育", 8, 3)),
                }
            )
        )
    frame = (
        pd.concat(frames, ignore_index=True).sort_values(["activity_date", "center"]).reset_index(drop=True)
    )
    frame.loc[frame["people"] < 0, "people"] = pd.NA
    frame["activity_no"] = ["HD" + format(i, "07d") for i in range(1, len(frame) + 1)]
    frame["row_key"] = numbered_key(frame["activity_no"])
    frame["category_raw"] = frame["category"]
    frame["activity_date"] = frame["activity_date"].astype("datetime64[s]")
    return frame
