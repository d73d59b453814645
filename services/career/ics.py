"""A mentoring session as a calendar file (RFC 5545, written by the icalendar library), so
people can put it wherever their calendar is."""
from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Calendar, Event

PRODID = "-//Kaizen//Mentoring sessions//EN"


def session_calendar(session_id: str, starts: datetime, minutes: int, summary: str,
                     description: str, stamp: datetime) -> str:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"{session_id}@kaizen.mentoring")
    event.add("dtstamp", stamp)
    event.add("dtstart", starts)
    event.add("dtend", starts + timedelta(minutes=minutes))
    event.add("summary", summary)
    event.add("description", description)
    calendar.add_component(event)
    return calendar.to_ical().decode()
