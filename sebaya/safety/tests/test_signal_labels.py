"""Signals on an alert page read as sentences, never as codes."""

from django.utils import translation

from sebaya.safety.templatetags.risk_feedback import signal_label
from sebaya.screening.instruments import get_instrument


def test_an_instruments_flag_is_named_by_the_instrument_in_the_readers_language():
    phqa = get_instrument("phqa")
    risk = phqa.risk_items[0]
    with translation.override("id"):
        label = signal_label(f"phqa:{risk.flag}")
    assert label == f"{phqa.short_name.get('id')}: {risk.label.get('id')}"
    assert ":" + risk.flag not in label
    with translation.override("en"):
        assert signal_label(f"phqa:{risk.flag}").endswith(risk.label.get("en"))


def test_words_and_unknown_codes_stay_as_they_are():
    assert signal_label("ingin mati") == "ingin mati"
    assert signal_label("nosuchinstrument:flag") == "nosuchinstrument:flag"
    assert signal_label("phqa:no_such_flag") == "phqa:no_such_flag"


def test_the_learned_model_and_answers_read_as_sentences():
    with translation.override("en"):
        assert signal_label("model 0.87") == "read by the learned model (87% sure)"
        assert signal_label("help_request:safety_yes") == "Answered yes to the safety question"
