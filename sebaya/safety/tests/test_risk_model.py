"""The learned layer beside the lexicon (issue 12, part 1): the model file, what happens when it
cannot load, how the two layers combine, training, and the feedback that feeds it."""

import zipfile
from io import StringIO

import numpy as np
import pytest
from django.core.management import call_command

from sebaya.safety import feedback, sources
from sebaya.safety.apps import check_risk_model
from sebaya.safety.models import Alert, RiskFeedback, TextFlag
from sebaya.safety.risk import assess, assess_lexicon, assess_many, training
from sebaya.safety.risk import model as risk_model
from sebaya.safety.risk.engine import RANK, reading
from sebaya.safety.risk.evaluation import BLIND_DIR, SHIPPED, read_examples, training_files
from sebaya.safety.services import text_check

# Read as concern by the model only: no word of the lexicon, plainly worth a counselor's look.
SLEEPLESS = "aku sering ga bisa tidur dan ga nafsu makan akhir2 ini"
# Read as crisis by the model only: a farewell letter "just in case".
LETTER = "aku udah nulis surat buat mama, kalau besok aku ga ada tolong kasih ya"


@pytest.fixture
def broken_model(tmp_path, monkeypatch):
    """The shipped model file replaced by a damaged one, for this test only."""
    path = tmp_path / "risk_model.npz"
    path.write_bytes(risk_model.MODEL_FILE.read_bytes()[:5000])  # cut short, as a failed copy would
    monkeypatch.setattr(risk_model, "MODEL_FILE", path)
    risk_model.forget()
    yield path
    risk_model.forget()


def test_the_shipped_model_loads_with_its_encoder_and_thresholds():
    model = risk_model.load()
    assert model is not None, risk_model.load_error()
    assert model.encoder_dimensions == 512 and model.weights.shape == (model.size + 512, 3)
    assert 0 < model.crisis_threshold < 1 and 0 < model.concern_threshold < 1
    assert sum(model.trained_on["lines"].values()) > 4000
    assert risk_model.problem() is None and check_risk_model() == []
    # Small enough to commit: the classifier's weights, not the encoder's.
    assert risk_model.MODEL_FILE.stat().st_size < 1_000_000


def test_the_model_reads_what_the_word_list_misses():
    assert assess_lexicon(SLEEPLESS).level == "none"
    found = assess(SLEEPLESS)
    assert (found.level, found.by) == ("concern", ("model",))
    assert found.score["concern"] >= risk_model.load().concern_threshold
    assert found.matched[-1].startswith("model ")
    letter = assess(LETTER)
    assert assess_lexicon(LETTER).level == "none" and (letter.level, letter.by) == ("crisis", ("model",))


def test_both_layers_and_their_scores_are_reported():
    found = assess("gw udh gakuat lagi pgn mati")
    assert found.level == "crisis" and found.by == ("lexicon", "model")
    assert found.matched == ("ingin mati", "tidak kuat lagi")  # the lexicon's words, no model note
    assert set(found.score) == {"crisis", "concern"} and found.score["concern"] >= found.score["crisis"]
    assert assess("").as_dict() == {"level": "none", "matched": [], "score": None, "by": []}
    ordinary = assess("Kak, jadwal konseling kapan?")
    assert ordinary.level == "none" and ordinary.by == () and ordinary.score["crisis"] < 0.5


def test_the_combined_level_is_never_lower_than_the_lexicons():
    texts = [
        example.text for path in (*SHIPPED, *training_files(BLIND_DIR)) for example in read_examples(path)
    ]
    combined = assess_many(texts)
    lowered = [
        text
        for text, both in zip(texts, combined, strict=True)
        if RANK[both.level] < RANK[assess_lexicon(text).level]
    ]
    assert lowered == []
    assert len(texts) > 1700


def test_a_damaged_model_file_fails_the_check_and_the_lexicon_still_decides(broken_model):
    assert risk_model.load() is None
    assert "not a Sebaya risk model file" in risk_model.load_error()
    errors = check_risk_model()
    assert [error.id for error in errors] == ["sebaya.E002"]
    assert "lexicon alone" in errors[0].hint
    # The lexicon carries on alone: no score, no model, the same level as before.
    found = assess("aku pengen mati aja")
    assert (found.level, found.score, found.by) == ("crisis", None, ("lexicon",))
    assert assess(SLEEPLESS).level == "none"


@pytest.mark.django_db
def test_an_alert_still_goes_out_when_the_model_cannot_load(broken_model, org, student):
    found = text_check(
        organization=org,
        text="aku pengen mati aja",
        source="message",
        source_ref="support.message:1",
        person=student.person,
    )
    assert found.alert is not None and Alert.objects.get().level == "crisis"


def test_a_missing_or_foreign_model_file_is_explained(tmp_path):
    with pytest.raises(risk_model.ModelFileError, match="No such file"):
        risk_model.Model.from_file(tmp_path / "nothing.npz")
    foreign = tmp_path / "foreign.npz"
    with zipfile.ZipFile(foreign, "w") as archive:
        archive.writestr("hello.txt", "not a model")
    assert "not a Sebaya risk model file" in risk_model.problem(foreign)


def test_the_model_file_round_trips():
    model = risk_model.load()
    again = risk_model.Model.from_bytes(model.to_bytes())
    assert again.vocabulary == model.vocabulary and np.array_equal(again.weights, model.weights)
    texts = [SLEEPLESS, LETTER, "mati lampu lagi"]
    readings = [reading(text) for text in texts]
    assert again.rate_many(readings, texts) == model.rate_many(readings, texts)


def test_training_is_deterministic():
    lines = training.training_lines()[::20]  # every twentieth line: a few seconds, both feature kinds
    first = training.train(lines, encoder=True).model.to_bytes()
    second = training.train(lines, encoder=True).model.to_bytes()
    assert first == second
    without = training.train(lines, encoder=False)
    assert without.model.encoder_dimensions == 0 and without.model.to_bytes() != first


def test_training_reads_reviewed_feedback_and_never_the_blind_rounds(tmp_path, monkeypatch):
    reviewed = tmp_path / "2026-12.tsv"
    reviewed.write_text("crisis\twish_dead\tudah lah aku mau tidur panjang aja selamanya\n", encoding="utf-8")
    monkeypatch.setattr(training, "FEEDBACK_DIR", tmp_path)
    sources_read = training.training_sources()
    assert reviewed in sources_read
    assert not any(BLIND_DIR in path.parents for path in sources_read)
    lines = training.training_lines()
    assert any(line.source == "2026-12.tsv" for line in lines)
    blind = {example.text for path in training_files(BLIND_DIR) for example in read_examples(path)}
    assert not blind & {line.text for line in lines}


@pytest.mark.django_db
def test_words_only_the_model_reads_as_concern_go_to_the_outreach_list(org, student):
    found = text_check(
        organization=org,
        text=SLEEPLESS,
        source="message",
        source_ref="support.message:7",
        person=student.person,
    )
    assert found.alert is None and found.flag is not None
    assert TextFlag.objects.get().source_ref == "support.message:7"
    assert not Alert.objects.exists()
    # A crisis only the model read still pages the person on call.
    crisis = text_check(
        organization=org, text=LETTER, source="message", source_ref="support.message:8", person=student.person
    )
    assert crisis.alert is not None and crisis.alert.level == "crisis"


@pytest.mark.django_db
def test_an_alert_only_the_model_raised_says_so_in_the_counselors_language(client_as, org, student):
    from django.urls import reverse

    from conftest import in_english
    from sebaya.support import services as support

    request = support.help_request_submit(
        organization=org, person=student.person, topic="family", details=LETTER
    )[0]
    alert = Alert.objects.get(source_ref=sources.ref(request))
    assert alert.level == "crisis" and alert.signals[-1].startswith("model 0.")
    url = reverse("alert_detail", kwargs={"org": org.slug, "alert": alert.pk})
    page = client_as("counselor").get(url).content.decode()
    assert "dibaca oleh model pembelajaran (yakin " in page and "model 0." not in page
    english = in_english(client_as("counselor")).get(url).content.decode()
    assert "read by the learned model (" in english


@pytest.mark.django_db
def test_feedback_export_removes_names_and_numbers_and_is_done_once(org, users, tmp_path):
    from sebaya.support import services as support
    from sebaya.support.models import SupporterProfile

    membership = users["peer_supporter"].person.memberships.get(organization=org)
    SupporterProfile.objects.create(organization=org, membership=membership, certified=True)
    request = support.help_request_submit(organization=org, person=users["member"].person, topic="family")[0]
    relationship = support.relationship_start(
        help_request=request, supporter_id=membership.supporter_profile.pk, by=users["counselor"]
    )
    name = users["member"].person.full_name.split()[0]
    body = f"wkwk {name} bilang pengen mati aja liat nilai mtk, wa aku 081234567890"
    message = support.message_send(relationship=relationship, body=body, from_supporter=False)
    assert message.risk_level == "crisis"  # the lexicon's words; the counselor knows it was a joke
    ref = sources.ref(message)
    feedback.feedback_mark(
        organization=org, kind="false_alarm", level="none", source_ref=ref, by=users["counselor"]
    )

    out = tmp_path / "feedback.tsv"
    err = StringIO()
    call_command("risk", "feedback", "export", "--output", str(out), stderr=err)
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(lines) == 1 and lines[0].startswith("none\t-\t")
    assert name not in lines[0] and "0812" not in lines[0] and "[nama]" in lines[0]
    assert "pengen mati aja liat nilai mtk" in lines[0]
    assert "1 lines exported" in err.getvalue()
    assert RiskFeedback.objects.get().exported_at is not None
    # Exported once: the next export has nothing new, unless asked again.
    call_command("risk", "feedback", "export", "--output", str(out), stderr=StringIO())
    assert [line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")] == []
    call_command("risk", "feedback", "export", "--output", str(out), "--again", stderr=StringIO())
    assert (
        len([line for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]) == 1
    )
    # The file the reviewer moves into data/feedback/ is one the trainer reads.
    assert read_examples(out)[0].level == "none"


def test_evaluate_prints_recall_per_family_in_both_languages(tmp_path):
    out = StringIO()
    call_command("risk", "evaluate", "--blind", "--quiet", stdout=out)
    text = out.getvalue()
    assert "round6.tsv" in text and "round7.tsv" in text and "all of them together" in text
    assert "ingin mati atau tidak ada / wish to be dead or not to exist" in text
    assert "cemas dan panik / anxiety and panic" in text
    lexicon = StringIO()
    call_command("risk", "evaluate", "--lexicon", "--quiet", stdout=lexicon)
    assert "by lexicon:" in lexicon.getvalue()


def test_a_long_note_is_read_in_parts_and_is_as_risky_as_its_riskiest_part():
    from sebaya.safety.risk.detector import CHUNK, chunks

    ordinary = "Hari ini kami membahas jadwal belajar, tugas kelompok dan rencana ekskul. " * 60
    note = ordinary + LETTER + ". " + ordinary
    parts = chunks(note)
    assert "".join(parts) == note and len(parts) > 5
    assert all(len(part) <= CHUNK for part in parts)
    assert assess_lexicon(note).level == "none"
    found = assess(note)
    assert (found.level, found.by) == ("crisis", ("model",))
    assert assess(ordinary).level == "none"


@pytest.mark.parametrize("text", ["aaaa", "a" * 300, "asdfghjkl", "qwerty uiop", "hahahahahahaha", "ok", "p"])
def test_the_model_keeps_quiet_about_what_it_cannot_read(text):
    # With nothing it knows, the model has only its bias and the encoder's guess: it once read
    # "aaaa" as crisis. The lexicon still reads such text.
    model = risk_model.load()
    assert not model.can_read(reading(text))
    assert assess(text).as_dict() == {"level": "none", "matched": [], "score": None, "by": []}
    assert model.can_read(reading(LETTER)) and model.can_read(reading("tonight. sorry."))
