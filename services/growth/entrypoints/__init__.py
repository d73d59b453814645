"""The entrypoint mixins of the growth service, one per use."""
