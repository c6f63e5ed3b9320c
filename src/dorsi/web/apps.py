from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "dorsi.web"
    label = "dorsi_web"
    verbose_name = "Dorsi web"
