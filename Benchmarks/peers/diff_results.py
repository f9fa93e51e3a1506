#!/usr/bin/env python3
"""Compare OpenVANS findings with cve-bin-tool's JSON report for the same inventory and explain every difference.

Run with the peers venv (it imports cve-bin-tool's own version comparator to replay its range checks):

  .venv-peers/bin/python diff_results.py --inventory work/inv-1000.cpe.csv --openvans work/vans-1000.json \\
      --cbt work/cbt-1000.json --out results/diff-1000.md

Comparison unit: distinct (vendor, product, version, cve), vendor/product/version as written in the CPE string
(NVD escaping, which is also what cve-bin-tool reads and echoes). An OpenVANS key is "affected" if any finding
for it is affected, else "indeterminate".

Every key in only one of the two sets is classified using the NVD record OpenVANS and the DB builder both use
(nvd_union.load_union: newest record, override configurations applied):
* cve-bin-tool only: which of its flattened range rows produced the key, and why NVD semantics reject it on every
  host that carries the item: a running-on platform (vulnerable:false node of an AND configuration) the host
  lacks; another vulnerable product of an AND the host lacks; attributes beyond the version (update, edition,
  language, sw_edition, target_sw, target_hw, other) that cve-bin-tool ignores; a range decision that depends on
  non-numeric version tokens; OpenVANS indeterminate; rejected CVE.
* OpenVANS only: from the finding's evidence: exact criterion whose version string differs from the inventory's
  (cve-bin-tool compares exact versions as SQL strings); range decision where cve-bin-tool's comparator differs;
  CVE records cve-bin-tool skips or hides (rejected, description 'unknown'); criteria it never walks.
Anything else lands in "unexplained".
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import nvd_union  # noqa: E402
from nvd_union import split_cpe  # noqa: E402

try:
    from cve_bin_tool.version_compare import Version as CbtVersion  # type: ignore
except ImportError:  # pragma: no cover
    sys.exit("diff_results.py needs cve-bin-tool importable: run it with .venv-peers/bin/python")

BOUNDS = ("versionStartIncluding", "versionStartExcluding", "versionEndIncluding", "versionEndExcluding")
PRE = {"dev": 0, "pre": 1, "alpha": 1, "a": 1, "beta": 2, "b": 2, "rc": 3, "c": 3}

# ---------------------------------------------------------------------------------------------------------------
# cve-bin-tool's range test, replayed with its own Version class (cve_scanner.CVEScanner.get_cves)


def cbt_in_range(version: str, m: dict) -> bool:
    v = CbtVersion(version)
    si, se, ei, ee = (m.get(k, "") or "" for k in BOUNDS)
    try:
        ok_start = (not si and not se) or (si and v >= CbtVersion(si)) or (se and v > CbtVersion(se))
        ok_end = (not ei and not ee) or (ei and v <= CbtVersion(ei)) or (ee and v < CbtVersion(ee))
    except Exception:
        return False
    return bool(ok_start and ok_end)


def cbt_row_matches(ver: str, m: dict, crit: list[str]) -> bool:
    if crit[3] == "*":
        return cbt_in_range(ver, m)
    return crit[3] == ver  # SQL string equality


# ---------------------------------------------------------------------------------------------------------------
# reference semantics (for classification only): tolerant segment-wise comparison, NVD attribute matching


def _toks(v: str) -> list:
    return re.findall(r"\d+|[a-z]+", nvd_union.unescape(v).lower())


def ref_cmp(a: str, b: str) -> int:
    ta, tb = _toks(a), _toks(b)
    n = max(len(ta), len(tb))
    for i in range(n):
        x = ta[i] if i < len(ta) else None
        y = tb[i] if i < len(tb) else None
        if x == y:
            continue
        kx = _tokkey(x)
        ky = _tokkey(y)
        if kx != ky:
            return -1 if kx < ky else 1
    return 0


def _tokkey(t):
    # missing < pre-release < 0..n < other letters (a letter suffix is a later release: 1.1.1k > 1.1.1)
    if t is None:
        return (1, 0, "")
    if t.isdigit():
        return (1, int(t), "")
    if t in PRE:
        return (0, PRE[t], t)
    return (2, 0, t)


def ref_in_range(version: str, m: dict) -> bool:
    si, se, ei, ee = (m.get(k) for k in BOUNDS)
    if si and ref_cmp(version, si) < 0:
        return False
    if se and ref_cmp(version, se) <= 0:
        return False
    if ei and ref_cmp(version, ei) > 0:
        return False
    if ee and ref_cmp(version, ee) >= 0:
        return False
    return True


def version_kind(*versions: str) -> str:
    """Why a version decision may depend on the comparator."""
    kinds = []
    vs = [nvd_union.unescape(v).lower() for v in versions if v]
    if vs and all(re.fullmatch(r"\d+(\.\d+)*", v) for v in vs):
        a = vs[0].split(".")
        for b in (x.split(".") for x in vs[1:]):
            n = min(len(a), len(b))
            if a[:n] == b[:n] and len(a) != len(b) and all(int(t) == 0 for t in (a[n:] or b[n:])):
                return "trailing zero components (cve-bin-tool: 1.0.0 > 1.0)"
    for v in versions:
        if not v:
            continue
        u = nvd_union.unescape(v).lower()
        if re.fullmatch(r"\d+(\.\d+)*", u):
            continue
        if re.search(r"(update|upd|_u|\bu)\d*|\bsp\d|service_pack|patch|\bp\d", u):
            kinds.append("update/service-pack token")
        elif re.search(r"(alpha|beta|rc|pre|dev|preview|[^a-z]a\d|[^a-z]b\d)", u):
            kinds.append("pre-release token")
        elif re.search(r"\d[a-z]{1,2}$", u):
            kinds.append("letter suffix")
        else:
            kinds.append("other non-numeric")
    return kinds[0] if kinds else "numeric"


def attr_ok(crit_val: str, item_val: str, lenient: bool) -> bool:
    if crit_val == "*":
        return True
    if crit_val == "-":
        return item_val == "-" or (lenient and item_val == "*")
    if item_val == "*":
        return lenient
    return nvd_union.unescape(crit_val).lower() == nvd_union.unescape(item_val).lower()


def ref_item_matches(item: list[str], m: dict, lenient: bool = True) -> bool:
    c = split_cpe(m["criteria"])
    if [x.lower() for x in c[:3]] != [x.lower() for x in item[:3]]:
        return False
    if c[3] == "*":
        if item[3] in ("*", "-"):
            return lenient and not any(m.get(k) for k in BOUNDS)
        if not ref_in_range(item[3], m):
            return False
    elif not attr_ok(c[3], item[3], lenient) and ref_cmp(c[3], item[3]) != 0:
        return False
    return all(attr_ok(c[i], item[i], lenient) for i in range(4, 11))


def node_satisfied(node: dict, items: list[list[str]]) -> bool:
    hit = any(ref_item_matches(it, m) for m in node.get("cpeMatch", []) for it in items)
    return (not hit) if node.get("negate") else hit


# ---------------------------------------------------------------------------------------------------------------


def load_inventory(path: Path):
    hosts: dict[str, list[list[str]]] = defaultdict(list)
    by_key: dict[tuple, list[tuple[str, list[str]]]] = defaultdict(list)
    with open(path, newline="", encoding="utf-8") as fh:
        r = csv.DictReader(fh)
        for row in r:
            a = split_cpe(row["cpe"])
            hosts[row["host"]].append(a)
            by_key[(a[1], a[2], a[3])].append((row["host"], a))
    return hosts, by_key


def load_cbt(path: Path) -> set[tuple]:
    data = json.loads(Path(path).read_text() or "[]")
    return {(d["vendor"], d["product"], d["version"], d["cve_number"]) for d in data}


def load_openvans(path: Path):
    data = json.loads(Path(path).read_text() or "[]")
    keys: dict[tuple, dict] = {}
    for f in data:
        a = split_cpe(f["cpe"])
        k = (a[1], a[2], a[3], f["cve"])
        e = keys.setdefault(k, {"status": f["status"], "findings": []})
        if f["status"] == "affected":
            e["status"] = "affected"
        e["findings"].append(f)
    return keys


def load_openvans_products(path: Path) -> dict[tuple, str]:
    """`vans match --format products`: one row per distinct CPE and CVE, its status affected on any host. CPEs that
    differ beyond the version share a key, which is affected when any of them is (as `load_openvans` does)."""
    result: dict[tuple, str] = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            a = split_cpe(r["cpe"])
            k = (a[1], a[2], a[3], r["cve"])
            if result.get(k) != "affected":
                result[k] = r["status"]
    return result


def source_kind(ev: dict) -> str:
    s = ev.get("source")
    if isinstance(s, dict):
        return str(s.get("kind") or s.get("document") or s)
    return str(s or "")


class Classifier:
    def __init__(self, union, hosts, by_key):
        self.union = union
        self.hosts = hosts
        self.by_key = by_key

    def _criteria(self, rec):
        """(configuration, node, cpeMatch, split criteria) over the effective configurations."""
        for conf in rec.configurations_20():
            for node in conf.get("nodes", []):
                for m in node.get("cpeMatch", []):
                    try:
                        yield conf, node, m, split_cpe(m["criteria"])
                    except ValueError:
                        continue

    def cbt_only(self, key, vans_entry):
        v, p, ver, cve = key
        rec = self.union.get(cve)
        if rec is None:
            return "cve-bin-tool only: CVE not in the NVD union", "no record"
        if rec.rejected:
            return "cve-bin-tool only: rejected CVE (cve-bin-tool keeps records whose text lacks '** REJECT **')", rec.description[:80]
        if vans_entry is not None:  # indeterminate on the OpenVANS side
            reasons = sorted({(ev.get("reason") or "?") for f in vans_entry["findings"] for ev in f.get("evidence", [])})
            return "OpenVANS indeterminate, cve-bin-tool affected", "; ".join(reasons)[:160]
        rows = [(c, n, m, cr) for c, n, m, cr in self._criteria(rec) if m.get("vulnerable") and cr[1] == v and cr[2] == p
                and cbt_row_matches(ver, m, cr)]
        if not rows:
            return "unexplained: no cve-bin-tool row reproduces the match", f"{rec.configuration_source}"
        items = self.by_key.get((v, p, ver), [])
        best = None
        for conf, node, m, cr in rows:
            for host, item in items:
                reasons = []
                if cr[0] != item[0]:
                    reasons.append((f"part differs: criterion names {cr[0]}:{v}:{p}, the item is {item[0]} "
                                    "(cve-bin-tool ignores the part)", f"{m['criteria']} vs {':'.join(item[:3])}"))
                # attributes beyond the version
                diff_attrs = [i for i in range(4, 11) if not attr_ok(cr[i], item[i], lenient=False)]
                if diff_attrs:
                    unspecified = all(item[i] == "*" for i in diff_attrs)
                    kind = "inventory leaves it unspecified (*)" if unspecified else "inventory value differs"
                    reasons.append((f"attributes beyond version ignored by cve-bin-tool ({kind}): "
                                    + ",".join(nvd_union.ATTRS[i] for i in diff_attrs),
                                    f"{m['criteria']} vs item …:{':'.join(item[4:])}"))
                if cr[3] == "*" and not ref_in_range(ver, m):
                    rng = ",".join(f"{k}={m[k]}" for k in BOUNDS if m.get(k))
                    reasons.append((f"version comparison ({version_kind(ver, *[m.get(k) for k in BOUNDS])}): cve-bin-tool says in range",
                                    f"{ver} vs {rng}"))
                if node.get("negate"):
                    reasons.append(("negated node ignored by cve-bin-tool", m["criteria"]))
                if conf.get("operator") == "AND" and len(conf.get("nodes", [])) > 1:
                    missing = [n for n in conf["nodes"] if n is not node and not node_satisfied(n, self.hosts[host])]
                    if missing:
                        plat_only = all(not mm.get("vulnerable") for n in missing for mm in n.get("cpeMatch", []))
                        ex = missing[0].get("cpeMatch", [{}])[:2]
                        need = " | ".join(x.get("criteria", "") for x in ex)
                        if plat_only:
                            crit_products = {tuple(split_cpe(mm["criteria"])[:3]) for n in missing for mm in n.get("cpeMatch", [])}
                            host_named = sorted({":".join(it[:3]) for it in self.hosts[host] for cp in crit_products
                                                 if tuple(it[:2]) == cp[:2] and it[2].startswith(cp[2] + "_")})
                            if host_named:
                                reasons.append(("flattened running-on condition: host has the vendor's platform under another "
                                                "product name (generic criterion, e.g. microsoft:windows:- vs windows_10_22h2)",
                                                f"{host} has {host_named[0]}, needs {need}"))
                            else:
                                reasons.append(("flattened running-on condition: host lacks the platform (vulnerable:false node of an AND)",
                                                f"{host} needs {need}"))
                        else:
                            reasons.append(("flattened AND: host lacks another vulnerable product of the configuration",
                                            f"{host} needs {need}"))
                if not reasons:
                    return "unexplained: NVD semantics say affected (OpenVANS miss?)", f"{host} {m['criteria']}"
                r = sorted(reasons, key=lambda x: _PRIO(x[0]))[0]
                if best is None or _PRIO(r[0]) > _PRIO(best[0]):
                    best = r
        if best is None:
            return "unexplained: item not in inventory", ""
        return best

    def vans_only(self, key, entry):
        v, p, ver, cve = key
        rec = self.union.get(cve)
        if rec is None:
            return "OpenVANS only: CVE not in the NVD union (other source?)", ""
        if rec.description.startswith("** REJECT **"):
            return "OpenVANS only: rejected CVE ('** REJECT **' records are skipped by cve-bin-tool's formatter)", ""
        if not rec.description:
            return "OpenVANS only: CVE without description (cve-bin-tool stores 'unknown' and its scanner filters description != 'unknown')", rec.configuration_source
        evs = [ev for f in entry["findings"] for ev in f.get("evidence", [])]
        results = []
        for ev in evs:
            c = ev.get("criterion", "")
            hit = [(conf, node, m) for conf, node, m, _ in self._criteria(rec) if m["criteria"] == c]
            if not hit:
                results.append(("OpenVANS only: evidence criterion not in the record's configurations", c))
                continue
            conf, node, m = hit[0]
            cr = split_cpe(c)
            if not any(h[2].get("vulnerable") for h in hit):
                results.append(("OpenVANS only: matched a vulnerable:false criterion", c))
            elif node.get("depth", 0) > 1:
                results.append(("OpenVANS only: criterion nested below the children cve-bin-tool walks", c))
            elif (cr[1], cr[2]) != (v, p):
                results.append(("OpenVANS only: vendor/product differ from the criterion (alias?)", c))
            elif cr[3] != "*" and cr[3] != ver:
                results.append((
                    "OpenVANS only: exact criterion version equal for OpenVANS, different string for cve-bin-tool "
                    f"({version_kind(ver, cr[3])})", f"{ver} vs {cr[3]}"))
            elif cr[3] == "*" and not any(cbt_in_range(ver, h[2]) for h in hit if h[2].get("vulnerable")):
                rng = ",".join(f"{k}={m[k]}" for k in BOUNDS if m.get(k))
                results.append((
                    f"version comparison ({version_kind(ver, *[m.get(k) for k in BOUNDS])}): cve-bin-tool says out of range",
                    f"{ver} vs {rng}"))
            else:
                results.append(("unexplained: cve-bin-tool should have matched", c))
        explained = [r for r in results if not r[0].startswith("unexplained")]
        if explained:
            return explained[0]
        if results:
            return results[0]
        return "unexplained: OpenVANS finding without evidence", ""


_ORDER = [
    "part differs",
    "flattened running-on",
    "flattened AND",
    "negated",
    "attributes beyond",
    "version comparison",
]


def _PRIO(name: str) -> int:
    for i, p in enumerate(_ORDER):
        if name.startswith(p):
            return len(_ORDER) - i
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--inventory", type=Path, required=True, help="host,cpe CSV given to OpenVANS")
    ap.add_argument("--openvans", type=Path, required=True, help="`vans match --format json` output")
    ap.add_argument("--cbt", type=Path, required=True, help="cve-bin-tool -f json output")
    ap.add_argument("--products", type=Path, help="`vans match --format products` output of the same inventory: "
                    "checked to say per key what the JSON findings say")
    ap.add_argument("--data", type=Path, default=nvd_union.DEFAULT_DATA)
    ap.add_argument("--out", type=Path, help="Markdown summary (default: stdout)")
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args()

    hosts, by_key = load_inventory(args.inventory)
    cbt = load_cbt(args.cbt)
    vans = load_openvans(args.openvans)
    union = nvd_union.load_union(args.data)
    cl = Classifier(union, hosts, by_key)

    vans_aff = {k for k, e in vans.items() if e["status"] == "affected"}
    vans_ind = {k for k, e in vans.items() if e["status"] != "affected"}
    agree = cbt & vans_aff
    classes: dict[str, list] = defaultdict(list)
    for k in sorted(cbt - vans_aff):
        name, detail = cl.cbt_only(k, vans.get(k) if k in vans_ind else None)
        classes[name].append((k, detail))
    for k in sorted(vans_aff - cbt):
        name, detail = cl.vans_only(k, vans[k])
        classes[name].append((k, detail))
    for k in sorted(vans_ind - cbt):
        reasons = sorted({(ev.get("reason") or "?") for f in vans[k]["findings"] for ev in f.get("evidence", [])})
        classes["OpenVANS indeterminate only (cve-bin-tool silent)"].append((k, "; ".join(reasons)[:160]))

    lines = []
    w = lines.append
    w("# OpenVANS vs cve-bin-tool 3.4: differences\n")
    w(f"- inventory: `{args.inventory}` ({sum(len(v) for v in hosts.values())} rows, {len(hosts)} hosts, "
      f"{len(by_key)} distinct vendor/product/version)")
    w(f"- OpenVANS: `{args.openvans}`; cve-bin-tool: `{args.cbt}`")
    w(f"- unit: distinct (vendor, product, version, cve)\n")
    if args.products:
        products = load_openvans_products(args.products)
        from_json = {k: e["status"] for k, e in vans.items()}
        differing = sorted(k for k in set(products) | set(from_json) if products.get(k) != from_json.get(k))
        w(f"- `--format products` (`{args.products}`): {len(products)} keys; "
          + ("the same keys and statuses as the JSON findings\n" if not differing else
             f"**{len(differing)} keys differ from the JSON findings**, e.g. {differing[:3]}\n"))
    w("| set | keys |\n|---|---:|")
    w(f"| cve-bin-tool | {len(cbt)} |\n| OpenVANS affected | {len(vans_aff)} |\n| OpenVANS indeterminate only | {len(vans_ind)} |")
    w(f"| both (cve-bin-tool ∩ OpenVANS affected) | {len(agree)} |")
    w(f"| cve-bin-tool only | {len(cbt - vans_aff)} |\n| OpenVANS affected only | {len(vans_aff - cbt)} |\n")
    unexplained = sum(len(v) for n, v in classes.items() if n.startswith("unexplained"))
    w(f"**Unexplained: {unexplained}**\n")
    if not vans:
        w("_OpenVANS output is empty (preview mode): the 'unexplained: NVD semantics say affected' row lists the "
          "cve-bin-tool keys that the reference NVD semantics also call affected, i.e. what a correct matcher should "
          "report; every other row is a cve-bin-tool finding those semantics reject._\n")
    w("| class | keys | of which override configs | examples (vendor:product:version cve — detail) |\n|---|---:|---:|---|")
    for name, items in sorted(classes.items(), key=lambda kv: (kv[0].startswith("unexplained"), -len(kv[1]), kv[0])):
        ov = sum(1 for (k, _) in items if (union.get(k[3]) is not None and union[k[3]].override is not None))
        ex = "<br>".join(f"`{k[0]}:{k[1]}:{k[2]}` {k[3]} — {d}".replace("|", "\\|") for k, d in items[: args.examples])
        w(f"| {name} | {len(items)} | {ov} | {ex} |")
    if not any(n.startswith("unexplained") for n in classes):
        w("| unexplained | 0 | 0 | |")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text)
        print(f"diff_results: wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
