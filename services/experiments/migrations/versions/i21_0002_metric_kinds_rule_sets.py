"""metric kinds (value or numerator/denominator per point), rule sets, settings

Revision ID: i21_0002
Revises: 0001
Create Date: 2026-12-03 08:55:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'i21_0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # every experiment planned before this revision measured a value and read IHI rules
    with op.batch_alter_table('experiments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('metric_kind', sa.String(length=12),
                                      server_default='MEASURE', nullable=False))
        batch_op.add_column(sa.Column('rules', sa.String(length=8), server_default='IHI',
                                      nullable=False))
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('numerator', sa.Double(), nullable=True))
        batch_op.add_column(sa.Column('denominator', sa.Double(), nullable=True))
    op.create_table('experiment_settings',
                    sa.Column('name', sa.String(length=40), nullable=False),
                    sa.Column('value', sa.String(length=200), nullable=False),
                    sa.Column('changed_by', sa.String(length=36), nullable=False),
                    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
                    sa.PrimaryKeyConstraint('name'))


def downgrade() -> None:
    op.drop_table('experiment_settings')
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.drop_column('denominator')
        batch_op.drop_column('numerator')
    with op.batch_alter_table('experiments', schema=None) as batch_op:
        batch_op.drop_column('rules')
        batch_op.drop_column('metric_kind')
