#!/usr/bin/env python3
"""Writes a large VANS CSV inventory (Chinese headers, UTF-8) for the `vans identify` throughput measurement.

The rows are drawn as `Benchmarks/identification/Throughput` draws them: distinct (name, publisher, version) keys
built from the real names of `../shared/data/inventory` (every vulnmine DisplayName0, the ARP sample names with
their publishers, a few zh-TW rows), each name with a few versions; rows pick a key with a cubic skew (a few
products on every PC, a long tail on few), 150 rows per host. Seeded, so the same arguments give the same file.

Run: python3 scripts/identification/make_large_inventory.py ../shared/data 1000000 20000 /tmp/inventory-1m.csv
"""
import csv
import gzip
import random
import sys


def main():
    shared, rows, distinct, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    names, seen = [], set()
    with gzip.open(f"{shared}/inventory/vulnmine_label_software.csv.gz", "rt", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            name = record["DisplayName0"]
            if name not in seen:
                seen.add(name)
                names.append((name, ""))
    with open(f"{shared}/inventory/windows_arp_samples.csv", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        for record in reader:
            if len(record) >= 3 and record[0] and record[0] not in seen:
                seen.add(record[0])
                names.append((record[0], record[1]))
    names += [
        ("福昕閱讀器", "福昕軟件"), ("Microsoft Office 專業增強版 2019", "Microsoft Corporation"),
        ("LINE", "LINE Corporation"), ("Microsoft Windows 10 專業版", "Microsoft Corporation"),
        ("Java 8 Update 381", "Oracle Corporation"), ("趨勢科技 Apex One Security Agent", "趨勢科技股份有限公司"),
        ("自然人憑證元件", ""), ("抖音", ""), ("AnyDesk", ""),
    ]
    keys = []
    index = 0
    while len(keys) < distinct:
        name, publisher = names[index % len(names)]
        keys.append((name, publisher, f"{1 + index % 17}.{index % 5}.{index // len(names)}"))
        index += 1
    generator = random.Random(20261121)
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["機關OID", "機關名稱", "主機名稱", "資產名稱", "廠商", "版本", "CPE", "CPE名稱", "數量", "類別"])
        for row in range(rows):
            u = generator.random()
            name, publisher, version = keys[min(len(keys) - 1, int(len(keys) * u * u * u))]
            writer.writerow(["2.16.886.101.20007", "監察院", f"PC-{row // 150:05d}", name, publisher, version,
                             "N/A", "N/A", "1", "software"])
    print(f"{out}: {rows} rows, {len(keys)} distinct keys from {len(names)} real names")


if __name__ == "__main__":
    main()
