"""idempotency_keys: each mutation's key, caller, operation and answer, stored with its
change (shared.idempotency)

Revision ID: i16_0002_idempotency_keys
Revises: i16_0001_failed_events
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'i16_0002_idempotency_keys'
down_revision: Union[str, Sequence[str], None] = 'i16_0001_failed_events'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'idempotency_keys',
        sa.Column('caller_id', sa.String(length=64), nullable=False),
        sa.Column('key', sa.String(length=255), nullable=False),
        sa.Column('operation', sa.String(length=120), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.Column('result', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('caller_id', 'key'),
    )
    with op.batch_alter_table('idempotency_keys') as batch_op:
        batch_op.create_index(batch_op.f('ix_idempotency_keys_created_at'), ['created_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('idempotency_keys') as batch_op:
        batch_op.drop_index(batch_op.f('ix_idempotency_keys_created_at'))
    op.drop_table('idempotency_keys')
