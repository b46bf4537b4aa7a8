"""`{% risk_feedback obj %}`: the counselor's "not a risk" / "missed risk" marks under some words.

Shown only to those who may mark (`risk_feedback.mark`), for any record `safety.sources` knows.
The level the detector gave is the alert's, a message's stored level, or a fresh reading.
"""

from django import template
from django.utils.module_loading import import_string

from sebaya import access
from sebaya.safety import sources
from sebaya.safety.feedback import RANK, detected_level
from sebaya.safety.models import RiskFeedback

register = template.Library()


@register.inclusion_tag("safety/_risk_feedback.html", takes_context=True)
def risk_feedback(context, obj=None, alert=None):
    request = context["request"]
    organization = getattr(request, "organization", None)
    if organization is None or not access.can(request.user, "risk_feedback.mark", organization):
        return {"show": False}
    source_ref = alert.source_ref if alert is not None else sources.ref(obj)
    if sources.split(source_ref)[0] not in sources.KINDS:
        return {"show": False}  # not words (a screening answer, a counselor's own mark)
    stored = getattr(obj, "risk_level", None)
    detected = stored or ("none" if stored == "" else detected_level(source_ref, alert))
    mine = RiskFeedback.objects.filter(source_ref=source_ref, by=request.user).first()
    return {
        "show": True,
        "request": request,
        "source_ref": source_ref,
        "alert": alert,
        "detected": detected,
        "lower": [level for level in ("concern", "none") if RANK[level] < RANK[detected]],
        "higher": [level for level in ("crisis", "concern") if RANK[level] > RANK[detected]],
        "mine": mine,
        "next": request.get_full_path(),
    }


@register.filter
def signal_label(signal: str) -> str:
    """An alert's signal as counselors read it: the lexicon's phrases as they are, and the
    learned layer's "model 0.87" (it names no words) as a sentence in their language."""
    from django.utils.translation import gettext

    prefix = "model "
    if signal.startswith(prefix):
        try:
            probability = float(signal[len(prefix) :])
        except ValueError:
            return signal
        return gettext("read by the learned model (%(percent)d%% sure)") % {
            "percent": round(probability * 100)
        }
    # Signals that are answers or a person's judgement rather than words: named in a sentence.
    named = {
        "help_request:safety_yes": gettext("Answered yes to the safety question"),
        "peer_session:concern_flag": gettext("Their peer supporter is worried about their safety"),
    }
    if signal in named:
        return named[signal]
    # A flagged answer of an instrument ("phqa:suicidal_thoughts"): its owner names it.
    for namer in sources.SIGNAL_NAMERS:
        label = import_string(namer)(signal)
        if label:
            return label
    return signal
