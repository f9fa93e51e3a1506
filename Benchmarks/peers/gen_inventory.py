#!/usr/bin/env python3
"""Deterministic generator of realistic agency inventories (CPE 2.3 names) for the peer comparison.

Two steps (plain python3, stdlib only):

1. Version catalog (once; cached in work/cache/version-catalog.json.gz): for every part:vendor:product of the
   NVD union (nvd_union.py, incl. override configurations) the exact versions that occur in criteria, the
   range bounds (versionStart*/versionEnd*), whether '-' occurs, and the attribute tuples beyond the version
   (update, edition, language, sw_edition, target_sw, target_hw, other) that criteria use.
2. Inventory: hosts of ~40-200 items built from a few shared "images" (agencies image their PCs, so most hosts
   share most of their list) plus host-specific extras; one OS item per host; products drawn from a fixed list
   of typical office/server software plus a cve_count-weighted heavy tail of the real vendor/product index;
   versions drawn from the catalog: exact criteria versions, and just below / at / above range bounds so that
   many rows really hit (or just miss) ranges; some rows carry update / sw_edition / target_sw / target_hw.

Outputs for the same rows, in the same order:
  --out-cpe  host,cpe CSV (OpenVANS `vans match --inventory`), CPE 2.3 formatted strings, NVD-style escaping;
  --out-cbt  vendor,product,version CSV (cve-bin-tool -i). cve-bin-tool does no CPE unescaping and compares
             vendor/product/version against NVD's *escaped* criteria values, so the values are written exactly
             as they appear in the CPE string (e.g. notepad\\+\\+).

Examples:
  python3 gen_inventory.py --build-catalog
  python3 gen_inventory.py --rows 1000 --seed 1 --out-cpe work/inv-1k.cpe.csv --out-cbt work/inv-1k.cbt.csv
"""

from __future__ import annotations

import argparse
import bisect
import csv
import gzip
import json
import random
import re
import sys
import time
from itertools import accumulate
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import nvd_union  # noqa: E402

CATALOG = nvd_union.CACHE_DIR / "version-catalog.json.gz"
INDEX = "cpe/nvd-cve-cpe-vendor-product-index.csv.gz"

# --------------------------------------------------------------------------------------------------------------
# catalog


def build_catalog(data: Path, out: Path = CATALOG) -> dict:
    t0 = time.time()
    union = nvd_union.load_union(data)
    cat: dict[str, dict] = {}
    for rec in union.values():
        for conf in rec.configurations_20():
            for node in conf.get("nodes", []):
                for m in node.get("cpeMatch", []):
                    try:
                        a = nvd_union.split_cpe(m["criteria"])
                    except ValueError:
                        continue
                    key = f"{a[0]}:{a[1]}:{a[2]}"
                    e = cat.get(key)
                    if e is None:
                        e = cat[key] = {"v": set(), "b": set(), "na": False, "x": set()}
                    ver = a[3]
                    if ver == "-":
                        e["na"] = True
                    elif ver != "*":
                        e["v"].add(ver)
                    for k, tag in (
                        ("versionStartIncluding", "si"),
                        ("versionStartExcluding", "se"),
                        ("versionEndIncluding", "ei"),
                        ("versionEndExcluding", "ee"),
                    ):
                        if k in m and m[k]:
                            e["b"].add((tag, m[k]))
                    rest = a[4:]
                    if any(x not in ("*", "-") for x in rest) and ver not in ("*", "-"):
                        e["x"].add((ver, *rest))
    out_obj = {
        k: {
            "v": sorted(e["v"]),
            "b": sorted(e["b"]),
            "na": e["na"],
            "x": sorted(e["x"])[:200],
        }
        for k, e in sorted(cat.items())
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(out, "wt", encoding="utf-8", compresslevel=6) as fh:
        json.dump(out_obj, fh, separators=(",", ":"))
    print(f"catalog: {len(out_obj)} products -> {out} ({time.time() - t0:.1f} s)", file=sys.stderr)
    return out_obj


def load_catalog(data: Path) -> dict:
    if not CATALOG.is_file():
        return build_catalog(data)
    with gzip.open(CATALOG, "rt", encoding="utf-8") as fh:
        return json.load(fh)


# --------------------------------------------------------------------------------------------------------------
# versions around bounds

_TOK = re.compile(r"\d+|[A-Za-z]+|[^A-Za-z\d]+")


def _neighbour(v: str, step: int) -> str | None:
    """Version just below (step=-1) or above (+1) v: change its last numeric or single-letter token."""
    toks = _TOK.findall(v)
    for i in range(len(toks) - 1, -1, -1):
        t = toks[i]
        if t.isdigit():
            n = int(t) + step
            if n < 0:
                continue
            toks[i] = str(n).zfill(len(t)) if t.startswith("0") and len(t) > 1 else str(n)
            return "".join(toks)
        if len(t) == 1 and t.isalpha():
            lo, hi = ("a", "z") if t.islower() else ("A", "Z")
            o = ord(t) + step
            if ord(lo) <= o <= ord(hi):
                toks[i] = chr(o)
                return "".join(toks)
            if step > 0:
                toks[i] = t + lo
                return "".join(toks)
            continue
    return None


def version_candidates(entry: dict | None) -> tuple[list[str], list[tuple]]:
    """(plain escaped versions, attribute tuples) for one catalog entry. Bound-derived versions first."""
    if not entry:
        return ["1.0"], []
    around: list[str] = []
    for tag, b in entry["b"]:
        if tag in ("ee", "si"):
            cands = [_neighbour(b, -1), b, _neighbour(b, +1)]
        else:  # ei, se: at and just above
            cands = [b, _neighbour(b, +1), _neighbour(b, -1)]
        # A CPE value holds printable ASCII only: NVD bounds such as '5.5.2 - #158' cannot be an item's version.
        around += [nvd_union.escape_value(c) for c in cands if c and re.fullmatch(r"[\x21-\x7e]+", c)]
    exact = list(entry["v"])
    # half bound-derived, half exact criteria versions (when both exist)
    pool = around + exact if around and exact else (around or exact)
    if entry.get("na"):
        pool = pool + ["-"] * max(1, len(pool) // 20)
    if not pool:
        pool = ["1.0"]
    pool.sort(key=version_key)
    return pool, [tuple(x) for x in entry["x"]]


def version_key(v: str) -> tuple:
    """Rough ordering for the recency skew only (not used for matching)."""
    if v == "-":  # NA sorts oldest, so it stays rare
        return ((-1, 0, ""),)
    return tuple((0, int(t), "") if t.isdigit() else (1, 0, t) for t in re.findall(r"\d+|[A-Za-z]+", v)) or ((2, 0, v),)


# --------------------------------------------------------------------------------------------------------------
# products

OFFICE = [  # (part:vendor:product, probability to be in a workstation image)
    ("a:google:chrome", 0.95),
    ("a:mozilla:firefox", 0.7),
    ("a:microsoft:office", 0.6),
    ("a:microsoft:365_apps", 0.4),
    ("a:adobe:acrobat_reader_dc", 0.8),
    ("a:adobe:acrobat_reader", 0.2),
    ("a:oracle:jre", 0.6),
    ("a:7-zip:7-zip", 0.8),
    ("a:notepad-plus-plus:notepad\\+\\+", 0.6),
    ("a:rarlab:winrar", 0.4),
    ("a:zoom:zoom", 0.5),
    ("a:zoom:meetings", 0.2),
    ("a:anydesk:anydesk", 0.3),
    ("a:videolan:vlc_media_player", 0.5),
    ("a:microsoft:edge_chromium", 0.9),
    ("a:microsoft:teams", 0.6),
    ("a:microsoft:.net_framework", 0.9),
    ("a:putty:putty", 0.3),
    ("a:winscp:winscp", 0.2),
    ("a:microsoft:visual_studio_code", 0.2),
    ("a:teamviewer:teamviewer", 0.3),
    ("a:mozilla:thunderbird", 0.2),
    ("a:libreoffice:libreoffice", 0.2),
    ("a:wireshark:wireshark", 0.1),
    ("a:python:python", 0.2),
    ("a:vmware:tools", 0.3),
    ("a:cisco:anyconnect_secure_mobility_client", 0.4),
    ("a:fortinet:forticlient", 0.3),
    ("a:foxitsoftware:foxit_reader", 0.2),
    ("a:keepass:keepass", 0.2),
    ("a:apple:itunes", 0.1),
    ("a:microsoft:onedrive", 0.5),
    ("a:citrix:workspace", 0.3),
    ("a:microsoft:internet_explorer", 0.4),
]
WIN_SERVER = [
    ("a:microsoft:sql_server", 0.5),
    ("a:microsoft:exchange_server", 0.2),
    ("a:microsoft:internet_information_services", 0.4),
    ("a:microsoft:sharepoint_server", 0.15),
    ("a:apache:tomcat", 0.3),
    ("a:oracle:jdk", 0.4),
    ("a:microsoft:.net_framework", 0.9),
    ("a:vmware:tools", 0.7),
    ("a:7-zip:7-zip", 0.6),
    ("a:notepad-plus-plus:notepad\\+\\+", 0.5),
    ("a:google:chrome", 0.4),
    ("a:openssl:openssl", 0.4),
    ("a:apache:http_server", 0.2),
    ("a:php:php", 0.2),
    ("a:veeam:backup_\\&_replication", 0.2),
    ("a:microsoft:sql_server_management_studio", 0.3),
]
LINUX = [
    ("a:openssl:openssl", 0.95),
    ("a:openbsd:openssh", 0.95),
    ("a:gnu:bash", 0.9),
    ("a:sudo_project:sudo", 0.9),
    ("o:linux:linux_kernel", 0.9),
    ("a:gnu:glibc", 0.9),
    ("a:haxx:curl", 0.8),
    ("a:python:python", 0.7),
    ("a:apache:http_server", 0.4),
    ("a:f5:nginx", 0.3),
    ("a:oracle:mysql", 0.3),
    ("a:postgresql:postgresql", 0.3),
    ("a:isc:bind", 0.2),
    ("a:samba:samba", 0.3),
    ("a:systemd_project:systemd", 0.8),
    ("a:vim:vim", 0.6),
    ("a:git-scm:git", 0.4),
    ("a:redis:redis", 0.1),
    ("a:apache:log4j", 0.1),
    ("a:zabbix:zabbix", 0.2),
    ("a:docker:docker", 0.2),
    ("a:php:php", 0.2),
    ("a:apache:tomcat", 0.2),
]

# OS items: (kind, weight, part:vendor:product, fixed (version, rest...) choices or None = from catalog bounds)
OSES = [
    ("ws", 30, "o:microsoft:windows_10_22h2", None),
    ("ws", 5, "o:microsoft:windows_10_21h2", None),
    ("ws", 12, "o:microsoft:windows_11_22h2", None),
    ("ws", 12, "o:microsoft:windows_11_23h2", None),
    ("ws", 3, "o:microsoft:windows_10_1809", None),
    ("srv", 5, "o:microsoft:windows_server_2016", None),
    ("srv", 8, "o:microsoft:windows_server_2019", None),
    ("srv", 7, "o:microsoft:windows_server_2022", None),
    ("srv", 2, "o:microsoft:windows_server_2012", [("r2",), ("-",)]),
    ("lnx", 5, "o:debian:debian_linux", [("10.0",), ("11.0",), ("12.0",)]),
    ("lnx", 5, "o:canonical:ubuntu_linux", [("18.04", "*", "*", "*", "lts"), ("20.04", "*", "*", "*", "lts"), ("22.04", "*", "*", "*", "lts")]),
    ("lnx", 4, "o:redhat:enterprise_linux", [("7.0",), ("8.0",), ("9.0",)]),
]


def cpe_string(pvp: str, version: str, rest: tuple = ()) -> str:
    rest = tuple(rest) + ("*",) * (7 - len(rest))
    return "cpe:2.3:" + pvp + ":" + version + ":" + ":".join(rest)


class Generator:
    def __init__(self, data: Path, catalog: dict, seed: int):
        self.rng = random.Random(seed)
        self.cat = catalog
        self._cands: dict[str, tuple] = {}
        # heavy tail: applications from the real index, weight = cve_count (down-weighted when last seen < 2015)
        tail, weights = [], []
        with gzip.open(data / INDEX, "rt", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["part"] != "a":
                    continue
                # the index loses escaped colons (net\:\:dns appears as "net\,\,"): keep rows the catalog knows
                if f"{row['part']}:{row['vendor']}:{row['product']}" not in catalog:
                    continue
                w = int(row["cve_count"])
                if int(row["max_cve_year"] or 0) < 2015:
                    w *= 0.3
                tail.append(f"a:{row['vendor']}:{row['product']}")
                weights.append(w)
        self.tail = tail
        self.tail_cum = list(accumulate(weights))

    def tail_product(self) -> str:
        x = self.rng.random() * self.tail_cum[-1]
        return self.tail[bisect.bisect_right(self.tail_cum, x)]

    def item(self, pvp: str) -> str:
        """One CPE for product pvp: a catalog version, sometimes with attributes beyond the version."""
        c = self._cands.get(pvp)
        if c is None:
            c = self._cands[pvp] = version_candidates(self.cat.get(pvp))
        pool, xattrs = c
        if xattrs and self.rng.random() < 0.3:
            x = self.rng.choice(xattrs)
            return cpe_string(pvp, x[0], x[1:])
        return cpe_string(pvp, self.pick(pool))

    def pick(self, pool: list[str]) -> str:
        """Skewed toward the newest versions (pool is sorted oldest -> newest): ~58 % from the newest fifth."""
        u = self.rng.random()
        return pool[min(len(pool) - 1, int(len(pool) * (1.0 - u * u * u)))]

    def os_item(self, spec) -> str:
        kind, _, pvp, fixed = spec
        if fixed:
            f = self.rng.choice(fixed)
            return cpe_string(pvp, f[0], f[1:])
        pool, _ = self._cands.get(pvp) or self._cands.setdefault(pvp, version_candidates(self.cat.get(pvp)))
        v = self.pick(pool)
        if "windows_10" in pvp or "windows_11" in pvp:
            return cpe_string(pvp, v, ("*", "*", "*", "*", "*", "x64" if self.rng.random() < 0.95 else "x86"))
        return cpe_string(pvp, v)

    def image(self, kind: str) -> list[tuple[str, str]]:
        """A software image: list of (product, cpe)."""
        fixed = {"ws": OFFICE, "srv": WIN_SERVER, "lnx": LINUX}[kind]
        size = self.rng.randint(35, 175)
        items: dict[str, str] = {}
        for pvp, p in fixed:
            if self.rng.random() < p:
                items[pvp] = self.item(pvp)
        while len(items) < size:
            pvp = self.tail_product()
            if pvp not in items:
                items[pvp] = self.item(pvp)
        return list(items.items())

    def generate(self, rows: int, agency: str = "agency01"):
        rng = self.rng
        n_hosts_est = max(1, rows // 110)
        n_images = {k: max(1, min(12, n_hosts_est // 60 + 1)) for k in ("ws", "srv", "lnx")}
        images = {k: [self.image(k) for _ in range(n)] for k, n in n_images.items()}
        os_specs = OSES
        os_cum = list(accumulate(s[1] for s in os_specs))
        out: list[tuple[str, str]] = []
        h = 0
        while len(out) < rows:
            h += 1
            spec = os_specs[bisect.bisect_right(os_cum, rng.random() * os_cum[-1])]
            kind = spec[0]
            host = f"{agency}-{kind}-{h:06d}"
            base = images[kind][rng.randrange(len(images[kind]))]
            items = [self.os_item(spec)]
            seen = {spec[2]}
            for pvp, cpe in base:
                r = rng.random()
                if r < 0.04:  # not installed on this host
                    continue
                if r < 0.12:  # drifted: another version than the image's
                    cpe = self.item(pvp)
                items.append(cpe)
                seen.add(pvp)
            for _ in range(min(40, int(rng.expovariate(1 / 6)))):  # host-specific extras
                pvp = self.tail_product()
                if pvp not in seen:
                    seen.add(pvp)
                    items.append(self.item(pvp))
            for cpe in items:
                out.append((host, cpe))
                if len(out) >= rows:
                    break
        return out


def cbt_fields(cpe: str) -> tuple[str, str, str]:
    a = nvd_union.split_cpe(cpe)
    return a[1], a[2], a[3]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=nvd_union.DEFAULT_DATA)
    ap.add_argument("--build-catalog", action="store_true", help="(re)build the version catalog and exit")
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--agency", default="agency01")
    ap.add_argument("--out-cpe", type=Path, help="host,cpe CSV for OpenVANS")
    ap.add_argument("--out-cbt", type=Path, help="vendor,product,version CSV for cve-bin-tool -i")
    args = ap.parse_args()
    if args.build_catalog:
        build_catalog(args.data)
        return 0
    if not args.out_cpe and not args.out_cbt:
        ap.error("give --out-cpe and/or --out-cbt")
    t0 = time.time()
    cat = load_catalog(args.data)
    t1 = time.time()
    gen = Generator(args.data, cat, args.seed)
    rows = gen.generate(args.rows, args.agency)
    t2 = time.time()
    if args.out_cpe:
        args.out_cpe.parent.mkdir(parents=True, exist_ok=True)
        with open(args.out_cpe, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["host", "cpe"])
            w.writerows(rows)
    if args.out_cbt:
        args.out_cbt.parent.mkdir(parents=True, exist_ok=True)
        with open(args.out_cbt, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["vendor", "product", "version"])
            w.writerows(cbt_fields(cpe) for _, cpe in rows)
    t3 = time.time()
    hosts = len({h for h, _ in rows})
    distinct = len({c for _, c in rows})
    print(
        f"gen_inventory: {len(rows)} rows, {hosts} hosts, {distinct} distinct CPEs; catalog {t1 - t0:.1f} s, "
        f"generate {t2 - t1:.1f} s, write {t3 - t2:.1f} s, total {t3 - t0:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
