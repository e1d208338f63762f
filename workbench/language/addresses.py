"""The one pattern for text that belongs to no language: URLs, bare domains, e-mail addresses,
@handles and #hashtags. Detection leaves them out; drafting passes them through untranslated.
"""

import re

ADDRESS_PATTERN = (
    r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\".,;:!?)\]]"  # URLs, without trailing punctuation
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail addresses
    r"|(?<![\w@])@\w+"  # handles
    r"|(?<![\w#])#\w+"  # hashtags
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|int|info|io|co|uk|de|fr|es|it|nl|ru|ir|"
    r"iq|sy|eg|sa|ps|lb|jo|bh|ae|ly|tn|ma|dz|ye|tr|pk|af)\b(?:/[^\s<>\"]*[^\s<>\".,;:!?)\]])?"
)
ADDRESS_RE = re.compile(ADDRESS_PATTERN, re.IGNORECASE)
