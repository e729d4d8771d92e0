"""`make bench`: scaled data, gunicorn under production settings, wrk, and a Markdown table."""
