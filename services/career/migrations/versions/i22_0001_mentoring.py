"""mentoring programmes, mentorships, goals, sessions, agenda, notes, action items

Revision ID: i22_0001_mentoring
Revises: 0002
Create Date: 2026-12-02 19:10:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "i22_0001_mentoring"
down_revision: Union[str, Sequence[str], None] = "0002"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def _id() -> sa.Column:
    return sa.Column("id", sa.String(length=36), nullable=False)


def _at(name: str, nullable: bool = False) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def _index(table: str, *columns: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in columns:
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "mentoring_programmes", _id(),
        sa.Column("name", sa.String(length=140), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("coordinator_ids", sa.Text(), nullable=False),
        sa.Column("audience", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        _at("created_at"), sa.PrimaryKeyConstraint("id"))
    _index("mentoring_programmes", "created_at")
    op.create_table(
        "programme_enrolments", _id(),
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("skills", sa.Text(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("goal", sa.Text(), nullable=False),
        sa.Column("lock_version", sa.Integer(), nullable=False),
        _at("created_at"),
        sa.ForeignKeyConstraint(["programme_id"], ["mentoring_programmes.id"],
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"), sa.UniqueConstraint("programme_id", "person_id"))
    _index("programme_enrolments", "person_id", "programme_id")
    op.create_table(
        "mentorships", _id(),
        sa.Column("programme_id", sa.String(length=36), nullable=True),
        sa.Column("mentor_id", sa.String(length=36), nullable=False),
        sa.Column("mentee_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("how", sa.String(length=20), nullable=False),
        _at("created_at"), _at("matched_at", True), _at("last_activity_at"),
        _at("stuck_alerted_at", True), _at("closed_at", True),
        sa.Column("mentor_rating", sa.Integer(), nullable=True),
        sa.Column("mentor_reflection", sa.Text(), nullable=False),
        sa.Column("mentee_rating", sa.Integer(), nullable=True),
        sa.Column("mentee_reflection", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"))
    _index("mentorships", "mentee_id", "mentor_id", "programme_id", "status")
    op.create_table(
        "mentorship_goals", _id(),
        sa.Column("mentorship_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("target_date", sa.Date(), nullable=True),
        sa.Column("tasks", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("progress", sa.Integer(), nullable=False),
        _at("created_at"), _at("updated_at"), _at("completed_at", True),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorships.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"))
    _index("mentorship_goals", "mentorship_id")
    op.create_table(
        "mentoring_sessions", _id(),
        sa.Column("mentorship_id", sa.String(length=36), nullable=False),
        _at("at"),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.String(length=36), nullable=False),
        _at("created_at"),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorships.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"))
    _index("mentoring_sessions", "at", "mentorship_id")
    for table, column, kind in (("session_agenda_items", "text", sa.Text()),
                                ("session_notes", "body", sa.Text())):
        extra = [sa.Column("visibility", sa.String(length=10), nullable=False)] \
            if table == "session_notes" else []
        op.create_table(
            table, _id(),
            sa.Column("session_id", sa.String(length=36), nullable=False),
            sa.Column("author_id", sa.String(length=36), nullable=False),
            sa.Column(column, kind, nullable=False), *extra, _at("created_at"),
            sa.ForeignKeyConstraint(["session_id"], ["mentoring_sessions.id"],
                                    ondelete="CASCADE"),
            sa.PrimaryKeyConstraint("id"))
        _index(table, "session_id")
    op.create_table(
        "session_action_items", _id(),
        sa.Column("mentorship_id", sa.String(length=36), nullable=False),
        sa.Column("session_id", sa.String(length=36), nullable=False),
        sa.Column("owner_id", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        _at("created_at"), _at("completed_at", True),
        sa.ForeignKeyConstraint(["mentorship_id"], ["mentorships.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["mentoring_sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"))
    _index("session_action_items", "mentorship_id", "session_id")


def downgrade() -> None:
    for table in ("session_action_items", "session_notes", "session_agenda_items",
                  "mentoring_sessions", "mentorship_goals", "mentorships",
                  "programme_enrolments", "mentoring_programmes"):
        op.drop_table(table)
