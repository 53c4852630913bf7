"""Reads every body of tests/golden/google.txt with google-api-core, Google's own Python client
core: `google.api_core.exceptions.from_http_response` must give the status's exception class,
the message, and ErrorInfo's reason, domain and metadata; and every entry of `details` must parse
as the protobuf message its `@type` names (protobuf's JSON mapping, with googleapis-common-protos'
`google.rpc` types), so the JSON is what a Google client reads.

Usage: python3 tests/support/google_api_core.py tests/golden/google.txt
"""

import json
import sys

import requests
from google.api_core import exceptions
from google.protobuf import any_pb2, json_format
from google.rpc import error_details_pb2  # noqa: F401 (registers the google.rpc types)


def bodies(path):
    status = None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("HTTP "):
            status = int(line.split()[1])
        elif line.startswith("{"):
            yield status, line


def main():
    checked = 0
    for status, text in bodies(sys.argv[1]):
        body = json.loads(text)
        response = requests.Response()
        response.status_code = status
        response._content = text.encode("utf-8")
        response.request = requests.Request("GET", "http://127.0.0.1/tasks/1").prepare()
        error = exceptions.from_http_response(response)
        assert error.code == status, (error.code, status)
        assert body["error"]["message"] in error.message, error.message
        details = body["error"]["details"]
        info = details[0]
        assert info["@type"] == "type.googleapis.com/google.rpc.ErrorInfo", info
        assert error.reason == info["reason"], (error.reason, info)
        assert error.domain == info.get("domain"), (error.domain, info)
        assert (error.metadata or {}) == info.get("metadata", {}), (error.metadata, info)
        for detail in details:
            message = json_format.ParseDict(detail, any_pb2.Any())
            assert message.type_url == detail["@type"], message
        checked += 1
    assert checked > 0, "no bodies"
    print(f"google-api-core read {checked} bodies")


if __name__ == "__main__":
    main()
