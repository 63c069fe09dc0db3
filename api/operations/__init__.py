"""Running the service for real: request ids, logs, metrics, rate limits, health and the edge that applies them."""
