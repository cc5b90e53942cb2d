import datetime

from django import forms
from django.core.exceptions import ValidationError

from learner.models import UserProfile


class RegistrationForm(forms.Form):
    """The fields of Ironwood's registration form, with its rules and messages."""

    email = forms.EmailField(
        max_length=254,
        error_messages={"required": "Please enter your email address.", "invalid": "A properly formatted e-mail is required"},
    )
    name = forms.CharField(
        max_length=255, error_messages={"required": "Your legal name must be a minimum of one character long"}
    )
    username = forms.RegexField(
        regex=r"^[\w-]+$",
        min_length=2,
        max_length=30,
        error_messages={
            "required": "Username must be between 2 and 30 characters long.",
            "min_length": "Username must be between 2 and 30 characters long.",
            "max_length": "Username must be between 2 and 30 characters long.",
            "invalid": "Usernames can only contain letters (A-Z, a-z), numerals (0-9), underscores (_), and hyphens (-).",
        },
    )
    password = forms.CharField(
        strip=False,
        min_length=2,
        max_length=75,
        error_messages={
            "required": "Please enter a password.",
            "min_length": "This password is too short. It must contain at least 2 characters.",
            "max_length": "This password is too long. It must contain no more than 75 characters.",
        },
    )
    honor_code = forms.CharField(error_messages={"required": "To enroll, you must follow the honor code."})
    level_of_education = forms.ChoiceField(required=False, choices=[("", "")] + UserProfile.EDUCATION_LEVELS)
    gender = forms.ChoiceField(required=False, choices=[("", "")] + UserProfile.GENDERS)
    year_of_birth = forms.IntegerField(required=False, min_value=1900, max_value=datetime.date.today().year)
    mailing_address = forms.CharField(required=False)
    goals = forms.CharField(required=False)
    country = forms.RegexField(
        regex=r"^[A-Za-z]{2}$", required=False, error_messages={"invalid": "Select a country by its two-letter code."}
    )

    def clean_honor_code(self):
        if self.cleaned_data["honor_code"].lower() != "true":
            raise ValidationError("To enroll, you must follow the honor code.")
        return True

    def clean_country(self):
        return self.cleaned_data["country"].upper()

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") == data.get("username"):
            self.add_error("password", "Password cannot be the same as the username.")
        return data

    def field_messages(self):
        """Errors in Open edX's shape: {"field": [{"user_message": "..."}]}."""
        return {
            field: [{"user_message": error["message"]} for error in errors]
            for field, errors in self.errors.get_json_data().items()
        }
