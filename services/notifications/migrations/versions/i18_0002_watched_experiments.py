"""notifications: watched experiments (overdue measurement reminders)

Revision ID: i18_0002_watched_experiments
Revises: i18_0001_notifications
Create Date: 2026-12-03 09:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'i18_0002_watched_experiments'
down_revision: Union[str, Sequence[str], None] = 'i18_0001_notifications'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('watched_experiments',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=140), nullable=False),
    sa.Column('owner_id', sa.String(length=36), nullable=False),
    sa.Column('member_ids', sa.Text(), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('concluded', sa.Boolean(), nullable=False),
    sa.Column('point_times', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('watched_experiments')
