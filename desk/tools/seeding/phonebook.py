"""Fictional phone numbers for seeded records.

Only 555-0100 to 555-0199 are reserved for fiction in the North American numbering
plan, which is 100 numbers per area code; a centre of thousands of families draws
from many area codes, its own first. Each number is valid E.164 (the server and
`desk.core.phones` accept it) and reaches nobody.
"""

from __future__ import annotations

import random

LOCAL_AREA_CODES = (617, 857, 781, 339, 508, 774, 978, 351)
"""Around Boston, so a demo centre in America/New_York has local-looking numbers."""

OTHER_AREA_CODES = (
    201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219,
    224, 225, 228, 229, 231, 234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267,
    269, 270, 276, 281, 301, 302, 303, 304, 305, 307, 308, 309, 310, 312, 313, 314, 315,
    316, 317, 318, 319, 320, 321, 323, 325, 330, 331, 334, 336, 337, 347, 352, 360, 361,
    385, 386, 401, 402, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 417, 419,
    423, 424, 425, 430, 432, 434, 435, 440, 443, 458, 469, 470, 475, 478, 479, 480, 484,
    501, 502, 503, 504, 505, 507, 509, 510, 512, 513, 515, 516, 517, 518, 520, 530, 540,
    541, 551, 559, 561, 562, 563, 567, 570, 571, 573, 574, 575, 580, 585, 586, 601, 602,
    603, 605, 606, 607, 608, 609, 610, 612, 614, 615, 616, 618, 619, 620, 623, 626, 630,
    631, 636, 641, 646, 650, 651, 660, 661, 662, 678, 682, 701, 702, 703, 704, 706, 707,
    708, 712, 713, 714, 715, 716, 717, 718, 719, 720, 724, 727, 731, 732, 734, 740, 754,
    757, 760, 762, 763, 765, 769, 770, 772, 773, 775, 785, 786, 801, 802, 803, 804, 805,
    806, 808, 810, 812, 813, 814, 815, 816, 817, 818, 828, 830, 831, 832, 843, 845, 847,
    848, 850, 856, 858, 859, 860, 862, 863, 864, 865, 870, 878, 901, 903, 904, 906, 907,
    908, 909, 910, 912, 913, 914, 915, 916, 917, 918, 919, 920, 925, 928, 931, 936, 937,
    940, 941, 947, 949, 951, 952, 954, 956, 970, 971, 972, 973, 979, 980, 985, 989,
)  # fmt: skip

CAPACITY = 100 * (len(LOCAL_AREA_CODES) + len(OTHER_AREA_CODES))


class PhoneBook:
    """Hands out distinct fictional numbers: local ones first, in a shuffled order."""

    def __init__(self, rng: random.Random) -> None:
        self._local = self._shuffled(LOCAL_AREA_CODES, rng)
        self._other = self._shuffled(OTHER_AREA_CODES, rng)

    @staticmethod
    def _shuffled(area_codes: tuple[int, ...], rng: random.Random) -> list[str]:
        numbers = [f"+1{code}55501{last:02d}" for code in area_codes for last in range(100)]
        rng.shuffle(numbers)
        numbers.reverse()  # popped from the end, so the shuffled order is kept
        return numbers

    def take(self) -> str:
        """A number nobody in this centre has been given yet.

        Raises:
            ValueError: when all `CAPACITY` fictional numbers are used.
        """
        if self._local:
            return self._local.pop()
        if self._other:
            return self._other.pop()
        raise ValueError(f"only {CAPACITY:,} fictional 555-01xx numbers exist; use fewer families")
