"""no schema change: joined two heads (failed events and identities) until i16 put its
revision after i17_0003; kept, linear, so a database that applied it stays at a known one

Revision ID: i21_career_merge
Revises: i16_0001_failed_events
Create Date: 2026-12-03 09:55:00

"""
from typing import Sequence, Union

revision: str = 'i21_career_merge'
down_revision: Union[str, Sequence[str], None] = 'i16_0001_failed_events'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
