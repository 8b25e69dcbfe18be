"""Settings: defaults, a user file, overrides, and clear errors for bad files and unknown names."""

import pytest

from newsfuse.errors import Errors, NewsfuseError
from newsfuse.settings import Settings, load_settings


def test_defaults_file_and_overrides(tmp_path):
    cfg = tmp_path / "newsfuse.toml"
    cfg.write_text('[newsfuse]\nbatch_size = 4\nmax_file_mb = 2.5\n')
    s = load_settings(cfg, batch_size=8)
    assert s.max_file_mb == 2.5 and s.batch_size == 8 and s.spacy_model == Settings().spacy_model


def test_broken_settings_file_is_a_clear_error(tmp_path):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("batch_size = = 3")
    with pytest.raises(NewsfuseError) as err:
        load_settings(cfg)
    assert err.value.code == "E203" and str(cfg) in err.value.message


def test_unknown_setting_names_the_known_ones(tmp_path):
    cfg = tmp_path / "x.toml"
    cfg.write_text("bach_size = 3")
    with pytest.raises(NewsfuseError) as err:
        load_settings(cfg)
    assert err.value.code == "E204" and "batch_size" in err.value.message


def test_every_message_formats_with_its_placeholders():
    for e in Errors:
        names = {n.split("}")[0] for n in e.value.split("{")[1:]}
        assert e.msg(**{n: "x" for n in names}).startswith(f"[{e.name}]")
