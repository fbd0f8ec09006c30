from pipeline.engine.watch import changed, content_key, scan


def test_new_and_changed_files_are_noticed_and_touch_alone_is_not(tmp_path):
    (tmp_path / "a.txt").write_text("Talks in Geneva.")
    first = scan(tmp_path, {})
    assert changed({}, first) == ["a.txt"]

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("A call with Kyiv.")
    (tmp_path / "a.txt").write_text("Talks in Geneva.")  # same bytes, new mtime
    second = scan(tmp_path, first)
    assert changed(first, second) == ["sub/b.txt"]

    (tmp_path / "a.txt").write_text("Talks in Istanbul.")
    third = scan(tmp_path, second)
    assert changed(second, third) == ["a.txt"]
    assert content_key(second) != content_key(third)
    assert content_key(scan(tmp_path, {})) == content_key(third)
