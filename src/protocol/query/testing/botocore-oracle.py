"""Drives botocore's own query/ec2 serializer and response parser for Bulwark's tests.

Reads one JSON document on stdin: {"model": <a Bulwark service table>, "cases": [...]}, where
each case is {"op": name, "input": value?, "response": {"status", "headers", "body"}?}.
Writes [{"body": <form-encoded request body>, "parsed": <parsed response>}] on stdout.
Timestamps travel as {"$date": iso8601} and blobs as {"$b64": base64}.
"""
import base64
import datetime
import json
import sys
from urllib.parse import urlencode

from botocore.model import ServiceModel
from botocore.parsers import create_parser
from botocore.serialize import create_serializer


def untag(value):
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return datetime.datetime.fromisoformat(value["$date"].replace("Z", "+00:00"))
        if set(value) == {"$b64"}:
            return base64.b64decode(value["$b64"])
        return {k: untag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [untag(v) for v in value]
    return value


def tag(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return {"$date": value.astimezone(datetime.timezone.utc).isoformat().replace("+00:00", "Z")}
    if isinstance(value, (bytes, bytearray)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {k: tag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tag(v) for v in value]
    return value


def main():
    doc = json.load(sys.stdin)
    table = doc["model"]
    model = ServiceModel({"metadata": table["metadata"], "operations": {
        name: dict(op, name=name) for name, op in table["operations"].items()
    }, "shapes": table["shapes"]}, service_name=doc.get("service", "bulwark"))
    protocol = model.metadata["protocol"]
    serializer = create_serializer(protocol, include_validation=False)
    parser = create_parser(protocol)
    results = []
    for case in doc["cases"]:
        op = model.operation_model(case["op"])
        result = {}
        if "input" in case:
            request = serializer.serialize_to_request(untag(case["input"]), op)
            result["body"] = urlencode(list(request["body"].items()), doseq=True)
        if "response" in case:
            response = case["response"]
            parsed = parser.parse({
                "status_code": response["status"],
                "headers": response.get("headers", {}),
                "body": response["body"].encode("utf-8"),
            }, op.output_shape if response["status"] < 300 else None)
            result["parsed"] = tag(parsed)
        results.append(result)
    json.dump(results, sys.stdout)


main()
