from pipeline.engine import progress


class Recorder:
    """A display that writes down what it is told."""

    def __init__(self):
        self.calls = []

    def begin(self, description, total):
        self.calls.append(("begin", description, total))
        return 7

    def advance(self, handle, amount):
        self.calls.append(("advance", handle, amount))

    def note(self, handle, text):
        self.calls.append(("note", handle, text))

    def end(self, handle):
        self.calls.append(("end", handle))


def test_a_step_with_no_display_shows_nothing_and_runs_its_block():
    ran = []
    with progress.step("reading 3 files", total=3) as shown:
        shown.advance()
        shown.note("read 3 files")
        ran.append(True)
    assert ran == [True]


def test_a_display_sees_each_step_begin_advance_note_and_end():
    recorder = Recorder()
    with progress.shown_on(recorder):
        with progress.step("parsing 2 documents", total=2) as shown:
            shown.advance(2)
            shown.note("parsed 2 documents")
    with progress.step("after the display is gone"):
        pass
    assert recorder.calls == [("begin", "parsing 2 documents", 2), ("advance", 7, 2),
                              ("note", 7, "parsed 2 documents"), ("end", 7)]


def test_a_failing_step_still_ends():
    recorder = Recorder()
    try:
        with progress.shown_on(recorder), progress.step("validating quotes"):
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    assert recorder.calls[-1] == ("end", 7)


def test_no_display_given_leaves_the_one_shown_on():
    recorder = Recorder()
    with progress.shown_on(recorder), progress.shown_on(None), progress.step("publishing"):
        pass
    assert recorder.calls == [("begin", "publishing", None), ("end", 7)]
