#!/usr/bin/env python3
"""Side-by-side accuracy: OpenVANS identification against a plain token-overlap baseline and any other system's
answers (cpe-search through cpe_search_local.py), with the evaluation of
Tests/IdentificationTests/AccuracyEvaluation.swift:

* vulnmine: each distinct DisplayName0 (first Version0). Names with a positive label: correct if the top-1
  vendor:product is a positively labelled one, wrong if another, miss if none. Names with only negative labels:
  wrong if the answer's vendor:product:version is a negatively labelled CPE, a label conflict (listed apart) if that
  vendor:product is labelled positive for some other name, otherwise not counted.
* arp: windows_arp_samples.csv rows with labelled_cpe, same rule.

Usage:
  VANS_IDENTIFY_EVAL_OUT=/tmp/openvans-eval.tsv swift test --filter IdentificationTests.AccuracyTests
  python3 Benchmarks/identification/evaluate.py ../shared/data /tmp/openvans-eval.tsv [[label=]answers.tsv ...]

An answers TSV has a header and the columns source, name and answer (vendor:product, empty for none).
"""
import collections
import csv
import gzip
import math
import re
import sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
ours_path = sys.argv[2] if len(sys.argv) > 2 else "/tmp/openvans-eval.tsv"
others = sys.argv[3:]


def unescape(text):
    return text.replace("\\", "")


def uri_key(uri):
    parts = uri.split(":")
    fields = [unescape(p).replace("%2f", "/").lower() for p in parts[2:6]]
    while fields and fields[-1] == "":
        fields.pop()
    return ":".join(fields)


def load_labels():
    names, versions, pos, neg = [], {}, collections.defaultdict(set), collections.defaultdict(set)
    for r in csv.DictReader(gzip.open(f"{shared}/inventory/vulnmine_label_software.csv.gz", "rt")):
        n = r["DisplayName0"]
        if n not in versions:
            names.append(n)
            versions[n] = r["Version0"]
        if r["match"] == "1":
            pos[n].add(unescape(f"{r['vendor_X']}:{r['software_X']}"))
        else:
            neg[n].add(uri_key(r["t_cve_name"]))
    arp = []
    for r in csv.DictReader(open(f"{shared}/inventory/windows_arp_samples.csv", encoding="utf-8")):
        if r["labelled_cpe"] and r["display_name"]:
            parts = r["labelled_cpe"].split(":")
            arp.append((r["display_name"], r["display_version"], unescape(f"{parts[2]}:{parts[3]}").replace("%2f", "/").lower()))
    return names, versions, pos, neg, arp


def score(answers, names, versions, pos, neg, arp):
    """answers: dict (source, name) -> 'vendor:product' or None."""
    positive_elsewhere = set().union(*pos.values())
    out = {}
    for source in ("vulnmine", "arp"):
        c = collections.Counter()
        rows = [(n, versions[n], pos.get(n, set())) for n in names] if source == "vulnmine" else [(n, v, {l}) for n, v, l in arp]
        for name, version, labels in rows:
            answer = answers.get((source, name))
            if labels:
                c["positives"] += 1
                c["miss" if answer is None else ("correct" if answer in labels else "wrong")] += 1
            elif answer is not None:
                key = f"{answer}:{version}".lower()
                if key in neg.get(name, set()):
                    c["conflict" if answer in positive_elsewhere else "wrong"] += 1
        strict = c["correct"] / max(1, c["correct"] + c["wrong"] + c["conflict"])
        consistent = c["correct"] / max(1, c["correct"] + c["wrong"])
        out[source] = (c, strict, consistent, c["correct"] / max(1, c["positives"]))
    return out


WORD = re.compile(r"[a-z0-9][a-z0-9+#]*")


def words(text):
    return [w for w in WORD.findall(text.lower()) if not re.fullmatch(r"[0-9.]+", w)]


def token_overlap_baseline(names, arp):
    """Jaccard overlap between the name's words and vendor+product words; top-1 if >= 0.5. Same vocabulary."""
    products = set()
    for r in csv.DictReader(gzip.open(f"{shared}/cpe/nvd-cve-cpe-vendor-product-index.csv.gz", "rt")):
        products.add((unescape(r["vendor"]), unescape(r["product"])))
    xml = gzip.open(f"{shared}/cpe/official-cpe-dictionary_v2.3_2015-10-14.xml.gz", "rt").read()
    for m in re.finditer(r'cpe23-item name="cpe:2\.3:[aoh]:((?:[^:\\]|\\.)*):((?:[^:\\]|\\.)*):', xml):
        products.add((unescape(m.group(1)), unescape(m.group(2))))
    index = collections.defaultdict(list)
    tokens = {}
    for vp in products:
        t = set(re.split(r"[_\-]", vp[0])) | set(re.split(r"[_\-]", vp[1]))
        tokens[vp] = t
        for w in t:
            index[w].append(vp)
    answers = {}
    for source, name in [("vulnmine", n) for n in names] + [("arp", n) for n, _, _ in arp]:
        ws = set(words(name))
        best, best_score = None, 0.0
        pool = set()
        for w in ws:
            if len(index.get(w, ())) < 5000:
                pool.update(index.get(w, ()))
        for vp in pool:
            s = len(ws & tokens[vp]) / len(ws | tokens[vp])
            if s > best_score or (s == best_score and best and vp < best):
                best, best_score = vp, s
        answers[(source, name)] = f"{best[0]}:{best[1]}" if best and best_score >= 0.5 else None
    return answers


def load_tsv(path):
    answers = {}
    with open(path, encoding="utf-8") as handle:
        for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            answers[(r["source"], r["name"])] = r["answer"] or None
    return answers


def main():
    names, versions, pos, neg, arp = load_labels()
    systems = [("OpenVANS", load_tsv(ours_path)), ("token overlap (Jaccard >= 0.5)", token_overlap_baseline(names, arp))]
    for other in others:
        label, _, path = other.rpartition("=")
        systems.append((label or path, load_tsv(path)))
    print("| system | source | correct | wrong | label conflicts | missed | precision strict | precision consistent | recall |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, answers in systems:
        for source, (c, strict, consistent, recall) in score(answers, names, versions, pos, neg, arp).items():
            print(f"| {label} | {source} | {c['correct']} | {c['wrong']} | {c['conflict']} | {c['miss']} | "
                  f"{strict:.3f} | {consistent:.3f} | {recall:.3f} |")


main()
