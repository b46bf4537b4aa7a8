"""Locust users for bench/screening_load.py.

Students: each user in turn takes the next student of the targets file (a signed-in session and
their invitation to the round), opens the check-in and sends the answers: every item at its
highest value for one student in twenty (a risk answer: an alert), 0 for the others. A student
whose page or submission fails (a 502 while an app server is killed) tries again, as a person
would, until the check-in says it has their answers. Each student is done once; when the file is
used up, the run ends.

Counselors (`SEBAYA_LOAD_COUNSELOR_USERS` users, taking the schools' counselors in turn): every few
seconds open a school's alert queue, open an alert still waiting and acknowledge it if it is one of the
half they take (decided by its id), so the other half wait and must be escalated on schedule."""

import csv
import os
import re
import time

from locust import HttpUser, between, events, task
from locust.exception import StopUser

TARGETS: list[dict] = []
COUNSELORS: list[dict] = []
BUSY = [0]  # users with a student in hand (gevent switches only at I/O: no lock needed)
FIELD = re.compile(r'name="(item_[^"]+)"[^>]*value="(\d+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ALERT = re.compile(r'href="(/o/[^/]+/alerts/([0-9a-f-]{36})/)"')
TRIES = 10


@events.init.add_listener
def _read_targets(environment, **_kwargs):
    with open(os.environ["SEBAYA_LOAD_TARGETS"], encoding="utf-8") as file:
        TARGETS.extend(csv.DictReader(file))
    TARGETS.reverse()  # popped from the end: in the file's order
    path = os.environ.get("SEBAYA_LOAD_COUNSELORS", "")
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as file:
            COUNSELORS.extend(csv.DictReader(file))


def _quit_when_all_answered(environment):
    # The last student to finish ends the run; quitting earlier would cut others' answers short.
    if not TARGETS and BUSY[0] == 0:
        environment.runner.quit()


class Student(HttpUser):
    wait_time = between(0, 0.1)

    @task
    def answer(self):
        if not TARGETS:
            _quit_when_all_answered(self.environment)
            raise StopUser()
        target = TARGETS.pop()
        BUSY[0] += 1
        try:
            for attempt in range(TRIES):
                if self._answer(target, again=attempt > 0):
                    break
                time.sleep(0.5)
        finally:
            BUSY[0] -= 1
            _quit_when_all_answered(self.environment)

    def _answer(self, target, *, again: bool) -> bool:
        """True once the check-in has the answers (sent now, or by an earlier try that got no reply)."""
        again_ = " (again)" if again else ""
        self.client.cookies.clear()
        self.client.cookies.set("sessionid", target["session"])
        page = self.client.get(target["url"], name="open the check-in" + again_, allow_redirects=False)
        if page.status_code == 302:
            return True  # "You already sent your answers": the first try's reply was lost
        token = CSRF.search(page.text)
        if page.status_code != 200 or token is None:
            return False
        highest: dict = {}
        for name, value in FIELD.findall(page.text):
            highest[name] = max(highest.get(name, 0), int(value))
        risky = target["risky"] == "1"
        answers = {name: (value if risky else 0) for name, value in highest.items()}
        sent = self.client.post(
            target["url"],
            data={"csrfmiddlewaretoken": token.group(1), **answers},
            headers={"Referer": self.host + target["url"]},
            name=("send answers, risk" if risky else "send answers") + again_,
            allow_redirects=False,
        )
        return sent.status_code == 302


class Counselor(HttpUser):
    # Locust ignores a fixed count of 0 and weighs the classes instead: see the end of the file.
    fixed_count = int(os.environ.get("SEBAYA_LOAD_COUNSELOR_USERS", "0"))
    wait_time = between(2, 4)
    turn = [0]

    def on_start(self):
        if not COUNSELORS:
            raise StopUser()

    @task
    def watch_the_queue(self):
        # The users take the schools' counselors in turn, so a few users watch every school.
        me = COUNSELORS[self.turn[0] % len(COUNSELORS)]
        self.turn[0] += 1
        self.client.cookies.clear()
        self.client.cookies.set("sessionid", me["session"])
        queue = self.client.get(f"/o/{me['org']}/alerts/", name="counselor: alert queue")
        for path, alert in ALERT.findall(queue.text):
            if int(alert[-1], 16) % 2:
                continue  # the half nobody takes: the worker must escalate them on time
            page = self.client.get(path, name="counselor: an alert")
            token = CSRF.search(page.text)
            if token is None or "alert-acknowledge" not in page.text:
                continue  # already acknowledged
            self.client.post(
                path + "acknowledge/",
                data={"csrfmiddlewaretoken": token.group(1)},
                headers={"Referer": self.host + path},
                name="counselor: acknowledge",
                allow_redirects=False,
            )
            return  # one at a time, like a person


if not Counselor.fixed_count:
    del Counselor  # no counselors asked for: Locust runs the classes it finds here
