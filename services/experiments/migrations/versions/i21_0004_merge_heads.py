"""one head again: failed events (i16) and chart splits (i21) both followed i21_0002

Revision ID: i21_0004
Revises: i16_0001_failed_events, i21_0003
Create Date: 2026-12-03 09:52:00

"""
from typing import Sequence, Union

revision: str = 'i21_0004'
down_revision: Union[str, Sequence[str], None] = ('i16_0001_failed_events', 'i21_0003')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
