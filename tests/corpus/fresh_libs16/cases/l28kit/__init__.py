"""l28kit: small stand-ins for the projects behind fresh_libs16 (graphrag-toolkit's extraction pipeline on a Bedrock
client from boto3, lungmask's inference inside a celery-like prefork worker on billiard, batchgenerators'
multi-process augmenter, a SageMaker-like feature store ingestion manager, sqs-workers' queue environment on boto3,
influxdb-client's client on urllib3)."""
