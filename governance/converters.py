"""URL converters: financial years appear in URLs as `2016-17`."""


class FinancialYearConverter:
    """`2016-17` <-> 2016 (the start year). Refuses `2016-18`, so a URL has one spelling."""

    regex = r"20\d{2}-\d{2}"

    def to_python(self, value: str) -> int:
        start, end = value.split("-")
        if (int(start) + 1) % 100 != int(end):
            raise ValueError(value)
        return int(start)

    def to_url(self, value: int) -> str:
        return f"{value}-{(value + 1) % 100:02d}"
