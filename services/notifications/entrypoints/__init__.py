"""The notifications service's entrypoints, one mixin per use; service.py composes them.
`notices.py` holds the step every notifying handler shares."""
