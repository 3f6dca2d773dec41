"""rate limit counters

Revision ID: 418f54856df4
Revises: 2cd86fac9600
Create Date: 2026-11-23 14:02:30.854979

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "418f54856df4"
down_revision = "2cd86fac9600"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "rate_limit_counter",
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_rate_limit_counter")),
    )
    with op.batch_alter_table("rate_limit_counter", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rate_limit_counter_expires_at"), ["expires_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("rate_limit_counter", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_limit_counter_expires_at"))

    op.drop_table("rate_limit_counter")
