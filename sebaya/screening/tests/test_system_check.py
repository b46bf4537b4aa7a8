from sebaya.screening import instruments
from sebaya.screening.apps import check_instruments


def test_the_shipped_instruments_pass_the_system_check():
    assert check_instruments() == []


def test_a_broken_instrument_file_fails_the_system_check(monkeypatch):
    def broken(**kwargs):
        raise instruments.InstrumentError(["phq9.v1.json: bands: no band covers 3-3"])

    monkeypatch.setattr(instruments, "all_instruments", broken)
    (error,) = check_instruments()
    assert error.id == "sebaya.E001" and "no band covers" in error.msg
