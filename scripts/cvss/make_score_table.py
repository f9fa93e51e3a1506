#!/usr/bin/env python3
"""Build the CVSS score fixtures for VulnModelTests with an independent implementation as the oracle.

The oracle is Red Hat's `cvss` package from PyPI (v2, v3.0, v3.1 and v4.0). Set it up with

    python3 -m venv .venv-cvss && .venv-cvss/bin/pip install cvss
    .venv-cvss/bin/python scripts/cvss/make_score_table.py            # from the package root

Outputs (under Tests/Fixtures/CVSS/):

* cvss-scores.csv.gz — `version,vector,score` for every distinct vector found in ../shared/data (NVD API 2.0,
  NVD 1.1 feeds, CVE JSON 5 CNA and ADP containers), every v2/v3.0/v3.1 base vector (the base domains are
  small), edge cases, and random vectors with threat/temporal/environmental/supplemental metrics (fixed seed).
* cvss-invalid.csv — vectors from the data that the oracle rejects, with its reason; Swift must reject them too.
* cvss4-base-scores.txt.gz — the score of every one of the 104,976 v4.0 base vectors, one per line, in the
  enumeration order documented in that file's first line (too many to list with their vectors).

It also prints a report: vectors per version and source, where the oracle and the specification disagree
(the v3.1 Appendix A Roundup, exact arithmetic, and FIRST's v4 JavaScript calculator's float rounding), and how
many scores published in the feeds differ from the computed base score.
"""

import argparse
import collections
import gzip
import itertools
import json
import math
import os
import random
import sys
from fractions import Fraction

import cvss.cvss4
from cvss import CVSS2, CVSS3, CVSS4
from cvss.exceptions import CVSSError

SEED = 20240501

V2_BASE = [("AV", "LAN"), ("AC", "HML"), ("Au", "MSN"), ("C", "NPC"), ("I", "NPC"), ("A", "NPC")]
V2_TEMPORAL_ENV = [
    ("E", ["U", "POC", "F", "H", "ND"]),
    ("RL", ["OF", "TF", "W", "U", "ND"]),
    ("RC", ["UC", "UR", "C", "ND"]),
    ("CDP", ["N", "L", "LM", "MH", "H", "ND"]),
    ("TD", ["N", "L", "M", "H", "ND"]),
    ("CR", ["L", "M", "H", "ND"]),
    ("IR", ["L", "M", "H", "ND"]),
    ("AR", ["L", "M", "H", "ND"]),
]
V3_BASE = [
    ("AV", "NALP"), ("AC", "LH"), ("PR", "NLH"), ("UI", "NR"), ("S", "UC"), ("C", "HLN"), ("I", "HLN"), ("A", "HLN"),
]
V3_TEMPORAL_ENV = [
    ("E", "XUPFH"), ("RL", "XOTWU"), ("RC", "XURC"), ("CR", "XLMH"), ("IR", "XLMH"), ("AR", "XLMH"),
    ("MAV", "XNALP"), ("MAC", "XLH"), ("MPR", "XNLH"), ("MUI", "XNR"), ("MS", "XUC"),
    ("MC", "XNLH"), ("MI", "XNLH"), ("MA", "XNLH"),
]
V4_BASE = [
    ("AV", "NALP"), ("AC", "LH"), ("AT", "NP"), ("PR", "NLH"), ("UI", "NPA"),
    ("VC", "HLN"), ("VI", "HLN"), ("VA", "HLN"), ("SC", "HLN"), ("SI", "HLN"), ("SA", "HLN"),
]
V4_OPTIONAL = [
    ("E", ["X", "A", "P", "U"]),
    ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
    ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]),
    ("MPR", ["X", "N", "L", "H"]), ("MUI", ["X", "N", "P", "A"]),
    ("MVC", ["X", "H", "L", "N"]), ("MVI", ["X", "H", "L", "N"]), ("MVA", ["X", "H", "L", "N"]),
    ("MSC", ["X", "H", "L", "N"]), ("MSI", ["X", "S", "H", "L", "N"]), ("MSA", ["X", "S", "H", "L", "N"]),
    ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]), ("V", ["X", "D", "C"]),
    ("RE", ["X", "L", "M", "H"]), ("U", ["X", "Clear", "Green", "Amber", "Red"]),
]


def version_of(vector):
    """The version a parser reads from the vector itself (not from the field it was found in)."""
    for prefix, version in (("CVSS:3.0/", "3.0"), ("CVSS:3.1/", "3.1"), ("CVSS:4.0/", "4.0")):
        if vector.startswith(prefix):
            return version
    return "2.0"


def oracle_input(vector):
    # Some sources wrap v2 vectors in parentheses; the oracle does not accept them, the Swift parser does.
    if vector.startswith("(") and vector.endswith(")") and version_of(vector[1:-1]) == "2.0":
        return vector[1:-1]
    return vector


def oracle_score(vector):
    text = oracle_input(vector)
    version = version_of(text)
    if version == "2.0":
        return version, CVSS2(text).scores()[0]
    if version in ("3.0", "3.1"):
        return version, CVSS3(text).scores()[0]
    return version, CVSS4(text).scores()[0]


# ---------------------------------------------------------------------------------------------------------------
# Reading the shared data


def documents(path):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        if path.endswith(".jsonl.gz"):
            for line in handle:
                line = line.strip()
                if line:
                    yield json.loads(line)
        else:
            yield json.load(handle)


def metrics_in(document):
    """Yield (source, declared version, vector, published score, scorer, role, cve id) for each CVSS metric."""
    if "vulnerabilities" in document:
        for item in document["vulnerabilities"]:
            cve = item.get("cve", {})
            for key, declared in (
                ("cvssMetricV2", "2.0"), ("cvssMetricV30", "3.0"), ("cvssMetricV31", "3.1"), ("cvssMetricV40", "4.0"),
            ):
                for metric in cve.get("metrics", {}).get(key, []):
                    data = metric.get("cvssData", {})
                    yield (
                        "nvd-api-2.0", declared, data.get("vectorString"), data.get("baseScore"),
                        metric.get("source"), metric.get("type"), cve.get("id"),
                    )
    if "CVE_Items" in document:
        for item in document["CVE_Items"]:
            cve_id = item.get("cve", {}).get("CVE_data_meta", {}).get("ID")
            impact = item.get("impact", {})
            v2 = impact.get("baseMetricV2", {}).get("cvssV2")
            if v2:
                yield ("nvd-feed-1.1", "2.0", v2.get("vectorString"), v2.get("baseScore"), "nvd", "Primary", cve_id)
            v3 = impact.get("baseMetricV3", {}).get("cvssV3")
            if v3:
                declared = v3.get("version", "3.x")
                yield ("nvd-feed-1.1", declared, v3.get("vectorString"), v3.get("baseScore"), "nvd", "Primary", cve_id)
    if "containers" in document:
        cve_id = document.get("cveMetadata", {}).get("cveId")
        containers = document["containers"]
        blocks = [("cve5-cna", containers.get("cna", {}))] + [("cve5-adp", adp) for adp in containers.get("adp", [])]
        for source, block in blocks:
            scorer = block.get("providerMetadata", {}).get("shortName")
            for metric in block.get("metrics", []):
                for key, declared in (
                    ("cvssV2_0", "2.0"), ("cvssV3_0", "3.0"), ("cvssV3_1", "3.1"), ("cvssV4_0", "4.0"),
                ):
                    if key in metric:
                        data = metric[key]
                        yield (source, declared, data.get("vectorString"), data.get("baseScore"), scorer, None, cve_id)
                other = metric.get("other", {}).get("content")
                if isinstance(other, dict) and "vectorString" in other:
                    vector = other["vectorString"]
                    yield (source + "-other", version_of(vector), vector, other.get("baseScore"), scorer, None, cve_id)
        # Not named in the brief, but real vectors too: CVE 4 records carried inside CVE 5 as a legacy copy.
        impact = containers.get("cna", {}).get("x_legacyV4Record", {}).get("impact", {})
        for data in flatten(impact.get("cvss") if isinstance(impact, dict) else None):
            if isinstance(data, dict) and "vectorString" in data:
                vector = data["vectorString"]
                yield ("cve5-legacy-v4", version_of(vector), vector, data.get("baseScore"), None, None, cve_id)


def flatten(node):
    if isinstance(node, list):
        for item in node:
            yield from flatten(item)
    elif node is not None:
        yield node


def count_vector_strings(node):
    """Every `vectorString` key anywhere in a document, to check that `metrics_in` misses none."""
    if isinstance(node, dict):
        return ("vectorString" in node) + sum(count_vector_strings(value) for value in node.values())
    if isinstance(node, list):
        return sum(count_vector_strings(value) for value in node)
    return 0


def data_files(root):
    for folder in ("nvd", "cve5"):
        for directory, _, names in os.walk(os.path.join(root, folder)):
            for name in sorted(names):
                if name.endswith(".json.gz") or name.endswith(".jsonl.gz"):
                    yield os.path.join(directory, name)


# ---------------------------------------------------------------------------------------------------------------
# Generated vectors


def v2_base_vectors():
    for values in itertools.product(*[list(v) for _, v in V2_BASE]):
        yield "/".join(f"{k}:{v}" for (k, _), v in zip(V2_BASE, values))


def v3_base_vectors(minor):
    for values in itertools.product(*[list(v) for _, v in V3_BASE]):
        yield f"CVSS:3.{minor}/" + "/".join(f"{k}:{v}" for (k, _), v in zip(V3_BASE, values))


def v4_base_vectors():
    for values in itertools.product(*[list(v) for _, v in V4_BASE]):
        yield "CVSS:4.0/" + "/".join(f"{k}:{v}" for (k, _), v in zip(V4_BASE, values))


def random_vectors(rng, count):
    out = []
    for _ in range(count):
        base = [(k, rng.choice(list(v))) for k, v in V2_BASE]
        extra = [(k, rng.choice(v)) for k, v in V2_TEMPORAL_ENV if rng.random() < 0.5]
        text = "/".join(f"{k}:{v}" for k, v in base + extra)
        out.append(f"({text})" if rng.random() < 0.1 else text)
    for minor in (0, 1):
        for _ in range(count):
            base = [(k, rng.choice(v)) for k, v in V3_BASE]
            extra = [(k, rng.choice(v)) for k, v in V3_TEMPORAL_ENV if rng.random() < 0.4]
            fields = base + extra
            if rng.random() < 0.05:
                rng.shuffle(fields)
            out.append(f"CVSS:3.{minor}/" + "/".join(f"{k}:{v}" for k, v in fields))
    for _ in range(count * 4):
        base = [(k, rng.choice(v)) for k, v in V4_BASE]
        extra = [(k, rng.choice(v)) for k, v in V4_OPTIONAL if rng.random() < 0.35]
        fields = base + extra
        if rng.random() < 0.05:
            rng.shuffle(fields)
        out.append("CVSS:4.0/" + "/".join(f"{k}:{v}" for k, v in fields))
    return out


EDGE_CASES = [
    # v2: all low, all high, no impact, parenthesised, temporal and environmental metrics present.
    "AV:L/AC:H/Au:M/C:N/I:N/A:P",
    "AV:N/AC:L/Au:N/C:C/I:C/A:C",
    "AV:N/AC:L/Au:N/C:N/I:N/A:N",
    "(AV:N/AC:L/Au:N/C:P/I:P/A:P)",
    "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C",
    "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/RL:ND/RC:ND/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND",
    "AV:A/AC:M/Au:S/C:C/I:N/A:N/E:U/RL:U/RC:UR/CDP:LM/TD:M/CR:H/IR:L/AR:M",
    # v3: all low, all high, scope changed, no impact, temporal and environmental metrics.
    "CVSS:3.0/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L",
    "CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L",
    "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:P/RL:O/RC:C",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X",
    "CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/E:F/RL:W/RC:R/CR:H/IR:H/AR:H/MAV:N/MAC:L/MPR:N/MUI:N/MS:C/MC:H/MI:H/MA:H",
    # v4: all low, all high, no impact, threat and environmental metrics that move the score, supplemental metrics.
    "CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/CR:L/IR:L/AR:L",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSI:S/MSA:S",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MVC:H",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/MVC:N/MVI:N/MVA:N/MSC:N/MSI:N/MSA:N",
    "CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X/MPR:X"
    "/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:X/R:X/V:X/RE:X/U:X",
    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:P/AU:Y/R:I/V:C/RE:H/U:Red",
    "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:L/VI:H/VA:L/SC:H/SI:L/SA:H/E:P/CR:M/IR:H/AR:L/MAV:P/MAC:H/MAT:N/MPR:H"
    "/MUI:A/MVC:H/MVI:L/MVA:N/MSC:L/MSI:S/MSA:H/S:N/AU:N/R:U/V:D/RE:L/U:Clear",
]


# ---------------------------------------------------------------------------------------------------------------
# Checks against the specification (independent of the oracle's own arithmetic)


def roundup_v31(value):
    """CVSS v3.1 specification, Appendix A."""
    integer = round(value * 100000)
    if integer % 10000 == 0:
        return integer / 100000.0
    return (math.floor(integer / 10000) + 1) / 10.0


def spec_v3_base(vector):
    """v3.0 (exact 'round up') and v3.1 (Appendix A Roundup on floats) base scores, for comparison with the oracle."""
    metrics = dict(field.split(":") for field in vector.split("/")[1:])
    av = {"N": "0.85", "A": "0.62", "L": "0.55", "P": "0.2"}[metrics["AV"]]
    ac = {"L": "0.77", "H": "0.44"}[metrics["AC"]]
    changed = metrics["S"] == "C"
    pr = ({"N": "0.85", "L": "0.68", "H": "0.5"} if changed else {"N": "0.85", "L": "0.62", "H": "0.27"})[metrics["PR"]]
    ui = {"N": "0.85", "R": "0.62"}[metrics["UI"]]
    cia = [{"H": "0.56", "L": "0.22", "N": "0"}[metrics[k]] for k in ("C", "I", "A")]
    exact = {}
    for kind, number in (("exact", Fraction), ("float", float)):
        iss = 1 - (1 - number(cia[0])) * (1 - number(cia[1])) * (1 - number(cia[2]))
        if changed:
            impact = number("7.52") * (iss - number("0.029")) - number("3.25") * (iss - number("0.02")) ** 15
        else:
            impact = number("6.42") * iss
        exploitability = number("8.22") * number(av) * number(ac) * number(pr) * number(ui)
        if impact <= 0:
            exact[kind] = 0
        else:
            total = number("1.08") * (impact + exploitability) if changed else impact + exploitability
            exact[kind] = min(total, number(10))
    exact_ceiling = 0.0 if exact["exact"] == 0 else math.ceil(exact["exact"] * 10) / 10
    v31 = 0.0 if exact["float"] == 0 else roundup_v31(exact["float"])
    first_v30_js = 0.0 if exact["float"] == 0 else math.ceil(exact["float"] * 10) / 10
    return exact_ceiling, v31, first_v30_js


def v4_raw_value(vector):
    """The v4 value just before the final rounding, as the oracle computes it in floats."""
    captured = []
    original = cvss.cvss4.final_rounding
    cvss.cvss4.final_rounding = lambda x: captured.append(x) or original(x)
    try:
        score = CVSS4(vector).scores()[0]
    finally:
        cvss.cvss4.final_rounding = original
    return score, (captured[0] if captured else None)


def first_js_round(value):
    """FIRST's cvss40.js roundToDecimalPlaces: Math.round(value * 10) / 10, no epsilon."""
    return math.floor(value * 10 + 0.5) / 10


# ---------------------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=os.path.join("..", "shared", "data"))
    parser.add_argument("--out", default=os.path.join("Tests", "Fixtures", "CVSS"))
    parser.add_argument("--random", type=int, default=1500, help="random vectors per v2/v3.x version (x4 for v4)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)

    sources = collections.defaultdict(set)  # vector -> sources
    declared_mismatch = collections.Counter()
    published = []  # (version, vector, published score, source, scorer, cve)
    swept = collected = 0
    for path in data_files(args.data):
        for document in documents(path):
            swept += count_vector_strings(document)
            for source, declared, vector, score, scorer, role, cve_id in metrics_in(document):
                collected += 1
                if vector is None:
                    continue
                sources[vector].add(source)
                if declared != version_of(oracle_input(vector)):
                    declared_mismatch[(source, declared, version_of(oracle_input(vector)))] += 1
                if score is not None:
                    try:
                        number = float(score)
                    except ValueError:
                        print(f"unreadable published score {score!r} for {vector!r} ({source}, {cve_id})")
                        continue
                    published.append((version_of(oracle_input(vector)), vector, number, source, scorer, cve_id))
    print(f"vectorString keys in the data: {swept}; collected as metrics: {collected}")
    for (source, declared, actual), count in sorted(declared_mismatch.items()):
        print(f"declared version differs from the vector's: {source} declared {declared}, vector {actual}: {count}")

    rng = random.Random(SEED)
    generated = set(EDGE_CASES) | set(v2_base_vectors()) | set(v3_base_vectors(0)) | set(v3_base_vectors(1))
    generated |= set(random_vectors(rng, args.random))

    rows, invalid = {}, {}
    for vector in sorted(set(sources) | generated):
        try:
            rows[vector] = oracle_score(vector)
        except CVSSError as error:
            invalid[vector] = f"{type(error).__name__}: {error}"

    per_version = collections.Counter(version for version, _ in rows.values())
    real_per_version = collections.Counter(rows[v][0] for v in sources if v in rows)
    print("\nrows per version (all / from the data):")
    for version in sorted(per_version):
        print(f"  {version}: {per_version[version]} / {real_per_version[version]}")
    by_source = collections.Counter()
    for vector, names in sources.items():
        for name in names:
            by_source[(name, rows[vector][0] if vector in rows else "invalid")] += 1
    print("distinct vectors per source and version:")
    for (name, version), count in sorted(by_source.items()):
        print(f"  {name} {version}: {count}")
    print(f"vectors the oracle rejects: {len(invalid)}")
    for vector, reason in sorted(invalid.items()):
        print(f"  {vector!r}: {reason} (sources: {sorted(sources.get(vector, ['generated']))})")
    out_of_order = [v for v in sources if v in rows and rows[v][0] == "4.0" and not canonical_v4(v)]
    print(f"v4 vectors from the data not in the specification's metric order: {len(out_of_order)}")

    # Where the oracle and the specification could part: exact arithmetic and the published reference code.
    print("\nspecification checks:")
    v3_disagree = [
        (v, s, spec_v3_base(v)) for v, (ver, s) in rows.items()
        if ver in ("3.0", "3.1")
        and (spec_v3_base(v)[0] != s if ver == "3.0" else spec_v3_base(v)[1] != s)
    ]
    print(f"  v3.x rows where the oracle differs from the spec (3.0 exact round-up, 3.1 Appendix A): {len(v3_disagree)}")
    for row in v3_disagree[:20]:
        print("   ", row)
    v30_js = [v for v, (ver, s) in rows.items() if ver == "3.0" and spec_v3_base(v)[2] != s]
    print(f"  v3.0 rows where float Math.ceil (FIRST's v3.0 calculator) differs from exact round-up: {len(v30_js)}")
    v4_rows = [(v, s) for v, (ver, s) in rows.items() if ver == "4.0"]
    ties, js_differs = 0, []
    for vector, score in v4_rows:
        _, raw = v4_raw_value(oracle_input(vector))
        if raw is None:
            continue
        fraction = raw * 10 - math.floor(raw * 10)
        if abs(fraction - 0.5) < 1e-6:
            ties += 1
        if first_js_round(raw) != score:
            js_differs.append((vector, score, first_js_round(raw), raw))
    print(f"  v4 rows whose unrounded value is a .x5 tie: {ties}")
    print(f"  v4 rows where FIRST's JS rounding (no epsilon) differs from the oracle: {len(js_differs)}")
    for row in js_differs[:20]:
        print("   ", row)

    # Published scores against the computed base score.
    print("\npublished baseScore vs computed base score (metric occurrences; distinct vector+score pairs):")
    differ = collections.defaultdict(list)
    totals = collections.Counter()
    for version, vector, score, source, scorer, cve_id in published:
        if vector not in rows:
            continue
        totals[version] += 1
        if abs(rows[vector][1] - score) > 1e-9:
            differ[version].append((cve_id, source, scorer, vector, score, rows[vector][1]))
    for version in sorted(totals):
        items = differ[version]
        pairs = {(v, s) for _, _, _, v, s, _ in items}
        print(f"  {version}: {len(items)} of {totals[version]} differ ({len(pairs)} distinct)")
        for item in sorted(items, key=lambda i: str(i))[:8]:
            print("     ", item)
        explained = sum(1 for i in items if i[4] in other_scores(i[3]))
        print(f"      of which the published score equals the vector's temporal/threat/environmental score: {explained}")
        by = collections.Counter(f"{i[1]}/{i[2]}" for i in items)
        if by:
            print("      by source/scorer:", dict(by.most_common(8)))

    table = os.path.join(args.out, "cvss-scores.csv.gz")
    with gzip.GzipFile(table, "wb", mtime=0) as raw:
        lines = ["version,vector,score"]
        order = {"2.0": 0, "3.0": 1, "3.1": 2, "4.0": 3}
        for vector, (version, score) in sorted(rows.items(), key=lambda r: (order[r[1][0]], r[0])):
            lines.append(f"{version},{vector},{score:.1f}")
        raw.write(("\n".join(lines) + "\n").encode())
    with open(os.path.join(args.out, "cvss-invalid.csv"), "w", encoding="utf-8") as handle:
        handle.write("vector,oracle_error\n")
        for vector, reason in sorted(invalid.items()):
            handle.write(f"{vector},{reason.replace(',', ';')}\n")

    exhaustive = os.path.join(args.out, "cvss4-base-scores.txt.gz")
    with gzip.GzipFile(exhaustive, "wb", mtime=0) as handle:
        header = "# " + " ".join(f"{k}:{v}" for k, v in V4_BASE) + " (last metric varies fastest)"
        scores, js_base = [], 0
        for vector in v4_base_vectors():
            score, raw = v4_raw_value(vector)
            scores.append(f"{score:.1f}")
            js_base += raw is not None and first_js_round(raw) != score
        handle.write(("\n".join([header] + scores) + "\n").encode())
    print(f"v4 base vectors (all {len(scores)}) where FIRST's JS rounding differs from the oracle: {js_base}")
    print(f"\nwrote {table} ({len(rows)} rows), cvss-invalid.csv ({len(invalid)}), {exhaustive} ({len(scores)})")
    return 0


def other_scores(vector):
    """The temporal and environmental scores of a v2/v3 vector: what some CNAs publish in `baseScore`."""
    text = oracle_input(vector)
    if version_of(text) == "2.0":
        return [score for score in CVSS2(text).scores()[1:] if score is not None]
    if version_of(text) in ("3.0", "3.1"):
        return list(CVSS3(text).scores()[1:])
    return []


def canonical_v4(vector):
    order = [k for k, _ in V4_BASE] + [k for k, _ in V4_OPTIONAL]
    keys = [field.split(":")[0] for field in vector.split("/")[1:]]
    positions = [order.index(k) for k in keys if k in order]
    return positions == sorted(positions)


if __name__ == "__main__":
    sys.exit(main())
