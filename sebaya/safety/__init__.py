"""The safety net: risk detection in text, alerts, the on-call rota and escalation."""
