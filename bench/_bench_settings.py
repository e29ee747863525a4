"""Settings for the page benchmark's gunicorn workers: the product's settings with the
bench-only URLconf (the floor view lives only here, never in the product)."""

from gongkai.settings import *  # noqa: F403

ROOT_URLCONF = "_bench_urls"
