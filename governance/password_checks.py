"""Django's password checks in the portal's words: each says what to do, not what is wrong
in Django's phrasing (settings.AUTH_PASSWORD_VALIDATORS names these)."""

from django.contrib.auth import password_validation as django


class UserAttributeSimilarityValidator(django.UserAttributeSimilarityValidator):
    def get_error_message(self):
        return "Choose a password less like your %(verbose_name)s."

    def get_help_text(self):
        return "It must not be like your username, name or e-mail address."


class MinimumLengthValidator(django.MinimumLengthValidator):
    def get_error_message(self):
        return f"Choose a longer password: at least {self.min_length} characters."

    def get_help_text(self):
        return f"Use at least {self.min_length} characters."


class CommonPasswordValidator(django.CommonPasswordValidator):
    def get_error_message(self):
        return "Choose a password that is not one of those most often used."

    def get_help_text(self):
        return "It must not be one of the passwords most often used."


class NumericPasswordValidator(django.NumericPasswordValidator):
    def get_error_message(self):
        return "Choose a password with letters or symbols in it, not only numbers."

    def get_help_text(self):
        return "It must not be only numbers."
