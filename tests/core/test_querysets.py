"""What the public sees (core/querysets.py): published() leaves the drafts out, for every publishable model."""

import pytest

from news.models import Article
from projects.models import Organization, Project, ReportedFigure, Zone
from tests.factories import make_article, make_figure, make_organization, make_project, make_zone

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("build", "model"),
    [
        (make_project, Project),
        (make_organization, Organization),
        (make_zone, Zone),
        (make_figure, ReportedFigure),
        (make_article, Article),
    ],
)
def test_published_hides_drafts(build, model):
    shown = build(is_published=True)
    build(is_published=False)
    assert list(model.objects.published()) == [shown]
