from services.insights.models import Base
from shared.alembic_env import run

run(Base.metadata)
