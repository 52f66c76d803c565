"""botocore (the engine of boto3 and the AWS CLI) as a test oracle for Bulwark's codecs.

Used through botocore-oracle.ts; needs python3 with botocore installed. Reads one JSON
document on stdin:
  {"model": <a Bulwark service table>?, "cases": [{service?, op, input?, response?, sample?}]}
The operation is looked up in "model" when given (synthetic models, or ones no SDK client
covers), else in botocore's own model of "service". For each case it writes (one JSON document
on stdout, {"results": [...]}, same order):
  request  - for an input: the HTTP request botocore serializes (method, path, headers, body;
             a query/ec2 body is form-encoded)
  sent     - the input botocore actually serialized (members its model lacks are dropped)
  parsed   - for a response: botocore's parse (the output for a 2xx, else the generic error)
  fields   - for an error response whose code is one of the operation's modelled errors:
             botocore's parse of its members
  known    - the case's sample (an output for a 2xx, else the error's members) as far as
             botocore's model of that shape knows it
  skip     - why the case could not run (an operation this botocore does not know)
  failure  - what went wrong in this case (reported per case, never fatal)
Timestamps travel as {"$date": epoch milliseconds} and blobs as {"$b64": base64}.
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
            return datetime.datetime.fromtimestamp(value["$date"] / 1000, tz=datetime.timezone.utc)
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
        return {"$date": round(value.timestamp() * 1000)}
    if isinstance(value, (bytes, bytearray)):
        return {"$b64": base64.b64encode(bytes(value)).decode("ascii")}
    if isinstance(value, dict):
        return {k: tag(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tag(v) for v in value]
    return value


def known_only(value, shape):
    """The part of a value botocore's model knows (a newer Bulwark model may have more)."""
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


class Models:
    """The service models cases name: the document's table, else botocore's own, by service."""

    def __init__(self, table):
        self.table = table and ServiceModel({"metadata": table["metadata"], "operations": {
            name: dict(op, name=name) for name, op in table["operations"].items()
        }, "shapes": table["shapes"]}, service_name="bulwark")
        self.session = None
        self.loaded = {}

    def get(self, service):
        if self.table is not None:
            return self.table
        if service not in self.loaded:
            if self.session is None:
                import botocore.session
                self.session = botocore.session.get_session()
            self.loaded[service] = self.session.get_service_model(service)
        return self.loaded[service]


def run_case(models, case):
    model = models.get(case.get("service"))
    if case["op"] not in model.operation_names:
        return {"skip": "this botocore's %s model has no %s" % (model.service_name, case["op"])}
    op = model.operation_model(case["op"])
    protocol = model.metadata["protocol"]
    result = {}
    if "input" in case:
        params = known_only(untag(case["input"]), op.input_shape)
        request = create_serializer(protocol, include_validation=False).serialize_to_request(params, op)
        body = request["body"]
        if isinstance(body, dict):
            body = urlencode(list(body.items()), doseq=True)
        elif isinstance(body, (bytes, bytearray)):
            body = body.decode("utf-8")
        result["request"] = {"method": request["method"], "path": request["url_path"], "headers": dict(request["headers"]), "body": body}
        result["sent"] = tag(params)
    if "response" in case:
        raw = case["response"]
        response = {"status_code": raw["status"], "headers": raw.get("headers", {}), "body": raw["body"].encode("utf-8")}
        ok = raw["status"] < 300
        parsed = create_parser(protocol).parse(response, op.output_shape if ok else None)
        result["parsed"] = tag(parsed)
        shape = op.output_shape if ok else None
        if not ok:
            code = parsed.get("Error", {}).get("Code")
            shape = next((s for s in op.error_shapes if s.name == code), None)
            if shape is not None:
                result["fields"] = tag(create_parser(protocol).parse(response, shape))
        if "sample" in case and (ok or shape is not None):
            result["known"] = tag(known_only(untag(case["sample"]), shape))
    return result


def main():
    doc = json.load(sys.stdin)
    models = Models(doc.get("model"))
    results = []
    for case in doc["cases"]:
        try:
            results.append(run_case(models, case))
        except Exception as exc:  # reported per case, never fatal
            results.append({"failure": "%s: %s" % (type(exc).__name__, exc)})
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
