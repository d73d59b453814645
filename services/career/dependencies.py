"""The skills catalogue as a nameko dependency: on container start it imports ESCO when
the DB holds none (unless CAREER_SKILLS_AUTO_IMPORT is false), then builds the search index
in the background, so the first keystroke is fast and the start is not delayed."""
from __future__ import annotations

import logging

from nameko.extensions import DependencyProvider
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.career.skills import SkillCatalog, esco_count, import_skills
from shared.db import make_engine
from shared.settings import db_url

log = logging.getLogger(__name__)


class Skills(DependencyProvider):
    def setup(self) -> None:
        config = self.container.config
        self.url = config.get("DB_URIS", {}).get("career") or db_url("career")
        self.auto_import = str(config.get("CAREER_SKILLS_AUTO_IMPORT", True)).lower() not in (
            "0", "false", "no", "off")
        self.catalog = SkillCatalog()

    def start(self) -> None:
        engine = make_engine(self.url)
        try:
            self._import(engine)
        finally:
            engine.dispose()
        self.container.spawn_managed_thread(self._warm)

    def _import(self, engine) -> None:
        with Session(engine) as session:
            empty = esco_count(session) == 0
        if empty and self.auto_import:
            try:
                result = import_skills(engine)
                log.info("skills: imported %s ESCO skills", result["inserted"])
            except FileNotFoundError as exc:  # the data package is missing: custom only
                log.warning("skills: ESCO data not found (%s); only custom skills", exc)
            except IntegrityError:  # another instance imported at the same time
                log.info("skills: another instance imported the catalogue")

    def _warm(self) -> None:
        engine = make_engine(self.url)
        try:
            with Session(engine) as session:
                self.catalog.index(session)
        except Exception:  # the first search builds it instead
            log.warning("skills: could not build the search index", exc_info=True)
        finally:
            engine.dispose()

    def get_dependency(self, worker_ctx) -> SkillCatalog:
        return self.catalog
