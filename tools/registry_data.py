#!/usr/bin/env python3
"""Regenerates data/dvhc-2025.tsv and data/dvhc-2025-chuyen-doi.tsv, the registry of
Vietnam's administrative units after the 1 July 2025 reform that kehoach embeds.

Source: the PyPI package `vietnam-provinces` (GPL-3.0-or-later, by Nguyễn Hồng Quân),
whose data follows the national statistics office's list of units. The script downloads
the pinned wheel with pip (no install), reads its JSON and its 2025 conversion table,
and writes two tab-separated files:

  dvhc-2025.tsv             ma, cap, ten, tinh
      one line per province (cap `tinh` or `thanh-pho`, tinh empty) and per commune-level
      unit (cap `xa`, `phuong` or `dac-khu`, tinh = the province's code); `ten` is the
      name without its type word ("Thượng Lâm", not "Xã Thượng Lâm").
  dvhc-2025-chuyen-doi.tsv  ma_cu, ten_cu, huyen_cu, tinh_cu, ma_moi
      one line per commune before the reform with the codes of the units it went into
      (comma-separated; a trailing "*" marks a unit that took only part of it).

Usage: python3 tools/registry_data.py [--wheel FILE.whl] [--out data/]
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import zipfile

PACKAGE = "vietnam-provinces"
VERSION = "2026.9.0"

COMMUNE_LEVELS = {"xã": ("xa", "Xã "), "phường": ("phuong", "Phường "), "đặc khu": ("dac-khu", "Đặc khu ")}


def fetch_wheel(folder: pathlib.Path) -> pathlib.Path:
    # The package asks for Python >= 3.12 but its data modules are plain Python; ask pip
    # for the wheel as a 3.13 interpreter would so an older local Python still works.
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:",
         "--python-version", "3.13", f"{PACKAGE}=={VERSION}", "-d", str(folder)],
        check=True,
    )
    return next(folder.glob("vietnam_provinces-*.whl"))


def province_row(p):
    name = p["name"]
    if p["division_type"] == "thành phố trung ương":
        assert name.startswith("Thành phố "), name
        return (p["code"], "thanh-pho", name[len("Thành phố "):], "")
    assert p["division_type"] == "tỉnh", p
    return (p["code"], "tinh", name.removeprefix("Tỉnh "), "")


def commune_row(w, province_code):
    level, prefix = COMMUNE_LEVELS[w["division_type"]]
    # The source writes a few type words in lower case ("xã Bắc Sơn").
    assert w["name"][: len(prefix)].lower() == prefix.lower(), w
    return (w["code"], level, w["name"][len(prefix):].strip(), province_code)


def write_tsv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\t".join(header) + "\n")
        for row in rows:
            f.write("\t".join(str(c) for c in row) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--wheel", type=pathlib.Path)
    ap.add_argument("--out", type=pathlib.Path, default=pathlib.Path(__file__).parent.parent / "data")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        wheel = args.wheel or fetch_wheel(tmp)
        with zipfile.ZipFile(wheel) as z:
            z.extractall(tmp / "pkg")
        sys.path.insert(0, str(tmp / "pkg"))
        nested = json.loads((tmp / "pkg/vietnam_provinces/data/nested-divisions.json").read_text("utf-8"))
        from vietnam_provinces import _ward_conversion_2025 as conversion
        from vietnam_provinces.legacy import _lookup as legacy

        rows = []
        for p in sorted(nested, key=lambda p: p["code"]):
            rows.append(province_row(p))
        for p in sorted(nested, key=lambda p: p["code"]):
            for w in sorted(p["wards"], key=lambda w: w["code"]):
                rows.append(commune_row(w, p["code"]))
        write_tsv(args.out / "dvhc-2025.tsv", ["ma", "cap", "ten", "tinh"], rows)

        mapping = []
        for code, entry in sorted(conversion.OLD_TO_NEW.items()):
            ward = legacy.WARD_MAPPING.get(code)
            if ward is None:
                continue
            district = legacy.DISTRICT_MAPPING[int(ward.district_code)]
            province = legacy.PROVINCE_MAPPING[int(district.province_code)]
            star = "*" if entry.old_ward.is_partly_merged else ""
            new = ",".join(f"{n.code}{star}" for n in entry.new_wards)
            mapping.append((code, ward.name, district.name, province.name, new))
        write_tsv(args.out / "dvhc-2025-chuyen-doi.tsv", ["ma_cu", "ten_cu", "huyen_cu", "tinh_cu", "ma_moi"], mapping)

        communes = [r for r in rows if r[1] in ("xa", "phuong", "dac-khu")]
        counts = {lvl: sum(1 for r in communes if r[1] == lvl) for lvl in ("xa", "phuong", "dac-khu")}
        print(f"{PACKAGE} {VERSION}: {len(rows) - len(communes)} provinces, {len(communes)} communes {counts}, "
              f"{len(mapping)} old communes mapped", file=sys.stderr)


if __name__ == "__main__":
    main()
