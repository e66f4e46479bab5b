"""Wagtail's comparisons of two revisions, for a relation whose records read differently to
different staff: each record is shown by a label the panel gives (see ``ChooserPanel``), so a
restricted person reads "Restricted record" to an editor comparing a timeline entry's people or
a person's possible duplicate, as it does in the form itself."""

from dataclasses import dataclass

from wagtail.admin.compare import ForeignObjectComparison, M2MFieldComparison


@dataclass(frozen=True)
class Labelled:
    """A record as a comparison handles it: equal to itself in both revisions, shown by its
    label."""

    pk: object
    label: str

    def __str__(self):
        return self.label


class LabelledComparison:
    def __init__(self, field, obj_a, obj_b, *, label):
        super().__init__(field, obj_a, obj_b)
        self.label = label

    def labelled(self, record):
        return Labelled(record.pk, self.label(record)) if record is not None else None


class LabelledForeignObjectComparison(LabelledComparison, ForeignObjectComparison):
    def get_objects(self):
        return tuple(self.labelled(record) for record in super().get_objects())


class LabelledM2MFieldComparison(LabelledComparison, M2MFieldComparison):
    def get_items(self):
        return tuple([self.labelled(record) for record in items] for items in super().get_items())
