"""`giaoviec clocks` (to be written)."""
