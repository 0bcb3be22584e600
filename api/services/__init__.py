"""What the service does, one module per concern; routes and the CLI call these functions."""
