"""The demo year 2016-2017: the published figures plus invented agreements and hours, marked as demo."""
from __future__ import annotations

import csv
import datetime as dt
import random
from importlib import resources

from sqlalchemy import update
from sqlalchemy.orm import Session

from ..domain.agreements import Kind
from ..domain.errors import Conflict
from ..domain.months import Month, month_range
from ..domain.setup import BoardSetup, ProviderSetup, YearSetup
from ..domain.units import MINUTES_PER_HOUR, parse_percent
from ..orm import Agreement
from . import (
    agreements, directory, hours, lookup, masterdata, months, report_library, reporting, reserve, years,
)
from .innovation import network_budgets, regional_networks, support_questions, theme_settings, year_data

LABEL = "2016-2017"
FIRST, LAST = Month(2016, 9), Month(2017, 7)

SCHOOLS = {
    "KPO": ["Basisschool De Regenboog", "Basisschool Sint-Jozef", "Basisschool Het Kompas"],
    "OBO": ["OBS De Vlinder", "OBS Het Palet", "OBS De Springplank"],
    "Borgesius": ["Basisschool De Wegwijzer", "SBO Pius X"],
    "De Waarden": ["Basisschool De Schakel", "Basisschool Het Anker"],
    "Kroevendonk / SPCO": ["CBS Kroevendonk"],
    "Zilverlinde / Pallas": ["SO Zilverlinde"],
}
CONTACTS = {
    "KPO": ("M. de Bruijn", "m.debruijn@kpo.example"),
    "OBO": ("A. Jansen", "a.jansen@obo.example"),
    "Borgesius": ("R. van Dijk", "r.vandijk@borgesius.example"),
    "De Waarden": ("S. Visser", "s.visser@dewaarden.example"),
    "Kroevendonk / SPCO": ("P. Bakker", "p.bakker@spco.example"),
    "Zilverlinde / Pallas": ("L. Smit", "l.smit@pallas.example"),
}
PROVIDER_CONTACTS = {
    "Kameleon": ("J. Verhoeven", "ambulant@kameleon.example"),
    "Mytyschool": ("H. de Wit", "ab@mytyschool.example"),
    "Driespan": ("E. Mulder", "begeleiding@driespan.example"),
}
DESCRIPTIONS = {
    Kind.ARRANGEMENT: ["Begeleiding leerling groep {g} bij taal-spraakproblemen",
                       "Ondersteuning leerling groep {g} met motorische beperking",
                       "Begeleiding leerling groep {g} bij gedragsproblemen"],
    Kind.PREVENTIVE: ["Observatie en advies groep {g}", "Preventieve ondersteuning in groep {g}"],
    Kind.COACHING: ["Coaching leerkracht groep {g} bij klassenmanagement",
                    "Coaching leerkracht groep {g}: omgaan met prikkelgevoelige leerlingen"],
    Kind.TEAM_TRAINING: ["Teamscholing over gedragsproblemen in de klas", "Teamscholing over motorische ontwikkeling"],
}


def _reference(name: str) -> list[dict[str, str]]:
    # One step at a time: a MultiplexedPath (Python 3.11, a bundle) takes one name per joinpath.
    text = resources.files("resources").joinpath("reference").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(), delimiter=";"))


def reference_setup() -> YearSetup:
    """The published 2016-2017 set-up: contracts, reserves, pupil shares, keys and minimums."""
    providers = tuple(ProviderSetup(r["dienstverlener"], int(r["contracturen"]), int(r["reserve"]), r["cluster"])
                      for r in _reference("po3002-2016-2017-providers.csv"))
    boards: dict[str, BoardSetup] = {}
    for r in _reference("po3002-2016-2017.csv"):
        if r["bestuur"] not in boards:
            contact, email = CONTACTS.get(r["bestuur"], ("", ""))
            boards[r["bestuur"]] = BoardSetup(
                r["bestuur"], parse_percent(r["percentage_leerlingen"]), parse_percent(r["verdeling"]),
                parse_percent(r["minimum"]) if r["minimum"] else None, contact, email)
    return YearSetup(LABEL, FIRST, LAST, providers, tuple(boards.values()))


def fill(session: Session, today: dt.date) -> None:
    """Fill an empty database with the demo year; refused when it holds data."""
    if not years.is_empty(session):
        raise Conflict("De database bevat al gegevens; de demo kan alleen in een lege database.")
    setup = reference_setup()
    years.create_or_replace(session, setup, is_demo=True)
    for name, (contact, email) in PROVIDER_CONTACTS.items():
        provider = lookup.provider(session, name)
        provider.contact_person, provider.email = contact, email
    rng = random.Random(2016)
    now = min(today, dt.date(2017, 7, 31))
    numbers = _agreements(session, setup, rng, now)
    session.execute(update(Agreement).values(is_demo=True))
    reserve.grant(session, reserve.GrantInput(
        LABEL, "KPO", "Driespan", Month(2017, 3), 12 * MINUTES_PER_HOUR,
        "Extra begeleiding na instroom van twee leerlingen (demo)"), today=min(today, dt.date(2017, 3, 2)))
    _hours(session, numbers, rng, today)
    for month in month_range(FIRST, Month(2017, 5)):
        if month < Month.of(today):
            months.close(session, LABEL, str(month), today)
    _innovation(session, today)


def _agreements(session: Session, setup: YearSetup, rng: random.Random, now: dt.date) -> list[str]:
    numbers = []
    kinds = list(Kind)
    for i in range(42):
        board = setup.boards[i % len(setup.boards)] if i < 30 else setup.boards[rng.randrange(4)]
        provider = setup.providers[rng.randrange(len(setup.providers))]
        kind = kinds[0] if rng.random() < 0.55 else rng.choice(kinds[1:])
        first = FIRST.plus(rng.choice([0, 0, 1, 2, 3, 4, 5]))
        last = min(first.plus(rng.choice([2, 4, 6, 9, 10])), LAST)
        reported = first.first_day() - dt.timedelta(days=rng.randrange(5, 20))
        if reported > now:
            continue
        registered = min(reported + dt.timedelta(days=rng.randrange(1, 5)), now)
        hours_agreed = rng.choice([20, 30, 40, 60, 80, 100, 120])
        number = agreements.register(session, agreements.AgreementInput(
            year=LABEL, board=board.name, provider=provider.name, minutes=hours_agreed * MINUTES_PER_HOUR,
            first_month=first, last_month=last, school=rng.choice(SCHOOLS[board.name]), kind=kind,
            description=rng.choice(DESCRIPTIONS[kind]).format(g=rng.randrange(1, 9)) + " (demo)",
            pupil_ref=f"L{rng.randrange(100, 999)}" if kind is Kind.ARRANGEMENT else "",
            reported_on=reported, registered_on=registered, board_contact=board.contact_person,
            provider_contact=f"Ambulant begeleider {provider.name}"), today=now)
        numbers.append(number)
        if i % 9 == 8:
            continue  # a few stay registered, not yet confirmed
        confirmed = min(registered + dt.timedelta(days=rng.randrange(1, 6)), now)
        agreements.confirm(session, number, confirmed, now)
    return numbers


def _hours(session: Session, numbers: list[str], rng: random.Random, today: dt.date) -> None:
    for number in numbers:
        row = agreements.get(session, number)
        if row.confirmed_on is None:
            continue
        start = max(row.first_month, Month.of(row.confirmed_on))
        for month in month_range(start, row.last_month):
            if month > Month.of(today):
                break
            year = lookup.year(session, LABEL)
            use = reporting.month_use(session, year, _board_id(session, row.board), _provider_id(session, row.provider),
                                      month)
            agreed_left = row.minutes - agreements.get(session, number).booked
            share = rng.choice([25, 40, 50, 60, 75, 90])  # percent of the month's budget
            minutes = min(use.budget * share // 100, use.left, agreed_left)
            minutes -= minutes % 15  # quarter hours, as providers report them
            if minutes > 0:
                hours.register(session, hours.HoursInput(number, month, minutes, source="demo"), today)
    for number in numbers[-3:]:
        if agreements.get(session, number).status.value == "bevestigd":
            agreements.complete(session, number, min(today, dt.date(2017, 7, 14)), today)
            break


def _board_id(session: Session, name: str) -> int:
    return lookup.board(session, name).id


def _provider_id(session: Session, name: str) -> int:
    return lookup.provider(session, name).id


# ---------------------------------------------------------------- innovation budgets (second scheme)

NETWORKS = {  # three regional networks of four schools, each of at least three boards
    "Noord": [("KPO", "Basisschool De Regenboog"), ("OBO", "OBS De Vlinder"), ("Borgesius", "Basisschool De Wegwijzer"),
              ("Kroevendonk / SPCO", "CBS Kroevendonk")],
    "Midden": [("KPO", "Basisschool Sint-Jozef"), ("OBO", "OBS Het Palet"), ("De Waarden", "Basisschool De Schakel"),
               ("Borgesius", "SBO Pius X")],
    "Zuid": [("KPO", "Basisschool Het Kompas"), ("OBO", "OBS De Springplank"), ("De Waarden", "Basisschool Het Anker"),
             ("Zilverlinde / Pallas", "SO Zilverlinde")],
}
#: Schools that are not regular primary schools (every other demo school is regulier)
SCHOOL_KINDS = {("Borgesius", "SBO Pius X"): "SBO", ("Zilverlinde / Pallas", "SO Zilverlinde"): "SO"}
PER_PUPIL = ("Midden", "Hoogbegaafdheid", 1_500)  # this network reckons this theme at € 15,00 per pupil

# name, organisation (None: an organisation itself), kind, areas, evidence, note, contact, e-mail, phone, place
EXPERTS = [
    ("Ambulante dienst Kameleon", None, "SO", ("gedrag", "autisme"), "certificaat",
     "Ambulant begeleiders met certificaat gedragsspecialist", "J. Verhoeven", "ambulant@kameleon.example",
     "0174 200 100", "Naaldwijk"),
    ("SBO De Wending", None, "SBO", ("gedrag", "rekenen en dyscalculie"), "ervaring", "Expertisecentrum binnen het SBO",
     "K. de Groot", "info@dewending.example", "0174 200 200", "Monster"),
    ("Mytyschool De Brug", None, "SO", ("fysieke beperkingen", "motoriek", "ernstige meervoudige beperkingen"),
     "certificaat", "Keurmerk speciaal onderwijs", "H. de Wit", "ab@mytyschool.example", "0174 200 300", "'s-Gravenzande"),
    ("Peuterspeelzaal Het Kabouterhuis", None, "voorschool", ("jonge kind", "taal en dyslexie"), "diploma",
     "VVE-gecertificeerde pedagogisch medewerkers", "E. Mulder", "info@kabouterhuis.example", "0174 200 400",
     "Wateringen"),
    ("Westland College zorgteam", None, "VO", ("gedrag", "hoogbegaafdheid"), "ervaring",
     "Zorgcoördinatoren onderbouw", "P. de Vries", "zorg@westlandcollege.example", "0174 200 500", "Naaldwijk"),
    ("Auris onderwijsbegeleiding", None, "SO", ("hoorproblemen", "taal en dyslexie"), "certificaat",
     "Ambulante begeleiding cluster 2", "M. Koster", "begeleiding@auris.example", "010 200 600", "Rotterdam"),
    ("Visio ambulante dienst", None, "SO", ("slechtziendheid",), "certificaat", "Ambulante begeleiding cluster 1",
     "T. Bakker", "ab@visio.example", "070 200 700", "Den Haag"),
    ("Anna Vermeulen", "Basisschool De Regenboog", "regulier", ("hoogbegaafdheid",), "diploma",
     "Master Talentontwikkeling en Begaafdheid (2014)", "", "a.vermeulen@kpo.example", "06 1234 5601", "Naaldwijk"),
    ("Bas Kok", "SBO De Wending", "SBO", ("rekenen en dyscalculie",), "certificaat", "Rekenspecialist (2015)", "",
     "b.kok@dewending.example", "06 1234 5602", "Monster"),
    ("Carla Mulder", "Mytyschool De Brug", "SO", ("motoriek", "fysieke beperkingen"), "diploma",
     "Kinderfysiotherapeut", "", "c.mulder@mytyschool.example", "06 1234 5603", "'s-Gravenzande"),
    ("Dirk van Leeuwen", "Westland College", "VO", ("autisme", "gedrag"), "certificaat", "Autismespecialist (2013)",
     "", "d.vanleeuwen@westlandcollege.example", "06 1234 5604", "Naaldwijk"),
    ("Els Bos", "Peuterspeelzaal Het Kabouterhuis", "voorschool", ("jonge kind",), "ervaring",
     "Vijftien jaar voorschoolse educatie", "", "e.bos@kabouterhuis.example", "06 1234 5605", "Wateringen"),
    ("Fatima El Amrani", "OBS Het Palet", "regulier", ("taal en dyslexie",), "certificaat",
     "Dyslexiespecialist (2016)", "", "f.elamrani@obo.example", "06 1234 5606", "Poeldijk"),
    ("Ingrid Smit", "SBO De Wending", "SBO", ("hoogbegaafdheid", "gedrag"), "anders",
     "Voorzitter kenniskring hoogbegaafdheid", "", "i.smit@dewending.example", "06 1234 5607", "Monster"),
    ("Gert Hoekstra", "Basisschool Sint-Jozef", "regulier", ("gedrag",), "ervaring", "Gedragscoach (tot 2016)", "",
     "g.hoekstra@kpo.example", "06 1234 5608", "De Lier"),
]
INACTIVE = ("Gert Hoekstra",)
#: Reports first handed in as a concept and then replaced: the library keeps both versions (Eerdere versies)
REPLACED_DRAFTS = ("Groepsplan gedrag: het draaiboek",)

# network, theme (None: Innovatie), title, schools (indexes into NETWORKS), executors (name, euros),
# submitted, started, report (title, date), paid, withdrawn (reason, date)
QUESTIONS = [
    ("Noord", None, "Samen lezen in de onderbouw", (0, 1, 2), (("Fatima El Amrani", 4_500), ("Els Bos", 3_000)),
     dt.date(2016, 9, 20), dt.date(2016, 10, 3), ("Samen lezen: opbrengsten en werkwijze", dt.date(2017, 2, 14)),
     dt.date(2017, 3, 1), None),
    ("Noord", "Gedrag", "Rust in de klas: gedragsaanpak voor drie scholen", (0, 2, 3),
     (("Ambulante dienst Kameleon", 6_000), ("Ingrid Smit", 2_500)), dt.date(2016, 10, 4), dt.date(2016, 10, 24),
     ("Rust in de klas: verslag van het eerste jaar", dt.date(2017, 6, 12)), None, None),
    ("Midden", "Hoogbegaafdheid", "Plusklas voor drie dorpen", (0, 1, 2, 3),
     (("Anna Vermeulen", 3_000), ("Westland College zorgteam", 2_000)), dt.date(2016, 10, 11), dt.date(2016, 11, 1),
     ("Plusklas: ervaringen en handreiking", dt.date(2017, 6, 20)), None, None),
    ("Midden", None, "Rekenen op maat met het SBO", (1, 2), (("Bas Kok", 5_000), ("SBO De Wending", 4_000)),
     dt.date(2016, 11, 15), dt.date(2016, 12, 5), None, None, None),
    ("Zuid", "Gedrag", "Van voorschool naar groep 1: gedrag in beeld", (0, 1, 3),
     (("Peuterspeelzaal Het Kabouterhuis", 3_500), ("Ambulante dienst Kameleon", 4_000)), dt.date(2017, 1, 10),
     dt.date(2017, 2, 6), None, None, None),
    ("Zuid", None, "Bewegen en leren: motoriek in de klas", (1, 2, 3),
     (("Mytyschool De Brug", 6_500), ("Carla Mulder", 2_000)), dt.date(2017, 5, 16), None, None, None, None),
    ("Noord", None, "Autisme-vriendelijke school", (1, 3), (("Dirk van Leeuwen", 3_000), ("Auris onderwijsbegeleiding", 2_500)),
     dt.date(2016, 11, 2), None, None, None, ("De scholen kiezen voor de scholing van het SWV", dt.date(2016, 12, 1))),
    ("Midden", "Gedrag", "Groepsplan gedrag voor kleine scholen", (0, 3),
     (("Ingrid Smit", 4_000), ("Dirk van Leeuwen", 3_500)), dt.date(2016, 9, 27), dt.date(2016, 10, 10),
     ("Groepsplan gedrag: het draaiboek", dt.date(2017, 1, 30)), dt.date(2017, 2, 20), None),
]


def _innovation(session: Session, today: dt.date) -> None:
    """Regional networks with pupil counts, theme budgets, the expert pool and support questions (demo)."""
    rng = random.Random(2019)  # its own generator: the hours scheme above draws from its own
    known = {(s.board, s.school) for s in regional_networks.list_schools(session, LABEL)}
    for board, school in (pair for schools in NETWORKS.values() for pair in schools):
        if (board, school) not in known:  # early in the year, agreements have not named every school yet
            masterdata.add_school(session, board, school)
    for (board, school), kind in SCHOOL_KINDS.items():
        masterdata.rename_school(session, board, school, school, kind)
    for network, schools in NETWORKS.items():
        regional_networks.add_network(session, network)
        for board, school in schools:
            regional_networks.assign_school(session, LABEL, network, board, school)
            regional_networks.set_pupils(session, LABEL, board, school, rng.randrange(120, 420))
    year_data.open_year(session, LABEL)
    per_pupil_network, per_pupil_theme, rate = PER_PUPIL
    setting = next(t for t in theme_settings.list_themes(session, LABEL) if t.name == per_pupil_theme)
    theme_settings.set_theme(session, LABEL, per_pupil_theme, standard=setting.standard, rate=rate, basis=setting.basis)
    network_budgets.set_network_budget(session, LABEL, per_pupil_network, per_pupil_theme, entered=None,
                                       basis="per leerling")
    for name, organisation, kind, areas, evidence, note, contact, email, phone, place in EXPERTS:
        directory.add_expert(session, directory.ExpertInput(
            name, organisation is None, organisation or "", kind, areas, evidence, note, contact, email, phone,
            place))
    for (network, theme, title, school_indexes, executors, submitted, started, report, paid,
         withdrawn) in sorted(QUESTIONS, key=lambda q: q[5]):  # numbered in order of submission
        if submitted > today:
            continue
        question_schools = tuple(NETWORKS[network][i] for i in school_indexes)
        number = support_questions.submit_question(session, support_questions.QuestionInput(
            LABEL, network, title, f"{title} (demo)", theme, question_schools,
            tuple((expert, euros * 100) for expert, euros in executors), submitted), today)
        if started is not None and started <= today:
            support_questions.start_question(session, number, started, today)
        if report is not None and report[1] <= today:
            support_questions.receive_report(session, number, title=report[0], received_on=report[1], today=today)
            if report[0] in REPLACED_DRAFTS:  # a concept first, replaced by the final report: two versions kept
                report_library.add_report(session, number, report_library.Upload(
                    f"Verslag {number} concept.docx", _report_docx(f"{report[0]} (concept)", title, network)))
            report_library.add_report(session, number, report_library.Upload(
                f"Verslag {number}.docx", _report_docx(report[0], title, network)))
        if paid is not None and paid <= today:
            support_questions.pay_question(session, number, paid_on=paid, today=today)
        if withdrawn is not None and withdrawn[1] <= today:
            support_questions.withdraw_question(session, number, reason=withdrawn[0], day=withdrawn[1], today=today)
    for name in INACTIVE:
        entry = directory.expert(session, name)
        directory.update_expert(session, name, directory.ExpertInput(
            entry.name, entry.is_organisation, entry.organisation, entry.kind, entry.areas, entry.evidence,
            entry.evidence_note, entry.contact_person, entry.email, entry.phone, entry.place, active=False))


def _report_docx(report: str, question: str, network: str) -> bytes:
    """A short report as the least a DOCX needs (its document.xml), so the demo's library has files to open."""
    import io
    import zipfile
    from xml.sax.saxutils import escape

    paragraphs = (report, f"Verslag van de ondersteuningsvraag '{question}' van netwerk {network} (demo).",
                  "De scholen beschrijven de aanpak, wat werkte en wat niet, en wat een ander netwerk kan overnemen "
                  "zonder het experiment te herhalen.")
    body = "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                         'openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" '
                         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main'
                         '+xml"/></Types>')
        archive.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
                         'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
                         f"{body}</w:body></w:document>")
    return out.getvalue()
