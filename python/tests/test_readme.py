"""README's DuckDB and Python snippets, run from README's own text on the sample warehouse.

A snippet is a fenced block right after a `<!-- readme-snippet -->` line. Python snippets run like a notebook
cell: the last line's value is the answer, and it must be a non-empty table. SQL snippets run statement by
statement in DuckDB, each giving rows. They run from a folder whose `warehouse` is the sample warehouse, as
README's paths expect.
"""
import ast
import os
import re

import pytest

import support

duckdb = support.require("duckdb")
pd = support.require("pandas")
pl = support.require("polars")
pa = support.require("pyarrow")

README = (support.ROOT / "README.md").read_text()
SNIPPET = re.compile(r"<!-- readme-snippet -->\n```(\w+)\n(.*?)```", re.DOTALL)
SNIPPETS = [(language, code) for language, code in SNIPPET.findall(README)]


def test_readme_has_the_snippets():
    assert [language for language, _ in SNIPPETS].count("sql") >= 1
    assert [language for language, _ in SNIPPETS].count("python") >= 4


@pytest.fixture
def in_readme_folder(warehouse, tmp_path):
    (tmp_path / "warehouse").symlink_to(warehouse, target_is_directory=True)
    before = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(before)


@pytest.mark.parametrize("code", [code for language, code in SNIPPETS if language == "python"],
                         ids=lambda code: code.splitlines()[0][:40])
def test_python_snippet_answers_with_rows(in_readme_folder, code):
    answer = run_cell(code)
    assert rows(answer) > 0, f"the snippet's last line gave no rows: {answer!r}"


@pytest.mark.parametrize("statement", [statement.strip() for language, code in SNIPPETS if language == "sql"
                                       for statement in code.split(";") if statement.strip()],
                         ids=lambda statement: " ".join(statement.split())[:40])
def test_duckdb_statement_answers_with_rows(in_readme_folder, statement):
    assert duckdb.sql(statement).fetchall()


def test_pyspark_snippet_asks_what_the_java_kernel_snippet_asks():
    pyspark = re.search(r"```python\nfrom pyspark.*?spark\.sql\(\"\"\"(.*?)\"\"\"\)", README, re.DOTALL)
    java = re.search(r"<!-- java-kernel-snippet -->\n```java\n.*?sql\(\"\"\"(.*?)\"\"\"\)", README, re.DOTALL)
    assert pyspark and java, "README has a PySpark snippet and a Java-kernel snippet"
    assert " ".join(pyspark.group(1).split()) == " ".join(java.group(1).split())


def run_cell(code):
    """Runs the code as a notebook cell does and returns its last expression's value."""
    tree = ast.parse(code)
    assert tree.body and isinstance(tree.body[-1], ast.Expr), "a snippet ends with the expression it shows"
    namespace = {}
    exec(compile(ast.Module(body=tree.body[:-1], type_ignores=[]), "README.md", "exec"), namespace)
    return eval(compile(ast.Expression(body=tree.body[-1].value), "README.md", "eval"), namespace)


def rows(answer):
    if isinstance(answer, (pd.DataFrame, pl.DataFrame, pa.Table)):
        return len(answer)
    raise AssertionError(f"a snippet ends with a table, not {type(answer).__name__}")
