from services.ideas.models import Base
from shared.alembic_env import run

run(Base.metadata)
