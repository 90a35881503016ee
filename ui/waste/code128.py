"""Code 128 (set B) bar widths, so the on-screen label shows the real barcode.

The printer draws its own barcode from the layout's data; this module lets the
preview and the PDF draw the same symbol. Pure: widths in, no drawing here.
"""

from __future__ import annotations

# Bar/space widths of each symbol value 0-105, then the stop pattern.
_PATTERNS = [
    "212222",
    "222122",
    "222221",
    "121223",
    "121322",
    "131222",
    "122213",
    "122312",
    "132212",
    "221213",
    "221312",
    "231212",
    "112232",
    "122132",
    "122231",
    "113222",
    "123122",
    "123221",
    "223211",
    "221132",
    "221231",
    "213212",
    "223112",
    "312131",
    "311222",
    "321122",
    "321221",
    "312212",
    "322112",
    "322211",
    "212123",
    "212321",
    "232121",
    "111323",
    "131123",
    "131321",
    "112313",
    "132113",
    "132311",
    "211313",
    "231113",
    "231311",
    "112133",
    "112331",
    "132131",
    "113123",
    "113321",
    "133121",
    "313121",
    "211331",
    "231131",
    "213113",
    "213311",
    "213131",
    "311123",
    "311321",
    "331121",
    "312113",
    "312311",
    "332111",
    "314111",
    "221411",
    "431111",
    "111224",
    "111422",
    "121124",
    "121421",
    "141122",
    "141221",
    "112214",
    "112412",
    "122114",
    "122411",
    "142112",
    "142211",
    "241211",
    "221114",
    "413111",
    "241112",
    "134111",
    "111242",
    "121142",
    "121241",
    "114212",
    "124112",
    "124211",
    "411212",
    "421112",
    "421211",
    "212141",
    "214121",
    "412121",
    "111143",
    "111341",
    "131141",
    "114113",
    "114311",
    "411113",
    "411311",
    "113141",
    "114131",
    "311141",
    "411131",
    "211412",
    "211214",
    "211232",
]
_START_B = 104
_STOP = "2331112"


def symbol_values(data: str) -> list[int]:
    """Start B, the data, the modulo-103 check; ValueError outside ASCII 32-126."""
    values = [_START_B]
    for char in data:
        code = ord(char)
        if not 32 <= code <= 126:
            raise ValueError(f"{char!r} cannot be encoded in Code 128 set B")
        values.append(code - 32)
    check = (values[0] + sum(i * v for i, v in enumerate(values[1:], 1))) % 103
    return [*values, check]


def module_widths(data: str) -> list[int]:
    """Alternating bar and space widths, in modules, starting with a bar."""
    widths = [int(w) for value in symbol_values(data) for w in _PATTERNS[value]]
    return widths + [int(w) for w in _STOP]
