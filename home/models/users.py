from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A campaigner, editor or administrator who signs in to the Wagtail admin.

    Supporters (petition signers, followers) are never users: they leave the
    least data possible and have no account.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
