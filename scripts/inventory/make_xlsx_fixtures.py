#!/usr/bin/env python3
"""Write the XLSX fixtures under Tests/Fixtures/Inventory (no public agency workbook exists to copy).

- vans_zh-TW_openpyxl.xlsx: a VANS-style sheet with Chinese headers written by openpyxl 3.1 (inline
  strings, custom date formats, numbers), plus a second sheet that must be ignored.
- vans-v2_excel-shared-strings.xlsx: hand-built the way Excel writes a workbook: a shared-string table
  (with a rich-text entry and a phonetic run), built-in date format 14, a number stored as
  10.199999999999999, a boolean, an error value and a formula with its cached value.
- generic_inline-strings.xlsx: a generic software list written the way streaming writers (Apache POI
  SXSSF, excelize StreamWriter) do: inline strings, no shared-string table, no styles.
- hostile_*.xlsx: refusals: an entry declaring a size far beyond its compressed size (a zip bomb), an entry
  that inflates past the size it declares, and an archive with too many entries.

Run from the package root with openpyxl installed (a git-ignored venv):
    python3 -m venv .venv-inventory && .venv-inventory/bin/pip install openpyxl
    .venv-inventory/bin/python scripts/inventory/make_xlsx_fixtures.py
"""
import datetime
import pathlib
import struct
import zipfile
import zlib

import openpyxl

OUT = pathlib.Path(__file__).resolve().parents[2] / "Tests/Fixtures/Inventory"
FIXED = (2024, 3, 5, 9, 0, 0)


def vans_workbook() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "資產清冊"
    sheet.append(["機關OID", "機關名稱", "主機名稱", "資產名稱", "廠商", "版本", "CPE", "CPE名稱", "數量", "類別", "盤點日期"])
    rows = [
        ["2.16.886.101.20007", "監察院", "PC-0042", "Microsoft Office 專業增強版 2019", "微軟", "16.0.10406.20006",
         "cpe:2.3:a:microsoft:office:2019:*:*:*:professional_plus:*:*:*", "Microsoft Office 2019 Professional Plus", 1, "software",
         datetime.date(2024, 3, 5)],
        ["2.16.886.101.20007", "監察院", "PC-0042", "趨勢科技 Apex One", "趨勢科技", 14.0, "N/A", "N/A", 1, "software",
         datetime.date(2024, 3, 5)],
        ["2.16.886.101.20007", "監察院", "PC-0043", "福昕閱讀器", "福昕", 12.1, "N/A", "N/A", 3, "software",
         datetime.datetime(2024, 3, 5, 14, 30)],
        [None, None, None, None, None, None, None, None, None, None, None],
        ["2.16.886.101.20007", "監察院", "SRV-01", "7-Zip", "Igor Pavlov", 23.01, "cpe:2.3:a:7-zip:7-zip:23.01:*:*:*:*:*:*:*",
         "7-Zip 23.01", 1, "software", datetime.date(2024, 3, 6)],
        ["2.16.886.101.20007", "監察院", "SRV-01", None, None, None, "N/A", None, 1, "software", None],
    ]
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2, min_col=11, max_col=11):
        for cell in row:
            cell.number_format = "yyyy/m/d" if isinstance(cell.value, datetime.date) and not isinstance(cell.value, datetime.datetime) else "yyyy/m/d h:mm"
    other = book.create_sheet("說明")
    other.append(["資產名稱", "說明"])
    other.append(["這一頁不是清冊", "ignored"])
    book.properties.created = datetime.datetime(*FIXED)
    book.properties.modified = datetime.datetime(*FIXED)
    book.save(OUT / "vans_zh-TW_openpyxl.xlsx")


def write_zip(path: pathlib.Path, parts: dict) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Software" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"""


def inline(ref: str, text: str) -> str:
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{escaped}</t></is></c>'


def generic_inline() -> None:
    header = ["Computer Name", "Display Name", "Publisher", "Display Version", "Install Date"]
    rows = [
        ["PC-0042", "Mozilla Firefox (x64 zh-TW)", "Mozilla", "123.0", "20240301"],
        ["PC-0042", "LINE", "LINE Corporation", "8.7.0.3298", "20240115"],
        ["PC-0042", "AnyDesk", "AnyDesk Software GmbH", "8.0.8", "20240220"],
    ]
    xml = ['<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for number, row in enumerate([header] + rows, start=1):
        cells = "".join(inline(f"{chr(65 + column)}{number}", value) for column, value in enumerate(row))
        xml.append(f'<row r="{number}">{cells}</row>')
    # A number cell with no style beside the strings, as a version typed into a cell.
    xml.append('<row r="6"><c r="A6" t="inlineStr"><is><t>PC-0043</t></is></c><c r="B6" t="inlineStr"><is><r><t>Notepad</t></r><r><rPr><b/></rPr><t>++</t></r></is></c><c r="D6"><v>8.6</v></c></row>')
    xml.append("</sheetData></worksheet>")
    write_zip(OUT / "generic_inline-strings.xlsx", {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS, "xl/worksheets/sheet1.xml": "".join(xml),
    })


def patch_sizes(path: pathlib.Path, name: str, size: int) -> None:
    """Rewrites the uncompressed size an entry declares, in its local header and the central directory."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_length = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(data[name_at:name_at + name_length]) == encoded:
                struct.pack_into("<I", data, start + size_at, size)
            start += 4
    path.write_bytes(bytes(data))


def hostile() -> None:
    base = {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": WORKBOOK,
            "xl/_rels/workbook.xml.rels": WORKBOOK_RELS}
    # 1. A sheet of 20 MB of one repeated row: deflate packs it some 340 times, far above any real sheet.
    row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    bomb = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + \
        row * (20_000_000 // len(row)) + "</sheetData></worksheet>"
    write_zip(OUT / "hostile_ratio-bomb.xlsx", {**base, "xl/worksheets/sheet1.xml": bomb})
    # 2. An honest-looking ratio, but the sheet says 1,000 bytes and inflates to 100,000.
    sheet = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' + \
        "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>name {n:05d} {zlib.crc32(str(n).encode()):08x}</t></is></c></row>' for n in range(1, 1400)) + \
        "</sheetData></worksheet>"
    path = OUT / "hostile_lying-size.xlsx"
    write_zip(path, {**base, "xl/worksheets/sheet1.xml": sheet})
    patch_sizes(path, "xl/worksheets/sheet1.xml", 1000)
    # 3. Three hundred empty entries (tests lower the entry limit rather than commit a megabyte of headers).
    with zipfile.ZipFile(OUT / "hostile_many-entries.xlsx", "w", zipfile.ZIP_STORED) as archive:
        for name, text in base.items():
            archive.writestr(zipfile.ZipInfo(name, FIXED), text)
        for n in range(300):
            archive.writestr(zipfile.ZipInfo(f"x/{n}", FIXED), b"")


def excel_shared_strings() -> None:
    strings = ["oid", "orgName", "identifier", "assetGroupCode", "assetName", "brand", "version", "cpe", "cpeName",
               "installed", "2.16.886.101.20007", "監察院", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
               "DEFAULT", "chrome", "google", "N/A"]
    sst = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="30" uniqueCount="19">']
    sst += [f"<si><t>{text}</t></si>" for text in strings]
    # 17: rich text with a phonetic run that is not part of the text; 18: a name with leading space kept.
    sst.append('<si><r><t>福昕</t></r><r><rPr><b/><sz val="11"/></rPr><t>閱讀器</t></r><rPh sb="0" eb="2"><t>フク</t></rPh></si>')
    sst.append('<si><t xml:space="preserve"> foxit </t></si>')
    sst.append("</sst>")
    styles = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="新細明體"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"""
    def s(ref, index):
        return f'<c r="{ref}" t="s"><v>{index}</v></c>'
    header = "".join(s(f"{chr(65 + n)}1", n) for n in range(10))
    row2 = (s("A2", 10) + s("B2", 11) + s("C2", 12) + s("D2", 13) + s("E2", 14) + s("F2", 15)
            + '<c r="G2" t="str"><f>"122.0."&amp;"6261.95"</f><v>122.0.6261.95</v></c>'
            + s("H2", 16) + s("I2", 16) + '<c r="J2" s="1"><v>45356</v></c>')
    row3 = (s("A3", 10) + s("B3", 11) + s("C3", 12) + s("D3", 13) + s("E3", 17) + s("F3", 18)
            + '<c r="G3"><v>10.199999999999999</v></c>' + s("H3", 16) + '<c r="I3" t="e"><v>#N/A</v></c>'
            + '<c r="J3" t="b"><v>1</v></c>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:J3"/><sheetData>'
             f'<row r="1" spans="1:10">{header}</row><row r="2" spans="1:10">{row2}</row><row r="3" spans="1:10">{row3}</row>'
             '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>')
    rels = WORKBOOK_RELS.replace("</Relationships>",
        '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    write_zip(OUT / "vans-v2_excel-shared-strings.xlsx", {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS,
        "xl/workbook.xml": WORKBOOK.replace("<sheets>", '<workbookPr defaultThemeVersion="166925"/><sheets>'),
        "xl/_rels/workbook.xml.rels": rels, "xl/worksheets/sheet1.xml": sheet, "xl/styles.xml": styles,
        "xl/sharedStrings.xml": "".join(sst),
    })


if __name__ == "__main__":
    vans_workbook()
    excel_shared_strings()
    generic_inline()
    hostile()
    for path in sorted(OUT.glob("*.xlsx")):
        print(path.name, path.stat().st_size)
