"""The web view under /ui: read-only pages of plans, rule histories, violations and sources' debuggers.

`router` assembles it (pages, errors as pages, security headers, templates, static files), `sessions` signs a
browser in with a token, `pages` reads and renders, `views` shapes what the pages show (pure).
"""
