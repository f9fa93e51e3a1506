#!/usr/bin/env python3
"""Checks diff_results.py on testdata/: a hand-made 2-host inventory, the real cve-bin-tool 3.4 report for it
(testdata/sample-cbt.json, produced by the command below) and a hand-written OpenVANS-shaped JSON.

  HOME=$PWD/.peer-home .venv-peers/bin/cve-bin-tool --offline -u never --disable-version-check --log error \\
      -i testdata/sample.cbt.csv -f json -o testdata/sample-cbt.json     # (delete the file first: it won't overwrite)

Run: .venv-peers/bin/python test_diff_results.py   (needs the NVD union: ../../../shared/data, cached in work/)
The hand-written OpenVANS JSON deliberately omits CVE-2026-54758 (a plain range hit on notepad++ 8.9.6), which
must come out as the only "unexplained" key.
"""

import subprocess
import sys
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
T = HERE / "testdata"


class DiffResultsTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        out = subprocess.run(
            [sys.executable, str(HERE / "diff_results.py"), "--inventory", str(T / "sample.cpe.csv"),
             "--openvans", str(T / "sample-openvans.json"), "--cbt", str(T / "sample-cbt.json"), "--examples", "9"],
            check=True, capture_output=True, text=True)
        cls.md = out.stdout
        cls.rows = {}
        for line in cls.md.splitlines():
            if line.startswith("| ") and line.count("|") >= 5 and not line.startswith("| class"):
                cells = [c.strip() for c in line.strip("|").split(" | ")]
                cls.rows[cells[0]] = (int(cells[1]), cells[3])

    def row(self, prefix):
        hits = [v for k, v in self.rows.items() if k.startswith(prefix)]
        self.assertEqual(len(hits), 1, f"{prefix!r} in {list(self.rows)}")
        return hits[0]

    def test_counts(self):
        self.assertIn("| cve-bin-tool | 19 |", self.md)
        self.assertIn("| both (cve-bin-tool ∩ OpenVANS affected) | 9 |", self.md)
        self.assertIn("**Unexplained: 1**", self.md)

    def test_running_on(self):
        n, ex = self.row("flattened running-on condition: host lacks the platform")
        self.assertEqual(n, 3)  # anydesk 4.1.2 + 3.6.0.0 need windows_7 sp1; trimble needs its firmware
        self.assertIn("CVE-2012-5053", ex)
        n, ex = self.row("flattened running-on condition: host has the vendor's platform under another")
        self.assertEqual(n, 1)
        self.assertIn("CVE-2026-73250", ex)

    def test_attributes(self):
        n, ex = self.row("attributes beyond version ignored by cve-bin-tool (inventory value differs): update")
        self.assertEqual(n, 4)
        self.assertIn("revision_10", ex)

    def test_indeterminate(self):
        n, ex = self.row("OpenVANS indeterminate, cve-bin-tool affected")
        self.assertEqual(n, 1)
        self.assertIn("CVE-2019-13176", ex)

    def test_vans_only_exact_string(self):
        n, ex = self.row("OpenVANS only: exact criterion version")
        self.assertEqual(n, 1)
        self.assertIn("12.5.44178.1002.0", ex)

    def test_unexplained(self):
        n, ex = self.row("unexplained")
        self.assertEqual(n, 1)
        self.assertIn("CVE-2026-54758", ex)


class ProductsReportTest(unittest.TestCase):
    def test_cpes_sharing_a_key_are_affected_when_any_is(self):
        import tempfile
        sys.path.insert(0, str(HERE))
        import diff_results
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write("cpe,cve,status,hosts_affected,hosts_indeterminate\n"
                    "cpe:2.3:a:babybus:babybus:3.91:*:*:*:*:android:*:*,CVE-2014-5970,affected,24,0\n"
                    "cpe:2.3:a:babybus:babybus:3.91:*:*:*:*:*:*:*,CVE-2014-5970,indeterminate,0,3\n"
                    "cpe:2.3:a:notepad-plus-plus:notepad\\+\\+:8.9.6:*:*:*:*:*:*:*,CVE-2026-54758,indeterminate,0,1\n")
        keys = diff_results.load_openvans_products(Path(f.name))
        Path(f.name).unlink()
        self.assertEqual(keys, {("babybus", "babybus", "3.91", "CVE-2014-5970"): "affected",
                                ("notepad-plus-plus", "notepad\\+\\+", "8.9.6", "CVE-2026-54758"): "indeterminate"})


if __name__ == "__main__":
    unittest.main()
