"""Pure logic of the service: wire models and rules, no I/O."""
