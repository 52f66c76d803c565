"""Test oracle for Bulwark's JSON codec: botocore's own serializer and parser.

Reads one JSON document on stdin:
  {"cases": [{service, operation, input, outputSample?, response?, errorFields?, error?}]}
where Dates travel as {"$date": epoch_ms} and bytes as {"$bytes": base64}. For each case it
prints (one JSON document on stdout, same encoding):
  request   - the HTTP request botocore serializes for the input (method, headers, body)
  sent      - the input botocore actually serialized (members its model lacks are dropped)
  output    - botocore's parse of our success response (ResponseMetadata removed), and
              outputExpected: the output sample as far as botocore's model knows it
  error     - botocore's parse of our error response: code, message, request id, fields, and
              errorFieldsExpected: the error's sample fields as far as botocore knows them
  skip      - why the case could not run (operation unknown to this botocore)
Used only by json-botocore.test.ts; needs python3 with botocore installed.
"""
import base64
import datetime
import json
import sys

import botocore.session
from botocore.parsers import create_parser
from botocore.serialize import create_serializer


def decode(value):
    if isinstance(value, dict):
        if set(value) == {"$date"}:
            return datetime.datetime.fromtimestamp(value["$date"] / 1000, tz=datetime.timezone.utc)
        if set(value) == {"$bytes"}:
            return base64.b64decode(value["$bytes"])
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def encode(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=datetime.timezone.utc)
        return {"$date": round(value.timestamp() * 1000)}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(value).decode("ascii")}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


def known_only(value, shape):
    """The part of an input botocore's model knows (a newer Bulwark model may have more)."""
    if shape is None:
        return value
    kind = shape.type_name
    if kind == "structure" and not getattr(shape, "is_document_type", False) and isinstance(value, dict):
        return {k: known_only(v, shape.members[k]) for k, v in value.items() if k in shape.members}
    if kind == "list" and isinstance(value, list):
        return [known_only(v, shape.member) for v in value]
    if kind == "map" and isinstance(value, dict):
        return {k: known_only(v, shape.value) for k, v in value.items()}
    return value


def run_case(session, case, models):
    service = case["service"]
    model = models.get(service)
    if model is None:
        model = models[service] = session.get_service_model(service)
    if case["operation"] not in model.operation_names:
        return {"skip": "this botocore's %s model has no %s" % (service, case["operation"])}
    op = model.operation_model(case["operation"])
    result = {}
    params = known_only(decode(case.get("input") or {}), op.input_shape)
    request = create_serializer("json", include_validation=False).serialize_to_request(params, op)
    body = request["body"]
    result["request"] = {
        "method": request["method"],
        "headers": dict(request["headers"]),
        "body": body.decode("utf-8") if isinstance(body, bytes) else body,
    }
    result["sent"] = encode(params)
    parser = create_parser("json")
    if case.get("response"):
        parsed = parser.parse(http_response(case["response"]), op.output_shape)
        parsed.pop("ResponseMetadata", None)
        result["output"] = encode(parsed)
        result["outputExpected"] = encode(known_only(decode(case.get("outputSample") or {}), op.output_shape))
    if case.get("error"):
        response = http_response(case["error"])
        generic = parser.parse(response, None)
        error = {
            "code": generic["Error"]["Code"],
            "message": generic["Error"]["Message"],
            "requestId": generic["ResponseMetadata"].get("RequestId"),
            "status": generic["ResponseMetadata"]["HTTPStatusCode"],
        }
        shapes = {s.name: s for s in op.error_shapes}
        shape = shapes.get(error["code"])
        if shape is not None:
            error["fields"] = encode(create_parser("json").parse(response, shape))
            result["errorFieldsExpected"] = encode(known_only(decode(case.get("errorFields") or {}), shape))
        result["error"] = error
    return result


def http_response(raw):
    return {"status_code": raw["status"], "headers": raw["headers"], "body": raw["body"].encode("utf-8")}


def main():
    cases = json.load(sys.stdin)["cases"]
    session = botocore.session.get_session()
    models = {}
    out = []
    for case in cases:
        try:
            out.append(run_case(session, case, models))
        except Exception as exc:  # reported per case, never fatal
            out.append({"failure": "%s: %s" % (type(exc).__name__, exc)})
    json.dump({"results": out}, sys.stdout)


if __name__ == "__main__":
    main()
