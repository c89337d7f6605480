# Locust's two user classes against the benchmark target, GET / with no think time
# (bench/lib/tools.mjs picks one by name on the command line).
from locust import HttpUser, task, constant
from locust.contrib.fasthttp import FastHttpUser


class FastUser(FastHttpUser):
    wait_time = constant(0)

    @task
    def root(self):
        self.client.get("/")


class PlainUser(HttpUser):
    wait_time = constant(0)

    @task
    def root(self):
        self.client.get("/")
