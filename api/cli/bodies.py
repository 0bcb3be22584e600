"""`giaoviec bodies` (to be written)."""
