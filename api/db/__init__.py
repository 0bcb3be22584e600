"""Storage of the review service: tables, sessions and Alembic migrations."""
