"""theme areas: broad areas that open into their themes

Revision ID: i20_0002_theme_areas
Revises: i20_0001_duplicate_feedback
Create Date: 2026-12-03 17:10:00

Existing themes get no area here: areas are formed (with labels, which need the model) at
the next clustering of the pool or re-cluster (`reclusterThemes`; a reindex runs one).
Until then `themeAreas` is empty and the portal lists the themes without areas.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'i20_0002_theme_areas'
down_revision: Union[str, Sequence[str], None] = 'i20_0001_duplicate_feedback'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        'theme_areas',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('label', sa.Text(), nullable=False),
        sa.Column('keywords', sa.Text(), nullable=False),
        sa.Column('centroid', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('area_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_themes_area_id'), ['area_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_themes_area_id'))
        batch_op.drop_column('area_id')
    op.drop_table('theme_areas')
