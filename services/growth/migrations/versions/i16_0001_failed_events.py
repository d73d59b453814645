"""failed_events: the events a handler gave up on (shared.failed_events); outbox rows get
the time of their next attempt (the relay backs off)

Revision ID: i16_0001_failed_events
Revises: 0001
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'i16_0001_failed_events'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'failed_events',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('event_id', sa.String(length=36), nullable=False),
        sa.Column('handler', sa.String(length=120), nullable=False),
        sa.Column('queue', sa.String(length=255), nullable=False),
        sa.Column('event_type', sa.String(length=80), nullable=False),
        sa.Column('source', sa.String(length=80), nullable=False),
        sa.Column('payload', sa.Text(), nullable=False),
        sa.Column('error', sa.Text(), nullable=False),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('failed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('replayed_at', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('event_id', 'handler', name='uq_failed_events_event_handler'),
    )
    with op.batch_alter_table('failed_events') as batch_op:
        batch_op.create_index(batch_op.f('ix_failed_events_failed_at'), ['failed_at'],
                              unique=False)
    with op.batch_alter_table('outbox') as batch_op:
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('outbox') as batch_op:
        batch_op.drop_column('next_attempt_at')
    with op.batch_alter_table('failed_events') as batch_op:
        batch_op.drop_index(batch_op.f('ix_failed_events_failed_at'))
    op.drop_table('failed_events')
