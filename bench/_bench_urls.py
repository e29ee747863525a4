"""The product's URLs plus the benchmark's floor view: one document read by primary key and one
line rendered — the least a database-backed page can cost. Only bench/pages.py loads this."""

from django.http import HttpResponse
from django.urls import path

from gongkai.documents.models import Document
from gongkai.urls import urlpatterns as product_urlpatterns


def floor_view(request, pk: int):
    title = Document.objects.public().filter(pk=pk).values_list("title", flat=True).first()
    return HttpResponse(f"{pk} {title}\n", content_type="text/plain; charset=utf-8")


urlpatterns = [path("bench-floor/<id:pk>/", floor_view), *product_urlpatterns]
