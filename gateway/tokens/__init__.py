"""Machine tokens: integrators' API tokens (scoped, a person's own) and SCIM provisioning
tokens (an admin's to hand out). Each secret is shown once; career keeps only its hash."""
