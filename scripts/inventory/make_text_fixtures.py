#!/usr/bin/env python3
"""Write the encoded text fixtures under Tests/Fixtures/Inventory, through Python's own codecs, so that the
Swift decoders are checked against an independent encoder:

- vans_zh-TW_excel-cp950.csv: a VANS table with Chinese headers as Taiwanese Excel saves "CSV (逗號分隔)":
  CP950, CRLF, quotes only where needed. The same table as vans_zh-TW_excel-utf8-bom.csv ("CSV UTF-8") and
  vans_zh-TW_excel-unicode.txt ("Unicode 文字": UTF-16LE with a mark, tab-separated).
- vans_zh-TW_cp950_bad-bytes.csv: the CP950 table with an end-user-defined code (0xFA 0x40, which cp950
  leaves unmapped) in row 3 and a lead byte cut before a comma in row 4.
- generic_utf16le_no-bom.csv and generic_utf16be_no-bom.tsv: UTF-16 without a mark (found by NUL pattern).
- powershell-5.1_convertto-csv_typeline.csv: `Get-ItemProperty … | ConvertTo-Csv | Out-File` in Windows
  PowerShell 5.1: a #TYPE line, every field quoted, UTF-16LE with a mark.
- powershell-7_invoke-command_export-csv.csv: `Invoke-Command -ComputerName … { Get-ItemProperty … } |
  Export-Csv` in PowerShell 7: no #TYPE line, PSComputerName and RunspaceId columns, UTF-8 without a mark.
- cp950_samples.tsv: every 50th code Python's cp950 maps, with its code point, to spot-check the table.

Run from the package root: python3 scripts/inventory/make_text_fixtures.py
"""
import codecs
import pathlib

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/Inventory"

HEADER = ["機關OID", "機關名稱", "主機名稱", "資產名稱", "廠商", "版本", "CPE", "CPE名稱", "數量", "類別"]
ROWS = [
    ["2.16.886.101.20007", "監察院", "PC-0042", "微軟 Office 專業增強版 2019", "微軟", "16.0.10406.20006",
     "cpe:2.3:a:microsoft:office:2019:*:*:*:professional_plus:*:*:*", "Microsoft Office 2019 Professional Plus", "1", "software"],
    ["2.16.886.101.20007", "監察院", "PC-0042", "趨勢科技 Apex One 安全防護代理程式", "趨勢科技", "14.0.12737", "N/A", "N/A", "1", "software"],
    ["2.16.886.101.20007", "監察院", "PC-0043", "福昕閱讀器", "福昕", "12.1.2.15332", "N/A", "N/A", "1", "software"],
    ["2.16.886.101.20007", "監察院", "PC-0043", "Adobe Acrobat Reader DC - Chinese Traditional", "Adobe Systems, Inc.", "23.008.20470", "N/A", "N/A", "1", "software"],
    ["2.16.886.101.20007", "監察院", "SRV-01", "Microsoft SQL Server 2019 (64-bit)", "Microsoft Corporation", "15.0.2000.5",
     "cpe:2.3:a:microsoft:sql_server:2019:*:*:*:*:*:x64:*", "Microsoft SQL Server 2019 x64", "2", "software"],
]


def csv_line(fields, delimiter=","):
    def quote(field):
        if any(c in field for c in (delimiter, '"', "\n", "\r")):
            return '"' + field.replace('"', '""') + '"'
        return field
    return delimiter.join(quote(field) for field in fields) + "\r\n"


def table(delimiter=","):
    return "".join(csv_line(row, delimiter) for row in [HEADER] + ROWS)


def main() -> None:
    (OUT / "vans_zh-TW_excel-cp950.csv").write_bytes(table().encode("cp950"))
    (OUT / "vans_zh-TW_excel-utf8-bom.csv").write_bytes(codecs.BOM_UTF8 + table().encode("utf-8"))
    (OUT / "vans_zh-TW_excel-unicode.txt").write_bytes(codecs.BOM_UTF16_LE + table("\t").encode("utf-16-le"))

    bad = bytearray(table().encode("cp950"))
    lines = bad.split(b"\r\n")
    lines[3] = lines[3].replace("福昕閱讀器".encode("cp950"), "福昕".encode("cp950") + b"\xfa\x40" + "讀器".encode("cp950"))
    lines[4] = lines[4].replace(b",\"Adobe Systems", b"\xb7,\"Adobe Systems")
    (OUT / "vans_zh-TW_cp950_bad-bytes.csv").write_bytes(b"\r\n".join(lines))

    generic = [["name", "version", "publisher", "host"],
               ["Google Chrome", "122.0.6261.95", "Google LLC", "PC-0042"],
               ["LINE", "8.7.0.3298", "LINE Corporation", "PC-0042"],
               ["福昕閱讀器", "12.1.2.15332", "福昕", "PC-0043"]]
    (OUT / "generic_utf16le_no-bom.csv").write_bytes("".join(csv_line(r) for r in generic).encode("utf-16-le"))
    (OUT / "generic_utf16be_no-bom.tsv").write_bytes("".join(csv_line(r, "\t") for r in generic).encode("utf-16-be"))

    base = "Microsoft.PowerShell.Core\\Registry::HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Uninstall"
    wow = base.replace("\\SOFTWARE\\", "\\SOFTWARE\\WOW6432Node\\")
    columns = ["DisplayName", "DisplayVersion", "Publisher", "InstallDate", "Language", "SystemComponent", "ParentKeyName",
               "ReleaseType", "PSPath", "PSParentPath", "PSChildName", "PSDrive", "PSProvider"]
    entries = [
        ["7-Zip 23.01 (x64)", "23.01", "Igor Pavlov", "", "", "", "", "", base + "\\7-Zip", base, "7-Zip"],
        ["Microsoft Visual C++ 2022 X64 Minimum Runtime - 14.38.33135", "14.38.33135", "Microsoft Corporation", "20240110", "1033", "1", "", "",
         base + "\\{B92B1B8A-0B63-4C8A-8C1A-1B3C6B5A2D1E}", base, "{B92B1B8A-0B63-4C8A-8C1A-1B3C6B5A2D1E}"],
        ["", "", "", "", "", "", "", "", base + "\\Connection Manager", base, "Connection Manager"],
        ["Security Update for Microsoft Office 2016 (KB5002537) 32-Bit Edition", "", "Microsoft", "", "", "", "Office16.PROPLUS", "Security Update",
         wow + "\\{90160000-0011-0000-0000-0000000FF1CE}_Office16.PROPLUS_{4F2A7E4B}", wow, "{90160000-0011-0000-0000-0000000FF1CE}_Office16.PROPLUS_{4F2A7E4B}"],
        ["福昕閱讀器", "12.1.2.15332", "福昕軟件開發有限公司", "", "1028", "", "", "", wow + "\\Foxit Reader_is1", wow, "Foxit Reader_is1"],
    ]
    def quoted(fields):
        return ",".join('"' + f.replace('"', '""') + '"' for f in fields) + "\r\n"
    text = "#TYPE System.Management.Automation.PSCustomObject\r\n" + quoted(columns)
    text += "".join(quoted(e + ["HKLM", "Microsoft.PowerShell.Core\\Registry"]) for e in entries)
    (OUT / "powershell-5.1_convertto-csv_typeline.csv").write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))

    columns7 = ["DisplayName", "DisplayVersion", "Publisher", "PSComputerName", "RunspaceId", "PSShowComputerName"]
    rows7 = [["Google Chrome", "122.0.6261.95", "Google LLC", "PC-0042", "8c1e3f2a-4b5d-4e6f-9a0b-1c2d3e4f5a6b", "True"],
             ["AnyDesk", "ad 8.0.8", "AnyDesk Software GmbH", "PC-0042", "8c1e3f2a-4b5d-4e6f-9a0b-1c2d3e4f5a6b", "True"],
             ["Google Chrome", "122.0.6261.95", "Google LLC", "PC-0043", "0f9e8d7c-6b5a-4c3d-2e1f-0a9b8c7d6e5f", "True"]]
    (OUT / "powershell-7_invoke-command_export-csv.csv").write_bytes(
        (quoted(columns7) + "".join(quoted(r) for r in rows7)).replace("\r\n", "\n").encode("utf-8"))

    samples = []
    count = 0
    for lead in range(0x81, 0xFF):
        for trail in list(range(0x40, 0x7F)) + list(range(0xA1, 0xFF)):
            try:
                char = bytes([lead, trail]).decode("cp950")
            except UnicodeDecodeError:
                continue
            if count % 50 == 0:
                samples.append(f"{lead:02X}{trail:02X}\t{ord(char):04X}\t{char}\n")
            count += 1
    (OUT / "cp950_samples.tsv").write_text("".join(samples), encoding="utf-8")


if __name__ == "__main__":
    main()
