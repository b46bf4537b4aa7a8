"""Sebaya with the bare pages of bench/bare.py, for gunicorn (bench/pages.py starts it):

gunicorn --pythonpath bench bare_wsgi:application"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sebaya.settings")

import django  # noqa: E402

django.setup()

import bare  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402

bare.use()
application = get_wsgi_application()
