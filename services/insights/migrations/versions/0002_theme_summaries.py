"""theme summaries: counts, closest ideas and idea creation times per theme

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 10:00:00

Existing themes get their summary computed here (the same arithmetic as
services/insights/summaries.py at this revision, inlined so later changes there do not
change what this revision does).
"""
import json
from datetime import datetime, timezone
from typing import Sequence, Union

import numpy as np
import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: Union[str, Sequence[str], None] = '0001'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

MAX_IDEAS = 100


def upgrade() -> None:
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idea_count', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('live_idea_count', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('reflection_count', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('learning_count', sa.Integer(), server_default='0',
                                      nullable=False))
        batch_op.add_column(sa.Column('idea_ids', sa.Text(), server_default='[]',
                                      nullable=False))
        batch_op.add_column(sa.Column('idea_times', sa.LargeBinary(), server_default='',
                                      nullable=False))
    _summarise_existing(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('themes', schema=None) as batch_op:
        for column in ('idea_times', 'idea_ids', 'learning_count', 'reflection_count', 'live_idea_count',
                       'idea_count'):
            batch_op.drop_column(column)


def _summarise_existing(bind) -> None:
    themes = bind.execute(sa.text("SELECT id, centroid FROM themes")).all()
    for theme_id, centroid in themes:
        rows = bind.execute(sa.text(
            "SELECT kind, id, status, embedding, extra, created_at FROM documents "
            "WHERE theme_id = :t AND active = :yes ORDER BY kind, id"),
            {"t": theme_id, "yes": True}).all()
        ideas = [r for r in rows if r.kind == 'IDEA']
        order = []
        if ideas and centroid:
            scores = np.stack([np.frombuffer(r.embedding, dtype=np.float32) for r in ideas]) \
                @ np.frombuffer(centroid, dtype=np.float32)
            order = [ideas[i].id for i in sorted(
                range(len(ideas)), key=lambda i: (-float(scores[i]), ideas[i].id))]
        bind.execute(sa.text(
            "UPDATE themes SET idea_count = :ideas, live_idea_count = :live, "
            "reflection_count = :reflections, learning_count = :learnings, idea_ids = :ids, "
            "idea_times = :times WHERE id = :t"),
            {"t": theme_id, "ideas": len(ideas),
             "live": sum(1 for r in ideas if r.status != 'DECLINED'),
             "reflections": sum(1 for r in rows if r.kind == 'REFLECTION'),
             "learnings": sum(1 for r in rows if r.kind == 'EXPERIMENT' and (
                 json.loads(r.extra or '{}').get('learnings') or '').strip()),
             "ids": json.dumps(order[:MAX_IDEAS]),
             "times": np.sort(np.array([_epoch(r.created_at) for r in ideas],
                                       dtype=np.float64)).tobytes()})


def _epoch(value) -> float:
    """created_at as stored: a datetime (PostgreSQL) or ISO text (SQLite); naive is UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.timestamp()
