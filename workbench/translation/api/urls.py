"""Translation API routes."""

urlpatterns: list = []
