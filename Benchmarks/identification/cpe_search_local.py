#!/usr/bin/env python3
"""Run cpe-search (PyPI `cpe-search`, 0.2.x) offline over the names of the accuracy evaluation, on the same CPE
vocabulary OpenVANS uses, and write its answers as a TSV that evaluate.py scores.

cpe-search normally builds its SQLite database from the NVD CPE API 2.0 (`cpe_search.update`, network). Its
`update` does two things: download (CPE name, English title) pairs, then create the tables from its packaged
`create_sql_statements.json` and fill them. This shim skips only the download: it creates the schema the same
way (`create_sql_statements.json`, same DROP/CREATE handling, same prefix index) and feeds the pairs through
the package's own `add_cpes_to_db`, which computes the same term frequencies (`compute_cpe_entry_tf_norm`) and
product counts ("popularity") as a fresh build. The pairs come from the files the OpenVANS evaluation reads
(../shared/data/cpe, see data/README.md):

* every `cpe23-item` of the 2015 official dictionary, with its en-US title (as the API gives `titles[lang=en]`);
* every part:vendor:product of the derived NVD index that the dictionary lacks, as a versionless CPE
  (`…:*:*:…`) with the index's example English title when it has one.

The search is the package's `search_cpes(query)` with its packaged config (count 6, threshold -1): the answer is
the first of `cpes`, as its command line prints it, or none when cpe-search returns none (its own "bad match"
filters, e.g. when the query's version is not in any dictionary CPE of the product). With `--pot-output`, a second
TSV takes the first of `pot_cpes` (CPEs it builds from a found product and the query's version) when `cpes` is
empty, the lenient reading a library caller may choose.

Usage (from the repository root):
  python3 -m venv Benchmarks/identification/.venv-cpe-search
  Benchmarks/identification/.venv-cpe-search/bin/pip install 'cpe-search==0.2.12'
  Benchmarks/identification/.venv-cpe-search/bin/python Benchmarks/identification/cpe_search_local.py \
      ../shared/data /tmp/cpe-search-answers.tsv [--pot-output /tmp/cpe-search-pot.tsv] [--with-version]
  python3 Benchmarks/identification/evaluate.py ../shared/data /tmp/openvans-eval.tsv /tmp/cpe-search-answers.tsv

The database goes to Benchmarks/identification/.venv-cpe-search/cpe-search-local.db3 (git-ignored with the venv)
and is reused when present.
"""
import argparse
import csv
import gzip
import os
import sys
import time
import xml.etree.ElementTree as ET

import ujson
from cpe_search import cpe_search as cs
from cpe_search.database_wrapper_functions import get_database_connection

HERE = os.path.dirname(os.path.abspath(__file__))
DB_PATH = os.path.join(HERE, ".venv-cpe-search", "cpe-search-local.db3")
DICT_NS = "{http://cpe.mitre.org/dictionary/2.0}"
CPE23_TAG = "{http://scap.nist.gov/schema/cpe-extension/2.3}cpe23-item"


def dictionary_pairs(shared):
    """(cpe23 name, en-US title) for every item of the 2015 dictionary."""
    pairs = []
    path = f"{shared}/cpe/official-cpe-dictionary_v2.3_2015-10-14.xml.gz"
    with gzip.open(path, "rb") as handle:
        for _, element in ET.iterparse(handle, events=("end",)):
            if element.tag != DICT_NS + "cpe-item":
                continue
            title = ""
            for child in element.findall(DICT_NS + "title"):
                if child.get("{http://www.w3.org/XML/1998/namespace}lang") == "en-US":
                    title = child.text or ""
            item = element.find(CPE23_TAG)
            if item is not None and item.get("name"):
                pairs.append((item.get("name"), title))
            element.clear()
    return pairs


def index_pairs(shared, known_products):
    """Versionless CPEs for NVD index products the dictionary does not have."""
    pairs = []
    path = f"{shared}/cpe/nvd-cve-cpe-vendor-product-index.csv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["part"], row["vendor"], row["product"])
            if key in known_products:
                continue
            known_products.add(key)
            title = row.get("example_title_en_cpe_dict_2015", "") or ""
            pairs.append((f"cpe:2.3:{key[0]}:{key[1]}:{key[2]}:*:*:*:*:*:*:*:*", title))
    return pairs


def build_database(shared, config):
    """The tables of cpe_search.update, filled from local files instead of the CPE API."""
    started = time.time()
    pairs = dictionary_pairs(shared)
    known = set()
    for cpe, _ in pairs:
        parts = cpe.split(":")
        known.add((parts[2], parts[3], parts[4]))
    pairs += index_pairs(shared, known)
    pairs.sort(key=lambda pair: pair[0])  # update() sorts by CPE too, so a product's entries are contiguous

    if os.path.exists(DB_PATH):
        os.remove(DB_PATH)
    connection = get_database_connection(config["DATABASE"])
    cursor = connection.cursor()
    with open(cs.CREATE_SQL_STATEMENTS_FILE) as handle:
        statements = ujson.loads(handle.read())
    for table in statements["TABLES"].values():
        query = table["sqlite"].strip()
        if query.startswith("DROP"):
            drop, query = query.split(";", maxsplit=1)
            try:
                cursor.execute(drop)
            except Exception:
                pass  # as in update(): the table does not exist yet
        cursor.execute(query)
    cursor.execute("CREATE INDEX idx_cpe_prefix_value ON cpe_product_prefixes (cpe_product_prefix);")
    connection.commit()
    connection.close()

    cs.add_cpes_to_db(pairs, config, check_duplicates=False)
    print(f"built {DB_PATH}: {len(pairs)} CPEs in {time.time() - started:.1f} s", file=sys.stderr)


def evaluation_names(shared):
    """(source, name, version) in the order of the OpenVANS evaluation."""
    rows, seen = [], set()
    with gzip.open(f"{shared}/inventory/vulnmine_label_software.csv.gz", "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["DisplayName0"]
            if name not in seen:
                seen.add(name)
                rows.append(("vulnmine", name, row["Version0"]))
    with open(f"{shared}/inventory/windows_arp_samples.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["labelled_cpe"] and row["display_name"]:
                rows.append(("arp", row["display_name"], row["display_version"]))
    return rows


def first_answer(cpes):
    """vendor:product (unescaped, lower case) and score of the first CPE, or empty strings."""
    if not cpes:
        return "", ""
    cpe, similarity = cpes[0]
    parts = cpe.split(":")
    return f"{parts[3]}:{parts[4]}".replace("\\", "").lower(), f"{similarity:.3f}"


def tsv_line(*fields):
    return "\t".join(field.replace("\t", " ") for field in fields) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shared", help="the shared data directory (../shared/data)")
    parser.add_argument("output", help="TSV of answers for evaluate.py")
    parser.add_argument("--with-version", action="store_true", help="append the row's version to the query")
    parser.add_argument("--pot-output", help="second TSV: first pot_cpes entry when cpes is empty")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database even if present")
    args = parser.parse_args()

    config = cs._load_config()
    config["DATABASE"] = {"TYPE": "sqlite", "NAME": DB_PATH}
    if args.rebuild or not os.path.exists(DB_PATH):
        build_database(args.shared, config)

    connection = get_database_connection(config["DATABASE"])
    cursor = connection.cursor()
    started = time.time()
    rows = evaluation_names(args.shared)
    header = "source\tname\tversion\tanswer\tscore\n"
    pot_out = open(args.pot_output, "w", encoding="utf-8") if args.pot_output else None
    if pot_out:
        pot_out.write(header)
    with open(args.output, "w", encoding="utf-8") as out:
        out.write(header)
        for source, name, version in rows:
            query = name
            if args.with_version and version and version not in name:
                query = f"{name} {version}"
            result = cs.search_cpes(query, db_cursor=cursor, config=config)
            answer, score = first_answer(result["cpes"])
            out.write(tsv_line(source, name, version, answer, score))
            if pot_out:
                if not answer:
                    answer, score = first_answer(result["pot_cpes"])
                pot_out.write(tsv_line(source, name, version, answer, score))
    if pot_out:
        pot_out.close()
    connection.close()
    print(f"searched {len(rows)} names in {time.time() - started:.1f} s", file=sys.stderr)


main()
