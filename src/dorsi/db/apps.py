from django.apps import AppConfig


class DbConfig(AppConfig):
    name = "dorsi.db"
    label = "dorsi"
    verbose_name = "Dorsi data"
    default_auto_field = "django.db.models.BigAutoField"
