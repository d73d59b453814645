"""an idea's source reference beyond reflections: a check-in's problem
(growth:check-in:<id>:<problem index>), unique so a retry makes no second idea

Revision ID: i23_0001_source
Revises: 0002
Create Date: 2026-12-02 19:30:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = 'i23_0001_source'
down_revision: Union[str, Sequence[str], None] = '0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_ref', sa.String(length=120), nullable=True))
        batch_op.create_index('uq_ideas_source_ref', ['source_ref'], unique=True)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index('uq_ideas_source_ref')
        batch_op.drop_column('source_ref')
