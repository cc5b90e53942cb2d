# Locust's fastest client (FastHttpUser, geventhttpclient) with no wait: the load generator's own cost.
from locust import constant, task
from locust.contrib.fasthttp import FastHttpUser


class Hammer(FastHttpUser):
    wait_time = constant(0)

    @task
    def index(self):
        self.client.get("/")
