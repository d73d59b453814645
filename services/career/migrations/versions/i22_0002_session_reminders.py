"""mentoring sessions remember when their pair was reminded

Revision ID: i22_0002_session_reminders
Revises: i22_0001_mentoring
Create Date: 2026-12-03 09:00:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "i22_0002_session_reminders"
down_revision: Union[str, Sequence[str], None] = "i22_0001_mentoring"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("mentoring_sessions") as batch:
        batch.add_column(sa.Column("reminded_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mentoring_sessions") as batch:
        batch.drop_column("reminded_at")
