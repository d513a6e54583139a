#!/usr/bin/env bash
# Regenerates src/check/data/vi-syllables.txt, the Vietnamese syllables that
# KH-TEXT-SYLLABLE accepts, from the npm package @cspell/dict-vi-vn (MIT licence,
# Street Side Software), read with its own trie reader (cspell-trie, MIT).
# Kept: lower-case syllables; added: the new-style tone placement of every old-style
# form the list has ("hoà" → also "hòa", "thuỷ" → also "thủy").
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION=3.0.6
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@cspell/dict-vi-vn@$VERSION" >/dev/null && tar xzf ./*.tgz \
  && npm install --silent --no-audit --no-fund cspell-trie >/dev/null \
  && node_modules/.bin/cspell-trie reader package/vi.trie.gz >words.txt)
python3 - "$work/words.txt" "$VERSION" >src/check/data/vi-syllables.txt <<'PY'
import sys, unicodedata
words, version = sys.argv[1], sys.argv[2]
new_style = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
             "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
             "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
out = set()
for w in open(words, encoding="utf-8"):
    w = unicodedata.normalize("NFC", w.strip())
    if not w or w.startswith("~") or w != w.lower() or " " in w:
        continue
    out.add(w)
    for old, new in new_style.items():
        # Only an open syllable moves its mark: "hoà" → "hòa", not "hoàn".
        if w.endswith(old) and not (old[0] == "u" and w.endswith("q" + old)):
            out.add(w[: -len(old)] + new)
print(f"# Vietnamese syllables from @cspell/dict-vi-vn {version} (MIT licence, Street Side Software);")
print("# regenerate with tools/vi_syllables.sh. One lower-case syllable a line.")
for w in sorted(out):
    print(w)
PY
wc -l src/check/data/vi-syllables.txt
