"""chart splits: a new part of an experiment's chart, marked by the team

Revision ID: i21_0003
Revises: i21_0002
Create Date: 2026-12-03 09:10:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'i21_0003'
down_revision: Union[str, Sequence[str], None] = 'i21_0002'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table('chart_splits',
                    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
                    sa.Column('experiment_id', sa.String(length=36), nullable=False),
                    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
                    sa.Column('reason', sa.Text(), nullable=False),
                    sa.Column('split_by', sa.String(length=36), nullable=False),
                    sa.Column('split_at', sa.DateTime(timezone=True), nullable=False),
                    sa.ForeignKeyConstraint(['experiment_id'], ['experiments.id'],
                                            ondelete='CASCADE'),
                    sa.PrimaryKeyConstraint('seq'),
                    sa.UniqueConstraint('experiment_id', 'at', name='uq_chart_splits_at'))
    with op.batch_alter_table('chart_splits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_chart_splits_experiment_id'), ['experiment_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('chart_splits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_chart_splits_experiment_id'))
    op.drop_table('chart_splits')
