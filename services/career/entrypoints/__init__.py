"""The career service's entrypoints, one mixin per use; service.py composes them."""
