"""The product's use cases, one function each, under both APIs.

A service function owns a write: it opens the transaction (`api.store.database.transaction`),
takes the locks in the one order that keeps writes from deadlocking (a plan before its rules, a
source's forwarding targets before the source), checks `If-Match` once the plan is found, bumps the
revision once, and records every change in the plan's changelog in the same transaction. The Public
API and the Config API call the same functions; routes parse the request and shape the answer.
Services raise `api.errors` about subjects of the product (`plan`, `source`), never naming an input.
"""
