"""Load the NVD union the same way OpenVANS's KnowledgeBase.Builder does (stdlib only).

Rules mirrored from Sources/VulnModel/KnowledgeBase.swift:
* every NVD file (api-2.0 yearly + modified, feed-1.1 yearly + modified) is read; per CVE the record with the
  newest lastModified wins; on a tie the API 2.0 record, then the later document name;
* an override (nvd/overrides/*.jsonl.gz) whose configurations are non-empty replaces the configurations;
  a CVE known only from an override is kept (with the override's configurations).

The result is cached as a pickle in work/cache/ keyed by the input files' names, sizes and mtimes.
"""

from __future__ import annotations

import gzip
import json
import os
import pickle
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = Path(os.environ.get("VANS_SHARED_DATA", HERE.parents[2] / "shared" / "data"))
CACHE_DIR = HERE / "work" / "cache"
CACHE_VERSION = 2


@dataclass
class Record:
    cve: str
    shape: str  # "2.0" | "1.1" | "override-only"
    last_modified_ms: int
    document: str
    raw: dict  # the vulnerabilities[] element (2.0) or the CVE_Items[] element (1.1); {} for override-only
    rejected: bool = False
    override: list | None = None  # override configurations (2.0 shape) when they replace NVD's
    override_annotation: dict = field(default_factory=dict)

    def configurations_20(self) -> list:
        """The effective configurations in API 2.0 shape (1.1 trees converted, see convert_11_configurations)."""
        if self.override is not None:
            return self.override
        if self.shape == "2.0":
            return self.raw["cve"].get("configurations") or []
        if self.shape == "1.1":
            return convert_11_configurations(self.raw.get("configurations") or {})
        return []

    @property
    def configuration_source(self) -> str:
        return "override" if self.override is not None else f"nvd-{self.shape}"

    @property
    def description(self) -> str:
        if self.shape == "2.0":
            d = self.raw["cve"].get("descriptions") or []
            return d[0]["value"] if d else ""
        if self.shape == "1.1":
            d = self.raw["cve"]["description"]["description_data"]
            return d[0]["value"] if d else ""
        return self.override_annotation.get("description", "")


_TS = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,6}))?)?")


def parse_ts_ms(s: str | None) -> int:
    """NVD timestamps ('2023-01-09T19:58Z', '2023-12-01T14:22:25.610', all UTC) -> ms since epoch."""
    if not s:
        return -(2**62)
    m = _TS.match(s)
    if not m:
        return -(2**62)
    import calendar

    y, mo, d, h, mi, sec, frac = m.groups()
    secs = calendar.timegm((int(y), int(mo), int(d), int(h), int(mi), int(sec or 0)))
    ms = int((frac or "0").ljust(3, "0")[:3])
    return secs * 1000 + ms


def nvd_files(data: Path = DEFAULT_DATA) -> list[Path]:
    nvd = data / "nvd"
    files = []
    for sub in ("api-2.0", "api-2.0/modified", "feed-1.1", "feed-1.1/modified"):
        files += sorted((nvd / sub).glob("*.json.gz"))
    return files


def override_files(data: Path = DEFAULT_DATA) -> list[Path]:
    return sorted((data / "nvd" / "overrides").glob("*.jsonl.gz"))


def _is_newer(cand: tuple, existing: tuple) -> bool:
    # (ms, rank(2.0=1), document)
    return cand > existing


def _rejected_20(cve: dict) -> bool:
    if cve.get("vulnStatus") == "Rejected":
        return True
    d = cve.get("descriptions") or []
    return bool(d) and d[0].get("value", "").startswith("** REJECT **")


def _rejected_11(item: dict) -> bool:
    d = item["cve"]["description"]["description_data"]
    return bool(d) and d[0].get("value", "").startswith("** REJECT **")


def _signature(data: Path) -> list:
    return [CACHE_VERSION] + [
        (str(p.relative_to(data)), p.stat().st_size, int(p.stat().st_mtime)) for p in nvd_files(data) + override_files(data)
    ]


def load_union(data: Path = DEFAULT_DATA, use_cache: bool = True, verbose: bool = True) -> dict[str, Record]:
    """cve id -> winning Record (with override configurations applied)."""
    data = Path(data)
    sig = _signature(data)
    cache = CACHE_DIR / "nvd-union.pickle"
    if use_cache and cache.is_file():
        t0 = time.time()
        with open(cache, "rb") as fh:
            cached_sig, union = pickle.load(fh)
        if cached_sig == sig:
            if verbose:
                print(f"nvd_union: {len(union)} CVEs from cache ({time.time() - t0:.1f} s)", file=sys.stderr)
            return union
    t0 = time.time()
    best: dict[str, tuple] = {}
    union: dict[str, Record] = {}
    for path in nvd_files(data):
        doc = str(path.relative_to(data))
        with gzip.open(path, "rb") as fh:
            d = json.load(fh)
        if "vulnerabilities" in d:
            for el in d["vulnerabilities"]:
                cve = el["cve"]
                key = (parse_ts_ms(cve.get("lastModified") or cve.get("published")), 1, doc)
                cid = cve["id"]
                if cid in best and not _is_newer(key, best[cid]):
                    continue
                best[cid] = key
                union[cid] = Record(cid, "2.0", key[0], doc, el, _rejected_20(cve))
        else:
            for item in d["CVE_Items"]:
                cid = item["cve"]["CVE_data_meta"]["ID"]
                key = (parse_ts_ms(item.get("lastModifiedDate") or item.get("publishedDate")), 0, doc)
                if cid in best and not _is_newer(key, best[cid]):
                    continue
                best[cid] = key
                union[cid] = Record(cid, "1.1", key[0], doc, item, _rejected_11(item))
        del d
    n_nvd = len(union)
    n_over = n_only = 0
    for path in override_files(data):
        doc = str(path.relative_to(data))
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                o = json.loads(line)
                ann = o.get("_annotation") or {}
                cid = ann.get("cve_id")
                confs = (o.get("cve") or {}).get("configurations") or []
                if not cid or not confs:
                    continue
                rec = union.get(cid)
                if rec is None:
                    rec = Record(cid, "override-only", parse_ts_ms(ann.get("modified")), doc, {})
                    union[cid] = rec
                    n_only += 1
                rec.override = confs
                rec.override_annotation = ann
                n_over += 1
    if verbose:
        print(
            f"nvd_union: {n_nvd} NVD CVEs, {n_over} with override configurations ({n_only} override-only), "
            f"{time.time() - t0:.1f} s",
            file=sys.stderr,
        )
    if use_cache:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            pickle.dump((sig, union), fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(cache)
    return union


# ---------------------------------------------------------------------------------------------------------------
# 1.1 -> 2.0 configuration shape (for analysis only; build_cbt_db.py feeds 1.1 records to cve-bin-tool unchanged)


def _node_11_to_20(node: dict) -> dict:
    out = {"operator": node.get("operator", "OR"), "negate": bool(node.get("negate", False)), "cpeMatch": []}
    for m in node.get("cpe_match") or []:
        c = {"vulnerable": m["vulnerable"], "criteria": m["cpe23Uri"]}
        for k in ("versionStartIncluding", "versionStartExcluding", "versionEndIncluding", "versionEndExcluding"):
            if k in m:
                c[k] = m[k]
        out["cpeMatch"].append(c)
    return out


def convert_11_configurations(conf: dict) -> list:
    """Each top-level 1.1 node becomes one 2.0 configuration. A node with children becomes a configuration with the
    node's operator over its children (deeper levels are flattened into that list and marked 'depth' > 1)."""
    result = []
    for top in conf.get("nodes") or []:
        children = top.get("children") or []
        if children:
            nodes = []

            def walk(n, depth):
                if n.get("cpe_match"):
                    x = _node_11_to_20(n)
                    x["depth"] = depth
                    nodes.append(x)
                for ch in n.get("children") or []:
                    walk(ch, depth + 1)

            if top.get("cpe_match"):
                x = _node_11_to_20(top)
                x["depth"] = 0
                nodes.append(x)
            for ch in children:
                walk(ch, 1)
            result.append({"operator": top.get("operator", "OR"), "negate": bool(top.get("negate", False)), "nodes": nodes})
        else:
            x = _node_11_to_20(top)
            x["depth"] = 0
            result.append({"nodes": [x]})
    return result


# ---------------------------------------------------------------------------------------------------------------
# CPE 2.3 formatted-string helpers

_SPLIT = re.compile(r"(?<!\\):")
ATTRS = ("part", "vendor", "product", "version", "update", "edition", "language", "sw_edition", "target_sw", "target_hw", "other")


def split_cpe(cpe: str) -> list[str]:
    """'cpe:2.3:a:v:p:1.0:*:...' -> the 11 attribute values, still escaped (as NVD and cve-bin-tool keep them)."""
    parts = _SPLIT.split(cpe)
    if len(parts) < 13 or parts[0] != "cpe" or parts[1] != "2.3":
        raise ValueError(f"not a CPE 2.3 formatted string: {cpe!r}")
    return parts[2:13]


def unescape(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


_NEEDS_ESCAPE = re.compile(r"([^A-Za-z0-9_\\])")


def escape_value(value: str) -> str:
    """Escape a raw (unescaped) attribute value for a CPE 2.3 formatted string (every non-alnum except _ is quoted;
    '-' and '.' are left bare as NVD does, e.g. '7-zip', '1.2.3'); '*' and '-' alone keep their logical meaning."""
    if value in ("*", "-", ""):
        return value or "*"
    out = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):  # already escaped (some NVD range bounds are, e.g. 9.1\(2\))
            out.append(value[i : i + 2])
            i += 2
            continue
        out.append(ch if (ch.isalnum() or ch in "_-.") else "\\" + ch)
        i += 1
    return "".join(out)
