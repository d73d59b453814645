"""The development mail catcher keeps arrival order: the digests of one second read back in
the order they were sent (a name by the second alone sorted them at random)."""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from scripts import mailcatcher
from tests.support.receivers import read_mail
from tests.support.stack import free_port


def test_messages_read_back_in_the_order_they_arrived(tmp_path):
    port = free_port()
    controller = mailcatcher.start(tmp_path, port)
    try:
        with smtplib.SMTP("127.0.0.1", port) as smtp:
            for n in range(8):
                message = EmailMessage()
                message["From"], message["To"] = "kaizen@example.org", "ana@example.org"
                message["Subject"] = f"digest {n}"
                message.set_content("items")
                smtp.send_message(message)
    finally:
        controller.stop()
    assert [m["Subject"] for m in read_mail(tmp_path)] == [f"digest {n}" for n in range(8)]
