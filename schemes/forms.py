"""A scheme as a form: every field of the scheme record, and each repeating part as a
formset whose rows are added and removed in place.

Without JavaScript, "Add another …" posts the page back with one more empty row and
saves nothing, and each row has a "Remove" box applied on Save. With JavaScript the
same buttons add and remove rows on the page (static/js/scheme-form.js).
"""

from dataclasses import dataclass

from django import forms
from django.db.models import QuerySet

from governance.forms import (
    CheaplyCopiedFields,
    GovukErrorClassesMixin,
    KeepableTextMixin,
    PoundsFormField,
    plain_field_messages,
)
from governance.models import Partner
from governance.prepared import Prepared, PreparedModels
from governance.renderers import quick_select
from plans.models import Plan

from .models import (
    DeliveryChainEntry,
    InvestmentLine,
    Milestone,
    Outcome,
    Risk,
    Scheme,
    SchemeStatus,
    Theme,
)
from .services import PARTS

INPUT = "govuk-input"
TEXTAREA = {"class": "govuk-textarea", "rows": 3}


def _govuk(form_class: type[forms.BaseForm], *, rows: int) -> None:
    """GOV.UK classes on every widget of a form built from a model; text boxes `rows` high
    (Django's own 10 made a one-line milestone a tall box). No `maxlength`: a browser cuts a
    longer paste without a word, so the length is checked on save, with a message.

    Done once per form class, on the fields each form copies (`base_fields`), which are then
    copied cheaply (`CheaplyCopiedFields`): done on every form, with Django's deep copies, it
    was a fifth of the scheme form's time with its 27 rows."""
    if isinstance(form_class.base_fields, CheaplyCopiedFields):
        return  # done (each form class, subclasses too, has base_fields of its own)
    for name, field in form_class.base_fields.items():
        plain_field_messages(field, name)
        widget = field.widget
        widget.attrs.pop("maxlength", None)
        if getattr(field, "max_length", None):
            field.error_messages["max_length"] = (
                f"{field.label} must be {field.max_length:,} characters or fewer "
                "(it has %(show_value)d)"
            )
        if isinstance(widget, forms.CheckboxInput):
            widget.attrs.setdefault("class", "govuk-checkboxes__input")
        elif isinstance(widget, forms.Select):
            if type(widget) is forms.Select:  # not a multiple or yes/no one
                widget = field.widget = quick_select(widget)
            widget.attrs.setdefault("class", "govuk-select")
        elif isinstance(widget, forms.Textarea):
            widget.attrs.update({**TEXTAREA, "rows": rows})
        else:
            widget.attrs.setdefault("class", INPUT)
    form_class.base_fields = CheaplyCopiedFields(form_class.base_fields)


@dataclass(frozen=True)
class AreaPartners:
    """The partners a scheme or a delivery-chain row may name (the area's), read once for a
    page: the rows its selects offer, and the query a posted choice is checked against."""

    rows: list[Partner]
    queryset: QuerySet[Partner]


def _partners_of(area: int) -> QuerySet[Partner]:
    return Partner.objects.filter(hwb_areas=area)


# The partners of an area, on every scheme form: compiled once (`governance.prepared`).
_AREA_PARTNERS = PreparedModels(_partners_of, area=int)


def area_partners(plan: Plan) -> AreaPartners:
    """The area's partners, for the scheme form and all its rows: read by the query compiled
    once, and the same query kept for checking a posted choice."""
    area = plan.hwb_area_id
    return AreaPartners(_AREA_PARTNERS(area=area), _partners_of(area))


def _choose_partner(field: forms.ModelChoiceField, partners: AreaPartners) -> None:
    """The field offers `partners`, read once for the whole form (each row's select ran its
    own query); what is posted is checked against the area's partners in the database."""
    field.queryset = partners.queryset
    empty = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = [*empty, *((p.pk, field.label_from_instance(p)) for p in partners.rows)]


def _scheme_fields(fields: dict) -> None:
    """The scheme's own fields as the form shows them, set once on the fields each form copies
    (`base_fields`), with the options of its theme written once (`QuickSelect`): set on every
    form, they were each worked out again for each page."""
    if fields["status"].widget.__class__ is forms.RadioSelect:
        return  # done
    fields["lead_partner"].empty_label = "Choose the lead partner"
    fields["theme"].choices = [("", "No county-wide theme"), *Theme.choices]
    fields["theme"].widget.prepared_options()
    fields["status"].choices = [("", "Not given"), *SchemeStatus.choices]
    # Four choices: GOV.UK radios, none of them "not given" (none chosen is).
    fields["status"].widget = forms.RadioSelect(choices=SchemeStatus.choices)
    fields["reference"].widget.attrs["class"] = f"{INPUT} govuk-input--width-10"


class SchemeForm(KeepableTextMixin, GovukErrorClassesMixin, forms.ModelForm):
    revision = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Scheme
        fields = (
            "reference",
            "name",
            "lead_partner",
            "theme",
            "status",
            *Scheme.narrative_fields(),
        )

    def __init__(self, *args, plan: Plan, partners: AreaPartners, **kwargs):
        _govuk(type(self), rows=5)
        _scheme_fields(type(self).base_fields)
        super().__init__(*args, **kwargs)
        self.fields["revision"].initial = plan.revision
        _choose_partner(self.fields["lead_partner"], partners)

    def validate_unique(self):
        # The reference is checked against the plan's other schemes by the service (the form
        # has no plan field to check it with).
        pass

    def narrative(self):
        return [self[name] for name in Scheme.narrative_fields()]


class PartForm(KeepableTextMixin, GovukErrorClassesMixin, forms.ModelForm):
    """One row of a repeating part; the formset's `DELETE` box removes it."""

    def __init__(self, *args, partners: AreaPartners, **kwargs):
        _govuk(type(self), rows=2)
        super().__init__(*args, **kwargs)
        if "partner" in self.fields:
            self.fields["partner"].required = False
            _choose_partner(self.fields["partner"], partners)

    def validate_unique(self):
        pass  # positions are given by the order of the rows


def _part_form(model, fields, **extra) -> type[PartForm]:
    meta = type("Meta", (), {"model": model, "fields": fields, **extra})
    return type(f"{model.__name__}Form", (PartForm,), {"Meta": meta})


InvestmentLineForm = _part_form(
    InvestmentLine, ("description", "amount", "potential_efficiencies"),
    field_classes={"amount": PoundsFormField},
    help_texts={"amount": "Whole pounds. Leave it empty if the amount is not known yet."},
)  # fmt: skip


class RiskForm(_part_form(Risk, ("risk", "likelihood", "impact", "mitigation"))):
    """Likelihood and impact are each scored 1 to 5: a wrong score is that box's error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("likelihood", "impact"):
            self.fields[name].help_text = "From 1 (low) to 5 (high)."
            self.fields[name].widget.attrs.update(
                {"class": f"{INPUT} govuk-input--width-2", "inputmode": "numeric"}
            )

    def _score(self, name: str):
        score = self.cleaned_data.get(name)
        if score is not None and not 1 <= score <= 5:
            raise forms.ValidationError(f"{name.capitalize()}: score it from 1 to 5.")
        return score

    def clean_likelihood(self):
        return self._score("likelihood")

    def clean_impact(self):
        return self._score("impact")


PART_FORMS = {
    "investment_lines": InvestmentLineForm,
    "milestones": _part_form(Milestone, ("description", "timescale")),
    "outcomes": _part_form(Outcome, ("objective", "impact", "measure")),
    "risks": RiskForm,
    "delivery_chain": _part_form(
        DeliveryChainEntry, ("role", "partner", "organisation", "person", "job_title")
    ),
}
PART_TITLES = {
    "investment_lines": ("Investment requirements", "investment line"),
    "milestones": ("Key milestones and activities", "milestone"),
    "outcomes": ("Intended impact and outcomes", "outcome"),
    "risks": ("Risks and mitigations", "risk"),
    "delivery_chain": ("Delivery chain", "delivery chain member"),
}
assert set(PART_FORMS) == set(PARTS)


class BasePartFormSet(forms.BaseFormSet):
    default_error_messages = {
        "missing_management_form": "the page's count of rows was not understood (%(field_names)s"
        " missing or not a number). Reload the page and make your changes again.",
    }

    def __init__(self, *args, partners: AreaPartners, **kwargs):
        self.partners = partners
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"partners": self.partners}

    def __getitem__(self, index):
        """Row `index`'s form. A template's `{{ formset.noun }}` asks here first (as for a
        dict): refused at once, not after building every row's form to look in."""
        if not isinstance(index, int | slice):
            raise TypeError(f"A part's rows are numbered, not named ({index!r}).")
        return super().__getitem__(index)

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), empty_permitted=True,
            use_required_attribute=False, partners=self.partners,
        )  # fmt: skip
        self.add_fields(form, None)
        return form

    def rows(self) -> list[dict]:
        """The kept rows' values, in order: what `services.scheme_save` writes."""
        return [
            {name: form.cleaned_data.get(name) for name in form._meta.fields}
            for form in self.forms
            if form.has_changed() or form.initial
            if not self._should_delete_form(form)
        ]


FORMSETS = {
    name: forms.formset_factory(form, formset=BasePartFormSet, extra=0, can_delete=True)
    for name, form in PART_FORMS.items()
}


# Each part's rows, as the values of its form's fields (a partner by its id), in order: read by
# queries compiled once (`governance.prepared`; compiling the five was a sixth of the form's
# CPU once its rows were written from their values).
_PART_VALUES = {
    name: Prepared(
        lambda scheme, form=form: form._meta.model.objects.filter(scheme_id=scheme).values_list(
            *form._meta.fields
        ),
        scheme=int,
    )
    for name, form in PART_FORMS.items()
}


def part_formsets(data, *, partners: AreaPartners, scheme: Scheme | None, add: str | None = None):
    """Each repeating part as a formset, holding the scheme's rows (or the posted ones).
    `partners` (`area_partners`, read once for the page) are those a row may name.

    `add` names the part whose "Add another" was pressed: it gets one more empty row.
    """
    formsets = {}
    for name, form in PART_FORMS.items():
        formset_class = FORMSETS[name]
        if data is None:
            fields = form._meta.fields
            rows = _PART_VALUES[name](scheme=scheme.pk) if scheme is not None else []
            initial = [dict(zip(fields, row, strict=True)) for row in rows]
            formset = formset_class(prefix=name, initial=initial, partners=partners)
        else:
            if name == add:
                data = data.copy()
                key = f"{name}-TOTAL_FORMS"
                data[key] = str(int(data.get(key) or 0) + 1)
            formset = formset_class(data, prefix=name, partners=partners)
        formset.title, formset.noun = PART_TITLES[name]
        formsets[name] = formset
    return formsets
