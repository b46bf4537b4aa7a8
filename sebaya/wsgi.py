"""WSGI entry point: `gunicorn sebaya.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")
application = get_wsgi_application()
