"""Tables of the career service: the people directory with profiles, the skills taxonomy,
opportunities, applications, mentoring requests and role voices."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from shared.failed_events import failed_events_table
from shared.idempotency import idempotency_keys_table
from shared.outbox import inbox_table, outbox_table
from shared.types import UtcDateTime


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    title: Mapped[str] = mapped_column(String(120), default="")
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    manager_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    location: Mapped[str] = mapped_column(String(80), default="")
    roles: Mapped[str] = mapped_column(String(120), default="employee")  # space separated
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # the profile (revision 0002)
    headline: Mapped[str] = mapped_column(String(140), default="", server_default="")
    aspirations: Mapped[str] = mapped_column(Text, default="", server_default="")
    interests: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")  # JSON list
    available_hours: Mapped[int | None] = mapped_column(Integer, nullable=True)
    profile_updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # sign-in and provisioning (revision i17_0003): a deactivated person cannot sign in
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    external_id: Mapped[str | None] = mapped_column(String(255), nullable=True)  # SCIM's
    # SCIM provisioning (revision i17_0004): the IdP's userName and its User document as last
    # written (services/career/scim_resources.py); a SCIM DELETE deprovisions (404 since)
    user_name: Mapped[str | None] = mapped_column(String(255), nullable=True, unique=True)
    scim_document: Mapped[str | None] = mapped_column(Text, nullable=True)  # JSON
    scim_updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    deprovisioned_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)

    skills: Mapped[list[PersonSkill]] = relationship(
        cascade="all, delete-orphan", order_by="PersonSkill.position", lazy="selectin"
    )
    mentoring: Mapped[list[MentoringSkill]] = relationship(
        cascade="all, delete-orphan", order_by="MentoringSkill.position", lazy="selectin"
    )


class Skill(Base):
    """An ESCO skill (id from its URI) or a custom one typed by someone (`custom`)."""

    __tablename__ = "skills"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    key: Mapped[str] = mapped_column(String(255), index=True)  # normalised name
    uri: Mapped[str | None] = mapped_column(String(255), nullable=True)
    alt_labels: Mapped[str] = mapped_column(Text, default="")  # one per line
    description: Mapped[str] = mapped_column(Text, default="")
    custom: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class PersonSkill(Base):
    __tablename__ = "person_skills"

    person_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(ForeignKey("skills.id"), primary_key=True, index=True)
    level: Mapped[int] = mapped_column(Integer)
    position: Mapped[int] = mapped_column(Integer, default=0)
    skill: Mapped[Skill] = relationship(lazy="joined")


class MentoringSkill(Base):
    __tablename__ = "mentoring_skills"

    person_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(ForeignKey("skills.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    skill: Mapped[Skill] = relationship(lazy="joined")


class Evidence(Base):
    """Proof of skill from improvement work: an experiment run, an idea implemented."""

    __tablename__ = "evidence"
    __table_args__ = (UniqueConstraint("person_id", "source", "source_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36), index=True)
    source: Mapped[str] = mapped_column(String(20))  # EXPERIMENT | IDEA | KUDOS
    source_id: Mapped[str] = mapped_column(String(36))
    title: Mapped[str] = mapped_column(String(255))
    text: Mapped[str] = mapped_column(Text)
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Opportunity(Base):
    __tablename__ = "opportunities"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(140))
    role_key: Mapped[str] = mapped_column(String(140), index=True)  # normalised title
    description: Mapped[str] = mapped_column(Text, default="")
    team: Mapped[str | None] = mapped_column(String(80), nullable=True, index=True)
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    hours_per_week: Mapped[int | None] = mapped_column(Integer, nullable=True)
    location: Mapped[str] = mapped_column(String(80), default="")
    remote: Mapped[bool] = mapped_column(Boolean, default=False)
    starts_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    closes_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(20), index=True)
    lock_version: Mapped[int] = mapped_column(Integer, default=0)  # bumped to lock on SQLite
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    skills: Mapped[list[OpportunitySkill]] = relationship(
        cascade="all, delete-orphan", order_by="OpportunitySkill.position", lazy="selectin"
    )


class OpportunitySkill(Base):
    __tablename__ = "opportunity_skills"

    opportunity_id: Mapped[str] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), primary_key=True
    )
    skill_id: Mapped[str] = mapped_column(ForeignKey("skills.id"), primary_key=True, index=True)
    level: Mapped[int] = mapped_column(Integer)
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    skill: Mapped[Skill] = relationship(lazy="joined")


class Application(Base):
    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("opportunity_id", "applicant_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    opportunity_id: Mapped[str] = mapped_column(
        ForeignKey("opportunities.id", ondelete="CASCADE"), index=True
    )
    applicant_id: Mapped[str] = mapped_column(String(36), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    message: Mapped[str] = mapped_column(Text, default="")  # the owner's, with the decision
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class MentoringRequest(Base):
    __tablename__ = "mentoring_requests"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mentor_id: Mapped[str] = mapped_column(String(36), index=True)
    mentee_id: Mapped[str] = mapped_column(String(36), index=True)
    skills: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of skill names
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(20), index=True)
    response: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    responded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class RoleVoice(Base):
    """What someone who holds or held a role says it is like; one per person and role."""

    __tablename__ = "role_voices"
    __table_args__ = (UniqueConstraint("role_key", "author_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    role_key: Mapped[str] = mapped_column(String(140), index=True)
    author_id: Mapped[str] = mapped_column(String(36), index=True)
    text: Mapped[str] = mapped_column(Text)
    current: Mapped[bool] = mapped_column(Boolean, default=True)  # holds it now
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SignInIdentity(Base):
    """A person as an identity provider knows them: (issuer, subject) is unique."""

    __tablename__ = "identities"

    issuer: Mapped[str] = mapped_column(String(255), primary_key=True)
    subject: Mapped[str] = mapped_column(String(255), primary_key=True)
    person_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_sign_in_at: Mapped[datetime] = mapped_column(UtcDateTime())


class AccessToken(Base):
    """A secret for a machine: an integrator's API token (kind API, a person's, scoped) or
    a provisioning client's (kind PROVISIONING, for SCIM). Only its SHA-256 is kept."""

    __tablename__ = "access_tokens"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    person_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    scopes: Mapped[str] = mapped_column(String(255), default="")  # space separated
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class ProvisionedGroup(Base):
    """A SCIM Group: a role when its displayName is mapped (KAIZEN_OIDC_ROLE_GROUPS), else a
    team (services/career/provisioning.py)."""

    __tablename__ = "provisioned_groups"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(255), index=True)
    external_id: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    members: Mapped[list[GroupMembership]] = relationship(
        cascade="all, delete-orphan", order_by="GroupMembership.added_at", lazy="selectin"
    )


class GroupMembership(Base):
    __tablename__ = "group_memberships"

    group_id: Mapped[str] = mapped_column(
        ForeignKey("provisioned_groups.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[str] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = mapped_column(UtcDateTime())
    display: Mapped[str | None] = mapped_column(String(255), nullable=True)  # as the IdP sent


# --- mentoring programmes (revision i22_0001) -------------------------------------------

class MentoringProgramme(Base):
    __tablename__ = "mentoring_programmes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(140))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    coordinator_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of person ids
    audience: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of teams; [] = all
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)


class Enrolment(Base):
    """A person in a programme, as MENTOR (skills: help areas, capacity: mentees) or MENTEE
    (skills: development areas, goal: a sentence). One role per person and programme."""

    __tablename__ = "programme_enrolments"
    __table_args__ = (UniqueConstraint("programme_id", "person_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    programme_id: Mapped[str] = mapped_column(
        ForeignKey("mentoring_programmes.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[str] = mapped_column(String(36), index=True)
    role: Mapped[str] = mapped_column(String(10))
    skills: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of skill names
    capacity: Mapped[int] = mapped_column(Integer, default=0)
    goal: Mapped[str] = mapped_column(Text, default="")
    lock_version: Mapped[int] = mapped_column(Integer, default=0)  # bumped to lock on SQLite
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Mentorship(Base):
    """A match (PENDING until the mentor answers) and, once ACTIVE, the pair's work;
    `programme_id` is None for a match outside any programme."""

    __tablename__ = "mentorships"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    programme_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    mentor_id: Mapped[str] = mapped_column(String(36), index=True)
    mentee_id: Mapped[str] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    how: Mapped[str] = mapped_column(String(20))  # SUGGESTED | CHOSEN | COORDINATOR | REQUEST
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    matched_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    last_activity_at: Mapped[datetime] = mapped_column(UtcDateTime())
    stuck_alerted_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    mentor_rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mentor_reflection: Mapped[str] = mapped_column(Text, default="")
    mentee_rating: Mapped[int | None] = mapped_column(Integer, nullable=True)
    mentee_reflection: Mapped[str] = mapped_column(Text, default="")


class MentorshipGoal(Base):
    __tablename__ = "mentorship_goals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mentorship_id: Mapped[str] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    target_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    tasks: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{"text", "done"}]
    notes: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[int] = mapped_column(Integer, default=0)  # percent
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class MentoringSession(Base):
    __tablename__ = "mentoring_sessions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mentorship_id: Mapped[str] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # when both were reminded that it is near (mentoring_session_due); null: not yet
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class AgendaItem(Base):
    __tablename__ = "session_agenda_items"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("mentoring_sessions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str] = mapped_column(String(36))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class SessionNote(Base):
    __tablename__ = "session_notes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("mentoring_sessions.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[str] = mapped_column(String(36))
    body: Mapped[str] = mapped_column(Text)
    visibility: Mapped[str] = mapped_column(String(10))  # PRIVATE | SHARED
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ActionItem(Base):
    """Added in a session, owned by one of the pair; shown in every later session until
    done."""

    __tablename__ = "session_action_items"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    mentorship_id: Mapped[str] = mapped_column(
        ForeignKey("mentorships.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[str] = mapped_column(
        ForeignKey("mentoring_sessions.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[str] = mapped_column(String(36))
    text: Mapped[str] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


OUTBOX = outbox_table(Base.metadata)
INBOX = inbox_table(Base.metadata)
FAILED_EVENTS = failed_events_table(Base.metadata)
IDEMPOTENCY_KEYS = idempotency_keys_table(Base.metadata)
