"""Every table read outside Spark — DuckDB, pyarrow, pandas, polars — with the types schemas/*.json promise.

Types are derived from the schema files (the contract), not written down again here: a column written with the
wrong type, a partition folder or column gone, zone-less timestamps, or a nested array of structs that a reader
cannot open fails one of these. Known values come from data-samples/ (see python/tests/conftest.py).
"""
import datetime
import re

import pytest

import support

duckdb = support.require("duckdb")
pa = support.require("pyarrow")
pq = support.require("pyarrow.parquet")
ds = support.require("pyarrow.dataset")
pd = support.require("pandas")
pl = support.require("polars")

TABLES = sorted(support.PARTITION_COLUMNS)
UTC = datetime.timezone.utc


# --- the Spark types of schemas/*.json, as each reader names them ---------------------------------------------

def arrow_type(spark_type):
    if isinstance(spark_type, str):
        return {"string": pa.string(), "long": pa.int64(), "integer": pa.int32(), "boolean": pa.bool_(), "double": pa.float64(),
                "date": pa.date32(), "timestamp": pa.timestamp("us", tz="UTC")}[spark_type]
    if spark_type["type"] == "array":
        return pa.list_(pa.field("element", arrow_type(spark_type["elementType"]), nullable=spark_type["containsNull"]))
    if spark_type["type"] == "struct":
        return pa.struct([arrow_field(field) for field in spark_type["fields"]])
    raise AssertionError(f"a Spark type this test does not know: {spark_type}")


def arrow_field(field):
    return pa.field(field["name"], arrow_type(field["type"]), nullable=field["nullable"])


def duckdb_type(spark_type):
    """DuckDB's name of the type, struct field names unquoted (DuckDB quotes those that are SQL keywords)."""
    if isinstance(spark_type, str):
        return {"string": "VARCHAR", "long": "BIGINT", "integer": "INTEGER", "boolean": "BOOLEAN", "double": "DOUBLE", "date": "DATE",
                "timestamp": "TIMESTAMP WITH TIME ZONE"}[spark_type]
    if spark_type["type"] == "array":
        return duckdb_type(spark_type["elementType"]) + "[]"
    return "STRUCT(" + ", ".join(f"{field['name']} {duckdb_type(field['type'])}" for field in spark_type["fields"]) + ")"


def polars_type(spark_type):
    if isinstance(spark_type, str):
        return {"string": pl.String(), "long": pl.Int64(), "integer": pl.Int32(), "boolean": pl.Boolean(), "double": pl.Float64(),
                "date": pl.Date(), "timestamp": pl.Datetime("us", "UTC")}[spark_type]
    if spark_type["type"] == "array":
        return pl.List(polars_type(spark_type["elementType"]))
    return pl.Struct({field["name"]: polars_type(field["type"]) for field in spark_type["fields"]})


def data_fields(table):
    """The schema file's columns that live in the Parquet files: all but the partition column."""
    fields = support.schema(table)["fields"]
    assert fields[-1]["name"] == support.partition_column(table), f"schemas/{table}.json ends with its partition column"
    return fields[:-1]


def partition_folders(warehouse, table):
    return sorted(path for path in (warehouse / table).iterdir() if path.is_dir() and not path.name.startswith(("_", ".")))


def glob(warehouse, table):
    return f"{warehouse}/{table}/*/*.parquet"


# --- layout and file schemas (pyarrow) --------------------------------------------------------------------------

@pytest.mark.parametrize("table", TABLES)
def test_partition_folders_are_hive_style_dates(warehouse, table):
    column = support.partition_column(table)
    folders = partition_folders(warehouse, table)
    assert folders, f"{table} has no partition folder"
    for folder in folders:
        assert re.fullmatch(rf"{column}=\d{{4}}-\d{{2}}-\d{{2}}", folder.name), folder
        assert list(folder.glob("*.parquet")), f"{folder} holds no Parquet file"


@pytest.mark.parametrize("table", TABLES)
def test_every_file_has_the_schema_files_types(warehouse, table):
    expected = pa.schema([arrow_field(field) for field in data_fields(table)])
    files = [file for folder in partition_folders(warehouse, table) for file in sorted(folder.glob("*.parquet"))]
    for file in files:
        actual = pq.read_schema(file).remove_metadata()
        assert actual.equals(expected), f"{file.relative_to(warehouse)}:\n{diff(expected, actual)}"


def diff(expected, actual):
    lines = []
    for field in expected:
        found = actual.field(field.name) if field.name in actual.names else None
        if found is None or not found.equals(field):
            lines.append(f"  {field.name}: schema file {field.type} (nullable={field.nullable}), Parquet "
                         f"{'missing' if found is None else f'{found.type} (nullable={found.nullable})'}")
    lines.extend(f"  {name}: in the Parquet file, not in the schema file" for name in actual.names if name not in expected.names)
    return "\n".join(lines)


@pytest.mark.parametrize("table", TABLES)
def test_pyarrow_dataset_reads_the_partition_column_as_a_date(warehouse, table):
    column = support.partition_column(table)
    partitioning = ds.partitioning(pa.schema([(column, pa.date32())]), flavor="hive")
    dataset = ds.dataset(warehouse / table, format="parquet", partitioning=partitioning, exclude_invalid_files=True)
    data = dataset.to_table()
    assert data.schema.field(column).type == pa.date32()
    assert data.num_rows > 0
    assert data.column(column).null_count == 0


# --- DuckDB -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", TABLES)
def test_duckdb_reads_every_column_with_its_type(warehouse, table):
    relation = duckdb.sql(f"select * from read_parquet('{glob(warehouse, table)}', hive_partitioning = true)")
    actual = {name: str(kind).replace('"', "") for name, kind in zip(relation.columns, relation.types)}
    expected = {field["name"]: duckdb_type(field["type"]) for field in support.schema(table)["fields"]}
    assert actual == expected
    assert relation.count("*").fetchone()[0] > 0


def test_duckdb_the_known_bounce_of_2026_11_25(warehouse):
    # data-samples/logs/mail.log: "2026-11-25T03:51:02.819381+00:00 out2 postfix/smtp[8959]: 25EE89E3A3: to=<dave@example.net> …
    # status=bounced (host mx.example.net[198.51.100.5] said: 550-5.7.25 [192.0.2.20] The IP address sending this message
    # does not have a PTR record setup …"
    row = duckdb.sql(f"""
        select event_time, event_date, sending_ip, reply_code, enhanced_status, reason, guide_rule, remedy, direction, outcome
        from read_parquet('{glob(warehouse, "events")}', hive_partitioning = true)
        where queue_id = '25EE89E3A3' and recipient = 'dave@example.net'""").fetchall()
    assert row == [(datetime.datetime(2026, 11, 25, 3, 51, 2, 819381, tzinfo=row[0][0].tzinfo), datetime.date(2026, 11, 25),
                    "192.0.2.20", 550, "5.7.25", "requireptr", "no_ptr", "set_ptr", "outbound", "bounced")]
    assert row[0][0].utcoffset() == datetime.timedelta(0)


def test_duckdb_failure_summary_adds_up_to_the_events_of_each_day(warehouse):
    by_summary = duckdb.sql(f"""
        select report_date, sum(failures) from read_parquet('{glob(warehouse, "failure_summary")}', hive_partitioning = true)
        group by all order by 1""").fetchall()
    by_events = duckdb.sql(f"""
        select event_date, count(*) from read_parquet('{glob(warehouse, "events")}', hive_partitioning = true)
        group by all order by 1""").fetchall()
    assert [str(day) for day, _ in by_summary] == support.REPORT_DATES
    assert by_summary == by_events


def test_duckdb_unnests_actions_and_sample_bounces(warehouse):
    fixes = duckdb.sql(f"""
        select a.remedy, a.guide_section, a.first_seen
        from (select unnest(actions) as a from read_parquet('{glob(warehouse, "server_remediation")}', hive_partitioning = true)
              where report_date = DATE '2026-11-26' and role = 'our_server' and ip = '192.0.2.10')""").fetchall()
    assert ("request_delisting", "§5.6 / opening bounce") in [(remedy, section) for remedy, section, _ in fixes]
    samples = duckdb.sql(f"""
        select s.time, s.reply_code, s.reply_text
        from (select unnest(sample_bounces) as s from read_parquet('{glob(warehouse, "delisting_requests")}', hive_partitioning = true)
              where report_date = DATE '2026-11-26' and ip = '192.0.2.10' and list = 'zen.spamhaus.org')""").fetchall()
    assert 1 <= len(samples) <= 3
    for time, code, text in samples:
        assert time.date() == datetime.date(2026, 11, 26) and time.utcoffset() == datetime.timedelta(0)
        assert 400 <= code < 600 and text


def test_duckdb_runs_balance(warehouse):
    unbalanced = duckdb.sql(f"""
        select run_id from read_parquet('{glob(warehouse, "runs")}', hive_partitioning = true)
        where not counts_balance or lines_read <> lines_with_events + lines_ignored + lines_quarantined
           or emails_read <> emails_with_events + emails_not_bounces + emails_quarantined""").fetchall()
    steps = duckdb.sql(f"""
        select command, count(*) from read_parquet('{glob(warehouse, "runs")}', hive_partitioning = true)
        where outcome = 'success' group by all order by 1""").fetchall()
    assert unbalanced == []
    # Each nightly run logs its three steps.
    assert steps == [(command, len(support.REPORT_DATES)) for command in ("enrich", "ingest", "report")]


# --- pandas -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", TABLES)
def test_pandas_reads_timestamps_in_utc_and_the_partition_column(warehouse, table):
    frame = pd.read_parquet(warehouse / table)
    column = support.partition_column(table)
    assert len(frame) > 0
    # pyarrow's Hive discovery makes the partition column a category of strings (README says so).
    assert isinstance(frame[column].dtype, pd.CategoricalDtype)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) for value in frame[column].cat.categories)
    for field in data_fields(table):
        if field["type"] == "timestamp":
            assert str(frame[field["name"]].dtype) == "datetime64[us, UTC]", field["name"]
        elif field["type"] == "long" and not field["nullable"]:
            assert str(frame[field["name"]].dtype) == "int64", field["name"]


def test_pandas_readme_filter_finds_our_worst_server(warehouse):
    fixes = pd.read_parquet(warehouse / "server_remediation", filters=[("report_date", "=", "2026-11-26")])
    ours = fixes[fixes.role == "our_server"].sort_values(["severity_score", "failures"], ascending=False)
    assert set(fixes.report_date.astype(str)) == {"2026-11-26"}
    top = ours.iloc[0]
    assert top.severity == "critical"
    assert "request_delisting" in [action["remedy"] for action in top.actions]
    # Nested arrays of structs come back as arrays of dicts, timestamps inside them zone-aware.
    assert all(action["first_seen"] is None or action["first_seen"].utcoffset() == datetime.timedelta(0) for action in top.actions)


# --- polars -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("table", TABLES)
def test_polars_reads_every_column_with_its_type(warehouse, table):
    frame = pl.read_parquet(glob(warehouse, table), hive_partitioning=True)
    expected = {field["name"]: polars_type(field["type"]) for field in support.schema(table)["fields"]}
    assert dict(frame.schema) == expected
    assert frame.height > 0


def test_polars_dns_answers_know_the_fixture_listing(warehouse):
    answers = (pl.read_parquet(glob(warehouse, "dns_answers"), hive_partitioning=True)
               .filter((pl.col("subject") == "192.0.2.10") & (pl.col("zone") == "zen.spamhaus.org")))
    assert answers.height >= 1
    assert set(answers["outcome"]) == {"listed"}
    assert all(code.startswith("127.") for codes in answers["return_codes"] for code in codes)
