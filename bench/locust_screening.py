"""Locust users for bench/screening_load.py: each user in turn takes the next student of the
targets file (a signed-in session and their invitation to the round), opens the check-in and
sends the answers: every item at its highest value for one student in twenty (a risk answer: an
alert), 0 for the others. Each student answers once; when the file is used up, the run ends."""

import csv
import os
import re

from locust import HttpUser, between, events, task
from locust.exception import StopUser

TARGETS: list[dict] = []
BUSY = [0]  # users with a student in hand (gevent switches only at I/O: no lock needed)
FIELD = re.compile(r'name="(item_[^"]+)"[^>]*value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@events.init.add_listener
def _read_targets(environment, **_kwargs):
    with open(os.environ["SEBAYA_LOAD_TARGETS"], encoding="utf-8") as file:
        TARGETS.extend(csv.DictReader(file))
    TARGETS.reverse()  # popped from the end: in the file's order


class Student(HttpUser):
    wait_time = between(0, 0.1)

    @task
    def answer(self):
        if not TARGETS:
            # The last one to finish ends the run; quitting earlier would cut others' answers short.
            if BUSY[0] == 0:
                self.environment.runner.quit()
            raise StopUser()
        target = TARGETS.pop()
        BUSY[0] += 1
        try:
            self._answer(target)
        finally:
            BUSY[0] -= 1
            if not TARGETS and BUSY[0] == 0:
                self.environment.runner.quit()

    def _answer(self, target):
        self.client.cookies.clear()
        self.client.cookies.set("sessionid", target["session"])
        page = self.client.get(target["url"], name="open the check-in")
        token = CSRF.search(page.text)
        if page.status_code != 200 or token is None:
            return
        highest: dict = {}
        for name, value in FIELD.findall(page.text):
            highest[name] = max(highest.get(name, 0), int(value))
        risky = target["risky"] == "1"
        answers = {name: (value if risky else 0) for name, value in highest.items()}
        self.client.post(
            target["url"],
            data={"csrfmiddlewaretoken": token.group(1), **answers},
            headers={"Referer": self.host + target["url"]},
            name="send answers, risk" if risky else "send answers",
            allow_redirects=False,
        )  # then this user takes the next student: each student answers once
