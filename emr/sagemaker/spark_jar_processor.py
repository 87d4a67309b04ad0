"""pii-gate as a SageMaker Processing job, with the SageMaker Python SDK (v2).

The same job as create-processing-job.json. Two ways to give it the data:
  * local paths (below): SageMaker copies the dataset's data/ prefix (objects only: the manifest,
    pii-gate's approvals and reports live outside it) to /opt/ml/processing/input/dataset, the
    report lands in /opt/ml/processing/output and is uploaded under output_kms_key. One instance
    (file: paths are not shared between instances); network isolation can stay on.
  * S3 in place: pass s3a:// URIs instead (arguments=["--out", "s3a://.../", "--manifest",
    "s3a://.../train.manifest"]); any instance count; needs network access to S3, and this is
    the mode that publishes the approved manifest where training reads it (see pipeline.json).
The image account differs per region: eu-west-1's Spark images are in 571004829621
(sagemaker.image_uris.retrieve("spark", region, version="3.5") looks it up).
The job exits 0 PASS, 2 BLOCK, 1 error: any non-zero status fails the processing job.
"""
from sagemaker.network import NetworkConfig
from sagemaker.processing import ProcessingInput, ProcessingOutput
from sagemaker.spark.processing import SparkJarProcessor

SCANNER_ROLE = "arn:aws:iam::111122223333:role/pii-gate-scanner"
OUTPUT_KEY = "arn:aws:kms:eu-west-1:111122223333:key/22222222-2222-2222-2222-222222222222"
VOLUME_KEY = "arn:aws:kms:eu-west-1:111122223333:key/33333333-3333-3333-3333-333333333333"

processor = SparkJarProcessor(
    base_job_name="pii-gate",
    framework_version="3.5",  # the Spark 3.5 image; it must be 3.5-cpu-py312-v1.1 or newer for Java 17
    image_uri="571004829621.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-spark-processing:3.5-cpu-py312-v1.1",
    role=SCANNER_ROLE,
    instance_count=1,
    instance_type="ml.m5.2xlarge",
    volume_kms_key=VOLUME_KEY,
    output_kms_key=OUTPUT_KEY,
    max_runtime_in_seconds=21600,
    network_config=NetworkConfig(encrypt_inter_container_traffic=True, enable_network_isolation=True),
)

processor.run(
    submit_app="s3://example-artifacts/pii-gate/pii-gate-0.1.0-SNAPSHOT.jar",
    submit_class="dev.piigate.jobs.Main",
    arguments=[
        "--out", "/opt/ml/processing/output",
        "--config", "/opt/ml/processing/input/config/policy.yaml",
        "--conf", "spark.speculation=false",
        "/opt/ml/processing/input/dataset",
    ],
    inputs=[
        ProcessingInput(source="s3://example-artifacts/pii-gate/policy.yaml",
                        destination="/opt/ml/processing/input/config", input_name="config"),
        ProcessingInput(source="s3://example-training-data/datasets/support-tickets/data/",
                        destination="/opt/ml/processing/input/dataset", input_name="dataset"),
    ],
    outputs=[
        ProcessingOutput(source="/opt/ml/processing/output", output_name="report",
                         destination="s3://example-training-data/pii-gate/reports/support-tickets/run-0001/"),
    ],
    configuration=[{
        "Classification": "spark-defaults",
        "Properties": {
            "spark.authenticate": "true",
            "spark.network.crypto.enabled": "true",
            "spark.io.encryption.enabled": "true",
            "spark.speculation": "false",
            "spark.eventLog.enabled": "false",
        },
    }],
    wait=True,
)
