"""Risk detection in free text, in Indonesian as students write it and in English.

One function is used wherever text arrives (help requests, messages, session notes)::

    from sebaya.safety.risk import assess

    result = assess("gw udh gakuat lagi pgn mati")
    result.level    # "crisis", "concern" or "none"
    result.matched  # ("ingin mati", "tidak kuat lagi"): canonical signal names, never the text itself
    result.flagged  # level != "none"
    result.as_dict()  # {"level": ..., "matched": [...]}, as `sebaya risk scan` prints it

It is pure Python: a lexicon of patterns (`lexicon.py`, data) compiled once at import, no network,
no model, deterministic, and fast (tens of thousands of short messages per second on one core;
see ``bench/risk_scan.py``). How the text is normalized first (case, look-alike letters,
leetspeak, ``b u n u h``, ``b.u.n.d.i.r``, ``s*icide``, ``matiii``) is in `normalization.py`.

Levels
------
crisis
    Thoughts, wishes or plans to die, active or passive ("pengen mati", "bundir", "capek hidup",
    "ga mau hidup lagi", "pengen tidur dan ga bangun lagi", "kms", "unalive", "end it all",
    "no reason to live", "better off without me"); self-harm, now or before ("nyilet",
    "sayat tangan", "barcode lagi", "cutting again"); a method with the act or with intent
    ("minum racun", "gantung diri", "udah siapin silet", "mau lompat dari atap", "took all my
    pills"); a farewell ("ini pesan terakhir aku", "surat wasiat", "aku pergi, jangan cari aku",
    "selamat tinggal semua" with "maafin aku" or "makasih buat semuanya", "pamit" with "ga kuat").
concern
    Abuse and violence (dipukul, disiksa, dilecehkan, KDRT, molested), bullying (dibully,
    dirundung, diejek terus, dikucilkan, bullied), hopelessness and worthlessness (ga ada harapan,
    ga berguna, hopeless, worthless, pengen nyerah, capek banget sama semuanya, udah ga kuat
    lagi), wanting to hurt someone else, being told to kill oneself, and the crisis signals that a
    decision below lowers.
none
    Everything else.

Decisions
---------
Safety first: a false alarm costs a counselor a minute; a missed crisis can cost a life. So a
decision may lower crisis to concern (still a human looks), but nothing lowers a risk word to none
except the fixed idioms listed here (and "depresi" in a sentence about a novel or a lesson).
Sentence punctuation matters only for idioms, negations and topics, which do not reach across it;
the rules themselves read across it, because students write "pengen... mati".

- **Idioms are not risk** and are removed before matching: mati lampu/listrik/gaya/kutu/total,
  bunuh waktu, mati-matian, setengah mati, harga mati, ketawa/ngakak sampai mati, mati ketawa,
  "laper banget mau mati", a device that dies (hp/baterai/motor/mesin/wifi... mati), dying in a
  game or a film ("mati di game", "kena kill"), "my phone died", "dying to see", "killing time",
  "this joke killed me", "die of embarrassment", "to die for", "hopeless romantic",
  "overdosis micin", "silet alis", jumping from a bridge *into the river*, "bolanya dipukul",
  "dipukul mundur", and names of programmes: "pencegahan bunuh diri", "suicide prevention",
  "anti bullying". "The deadline is killing me", "mati gue, lupa PR", "mampus", "i'm dead lol"
  are none (there is no rule for "kill me" or a bare "mati"). Hyperbole built from a wish to die
  ("malu banget pengen mati", "wanna die lol") stays **crisis**: the words are the signal.
- **mati rasa**: numb hands or feet ("kakiku mati rasa") are none; "hatiku udah mati rasa" and
  any other use is **concern** (emotional numbness). "pengen mati rasa aja" is concern, not crisis.
- **Negation** right before a signal (at most three words such as akan, pernah, kepikiran,
  going to between) lowers crisis to **concern**, never to none: "aku nggak akan bunuh diri kok",
  "i would never kill myself", "aku ga suicidal" are concern, because saying so to a counselor
  is itself worth a look. Phrases that are made of a negation are crisis: "ga mau hidup lagi",
  "ga kuat hidup", "i don't want to live", "kenapa aku ga mati aja", "ga takut mati".
- **Third person is not discounted**: "temenku bilang mau bunuh diri", "my friend said she wants
  to kill herself" are crisis; a friend at risk must reach a counselor as fast as the student.
- **Topic**: a bare mention in a sentence about a film, the news, a lesson, a seminar, a game
  ("ada berita artis bunuh diri", "nonton film tentang orang bunuh diri") with no personal cue
  (pengen, mau, kepikiran, cara, juga, want, thinking...) is concern. "gol bunuh diri" (own
  goal), "bom bunuh diri", "suicide squad" are none.
- **Past self-harm said to be over** ("pernah self harm dulu tapi udah lama berhenti") is concern,
  unless the message also says it is back (relapse, lagi, semalem, pengen...).
- **kys** said to someone is bullying: concern; "i should just kys" is crisis. **kms** is crisis,
  except as the day Kamis ("hari kms", "kms depan").
- **nyusul** is crisis only with death around it ("pengen nyusul mama ke surga", "sejak ayah
  meninggal aku pengen nyusul dia"); "pengen nyusul nenek" alone is concern; "nanti aku nyusul
  ke kantin" is none.
- **Method words** (silet, cutter, racun, baygon, obat nyamuk, obat tidur, rope, noose, gun) are
  none alone ("silet alis", "racun tikus di gudang"), crisis with intent a few words before
  ("udah siapin silet", "mau lompat dari jembatan", "nyiapin tali") and crisis together with any
  other concern or crisis signal in the message; an act ("minum racun", "nelen 20 butir obat",
  "minum obat banyak banget", "gantung diri", "nyilet") is crisis by itself. Jumping from a
  height with no intent is concern; "tali sepatu", "lompat tali", "minum 2 tablet" are none.
- **Being told to die** ("mereka nyuruh aku kys", "mati aja lo", "they told me to kill myself")
  is concern (bullying), not the writer's own crisis.

Known limits: this is a lexicon, not understanding. On lines written after it was built, and
scored before any change, it found only 48-80 % of crisis messages (``data/README.md``); the
targets are met on the shipped sets because their misses were then added. It misses risk said
without any of its words ("aku pernah kepikiran, tapi sekarang udah ga kok", "i wrote letters to
my family just in case"), negation further away and sarcasm, regional languages beyond a few
Javanese and Sundanese words (modar wae, kesel urip, ora kuat, hayang paeh), and new slang until it is
added to `lexicon.py`; it flags hyperbole built from risk words ("mondays make me want to die
lol"). It is one signal among several (screening risk items, triage answers, a peer supporter's
concern flag); it does not replace them. Every change to the lexicon must keep ``sebaya risk
evaluate --all`` on its targets (the tests check them).
"""

from sebaya.safety.risk.detector import assess, assess_many
from sebaya.safety.risk.engine import LEVELS, RiskAssessment, normalize
from sebaya.safety.risk.engine import assess as assess_lexicon

__all__ = ["LEVELS", "RiskAssessment", "assess", "assess_lexicon", "assess_many", "normalize"]
