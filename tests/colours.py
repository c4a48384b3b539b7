"""Colour arithmetic for the tests of the palettes: how far apart two colours look (CIEDE2000),
and how well text in one reads on another (WCAG 2 contrast ratio).

CIEDE2000 is the CIE's colour difference of 2001 (CIE 142-2001), as written out, with test
data, by Sharma, Wu and Dalal, "The CIEDE2000 color-difference formula: implementation
notes" (Color Research & Application 30, 2005). A difference of about 2 is just noticeable
between two large patches side by side; marks as small as a chart's bar or a badge's outline
need far more.
"""

from __future__ import annotations

import math

Lab = tuple[float, float, float]

WHITE_D65 = (0.95047, 1.0, 1.08883)


def _channels(colour: str) -> tuple[float, float, float]:
    """#rrggbb as three sRGB values from 0 to 1."""
    digits = colour.removeprefix("#")
    red, green, blue = (int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return red, green, blue


def _linear(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance."""
    red, green, blue = map(_linear, _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    """WCAG 2's contrast ratio, from 1 to 21: 4.5 is the least for text (level AA)."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def mixed(colour: str, ground: str, share: float) -> str:
    """`colour` laid over `ground` at `share` opacity: what CSS's
    `color-mix(in srgb, colour share, transparent)` shows on a page of `ground`."""
    over, under = _channels(colour), _channels(ground)
    return "#" + "".join(
        f"{round(255 * (share * a + (1 - share) * b)):02x}"
        for a, b in zip(over, under, strict=True)
    )


def lab(colour: str) -> Lab:
    """An sRGB colour in CIELAB, under the D65 white."""
    red, green, blue = map(_linear, _channels(colour))
    x = 0.4124564 * red + 0.3575761 * green + 0.1804375 * blue
    y = 0.2126729 * red + 0.7151522 * green + 0.0721750 * blue
    z = 0.0193339 * red + 0.1191920 * green + 0.9503041 * blue

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = (f(v / w) for v, w in zip((x, y, z), WHITE_D65, strict=True))
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def ciede2000(one: Lab, other: Lab) -> float:
    """How different two CIELAB colours look, by CIEDE2000 (Sharma et al.'s steps 1-3)."""
    (l1, a1, b1), (l2, a2, b2) = one, other
    mean_c = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(mean_c**7 / (mean_c**7 + 25**7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0

    delta_l, delta_c = l2 - l1, c2 - c1
    if c1 * c2 == 0:
        delta_h = 0.0
    else:
        delta_h = h2 - h1
        if delta_h > 180:
            delta_h -= 360
        elif delta_h < -180:
            delta_h += 360
    delta_big_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(delta_h / 2))

    mean_l, mean_c = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        mean_h = h1 + h2
    elif abs(h1 - h2) <= 180:
        mean_h = (h1 + h2) / 2
    else:
        mean_h = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(mean_h - 30))
        + 0.24 * math.cos(math.radians(2 * mean_h))
        + 0.32 * math.cos(math.radians(3 * mean_h + 6))
        - 0.20 * math.cos(math.radians(4 * mean_h - 63))
    )
    rotation = 30 * math.exp(-(((mean_h - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(mean_c**7 / (mean_c**7 + 25**7))
    s_l = 1 + 0.015 * (mean_l - 50) ** 2 / math.sqrt(20 + (mean_l - 50) ** 2)
    s_c = 1 + 0.045 * mean_c
    s_h = 1 + 0.015 * mean_c * t
    r_t = -math.sin(math.radians(2 * rotation)) * r_c
    return math.sqrt(
        (delta_l / s_l) ** 2
        + (delta_c / s_c) ** 2
        + (delta_big_h / s_h) ** 2
        + r_t * (delta_c / s_c) * (delta_big_h / s_h)
    )


def difference(one: str, other: str) -> float:
    """CIEDE2000 between two #rrggbb colours."""
    return ciede2000(lab(one), lab(other))
