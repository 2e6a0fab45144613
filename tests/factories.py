import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from factcheck.accounts.roles import EDITOR, REVIEWER
from factcheck.articles.models import Article
from factcheck.articles.parsing import content_hash
from factcheck.claims.models import Claim
from factcheck.reviews.models import Event, Rating, Source, Verdict

ARTICLE_BODY = (
    "Ukraine said 18,000 guns had been given to residents to defend against Russia, "
    "while the US has pledged to provide $600m in military assistance.\n\n"
    "Residents have been told to find shelter."
)


def in_role(name: str) -> factory.PostGeneration:
    """Put the new user in a role's group; ``role="Editor"`` at call time picks another."""

    def add_to_group(user, create, extracted, **kwargs):
        if create:
            user.groups.add(Group.objects.get(name=extracted or name))

    return factory.PostGeneration(add_to_group)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")


class ReviewerFactory(UserFactory):
    username = factory.Sequence(lambda n: f"reviewer{n}")
    role = in_role(REVIEWER)


class EditorFactory(UserFactory):
    username = factory.Sequence(lambda n: f"editor{n}")
    role = in_role(EDITOR)


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    body = ARTICLE_BODY
    published_on = factory.Faker("date_object")
    content_hash = factory.LazyAttribute(lambda article: content_hash(article.title, article.body))


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim over the first ``length`` characters of its article's body."""

    class Meta:
        model = Claim

    class Params:
        length = 20

    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(
        lambda claim: min(claim.start + claim.length, len(claim.article.body))
    )
    text = factory.LazyAttribute(lambda claim: claim.article.body[claim.start : claim.end])
    sentence = factory.LazyAttribute(lambda claim: claim.article.body[claim.start : claim.end])
    score = 0.5


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating
        django_get_or_create = ["slug"]

    label = factory.Sequence(lambda n: f"Rating {n}")
    slug = factory.Sequence(lambda n: f"rating-{n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    claim = factory.SubFactory(ClaimFactory)
    url = factory.Sequence(lambda n: f"https://example.org/evidence/{n}")
    title = "Evidence"
    added_by = factory.SubFactory(ReviewerFactory)


class VerdictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Verdict

    claim = factory.SubFactory(ClaimFactory)
    rating = factory.LazyFunction(lambda: Rating.objects.get(slug="mostly-true"))
    rating_label = factory.LazyAttribute(lambda verdict: verdict.rating.label)
    rating_value = factory.LazyAttribute(lambda verdict: verdict.rating.rating_value)
    summary = "The figure matches the ministry's statement."
    author = factory.SubFactory(ReviewerFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    claim = factory.SubFactory(ClaimFactory)
    actor = factory.SubFactory(ReviewerFactory)
    action = "triage"
    from_value = "new"
    to_value = "check_worthy"
