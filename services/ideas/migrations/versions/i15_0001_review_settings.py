"""review settings: an admin may allow reviewers to decide on their own ideas

Revision ID: i15_0001_review_settings
Revises: i16_0001_failed_events
Create Date: 2026-12-02 19:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'i15_0001_review_settings'
down_revision: Union[str, Sequence[str], None] = 'i16_0001_failed_events'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('review_settings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('allow_self_review', sa.Boolean(), nullable=False),
    sa.Column('changed_by', sa.String(length=36), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('review_settings')
