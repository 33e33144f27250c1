"""A client nobody in this repository wrote: boto3 calls the Bedrock mock and prints JSON.

Usage: python boto3_client.py <endpoint> <model-id> <mode>
  mode "chat"   converse + converse_stream of one question; prints both answers
  mode "errors" converse with the mock set to fail; prints the error code boto3 raised

Used by boto3-client.integration.test.ts; botocore parses the HTTP/1.1 responses and the
event stream with its own code, so a pass means the wire format is right, not just
compatible with the JavaScript SDK.
"""
import json
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError, EventStreamError


def client(endpoint):
    return boto3.client(
        "bedrock-runtime",
        endpoint_url=endpoint,
        region_name="eu-west-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        config=Config(retries={"max_attempts": 1, "mode": "standard"}),
    )


# The chat context the mock answers from: one result, as the chat service sends it.
RESULTS = {
    "labValues": [
        {
            "name": "LDL Cholesterol",
            "value": 162,
            "unit": "mg/dL",
            "referenceRange": {"low": None, "high": 100, "text": "<100"},
            "flag": "high",
        }
    ]
}


def chat(bedrock, model_id):
    request = {
        "modelId": model_id,
        "system": [{"text": json.dumps(RESULTS)}],
        "messages": [{"role": "user", "content": [{"text": "What does a high LDL cholesterol mean?"}]}],
        "inferenceConfig": {"maxTokens": 400},
    }
    answer = bedrock.converse(**request)
    stream = bedrock.converse_stream(**request)
    events, text, stop_reason, usage = [], "", None, None
    for event in stream["stream"]:
        name = next(iter(event))
        events.append(name)
        if name == "contentBlockDelta":
            text += event[name]["delta"].get("text", "")
        elif name == "messageStop":
            stop_reason = event[name]["stopReason"]
        elif name == "metadata":
            usage = event[name]["usage"]
    return {
        "converse": {
            "text": answer["output"]["message"]["content"][0]["text"],
            "stopReason": answer["stopReason"],
            "usage": answer["usage"],
            "requestId": answer["ResponseMetadata"]["RequestId"],
            "httpStatus": answer["ResponseMetadata"]["HTTPStatusCode"],
        },
        "converseStream": {"text": text, "stopReason": stop_reason, "usage": usage, "events": events},
    }


def errors(bedrock, model_id):
    outcome = {}
    try:
        bedrock.converse(modelId=model_id, messages=[{"role": "user", "content": [{"text": "Hi"}]}])
        outcome["converse"] = "no error"
    except ClientError as error:
        outcome["converse"] = {"code": error.response["Error"]["Code"], "status": error.response["ResponseMetadata"]["HTTPStatusCode"]}
    try:
        stream = bedrock.converse_stream(modelId=model_id, messages=[{"role": "user", "content": [{"text": "Hi"}]}])
        for _ in stream["stream"]:
            pass
        outcome["converseStream"] = "no error"
    except EventStreamError as error:
        outcome["converseStream"] = {"code": error.response["Error"]["Code"], "midStream": True}
    except ClientError as error:
        outcome["converseStream"] = {"code": error.response["Error"]["Code"], "midStream": False}
    return outcome


def main():
    endpoint, model_id, mode = sys.argv[1:4]
    bedrock = client(endpoint)
    result = chat(bedrock, model_id) if mode == "chat" else errors(bedrock, model_id)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
