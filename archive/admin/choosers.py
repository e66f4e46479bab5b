"""Choosers that link records to one another in the editors' forms."""

from wagtail.snippets.views import chooser

from .restricted import VisiblePeopleMixin, visible_people


class PersonChooserViewSet(chooser.SnippetChooserViewSet):
    """The person chooser (family members, a timeline entry's people) without restricted
    records for staff who may not see them."""

    class ChooseView(VisiblePeopleMixin, chooser.ChooseView):
        pass

    class ChooseResultsView(VisiblePeopleMixin, chooser.ChooseResultsView):
        pass

    class ChosenView(chooser.SnippetChosenView):
        def get_object(self, pk):
            return visible_people(self.request.user).get(pk=pk)

    class ChosenMultipleView(chooser.SnippetChosenMultipleView):
        def get_objects(self, pks):
            return visible_people(self.request.user).filter(pk__in=pks)

    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
