"""Seeds the career marketplace: profiles with ESCO skills and mentoring offers, ~25 open
opportunities of every kind, some applications (one accepted) and role voices; each done
by the person concerned, through the career service."""
from __future__ import annotations

from contextlib import ExitStack
from datetime import date, timedelta

from scripts.seeds import career_data as data
from scripts.seeds import org_data

ORDER = 15
SERVICES = ("career",)


def email(local: str) -> str:
    return f"{local}@{org_data.DOMAIN}"


def profile_fields(entry: tuple) -> dict:
    headline, skills, interests, aspirations, mentoring, hours = entry
    return {"headline": headline, "skills": [{"name": n, "level": lv} for n, lv in skills],
            "interests": interests, "aspirations": aspirations, "mentoring_skills": mentoring,
            "available_hours_per_week": hours}


def opportunity_fields(entry: tuple, today: date) -> dict:
    _, kind, title, team, text, skills, hours, remote, capacity, starts, closes = entry
    return {"kind": kind, "title": title, "team": team, "description": text,
            "skills": [{"name": n, "level": lv, "required": r} for n, lv, r in skills],
            "hours_per_week": hours, "remote": remote, "capacity": capacity,
            "location": "Porto" if remote else "Hamburg",
            "starts_on": (today + timedelta(days=starts)).isoformat(),
            "closes_on": (today + timedelta(days=closes)).isoformat()}


def seed(ctx) -> str:
    today = date.today()
    with ExitStack() as stack:
        proxies: dict = {}

        def career(local: str):
            if local not in proxies:
                proxies[local] = stack.enter_context(ctx.as_person(email(local)))
            return proxies[local].career

        for local, entry in data.PROFILES.items():
            person = ctx.people[email(local)]
            career(local).update_profile(person["id"], profile_fields(entry))
        posted = {entry[2]: career(entry[0]).post_opportunity(opportunity_fields(entry, today))
                  for entry in data.OPPORTUNITIES}
        applied = {(local, title): career(local).express_interest(posted[title]["id"], note)
                   for local, title, note in data.APPLICATIONS}
        for local, title in data.ACCEPTED:
            owner = posted[title]["owner_id"]
            owner_local = next(p["email"].split("@")[0] for p in ctx.people.values()
                               if p["id"] == owner)
            career(owner_local).decide_application(applied[(local, title)]["id"], "ACCEPT",
                                                   "Welcome aboard!")
        for local, title, text in data.VOICES:
            career(local).add_role_voice(posted[title]["id"], text)
    return (f"{len(data.PROFILES)} profiles, {len(posted)} opportunities, "
            f"{len(applied)} applications")
