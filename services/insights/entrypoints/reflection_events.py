"""The reflections service's events in the read model (mixed into InsightsService): a
shared reflection counts in its theme; unshared (or deleted), its text and embedding are
erased here."""
from __future__ import annotations

from services.insights import read_model
from services.insights.documents import Doc
from services.insights.domain import REFLECTION
from services.insights.read_model import retried
from shared.contracts.reflections import ReflectionShared, ReflectionUnshared
from shared.events import event_handler


def reflection_doc(e: ReflectionShared) -> Doc:
    return Doc(REFLECTION, e.reflection_id, "", e.text, status=e.visibility,
               author_id=e.author_id, extra={"visibility": e.visibility, "team": e.team})


class ReflectionEventEntrypoints:
    @event_handler("reflections", "reflection_shared")
    @retried
    def on_reflection_shared(self, message: dict) -> None:
        event = ReflectionShared.model_validate(message["data"])
        read_model.write_latest(self.db, message, "on_reflection_shared",
                                reflection_doc(event))

    @event_handler("reflections", "reflection_unshared")
    @retried
    def on_reflection_unshared(self, message: dict) -> None:
        """Private again (or deleted): its text and embedding are erased here and it leaves
        every theme count."""
        event = ReflectionUnshared.model_validate(message["data"])
        read_model.retire(self.db, message, "on_reflection_unshared", REFLECTION,
                          event.reflection_id, "PRIVATE", erase=True)
