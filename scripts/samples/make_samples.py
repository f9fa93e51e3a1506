#!/usr/bin/env python3
"""Builds the bundled sample data (Samples/) from the real corpora in ../shared/data.

Samples/inventory.csv is a small agency inventory (PCs, servers, a printer). Samples/feeds holds every real
record, in its source format, that names one of the inventory's products and has a 2021 or later CVE number
(the newest copy per source when a CVE appears in several files), plus the KEV and EPSS entries of those
CVEs. Run from the package root:  python3 scripts/samples/make_samples.py
"""
import glob, gzip, json, os, re

DATA = os.environ.get("VANS_SHARED_DATA", os.path.join(os.path.dirname(__file__), "../../../shared/data"))
ROOT = os.path.join(os.path.dirname(__file__), "../..")
OUT = os.path.join(ROOT, "Samples")

PC = [
    "cpe:2.3:o:microsoft:windows_10_22h2:10.0.19045.3448:*:*:*:*:*:x64:*",
    "cpe:2.3:a:google:chrome:119.0.6045.105:*:*:*:*:*:*:*",
    "cpe:2.3:a:mozilla:firefox:118.0:*:*:*:*:*:*:*",
    "cpe:2.3:a:adobe:acrobat_reader_dc:23.006.20320:*:*:*:continuous:*:*:*",
    "cpe:2.3:a:7-zip:7-zip:21.07:*:*:*:*:*:*:*",
    "cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.5.6:*:*:*:*:*:*:*",
    "cpe:2.3:a:oracle:jre:1.8.0:update381:*:*:*:*:*:*",
]
HOSTS = {
    **{f"pc-{n:04d}": PC for n in range(1, 5)},
    "pc-0005": PC[:3] + ["cpe:2.3:a:foxitsoftware:foxit_reader:12.1.1:*:*:*:*:*:*:*"],
    "srv-web-01": [
        "cpe:2.3:o:microsoft:windows_server_2019:10.0.17763.4737:*:*:*:*:*:x64:*",
        "cpe:2.3:a:apache:http_server:2.4.57:*:*:*:*:*:*:*",
        "cpe:2.3:a:openssl:openssl:1.1.1w:*:*:*:*:*:*:*",
        "cpe:2.3:a:php:php:8.1.10:*:*:*:*:*:*:*",
    ],
    "srv-linux-01": [
        "cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*",
        "cpe:2.3:a:f5:nginx:1.22.1:*:*:*:*:*:*:*",
    ],
    "printer-3f": [
        "cpe:2.3:o:hp:color_laserjet_cm4540_mfp_cc419a_firmware:3.5:*:*:*:*:*:*:*",
        "cpe:2.3:h:hp:color_laserjet_cm4540_mfp_cc419a:-:*:*:*:*:*:*:*",
    ],
}
PRODUCTS = {":".join(cpe.split(":")[2:5]) for items in HOSTS.values() for cpe in items}
CRITERIA = re.compile(rb'cpe:2\.3:([aoh]):((?:[^:"\\]|\\.)*):((?:[^:"\\]|\\.)*):')
YEAR = re.compile(r"CVE-(\d{4})-")


def relevant(blob):
    return any(f"{p}:{v}:{q}".replace("\\\\", "\\") in PRODUCTS
               for p, v, q in ((a.decode(), b.decode(), c.decode()) for a, b, c in CRITERIA.findall(blob)))


def recent(cve):
    return int(YEAR.match(cve).group(1)) >= 2021


def newest(store, cve, modified, record):
    if cve not in store or store[cve][0] < modified:
        store[cve] = (modified, record)


def main():
    api20, feed11, overrides, cve5 = {}, {}, {}, {}
    for path in sorted(glob.glob(f"{DATA}/nvd/**/*.json.gz", recursive=True)):
        document = json.load(gzip.open(path))
        for item in document.get("vulnerabilities", []):
            cve = item["cve"]["id"]
            if recent(cve) and relevant(json.dumps(item).encode()):
                newest(api20, cve, item["cve"]["lastModified"], item)
        for item in document.get("CVE_Items", []):
            cve = item["cve"]["CVE_data_meta"]["ID"]
            if recent(cve) and relevant(json.dumps(item).encode()):
                newest(feed11, cve, item["lastModifiedDate"], item)
    for line in gzip.open(f"{DATA}/nvd/overrides/anchore-nvd-data-overrides_2026-08-21.jsonl.gz"):
        if relevant(line):
            record = json.loads(line)
            overrides[record["_annotation"]["cve_id"]] = line.decode().strip()
    for line in gzip.open(f"{DATA}/cve5/cisa-vulnrichment_2024-10-24.jsonl.gz"):
        if b'"cpes"' in line and relevant(line):
            record = json.loads(line)
            if record["cveMetadata"]["cveId"] not in api20 and record["cveMetadata"]["cveId"] not in feed11:
                cve5[record["cveMetadata"]["cveId"]] = line.decode().strip()
    # A CVE kept in both NVD shapes keeps only its newest record: the sample shows one copy of each.
    for cve in set(api20) & set(feed11):
        older = feed11 if api20[cve][0] >= feed11[cve][0].rstrip("Z") else api20
        del older[cve]
    ids = set(api20) | set(feed11) | set(overrides) | set(cve5)
    os.makedirs(f"{OUT}/feeds", exist_ok=True)

    def write(name, text):
        with gzip.GzipFile(f"{OUT}/feeds/{name}", "wb", mtime=0) as handle:
            handle.write(text.encode())

    records = [api20[c][1] for c in sorted(api20)]
    write("nvd-api-2.0-sample.json.gz", json.dumps({
        "resultsPerPage": len(records), "startIndex": 0, "totalResults": len(records), "format": "NVD_CVE",
        "version": "2.0", "timestamp": "2024-05-10T00:00:00.000", "vulnerabilities": records}))
    items = [feed11[c][1] for c in sorted(feed11)]
    write("nvd-feed-1.1-sample.json.gz", json.dumps({
        "CVE_data_type": "CVE", "CVE_data_format": "MITRE", "CVE_data_version": "4.0",
        "CVE_data_numberOfCVEs": str(len(items)), "CVE_data_timestamp": "2025-02-25T01:00Z", "CVE_Items": items}))
    write("nvd-overrides-sample.jsonl.gz", "\n".join(overrides[c] for c in sorted(overrides)) + "\n")
    write("cve5-sample.jsonl.gz", "\n".join(cve5[c] for c in sorted(cve5)) + "\n")
    kev = json.load(gzip.open(f"{DATA}/kev/known_exploited_vulnerabilities.json.gz"))
    kev["vulnerabilities"] = [v for v in kev["vulnerabilities"] if v["cveID"] in ids]
    kev["count"] = len(kev["vulnerabilities"])
    write("kev-sample.json.gz", json.dumps(kev, indent=1))
    rows = [line.strip() for line in gzip.open(f"{DATA}/epss/epss_scores_2026-08-16.csv.gz", "rt")
            if line.split(",")[0] in ids]
    write("epss-sample.csv.gz", "cve,epss,percentile\n" + "\n".join(rows) + "\n")
    with open(f"{OUT}/inventory.csv", "w") as handle:
        handle.write("host,cpe\n")
        for host, cpes in HOSTS.items():
            for cpe in cpes:
                handle.write(f"{host},{cpe}\n")
    print(f"API 2.0 {len(api20)}, 1.1 {len(feed11)}, overrides {len(overrides)}, CVE 5 {len(cve5)}, "
          f"KEV {kev['count']}, EPSS {len(rows)}")
    for name in sorted(os.listdir(f"{OUT}/feeds")):
        print(name, os.path.getsize(f"{OUT}/feeds/{name}"))


if __name__ == "__main__":
    main()
