"""team reflections leave themes: a reflection shared with its TEAM only is in no theme and
counts in none (services/insights/domain.py, joins_themes)

Revision ID: i21_0001_team_refl_no_themes
Revises: i16_0001_failed_events

Each theme's reflection count is recounted here; its centre, keywords and label follow at
the next change of the theme, the next recluster (the `reclusterThemes` mutation) or
`kaizen-insights reindex`.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'i21_0001_team_refl_no_themes'
down_revision: Union[str, Sequence[str], None] = 'i16_0001_failed_events'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    bind = op.get_bind()
    bind.execute(sa.text(
        "UPDATE documents SET theme_id = NULL "
        "WHERE kind = 'REFLECTION' AND status <> 'ORGANIZATION'"))
    bind.execute(sa.text(
        "UPDATE themes SET reflection_count = (SELECT count(*) FROM documents d "
        "WHERE d.theme_id = themes.id AND d.kind = 'REFLECTION' AND d.active = :yes)"),
        {"yes": True})


def downgrade() -> None:
    pass  # which theme a TEAM reflection was in is not kept; a recluster would not restore it
