"""document words: each idea's salient word vectors, stored when its text is encoded

Revision ID: i19_0002_document_words
Revises: i19_0001_reindex_pushed

Existing rows get NULL: an idea's words are encoded on its first re-score by
`similar_ideas` and stored then, or when its text next changes; a reindex of unchanged
texts encodes nothing.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = 'i19_0002_document_words'
down_revision: Union[str, Sequence[str], None] = 'i19_0001_reindex_pushed'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('words', sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_column('words')
