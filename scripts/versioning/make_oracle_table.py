#!/usr/bin/env python3
"""Build Tests/Fixtures/Versioning/univers-oracle.csv: real NVD version pairs ordered by univers.

Each row is `scheme,product,lhs,rhs,univers` where `univers` is `<`, `=`, `>` from the univers version class of
that scheme, or `error:<Exception>` when univers refuses one of the two strings. Versions come from the NVD files
under ../shared/data/nvd (CPE version fields and versionStart/End values, credited to the CPE just before them),
with CPE escapes removed. Pairs are every-neighbour pairs in univers order plus random pairs, both capped, with a
fixed seed, so re-running on the same data and univers version gives the same file.

Usage (from the repository root):
    python3 -m venv .venv-versioning && .venv-versioning/bin/pip install univers==32.0.1
    .venv-versioning/bin/python scripts/versioning/make_oracle_table.py [--data ../shared/data]
"""

import argparse
import functools
import gzip
import json
import os
import random
import re
import sys

import univers
from univers import versions as V

# scheme -> (univers class, real vendor:product lists chosen for versions that scheme is meant for, rows/product)
PLAN = [
    ("openssl", V.OpensslVersion, ["openssl:openssl"], 320),
    ("maven", V.MavenVersion,
     ["apache:tomcat", "apache:struts", "vmware:spring_framework", "eclipse:jetty",
      "jboss:jboss_application_server", "jenkins:jenkins", "apache:activemq"], 70),
    ("pypi", V.PypiVersion,
     ["djangoproject:django", "zope:zope", "gnu:mailman", "python:python", "turbogears:turbogears2", "zope:zodb"],
     70),
    ("npm", V.SemverVersion,
     ["nodejs:node.js", "gitlab:gitlab", "apache:http_server", "phpmyadmin:phpmyadmin", "mediawiki:mediawiki",
      "kubernetes:kubernetes"], 70),
    ("nginx", V.NginxVersion, ["f5:nginx"], 70),
    ("deb", V.DebianVersion,
     ["debian:dpkg", "openbsd:openssh", "todd_miller:sudo", "linux:linux_kernel", "debian:postgresql-common",
      "martin_pitt:jockey", "qemu:qemu"], 60),
    ("rpm", V.RpmVersion, ["isc:bind", "openbsd:openssh", "qemu:qemu", "gnu:glibc", "oracle:jre"], 60),
    ("ebuild", V.GentooVersion, ["openvpn:openvpn", "tor:tor", "proftpd_project:proftpd", "clamav:clamav"], 60),
    # Browser and Windows build numbers go through maven: univers 32.0.1 IntdotVersion compares the dotted text
    # digit by digit without splitting on dots (119.0.6045.105 < 32.0.1653.1), so it is no oracle.
    ("maven", V.MavenVersion,
     ["google:chrome", "microsoft:edge_chromium", "microsoft:windows_10_22h2", "microsoft:windows_10_1809",
      "microsoft:windows_server_2022"], 70),
]

# `vers:generic` ranges hold SemverVersion (PEERS.md §6): `GenericVersion(...) in range` raises TypeError for every
# string, and the range's own class coerces non-semver text (`1.1.1j` becomes the pre-release `1.1.1-j`). These rows
# record that coercion on real versions that are not strict semver.
GENERIC_PRODUCTS = ["openssl:openssl", "openbsd:openssh", "oracle:jre", "cisco:ios"]
GENERIC_ROWS = 12
STRICT_SEMVER = re.compile(r"^\d+\.\d+\.\d+(-[0-9a-z.-]+)?(\+[0-9a-z.-]+)?$")

RECORD = re.compile(
    rb'"(cpe:2\.3:(?:[^"\\]|\\.)*)"|"version(?:Start|End)(?:Including|Excluding)"\s*:\s*"((?:[^"\\]|\\.)*)"')
CPE_FIELDS = re.compile(r"(?:[^:\\]|\\.)*")


def cpe_fields(cpe):
    fields, index = [], len("cpe:2.3:")
    while index <= len(cpe) and len(fields) < 5:
        match = CPE_FIELDS.match(cpe, index)
        fields.append(match.group(0))
        index = match.end() + 1
    return fields


def unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


def load(data_root):
    by_product = {}
    nvd = os.path.join(data_root, "nvd")
    for folder, _, names in sorted(os.walk(nvd)):
        for name in sorted(names):
            if not name.endswith(".gz"):
                continue
            product = None
            with gzip.open(os.path.join(folder, name)) as stream:
                blob = stream.read()
            for match in RECORD.finditer(blob):
                if match.group(1) is not None:
                    cpe = json.loads(b'"' + match.group(1) + b'"')
                    fields = cpe_fields(cpe)
                    if len(fields) < 4:
                        continue
                    product = unescape(fields[1]) + ":" + unescape(fields[2])
                    version = unescape(fields[3])
                    if version not in ("*", "-", ""):
                        by_product.setdefault(product, set()).add(version)
                elif product is not None:
                    value = json.loads(b'"' + match.group(2) + b'"')
                    by_product.setdefault(product, set()).add(unescape(value))
    return by_product


def order(cls, lhs, rhs):
    try:
        left, right = cls(lhs), cls(rhs)
        return "<" if left < right else ">" if left > right else "="
    except Exception as error:  # univers raises several types; the row records which
        return "error:" + type(error).__name__


def valid(cls, text):
    if "," in text or '"' in text:
        return False
    try:
        cls(text)
        return True
    except Exception:
        return False


def pairs_for(cls, versions, cap, rng):
    signs = {"<": -1, "=": 0, ">": 1}
    ordered = sorted(versions, key=functools.cmp_to_key(lambda a, b: signs.get(order(cls, a, b), 0)))
    neighbours = list(zip(ordered, ordered[1:]))
    rng.shuffle(neighbours)
    chosen = neighbours[: cap // 2]
    while len(chosen) < cap and len(ordered) > 2 and len(chosen) < len(ordered) * (len(ordered) - 1) // 2:
        left, right = rng.sample(ordered, 2)
        if (left, right) not in chosen and (right, left) not in chosen:
            chosen.append((left, right))
    # Present each pair in a random direction so neither `<` nor `>` dominates.
    return [(b, a) if rng.random() < 0.5 else (a, b) for a, b in chosen]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--out", default="Tests/Fixtures/Versioning/univers-oracle.csv")
    parser.add_argument("--cache", help="JSON file to keep the scanned versions in between runs")
    args = parser.parse_args()

    if args.cache and os.path.exists(args.cache):
        with open(args.cache, encoding="utf-8") as stream:
            by_product = {product: set(versions) for product, versions in json.load(stream).items()}
    else:
        by_product = load(args.data)
        if args.cache:
            with open(args.cache, "w", encoding="utf-8") as stream:
                json.dump({product: sorted(versions) for product, versions in by_product.items()}, stream)
    rng = random.Random(20260101)
    rows = []
    for scheme, cls, products, cap in PLAN:
        for product in products:
            versions = sorted(v for v in by_product.get(product, ()) if valid(cls, v))
            if len(versions) < 2:
                print(f"skip {scheme} {product}: {len(versions)} valid versions", file=sys.stderr)
                continue
            for lhs, rhs in pairs_for(cls, versions, cap, rng):
                answer = order(cls, lhs, rhs)
                # A scheme that cannot compare two strings it accepted is no oracle for that pair.
                if not answer.startswith("error:"):
                    rows.append((scheme, product, lhs, rhs, answer))
    for product in GENERIC_PRODUCTS:
        versions = sorted(v for v in by_product.get(product, ()) if "," not in v and '"' not in v)
        known = set(versions)
        coerced = [v for v in versions if not STRICT_SEMVER.match(v) and valid(V.SemverVersion, v)]
        # Half the rows set a suffixed version against its own base release (`1.1.1w` vs `1.1.1`), where the
        # coercion to a semver pre-release shows; the rest are random partners.
        based = [(v, base) for v in coerced for base in [re.sub(r"([0-9])[a-z_][a-z0-9_]*$", r"\1", v)]
                 if base != v and base in known]
        picks = rng.sample(based, min(GENERIC_ROWS // 2, len(based)))
        while len(picks) < GENERIC_ROWS and coerced:
            picks.append((rng.choice(coerced), rng.choice(versions)))
        for lhs, rhs in picks:
            answer = order(V.SemverVersion, lhs, rhs)
            if not answer.startswith("error:") and lhs != rhs:
                rows.append(("generic", product, lhs, rhs, answer))

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"# generated by scripts/versioning/make_oracle_table.py with univers {univers_version()}\n")
        out.write("scheme,product,lhs,rhs,univers\n")
        for row in rows:
            out.write(",".join(row) + "\n")
    print(f"{len(rows)} rows -> {args.out}", file=sys.stderr)


def univers_version():
    try:
        from importlib.metadata import version
        return version("univers")
    except Exception:
        return getattr(univers, "__version__", "unknown")


if __name__ == "__main__":
    main()
