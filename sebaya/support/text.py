"""Showing what people wrote, safely."""

import re

from django.utils.translation import gettext as _

# Contact details stay inside Sebaya, where the safety net can see a message, and a peer's
# number or account never leaks to someone they help: phone numbers, e-mail addresses, links
# and the handles of the apps students use (Instagram, LINE, TikTok, Telegram, WhatsApp…).
# Each pattern starts at a word boundary, so "deadline", "online" or "tig" stay as they are.

PHONE = re.compile(
    r"(?<!\w)(?:\+?62|0)[\s.\-]?8(?:[\s.\-]?\d){7,11}(?!\w)|(?<!\w)\+?\d(?:[\s.\-]?\d){8,14}(?!\w)"
)

# Mail providers people write without the domain ("budi@gmail", "budi at yahoo").
_PROVIDER = r"(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|icloud|proton(?:mail)?)"
_AT = r"(?:\s*@\s*|\s*[\[({]\s*at\s*[\])}]\s*|\s+at\s+)"
_DOT = r"(?:\s*\.\s*|\s*[\[({]\s*dot\s*[\])}]\s*|\s+dot\s+)"
EMAIL = re.compile(
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # budi@gmail.com
    rf"|[\w.+-]+\s*[\[({{]\s*at\s*[\])}}]\s*[\w-]+(?:{_DOT}[\w-]+)+"  # budi [at] mail [dot] com
    rf"|[\w.+-]+{_AT}{_PROVIDER}\b(?:{_DOT}(?:co{_DOT}id|com|net|id|me)\b)?",  # budi at gmail dot com
    re.IGNORECASE,
)

# A scheme or www., short links and chat apps, and any bare domain followed by a path
# ("instagram.com/budi", "tiktok.com/@budi", "api.whatsapp.com/send?phone=…").
_APP_DOMAINS = (
    r"wa\.me|t\.me|telegram\.me|line\.me|bit\.ly|s\.id|linktr\.ee|instagr\.am|instagram\.com|tiktok\.com"
    r"|whatsapp\.com|facebook\.com|fb\.com|fb\.me|twitter\.com|x\.com|discord\.gg|snapchat\.com"
)
# A link ends before the punctuation that closes its sentence ("t.me/budi, ya").
_REST = r"(?:\S*[^\s.,;:!?'\")\]])?"
LINK = re.compile(
    rf"(?:https?://|www\.)\S{_REST}"
    rf"|(?<![\w.@])(?:[\w-]+\.)*(?:{_APP_DOMAINS})\b(?:/{_REST})?"
    rf"|(?<![\w.@])(?:[\w-]+\.)+(?:com|net|org|id|me|io|co|ly|ee|am|gg)/\S{_REST}",
    re.IGNORECASE,
)

# A handle named with its app: "ig: @budi", "IG @budi", "line: budi", "id line budi",
# "tiktok: budi", "telegram: budi". Without ":" or "@" the app's name is only a word ("ig aku
# jarang dibuka"), except after "id"/"user" ("id line budi", "line id budi").
_APP = (
    r"(?:ig|insta(?:gram)?|line|tiktok|tele(?:gram)?|wa|whats?app|fb|facebook|snap(?:chat)?|discord|twitter)"
)
_HANDLE = r"@?[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?"
HANDLE = re.compile(
    rf"(?<!\w)(?:(?:id|user(?:name)?|uname)\s*{_APP}|{_APP}\s*(?:id|user(?:name)?|uname))\b"
    rf"\s*[:=]?\s*{_HANDLE}(?!\w)"
    rf"|(?<!\w){_APP}\s*(?:[:=]\s*|(?=@)|\s+(?=@)){_HANDLE}(?!\w)"
    # A bare "@budi" is an account on some app as well ("@10.00" is a time, not an account).
    r"|(?<![\w@.])@(?=[\w.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?!\w)",
    re.IGNORECASE,
)


def mask_contacts(text: str) -> str:
    # Order matters: links and e-mails first (they hold "@" and dots), then numbers, so that
    # "wa: 0812…" loses the whole number rather than its first digits to the handle rule.
    text = LINK.sub(_("[link hidden]"), text)
    text = EMAIL.sub(_("[email hidden]"), text)
    text = PHONE.sub(_("[number hidden]"), text)
    return HANDLE.sub(_("[contact hidden]"), text)
