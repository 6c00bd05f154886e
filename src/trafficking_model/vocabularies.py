"""Controlled vocabularies: the code lists every record and figure uses.

Each vocabulary is an `Enum` whose values are stable snake_case strings, the form
used in JSON, and whose members carry a human `label`. Member names are the values
in upper case, so `Sex.FEMALE.value == "female"`.

The forms of exploitation follow the "Type of Exploitation" picklist of IOM's
Human Trafficking Case Data Standard (HTCDS) v2.0, licensed under CC BY 4.0, with
the HTCDS value of each member in its `htcds` attribute.
"""

from __future__ import annotations

from enum import Enum

__all__ = [
    "AgeGroup",
    "CitizenshipCategory",
    "Disposition",
    "ExploitationForm",
    "IdentificationStatus",
    "MeasureStatus",
    "OffenceType",
    "Pillar",
    "ReviewKind",
    "Sex",
    "SexAgeGroup",
    "StakeholderKind",
    "TipTier",
]


class _Vocabulary(Enum):
    """An enum whose members are `(value, label)` pairs."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str) -> _Vocabulary:
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member

    def __str__(self) -> str:
        return self.label


class Sex(_Vocabulary):
    """Sex of a victim or defendant, as recorded.

    Example:
        >>> Sex.FEMALE.value, Sex.FEMALE.label
        ('female', 'Female')
        >>> Sex("male") is Sex.MALE
        True
    """

    FEMALE = "female", "Female"
    MALE = "male", "Male"
    OTHER = "other", "Other"
    UNKNOWN = "unknown", "Unknown"


class AgeGroup(_Vocabulary):
    """Age group of a victim: a child is a person under 18.

    Example:
        >>> AgeGroup.CHILD.label
        'Child (under 18)'
    """

    ADULT = "adult", "Adult (18 or over)"
    CHILD = "child", "Child (under 18)"
    UNKNOWN = "unknown", "Unknown"


class SexAgeGroup(_Vocabulary):
    """Sex and age group together, as published: women, men, girls and boys.

    Each member is one cell of the sex by age cross-tabulation: women are female
    adults (18 or over), girls female children (under 18), and so on. Victims
    of other or unknown sex or age are in no cell. The `sex` and `age_group`
    attributes give the margins the cell belongs to.

    Example:
        >>> SexAgeGroup.GIRLS.label
        'Girls (female, under 18)'
        >>> SexAgeGroup.GIRLS.sex, SexAgeGroup.GIRLS.age_group
        (<Sex.FEMALE: 'female'>, <AgeGroup.CHILD: 'child'>)
    """

    sex: Sex
    age_group: AgeGroup

    WOMEN = "women", "Women (female, 18 or over)"
    MEN = "men", "Men (male, 18 or over)"
    GIRLS = "girls", "Girls (female, under 18)"
    BOYS = "boys", "Boys (male, under 18)"


for _cell, (_sex, _age) in {
    SexAgeGroup.WOMEN: (Sex.FEMALE, AgeGroup.ADULT),
    SexAgeGroup.MEN: (Sex.MALE, AgeGroup.ADULT),
    SexAgeGroup.GIRLS: (Sex.FEMALE, AgeGroup.CHILD),
    SexAgeGroup.BOYS: (Sex.MALE, AgeGroup.CHILD),
}.items():
    _cell.sex = _sex
    _cell.age_group = _age


class CitizenshipCategory(_Vocabulary):
    """A victim's citizenship relative to the reporting country.

    Example:
        >>> [category.value for category in CitizenshipCategory]
        ['national', 'foreign', 'stateless', 'unknown']
    """

    NATIONAL = "national", "National"
    FOREIGN = "foreign", "Foreign national"
    STATELESS = "stateless", "Stateless"
    UNKNOWN = "unknown", "Unknown"


class ExploitationForm(_Vocabulary):
    """Form of exploitation a victim suffered; a victim may suffer several.

    The `htcds` attribute gives the matching value of HTCDS v2.0's
    `vic_TypeOfExploitation` picklist (IOM, CC BY 4.0), or `None` where HTCDS has
    no such value (forced criminality) and a record maps to `"Other"`.

    Example:
        >>> ExploitationForm.CHILD_SOLDIERING.label
        'Child soldiering (forced military)'
        >>> ExploitationForm.SEXUAL.htcds
        'SexualExploitation'
    """

    htcds: str | None

    SEXUAL = "sexual", "Sexual exploitation"
    FORCED_LABOUR = "forced_labour", "Forced labour"
    CHILD_LABOUR = "child_labour", "Child labour"
    FORCED_CRIMINALITY = "forced_criminality", "Forced criminality"
    FORCED_BEGGING = "forced_begging", "Forced begging"
    FORCED_MARRIAGE = "forced_marriage", "Forced marriage"
    DOMESTIC_SERVITUDE = "domestic_servitude", "Domestic servitude"
    ORGAN_REMOVAL = "organ_removal", "Organ removal"
    CHILD_SOLDIERING = "child_soldiering", "Child soldiering (forced military)"
    ILLEGAL_ADOPTION = "illegal_adoption", "Illegal adoption"
    SURROGACY = "surrogacy", "Surrogacy"
    OTHER = "other", "Other"


_HTCDS_EXPLOITATION = {
    ExploitationForm.SEXUAL: "SexualExploitation",
    ExploitationForm.FORCED_LABOUR: "ForcedLabour",
    ExploitationForm.CHILD_LABOUR: "ChildLabour",
    ExploitationForm.FORCED_CRIMINALITY: None,
    ExploitationForm.FORCED_BEGGING: "ForcedBegging",
    ExploitationForm.FORCED_MARRIAGE: "ForcedMarriage",
    ExploitationForm.DOMESTIC_SERVITUDE: "Servitude",
    ExploitationForm.ORGAN_REMOVAL: "OrganRemoval",
    ExploitationForm.CHILD_SOLDIERING: "ForcedMilitaryByNonStateActors",
    ExploitationForm.ILLEGAL_ADOPTION: "ForcedAdoption",
    ExploitationForm.SURROGACY: "Surrogacy",
    ExploitationForm.OTHER: "Other",
}
for _form, _code in _HTCDS_EXPLOITATION.items():
    _form.htcds = _code


class OffenceType(_Vocabulary):
    """Offence a criminal case is registered under.

    Example:
        >>> OffenceType.DOCUMENT_OFFENCE.label
        'Illegal actions with documents for the purpose of trafficking'
    """

    TRAFFICKING_IN_PERSONS = "trafficking_in_persons", "Trafficking in persons"
    FORCED_LABOUR = "forced_labour", "Forced labour"
    DOCUMENT_OFFENCE = (
        "document_offence",
        "Illegal actions with documents for the purpose of trafficking",
    )
    OTHER = "other", "Other offence"


class Pillar(_Vocabulary):
    """The "4P" pillar of a National Action Plan that a measure serves.

    Example:
        >>> [pillar.label for pillar in Pillar]
        ['Prevention', 'Protection', 'Prosecution', 'Partnership']
    """

    PREVENTION = "prevention", "Prevention"
    PROTECTION = "protection", "Protection"
    PROSECUTION = "prosecution", "Prosecution"
    PARTNERSHIP = "partnership", "Partnership"


class StakeholderKind(_Vocabulary):
    """Kind of body that takes part in the response to trafficking.

    Example:
        >>> StakeholderKind.UN_SYSTEM.label
        'United Nations system'
    """

    MINISTRY = "ministry", "Ministry"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
    BORDER_SERVICE = "border_service", "Border service"
    PROSECUTION_SERVICE = "prosecution_service", "Prosecution service"
    JUDICIARY = "judiciary", "Judiciary"
    OMBUDSMAN = "ombudsman", "Ombudsman"
    STATE_COMMITTEE = "state_committee", "State committee"
    STATE_AGENCY = "state_agency", "State agency or service"
    LEGAL_PROFESSION = "legal_profession", "Legal profession"
    CIVIL_SOCIETY = "civil_society", "Civil society"
    INTERNATIONAL_ORGANIZATION = (
        "international_organization",
        "International organization",
    )
    DONOR = "donor", "Donor"
    UN_SYSTEM = "un_system", "United Nations system"
    OTHER = "other", "Other"


class MeasureStatus(_Vocabulary):
    """Implementation status of a measure of a National Action Plan.

    Example:
        >>> MeasureStatus("in_progress").label
        'In progress'
    """

    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    DELAYED = "delayed", "Delayed"
    CANCELLED = "cancelled", "Cancelled"


class ReviewKind(_Vocabulary):
    """Kind of review of a National Action Plan.

    Example:
        >>> ReviewKind.MID_TERM.label
        'Mid-term review'
    """

    MID_TERM = "mid_term", "Mid-term review"
    ANNUAL = "annual", "Annual review"
    FINAL = "final", "Final review"
    EVALUATION = "evaluation", "Evaluation"


class IdentificationStatus(_Vocabulary):
    """How far a person has been identified as a victim of trafficking.

    A presumed victim shows indicators of trafficking but is not yet formally
    identified by the competent authority.

    Example:
        >>> IdentificationStatus.FORMALLY_IDENTIFIED.label
        'Formally identified'
    """

    PRESUMED = "presumed", "Presumed"
    FORMALLY_IDENTIFIED = "formally_identified", "Formally identified"
    NOT_A_VICTIM = "not_a_victim", "Not a victim"


class Disposition(_Vocabulary):
    """Court outcome for one defendant.

    A sentence is any of imprisonment, a conditional sentence, postponed
    punishment, a fine or another sentence; `is_sentence` tells which.

    Example:
        >>> Disposition.CONDITIONAL_SENTENCE.is_sentence
        True
        >>> Disposition.ACQUITTED.is_sentence
        False
    """

    PENDING = "pending", "Pending"
    DISMISSED = "dismissed", "Dismissed"
    ACQUITTED = "acquitted", "Acquitted"
    IMPRISONMENT = "imprisonment", "Imprisonment"
    CONDITIONAL_SENTENCE = "conditional_sentence", "Conditional sentence"
    POSTPONED_PUNISHMENT = "postponed_punishment", "Postponed punishment"
    FINE = "fine", "Fine"
    OTHER_SENTENCE = "other_sentence", "Other sentence"

    @property
    def is_sentence(self) -> bool:
        """Whether this outcome is a conviction with a sentence.

        Example:
            >>> Disposition.FINE.is_sentence, Disposition.PENDING.is_sentence
            (True, False)
        """
        return self in _SENTENCES

    @property
    def requires_indictment(self) -> bool:
        """Whether only an indicted defendant can have this outcome.

        Example:
            >>> Disposition.DISMISSED.requires_indictment
            False
        """
        return self not in (Disposition.PENDING, Disposition.DISMISSED)


_SENTENCES = frozenset(
    {
        Disposition.IMPRISONMENT,
        Disposition.CONDITIONAL_SENTENCE,
        Disposition.POSTPONED_PUNISHMENT,
        Disposition.FINE,
        Disposition.OTHER_SENTENCE,
    }
)


class TipTier(_Vocabulary):
    """Tier of a country in the US Department of State's Trafficking in Persons report.

    Example:
        >>> TipTier.TIER_2_WATCH_LIST.label
        'Tier 2 Watch List'
    """

    TIER_1 = "tier_1", "Tier 1"
    TIER_2 = "tier_2", "Tier 2"
    TIER_2_WATCH_LIST = "tier_2_watch_list", "Tier 2 Watch List"
    TIER_3 = "tier_3", "Tier 3"
    SPECIAL_CASE = "special_case", "Special Case"
