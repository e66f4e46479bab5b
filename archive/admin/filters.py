"""Listing filters that read as words: "Status: Draft", "Synthetic: Yes", never "Live: False".

Wagtail names an active yes/no filter by the value's ``str()`` ("True", "False"), in English
whatever the language; :class:`BooleanFilterAdapter` names it by the option the filter form
offers for it, translated as the form is (registered in ``wagtail_hooks.py``)."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.active_filters import ActiveFilter, BaseFilterAdapter
from wagtail.admin.widgets import BooleanRadioSelect


class StatusRadioSelect(BooleanRadioSelect):
    """Whether records are published, in the words of the listings' "Status" column."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("All")), ("true", _("Live")), ("false", _("Draft"))]


def publication_status_filter():
    return django_filters.BooleanFilter(
        field_name="live", label=_("Status"), widget=StatusRadioSelect
    )


class BooleanFilterAdapter(BaseFilterAdapter):
    def get_active_filters(self):
        options = dict(self.bound_field.field.widget.choices)
        yield ActiveFilter(
            self.bound_field.auto_id,
            self.filter.label,
            options.get("true" if self.value else "false", str(self.value)),
            self.get_url_without_filter_param(self.name),
        )
