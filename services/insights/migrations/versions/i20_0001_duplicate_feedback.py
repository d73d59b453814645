"""duplicate feedback: people's "not the same" on a suggested duplicate

Revision ID: i20_0001_duplicate_feedback
Revises: i16_0002_idempotency_keys
Create Date: 2026-12-03 12:00:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'i20_0001_duplicate_feedback'
down_revision: Union[str, Sequence[str], None] = 'i16_0002_idempotency_keys'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'duplicate_feedback',
        sa.Column('person_id', sa.String(length=36), nullable=False),
        sa.Column('idea_id', sa.String(length=36), nullable=False),
        sa.Column('text_sha256', sa.String(length=64), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('score', sa.Float(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('person_id', 'idea_id', 'text_sha256'),
    )
    with op.batch_alter_table('duplicate_feedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_duplicate_feedback_created_at'), ['created_at'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('duplicate_feedback', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_duplicate_feedback_created_at'))
    op.drop_table('duplicate_feedback')
