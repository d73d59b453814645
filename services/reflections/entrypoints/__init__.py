"""The reflections service's entrypoints, one mixin per use; service.py composes them.
`changes` holds the steps that writing and seeding share."""
