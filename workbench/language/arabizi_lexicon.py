"""Arabizi words: function words and very common words of spoken Arabic as they are written
in Latin letters, each with its spelling in Arabic script.

Egyptian, Levantine and Gulf spellings come with English-like vowels (``enta``, ``feen``),
Maghrebi ones with French orthography (``chkoun``, ``bezzaf``). Whether a spelling is also a
common word of English or another Latin-script language (``ana``, ``men``, ``la``) is not
written here: ``workbench.language.arabizi`` asks the word-frequency lists.
"""

# spelling variants → Arabic script; one line per word.
_ENTRIES = """
ana: أنا
enta inta ent int: إنت
enti inti: إنتي
ento entu into intu: إنتو
howa huwa hwa: هو
heya hiya hya: هي
e7na ehna i7na ihna 7na: احنا
ne7na nehna ni7na nahna na7na: نحنا
homma humma homa huma hom hum: هم
el il al: ال
w wa: و
fe fi f: في
3ala 3la ala 3al: على
men min mn: من
ma3 ma3a m3a m3: مع
b bi be: ب
l li le: ل
ma: ما
la: لا
la2 la2a: لأ
msh mesh mish mosh mush mich: مش
mafeesh mafish mafesh mafi mafee: مفيش
feeh fih: فيه
bta3 beta3 bta3et bta3t betaa3: بتاع
bta3ty bta3i: بتاعي
eh eih ih: إيه
leh leih: ليه
lesh leish: ليش
ezzay ezay izay izzay ezai: إزاي
feen fein fen wein wen: فين
emta imta: إمتى
meen miin: مين
kam: كام
da dah: ده
di dy: دي
kda keda kida kdh: كده
kman kaman kamaan: كمان
bs bas: بس
tab tayeb tayyeb tayb: طيب
yalla yala yallah: يلا
inshallah inshalla insha2allah enshallah inchallah nshallah: إن شاء الله
mashallah masha2allah: ما شاء الله
el7amdella el7amdulillah alhamdulillah alhamdulilah el7amdullah elhamdullah: الحمد لله
7amdella hamdella: الحمد لله
wallah wallahi walla walahi: والله
habibi 7abibi habeebi: حبيبي
habibti 7abibti: حبيبتي
ya: يا
ya3ni yaani ya3ny yani: يعني
5alas khalas 5alaas khalass 5lass: خلاص
aywa aiwa aywah: أيوه
lessa lesa lissa lisa: لسه
delwa2ty delwa2ti dlw2ty dlwa2ty delwa2t: دلوقتي
awy awi 2awy 2awi: أوي
gedan giddan geddan: جدا
7aga haga 7agat: حاجة
7elw helw 7elwa helwa: حلو
kwayes kwayyes kwais kwayis: كويس
bardo bardu: برضو
3ashan 3shan 3ashaan 3alashan 3lshan: عشان
3ayez 3ayz 3awz 3awez: عايز
3ayza 3awza: عايزة
3aref 3arf: عارف
3arfa: عارفة
ba3d: بعد
2abl abl: قبل
odam 2odam: قدام
bokra bukra: بكرة
embare7 emberi7 mbare7 imbare7: امبارح
elly elli illi yalli: اللي
shu shou sho: شو
kifak kifik keefak keefik: كيفك
mni7 mnee7 mne7: منيح
hek heik: هيك
hala2 halla2: هلأ
ba3ref: بعرف
badde baddi: بدي
ktir kteer: كتير
shlonak shlon: شلون
wayed wayid: وايد
zain zein: زين
ba3dain ba3den: بعدين
wesh wech wach: واش
rak: راك
rani: راني
labas: لا باس
chkoun chkon shkoun: شكون
hadchi hadshi: هادشي
machi mashi: ماشي
bezaf bzaf bezzaf: بزاف
daba: دابا
kifach kifash: كيفاش
3lach 3lash: علاش
ghir: غير
chwiya shwiya shwaya: شوية
bghit: بغيت
nta: نتا
nti: نتي
salam: سلام
shokran shukran choukran chokran: شكرا
3afwan: عفوا
ahlan: أهلا
ma3lesh ma3lsh: معلش
sa7: صح
sa7i7 s7i7 sahih: صحيح
shoft shuft: شفت
kol kolo kullo: كل
ay ai: أي
eshta: إشطة
tamam: تمام
"""

ARABIZI_WORDS: dict[str, str] = {
    spelling: arabic.strip()
    for line in _ENTRIES.strip().splitlines()
    for spellings, arabic in [line.split(":", 1)]
    for spelling in spellings.split()
}
"""Each Arabizi spelling (lowercase) with the word in Arabic script."""

#: The Arabic article as written in Arabizi (``el``, ``il``, ``al``).
ARTICLES = frozenset({"el", "il", "al"})
