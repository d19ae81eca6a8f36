"""Template variables every page of the site can use."""

from django.conf import settings


def languages(request):
    """SOURCE_LANGUAGE: the language the site's content is written in before it is
    translated. Cited sources keep their titles as published (most in that language), so
    their `lang` says so and a screen reader on /ru/ reads them with the right voice."""
    return {"SOURCE_LANGUAGE": settings.LANGUAGE_CODE}
