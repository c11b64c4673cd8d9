#!/usr/bin/env python3
"""Validates JSON files against a JSON Schema (draft 2020-12) with the jsonschema package.

usage: validate_json.py SCHEMA FILE... [--expect-invalid]
Prints one line per file; exits 1 when a file's outcome is not the expected one.
"""
import json
import sys

import jsonschema

args = [a for a in sys.argv[1:] if a != "--expect-invalid"]
expect_valid = "--expect-invalid" not in sys.argv
schema = json.load(open(args[0], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failed = False
for path in args[1:]:
    errors = sorted(validator.iter_errors(json.load(open(path, encoding="utf-8"))), key=lambda e: list(e.path))
    for e in errors[:5]:
        print(f"{path}: at {'/'.join(map(str, e.path))}: {e.message}")
    print(f"{path}: {'valid' if not errors else 'invalid'}")
    failed |= (not errors) != expect_valid
sys.exit(1 if failed else 0)
