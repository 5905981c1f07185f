export PYTHONPATH=/work/wt-tidy/src TIDINGS_TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:54329/tidings_test TIDINGS_TEST_REDIS_URL=redis://127.0.0.1:63799/0
