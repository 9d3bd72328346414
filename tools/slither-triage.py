#!/usr/bin/env python3
"""Compares a Slither JSON report with the committed triage (slither.triage.json).

Each finding is named by (detector, contract, function, count): the function's signature when
the finding sits in a function (a local variable or parameter counts as its function), else
`<kind>:<name>` (a state variable, an event) or `contract`. Line numbers are left out, so edits
elsewhere in a file do not disturb the triage; `count` is how many findings share the name (a
second finding of the same detector in a triaged function is new, not hidden).

Fails (exit 1) listing every finding the triage does not accept, with a triage entry to fill in,
and every accepted finding that no longer exists. An entry marked `"flaky": true` may be missing:
for the few findings Slither reports on some runs and not others, on the same build. Standard
library only: runs with any python3.

Usage: tools/slither-triage.py REPORT.json slither.triage.json
"""
import json
import sys
from collections import Counter


def locate(result):
    """(contract, function) of a Slither result."""
    elements = result.get("elements") or []
    for element in elements:
        fields = element.get("type_specific_fields") or {}
        if element["type"] == "function":
            return fields["parent"]["name"], fields["signature"]
        parent = fields.get("parent") or {}
        if element["type"] in ("node", "variable") and parent.get("type") == "function":
            parent_fields = parent["type_specific_fields"]
            return parent_fields["parent"]["name"], parent_fields["signature"]
    if not elements:
        return "-", "-"
    first = elements[0]
    if first["type"] == "contract":
        return first["name"], "contract"
    parent = (first.get("type_specific_fields") or {}).get("parent") or {}
    return parent.get("name", "-"), f"{first['type']}:{first['name']}"


def main():
    report_path, triage_path = sys.argv[1], sys.argv[2]
    report = json.load(open(report_path))
    if not report.get("success"):
        sys.exit(f"slither-triage: the report says slither failed: {report.get('error')}")
    found = Counter()
    descriptions = {}
    for result in report.get("results", {}).get("detectors", []):
        key = (result["check"],) + locate(result)
        found[key] += 1
        descriptions.setdefault(key, (result["impact"], result["description"].splitlines()[0]))

    triage = json.load(open(triage_path))
    accepted = {}
    flaky = set()
    for detector, group in triage["detectors"].items():
        for entry in group["findings"]:
            key = (detector, entry["contract"], entry["function"])
            if key in accepted:
                sys.exit(f"slither-triage: {triage_path} lists {key} twice")
            if not entry.get("reason", "").strip():
                sys.exit(f"slither-triage: {triage_path}: {key} has no reason")
            accepted[key] = entry.get("count", 1)
            if entry.get("flaky"):
                flaky.add(key)

    new = sorted(k for k in found if found[k] > accepted.get(k, 0))
    gone = sorted(k for k in accepted if k not in flaky and found.get(k, 0) < accepted[k])
    total = sum(found.values())
    print(f"slither-triage: {total} findings, {len(found)} distinct, {len(accepted)} triaged entries")
    if gone:
        print(f"\n{len(gone)} triaged finding(s) no longer reported (remove or correct the entry):")
        for detector, contract, function in gone:
            print(f"  {detector}: {contract}.{function} (triaged {accepted[(detector, contract, function)]},"
                  f" found {found.get((detector, contract, function), 0)})")
    if new:
        print(f"\n{len(new)} finding(s) not triaged: fix them, or add to {triage_path} under the detector:")
        for key in new:
            detector, contract, function = key
            impact, description = descriptions[key]
            entry = {"contract": contract, "function": function}
            if found[key] > 1:
                entry["count"] = found[key]
            entry["reason"] = "WHY THIS IS ACCEPTABLE"
            print(f"  [{detector}, {impact}] {description}")
            print(f"    {json.dumps(entry)}")
    if new or gone:
        sys.exit(1)
    print("slither-triage: every finding is triaged")


if __name__ == "__main__":
    main()
