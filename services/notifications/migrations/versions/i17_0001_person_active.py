"""people.active: career's person_deactivated / person_reactivated, so a deactivated person
is told nothing (no inbox notice, mail, digest or reminder)

Revision ID: i17_0001_person_active
Revises: i16_0002_idempotency_keys
"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


revision: str = 'i17_0001_person_active'
down_revision: Union[str, Sequence[str], None] = 'i16_0002_idempotency_keys'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('people') as batch_op:
        batch_op.add_column(sa.Column('active', sa.Boolean(), server_default=sa.true(),
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('people') as batch_op:
        batch_op.drop_column('active')
