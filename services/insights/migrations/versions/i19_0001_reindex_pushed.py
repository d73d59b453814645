"""reindex_pushed: the documents a running reindex pushed back unchanged

Revision ID: i19_0001_reindex_pushed
Revises: i20_0002_theme_areas
Create Date: 2026-12-04 18:55:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'i19_0001_reindex_pushed'
down_revision: Union[str, Sequence[str], None] = 'i20_0002_theme_areas'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'reindex_pushed',
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'id'),
    )


def downgrade() -> None:
    op.drop_table('reindex_pushed')
