"""Fill a Qt .ts file's translations from a JSON object {source: translation}.

Used after `pyside6-lupdate` adds new strings: the translator writes the
new pairs to JSON, this marks them finished in the .ts. Existing finished
translations are kept unless the JSON gives a new one.

    python tools/fill_ts.py resources/translations/shell_zh_CN.ts pairs.json
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET


def fill(ts_path: str, pairs: dict[str, str]) -> tuple[int, list[str]]:
    tree = ET.parse(ts_path)
    filled, missing = 0, []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source in pairs:
            translation.text = pairs[source]
            translation.attrib.pop("type", None)
            filled += 1
        elif translation.get("type") == "unfinished":
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return filled, missing


if __name__ == "__main__":
    with open(sys.argv[2], encoding="utf-8") as handle:
        count, left = fill(sys.argv[1], json.load(handle))
    sys.stdout.write(f"filled {count}; still unfinished: {len(left)}\n")
    for source in left:
        sys.stdout.write(f"  {source!r}\n")
