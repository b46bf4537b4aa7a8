"""The kernel: what every app may use, and which imports nothing else of Sebaya.

Encryption of notes (crypto), leases for the worker's claims (leases), optimistic versioning
(versioning), PDFs (pdf), small-group suppression (suppression), shared form fields (fields),
safe spreadsheets (spreadsheets), excerpts of untrusted text (excerpts), the contract of a
person's own data (personal_data), rate limits (ratelimit), the base errors (errors) and the
registry of what the apps contribute to the shell (registry). It is a plain package, not a
Django app: it has no models, templates or migrations. `.importlinter` checks that it imports
nothing else of Sebaya, so anything may import it and no cycle can pass through it.
"""
