"""A mail backend for a test's worker: the mail server is down for the first N sends.

``FLAKY_MAIL_STATE`` names a file holding how many sends still fail (each failing send takes
one off); after that the messages are written to ``EMAIL_FILE_PATH`` (Django's file backend),
where the test reads them. The file is shared by the worker's processes, so the count holds
whichever pool process runs the retry.
"""

import fcntl
import os

from django.core.mail.backends.filebased import EmailBackend as FileBackend


class FlakyEmailBackend(FileBackend):
    def send_messages(self, email_messages):
        with open(os.environ["FLAKY_MAIL_STATE"], "r+") as state:
            fcntl.flock(state, fcntl.LOCK_EX)
            left = int(state.read() or 0)
            if left > 0:
                state.seek(0)
                state.truncate()
                state.write(str(left - 1))
                raise ConnectionRefusedError("[Errno 111] Connection refused (mail server down)")
        return super().send_messages(email_messages)
