"""one head again: failed events (i16) and identities (i17) both followed i22_0002

Revision ID: i21_career_merge
Revises: i16_0001_failed_events, i17_0003_identities_tokens
Create Date: 2026-12-03 09:55:00

"""
from typing import Sequence, Union

revision: str = 'i21_career_merge'
down_revision: Union[str, Sequence[str], None] = ('i16_0001_failed_events',
                                                  'i17_0003_identities_tokens')
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
