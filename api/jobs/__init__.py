"""Running the jobs of ``api.services.jobs``: worker processes and the engines that feed them.

    runner.py      one job in a child process with wall-time and memory limits
    worker.py      ``giaoviec worker``: SQLite → the polling loop here; PostgreSQL → postgres.py
    postgres.py    procrastinate workers (any number of machines on one PostgreSQL)
    supervisor.py  the worker processes ``giaoviec serve`` starts and stops
"""
