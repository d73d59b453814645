"""SCIM provisioning: people's userName, SCIM document and deprovisioning; groups and their
members

Revision ID: i17_0004_scim
Revises: i16_0002_idempotency_keys
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from shared.types import UtcDateTime

revision: str = "i17_0004_scim"
down_revision: Union[str, Sequence[str], None] = "i16_0002_idempotency_keys"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    with op.batch_alter_table("people") as batch:
        batch.add_column(sa.Column("user_name", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("scim_document", sa.Text(), nullable=True))
        batch.add_column(sa.Column("scim_updated_at", UtcDateTime(), nullable=True))
        batch.add_column(sa.Column("deprovisioned_at", UtcDateTime(), nullable=True))
        batch.create_unique_constraint("uq_people_user_name", ["user_name"])
    op.create_table(
        "provisioned_groups",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("display_name", sa.String(length=255), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_provisioned_groups_display_name"), "provisioned_groups",
                    ["display_name"])
    op.create_table(
        "group_memberships",
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("added_at", UtcDateTime(), nullable=False),
        sa.Column("display", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(["group_id"], ["provisioned_groups.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("group_id", "person_id"),
    )
    op.create_index(op.f("ix_group_memberships_person_id"), "group_memberships",
                    ["person_id"])


def downgrade() -> None:
    op.drop_table("group_memberships")
    op.drop_table("provisioned_groups")
    with op.batch_alter_table("people") as batch:
        batch.drop_constraint("uq_people_user_name", type_="unique")
        batch.drop_column("deprovisioned_at")
        batch.drop_column("scim_updated_at")
        batch.drop_column("scim_document")
        batch.drop_column("user_name")
