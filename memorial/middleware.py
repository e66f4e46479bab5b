from django.middleware.locale import LocaleMiddleware


class PrefixedLocaleMiddleware(LocaleMiddleware):
    """Django's locale middleware, except that a 404 under the admin, the API or the health
    checks stays a 404: without this, the page tree's catch-all URL pattern makes Django
    redirect every missing /api/… address to /en/api/…."""

    unprefixed = ("/admin/", "/api/", "/documents/", "/healthz", "/readyz", "/static/", "/media/")

    def process_response(self, request, response):
        if request.path_info.startswith(self.unprefixed):
            return response
        return super().process_response(request, response)
