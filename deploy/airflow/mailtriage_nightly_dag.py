"""mailtriage nightly on a Spark cluster, scheduled by Airflow.

Needs apache-airflow-providers-apache-spark and a Spark connection (Admin -> Connections)
named "spark_mailtriage" whose host is the master, e.g. spark://spark-master.example.com:7077.
{{ ds }} is the day the run covers (the data interval's start), so the DAG run on the
27th processes the 26th, and backfills (airflow dags backfill) rerun exactly their days:
mailtriage replaces that day's partitions and nothing else.

Exit codes: 0 ok, 1 a new listing since the previous report (--fail-on-new-listing),
2 bad input/config, 3 failure. Any non-zero exit fails the task, so a new listing alerts
through the task's failure e-mail/callback.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="mailtriage_nightly",
    description="Classify the day's mail failures; write server_remediation, delisting_requests, failure_summary",
    schedule="15 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "mail-ops",
        "email": ["postmaster@example.com"],
        "email_on_failure": True,
        "retries": 1,
        "retry_delay": timedelta(minutes=30),
    },
    tags=["mail", "spark"],
) as dag:
    SparkSubmitOperator(
        task_id="nightly",
        conn_id="spark_mailtriage",
        application="/opt/mailtriage/mailtriage.jar",
        java_class="org.mailtriage.cli.Main",
        name="mailtriage-nightly-{{ ds }}",
        deploy_mode="client",
        executor_memory="2g",
        total_executor_cores=4,
        conf={"spark.sql.shuffle.partitions": "16"},
        application_args=[
            "nightly",
            "--date", "{{ ds }}",
            "--input", "hdfs:///logs/mail/{{ ds }}",
            "--servers", "hdfs:///mailtriage/conf/servers.csv",
            "--warehouse", "hdfs:///mailtriage/warehouse",
            "--lock-wait", "1800",
            "--fail-on-new-listing",
        ],
    )
