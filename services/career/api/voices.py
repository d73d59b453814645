"""Role voices: people who hold or held a role say what it is like; every opportunity
with that title shows them. And the evidence that improvement work leaves on profiles."""
from __future__ import annotations

import uuid
from datetime import UTC, datetime

from nameko.events import event_handler
from sqlalchemy import select

from services.career import domain
from services.career.api.common import get_or_404
from services.career.dto import voice_dto
from services.career.models import Application, Evidence, Opportunity, Person, RoleVoice
from shared.clock import now
from shared.contracts.experiments import ExperimentConcluded
from shared.contracts.ideas import IdeaStatusChanged
from shared.entrypoints import rpc
from shared.errors import PermissionDenied


def when(stamp: str) -> datetime:
    """An event's ISO time as an aware UTC datetime (now, when it cannot be read)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return now()
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class VoiceApi:
    @rpc
    def add_role_voice(self, opportunity_id: str, text: str) -> dict:
        """Leaves (or replaces) the caller's note on the role of this opportunity."""
        caller = self.caller.require()
        clean = domain.validate_voice(text)
        opportunity = get_or_404(self.db.session, Opportunity, opportunity_id, "opportunity")
        person = get_or_404(self.db.session, Person, caller.user_id, "person")
        held = set(self.db.session.scalars(select(Opportunity.role_key).join(Application).where(
            Application.applicant_id == caller.user_id,
            Application.status == domain.ApplicationStatus.ACCEPTED)).all())
        current = domain.voice_standing(opportunity.role_key, person.title, held)
        if current is None:
            raise PermissionDenied("only people who hold or held this role can speak for it")
        voice = self.db.session.scalar(select(RoleVoice).where(
            RoleVoice.role_key == opportunity.role_key, RoleVoice.author_id == person.id))
        stamp = now()
        if voice is None:
            voice = RoleVoice(id=str(uuid.uuid4()), role_key=opportunity.role_key,
                              author_id=person.id, created_at=stamp)
            self.db.session.add(voice)
        voice.text, voice.current, voice.updated_at = clean, current, stamp
        self.db.commit()
        return voice_dto(voice)

    @rpc
    def get_role_voices(self, opportunity_ids: list[str]) -> list[list[dict]]:
        """Per opportunity (in the order asked) the voices on its role: current holders
        first, then the newest."""
        self.caller.require()
        keys = dict(self.db.session.execute(select(Opportunity.id, Opportunity.role_key)
                                            .where(Opportunity.id.in_(opportunity_ids))).all())
        rows = self.db.session.scalars(select(RoleVoice).where(
            RoleVoice.role_key.in_(set(keys.values())))
            .order_by(RoleVoice.current.desc(), RoleVoice.updated_at.desc(), RoleVoice.id)).all()
        by_key: dict[str, list[dict]] = {}
        for row in rows:
            by_key.setdefault(row.role_key, []).append(voice_dto(row))
        return [by_key.get(keys.get(i), []) for i in opportunity_ids]


class EvidenceHandlers:
    @event_handler("experiments", "experiment_concluded")
    def on_experiment_concluded(self, message: dict) -> None:
        if not self.db.claim(message, "career.on_experiment_concluded"):
            return
        event = ExperimentConcluded.model_validate(message["data"])
        text = f"Ran experiment \u201c{event.title}\u201d (decided: {event.decision})"
        if event.learnings:
            text += f": {event.learnings[:300]}"
        members = dict.fromkeys([event.owner_id, *event.member_ids])
        for person_id in members:
            self._add_evidence(person_id, "EXPERIMENT", event.experiment_id, event.title, text,
                               when(event.concluded_at))
        self.db.commit()

    @event_handler("ideas", "idea_status_changed")
    def on_idea_status_changed(self, message: dict) -> None:
        if not self.db.claim(message, "career.on_idea_status_changed"):
            return
        event = IdeaStatusChanged.model_validate(message["data"])
        if event.to_status == "IMPLEMENTED":
            text = f"Implemented improvement idea \u201c{event.title}\u201d"
            self._add_evidence(event.author_id, "IDEA", event.idea_id, event.title, text,
                               when(event.changed_at))
        self.db.commit()

    def _add_evidence(self, person_id: str, source: str, source_id: str, title: str,
                      text: str, occurred_at: datetime) -> None:
        """One entry per person and piece of work, even if two events name it."""
        exists = self.db.session.scalar(select(Evidence.id).where(
            Evidence.person_id == person_id, Evidence.source == source,
            Evidence.source_id == source_id))
        if exists is None:
            self.db.session.add(Evidence(id=str(uuid.uuid4()), person_id=person_id,
                                         source=source, source_id=source_id, title=title[:255],
                                         text=text, occurred_at=occurred_at))
            self.db.session.flush()
