"""Words and marks of attribution in English and Arabic: cue verbs and phrases, quote marks,
complementisers, and the lexicons that guess what kind of source a speaker is.

Shared by the rules recommender and the learned recommender's features. Arabic words are
compared after ``normalise`` (no diacritics or tatweel, one alef, final ya).
"""

from __future__ import annotations

import regex

#: Words, numbers and single marks, with code-point offsets (``regex`` matches by code point).
TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}_'’]+(?:-[\p{L}\p{M}\p{N}]+)*|\S")

_DIACRITICS = regex.compile(r"[\u0640\u064B-\u065F\u0670]")

#: Opening quote mark → closing quote mark.
QUOTES = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’"}


def normalise(word: str) -> str:
    """Lower case, no Arabic diacritics or tatweel, ``أإآ`` → ``ا`` and ``ى`` → ``ي``."""
    word = _DIACRITICS.sub("", word.lower())
    return word.translate(str.maketrans("أإآٱى", "ااااي"))


def _forms(*words: str) -> frozenset[str]:
    return frozenset(normalise(word) for word in words)


#: English reporting verbs, every form listed.
EN_CUES = _forms(
    *"say says said saying tell tells told add adds added warn warns warned deny denies "
    "denied claim claims claimed state states stated announce announces announced report "
    "reports reported confirm confirms confirmed insist insists insisted argue argues argued "
    "believe believes believed note notes noted explain explains explained allege alleges "
    "alleged acknowledge acknowledges acknowledged admit admits admitted stress stresses "
    "stressed write writes wrote declare declares declared assert asserts asserted predict "
    "predicts predicted think thinks thought estimate estimates estimated".split()
)
#: English cues that express belief rather than speech (a weaker attribution).
EN_BELIEF = _forms("believe", "believes", "believed", "think", "thinks", "thought")
#: Verbs that take the hearer as object before the content ("told reporters that").
EN_TELL = _forms("tell", "tells", "told", "warn", "warned", "warns")

#: Words that may stand between a speaker and the cue verb.
EN_AUXILIARIES = _forms(
    *"also has have had reportedly later earlier repeatedly previously again then once "
    "would will did does do is was were has had been further separately publicly".split()
)
#: Words that end a speaker phrase when walking back from the cue verb.
EN_BOUNDARIES = _forms(
    *"that which who whom and but or because while when as if so after before then "
    "although though since where whether than".split()
)
#: Words that end a speaker phrase that follows the cue ("said the minister on Monday").
EN_AFTER_SPEAKER = _forms(
    *"on in at to for during after before with in from this last that yesterday today "
    "tomorrow monday tuesday wednesday thursday friday saturday sunday".split()
)
EN_ACCORDING = ("according", "to")

#: Arabic reporting verbs (past and present, masculine and feminine).
AR_CUES = _forms(
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "أكد",
    "أكدت",
    "يؤكد",
    "تؤكد",
    "أعلن",
    "أعلنت",
    "يعلن",
    "تعلن",
    "أضاف",
    "أضافت",
    "يضيف",
    "تضيف",
    "صرح",
    "صرحت",
    "يصرح",
    "نفى",
    "نفت",
    "ينفي",
    "تنفي",
    "حذر",
    "حذرت",
    "يحذر",
    "تحذر",
    "أوضح",
    "أوضحت",
    "أشار",
    "أشارت",
    "ذكر",
    "ذكرت",
    "زعم",
    "زعمت",
    "ادعى",
    "ادعت",
    "اعتبر",
    "اعتبرت",
    "رأى",
    "رأت",
    "يرى",
    "ترى",
    "كشف",
    "كشفت",
    "أفاد",
    "أفادت",
    "شدد",
    "شددت",
    "أعرب",
    "أعربت",
    "اتهم",
    "اتهمت",
    "يعتقد",
    "تعتقد",
    "اعترف",
    "اعترفت",
)
#: Arabic cues of belief rather than speech.
AR_BELIEF = _forms("رأى", "رأت", "يرى", "ترى", "اعتبر", "اعتبرت", "يعتقد", "تعتقد")
#: Arabic phrases "according to" (the first word; ``ل`` / ``عن`` may follow).
AR_ACCORDING = _forms("بحسب", "حسب", "وفقا", "طبقا", "نقلا", "بحسبما")
#: Arabic complementisers that open the reported content.
AR_COMPLEMENTISERS = _forms(
    "إن", "أن", "بأن", "إنه", "إنها", "أنه", "أنها", "بأنه", "بأنها", "إنهم", "أنهم"
)
#: Prepositions that may come before ``أن`` ("حذر من أن", "أشار إلى أن").
AR_PREPOSITIONS = _forms("من", "إلى", "على", "عن", "الى")
#: Words that end an Arabic speaker phrase.
AR_AFTER_SPEAKER = _forms(
    "في",
    "خلال",
    "يوم",
    "أمس",
    "اليوم",
    "مساء",
    "صباح",
    "عبر",
    "امام",
    "أمام",
    "لدى",
    "بعد",
    "قبل",
    "حول",
    "مع",
    "الاثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
)

_MEDIA = _forms(
    *"reuters afp ap bbc cnn aljazeera al-jazeera bloomberg guardian times post newspaper "
    "agency tv television radio channel magazine broadcaster press".split(),
    "رويترز",
    "الجزيرة",
    "صحيفة",
    "وكالة",
    "قناة",
    "إذاعة",
    "التلفزيون",
    "مجلة",
    "العربية",
)
_ORGANISATIONS = _forms(
    *"ministry commission union police government army military council party bank "
    "committee company court amnesty organization organisation agency office department "
    "authority authorities parliament campaign group un nato fund board".split(),
    "وزارة",
    "لجنة",
    "اللجنة",
    "نقابة",
    "النقابة",
    "الشرطة",
    "الحكومة",
    "الجيش",
    "مجلس",
    "حزب",
    "شركة",
    "محكمة",
    "منظمة",
    "الحملة",
    "البنك",
    "السلطات",
    "الوزارة",
    "البرلمان",
    "هيئة",
)
_DOCUMENTS = _forms(
    *"report study statement document survey letter memo paper analysis poll".split(),
    "تقرير",
    "التقرير",
    "دراسة",
    "الدراسة",
    "بيان",
    "البيان",
    "وثيقة",
    "استطلاع",
)
_SOCIAL = _forms(
    *"tweet facebook twitter instagram tiktok telegram youtube".split(),
    "تغريدة",
    "منشور",
    "فيسبوك",
    "تويتر",
    "تيليغرام",
)


def source_kind(phrase: str) -> str:
    """Guess a source's kind (person, organization, media, document, social, other)."""
    words = [normalise(token) for token in TOKEN.findall(phrase)]
    stripped = {word.removeprefix("ال") for word in words} | set(words)
    for kind, lexicon in (
        ("social", _SOCIAL),
        ("media", _MEDIA),
        ("document", _DOCUMENTS),
        ("organization", _ORGANISATIONS),
    ):
        if stripped & lexicon:
            return kind
    if any(token.isupper() and len(token) > 1 for token in TOKEN.findall(phrase)):
        return "organization"
    return "person"
