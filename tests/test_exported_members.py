"""The public API is explicit: every name in ``newsfuse.__all__`` exists, is documented and says where it lives."""

import pytest

import newsfuse


def test_all_exports_resolve_to_public_library_objects():
    assert sorted(newsfuse.__all__) == ["Settings", "Store", "__version__", "account", "build", "load_settings"]
    for name in newsfuse.__all__:
        member = getattr(newsfuse, name)
        if name == "__version__":
            assert isinstance(member, str)
            continue
        assert member.__module__.startswith("newsfuse."), name
        assert member.__doc__, f"{name} has no docstring"
        assert name in dir(newsfuse)


def test_exports_are_the_objects_the_stages_use():
    from newsfuse.pipeline import build
    from newsfuse.present.export import account
    from newsfuse.settings import Settings, load_settings
    from newsfuse.store.sqlite import Store

    assert (newsfuse.build, newsfuse.account, newsfuse.Settings, newsfuse.load_settings, newsfuse.Store) == \
        (build, account, Settings, load_settings, Store)


def test_unknown_names_are_attribute_errors():
    with pytest.raises(AttributeError, match="not_a_member"):
        newsfuse.not_a_member  # noqa: B018
