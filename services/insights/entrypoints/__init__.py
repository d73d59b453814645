"""The insights service's entrypoints, one mixin per use; `service.py` composes them. The
event handlers (`*_events.py`) keep the read model through `read_model.py`."""
