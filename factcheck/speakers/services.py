"""Speakers as identities: names in claims resolved to the one speaker they mean."""

from collections.abc import Iterable, Mapping

from django.db import IntegrityError, transaction

from factcheck.claims.models import Claim
from factcheck.speakers.models import Speaker, SpeakerAlias
from factcheck.speakers.names import guess_kind, is_surname_only, name_key, surname


def speakers_for_names(
    names: Iterable[str], *, descriptions: Mapping[str, str] | None = None
) -> dict[str, Speaker | None]:
    """The speaker each name means, new speakers made for new full names.

    A name is matched by its key among all aliases. A bare surname ("Mr Zelenskyy") goes to
    the one known person of that surname, to none when two share it or nobody has it yet (a
    wrong speaker is worse than none; ``link_speakers`` tries again later), and is never
    stored as an alias. ``descriptions`` (name -> the role an article gives it, "Ukraine's
    president") describe the speakers that have no description yet; one staff wrote stays.
    """
    descriptions = descriptions or {}
    keys = {name: name_key(name) for name in set(names) if name_key(name)}
    known = _speakers_by_key(keys.values())
    found: dict[str, Speaker | None] = {}
    # Full names first, so that a surname meets the people named in the same batch.
    for name, key in sorted(keys.items(), key=lambda item: is_surname_only(item[0])):
        if key in known:
            found[name] = known[key]
        elif is_surname_only(name):
            found[name] = _one_by_surname(key)
        else:
            found[name] = known[key] = _speaker_new(name=name, key=key)
    _speakers_describe(found, descriptions)
    return found


def _speakers_describe(found: Mapping[str, Speaker | None], descriptions: Mapping[str, str]):
    roles: dict[int, str] = {}
    for name, speaker in found.items():
        role = descriptions.get(name, "").strip()[:300]
        if speaker is not None and role and not speaker.description:
            # The longest role seen wins: "president" < "Ukraine's president".
            roles[speaker.pk] = max(roles.get(speaker.pk, ""), role, key=len)
    for pk, role in roles.items():
        # Conditional, so a description staff typed meanwhile is never overwritten.
        Speaker.objects.filter(pk=pk, description="").update(description=role)


def _speakers_by_key(keys: Iterable[str]) -> dict[str, Speaker]:
    aliases = SpeakerAlias.objects.filter(key__in=list(keys)).select_related("speaker")
    return {alias.key: alias.speaker for alias in aliases}


def _one_by_surname(key: str) -> Speaker | None:
    ids = set(
        SpeakerAlias.objects.filter(surname=key, speaker__kind=Speaker.Kind.PERSON).values_list(
            "speaker_id", flat=True
        )[:2]
    )
    return Speaker.objects.get(pk=ids.pop()) if len(ids) == 1 else None


def _speaker_new(*, name: str, key: str) -> Speaker:
    # Two imports may meet the same new name at once: the alias's unique key decides, and
    # the loser takes the winner's speaker.
    try:
        with transaction.atomic():
            speaker = Speaker.objects.create(name=name[:300], kind=guess_kind(name))
            SpeakerAlias.objects.create(
                speaker=speaker, name=name[:300], key=key[:300], surname=surname(key)[:100]
            )
            return speaker
    except IntegrityError:
        return SpeakerAlias.objects.select_related("speaker").get(key=key[:300]).speaker


@transaction.atomic
def claims_link_speakers(*, claims) -> int:
    """Point the claims (a queryset) that name a speaker but have no identity yet at it.
    One UPDATE per distinct name. Returns how many claims were linked."""
    unlinked = claims.filter(speaker_identity__isnull=True).exclude(speaker="")
    descriptions: dict[str, str] = {}
    for name, role in unlinked.values_list("speaker", "speaker_description").order_by().distinct():
        descriptions[name] = max(descriptions.get(name, ""), role, key=len)
    linked = 0
    for name, speaker in speakers_for_names(descriptions, descriptions=descriptions).items():
        if speaker is not None:
            linked += unlinked.filter(speaker=name).update(speaker_identity=speaker)
    return linked


@transaction.atomic
def speakers_merge(*, speakers: list[Speaker], into: Speaker) -> Speaker:
    """``speakers`` were ``into`` all along: their names and claims become its own."""
    others = [speaker.pk for speaker in speakers if speaker.pk != into.pk]
    SpeakerAlias.objects.filter(speaker__in=others).update(speaker=into)
    Claim.objects.filter(speaker_identity__in=others).update(speaker_identity=into)
    Speaker.objects.filter(pk__in=others).delete()
    return into


@transaction.atomic
def speakers_split(*, aliases: list[SpeakerAlias]) -> Speaker:
    """These names are someone else: a new speaker takes them and the claims that use them."""
    first = max(aliases, key=lambda alias: len(alias.name))
    speaker = Speaker.objects.create(name=first.name, kind=guess_kind(first.name))
    keys = {alias.key for alias in aliases}
    SpeakerAlias.objects.filter(pk__in=[alias.pk for alias in aliases]).update(speaker=speaker)
    moved = [
        claim.pk
        for claim in Claim.objects.filter(
            speaker_identity__in={alias.speaker_id for alias in aliases}
        ).only("speaker")
        if name_key(claim.speaker) in keys
    ]
    Claim.objects.filter(pk__in=moved).update(speaker_identity=speaker)
    return speaker
