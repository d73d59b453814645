from services.career.models import Base
from shared.alembic_env import run

run(Base.metadata)
