"""The arrests chart on /cases/: every year shown (zero where nobody was arrested), labels
that never overlap, a drawing readable on a phone, and a legend whose swatches stay beside
their labels. The browser side (what a reader sees at 375 px) is in tests/browser/test_layout.py.
"""

import datetime
import re

import pytest

from campaigns.cases.charts import (
    DIGIT_WIDTH,
    LAYOUTS,
    chart_layouts,
    every_year,
    stacked_bar_chart,
)

from .factories import CaseIndexPageFactory, CasePageFactory, count_queries

SERIES = [("imprisoned", "Imprisoned"), ("released", "Released")]
# The chart's width on a phone: a 320 px screen less the page's 1rem margins.
SMALLEST_PHONE = 288


def test_every_year_fills_the_years_without_arrests():
    assert every_year([2021, 2019, 2024]) == [2019, 2020, 2021, 2022, 2023, 2024]
    assert every_year([2019]) == [2019]
    assert every_year([]) == []


def test_a_year_without_arrests_is_a_bar_of_zero_and_a_row_of_zeros():
    counts = {(2019, "imprisoned"): 2, (2021, "released"): 1}
    chart = stacked_bar_chart(counts, every_year([2019, 2021]), SERIES)
    assert [(bar.label, bar.total) for bar in chart.bars] == [
        ("2019", 2),
        ("2020", 0),
        ("2021", 1),
    ]
    assert chart.bars[1].segments == []
    assert chart.table_rows[1] == ("2020", [0, 0], 0)
    # The bars keep their order and spacing: 2020 sits between its neighbours.
    assert chart.bars[0].x < chart.bars[1].x < chart.bars[2].x


@pytest.mark.parametrize("years", [3, 8, 14, 30])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_year_labels_never_overlap_and_the_latest_is_always_named(layout, years):
    categories = list(range(2000, 2000 + years))
    counts = {(year, "imprisoned"): 1 for year in categories}
    chart = stacked_bar_chart(counts, categories, SERIES, layout=layout, **LAYOUTS[layout])
    named = [bar for bar in chart.bars if bar.show_label]
    assert named[-1] is chart.bars[-1]
    label_width = 4 * DIGIT_WIDTH * chart.font_size
    gaps = [b.center - a.center for a, b in zip(named, named[1:], strict=False)]
    assert all(gap >= label_width for gap in gaps), (layout, years, gaps, label_width)
    # Thinned only as much as needed: naming bars closer would leave them less than an em
    # apart.
    if len(named) < years:
        slot = chart.bars[1].center - chart.bars[0].center
        every = round(gaps[0] / slot)
        assert (every - 1) * slot < label_width + chart.font_size


def test_few_years_keep_every_label_in_both_layouts():
    categories = list(range(2019, 2025))
    for chart in chart_layouts({}, categories, SERIES):
        assert all(bar.show_label for bar in chart.bars), chart.layout


def test_the_narrow_drawing_is_readable_on_the_smallest_phone():
    """An SVG's text shrinks with its width: the wide drawing's 12 units would be under
    5 px on a phone, the narrow one's stay at 11 px or more."""
    wide, narrow = chart_layouts({}, [2019], SERIES)
    assert (wide.layout, narrow.layout) == ("wide", "narrow")
    on_phone = {c.layout: c.font_size * SMALLEST_PHONE / c.width for c in (wide, narrow)}
    assert on_phone["wide"] < 5
    assert on_phone["narrow"] >= 11


@pytest.fixture
def index(home_page):
    return CaseIndexPageFactory(parent=home_page)


def test_case_index_draws_both_layouts_with_the_empty_years(client, index):
    for year in (2016, 2019):
        CasePageFactory(
            parent=index,
            person_name=f"Person {year}",
            status="imprisoned",
            arrest_date=datetime.date(year, 5, 1),
        )
    html = client.get("/cases/").content.decode()
    figure = html.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]
    drawings = re.findall(r'<svg viewBox="0 0 (\d+) \d+"[^>]*class="chart__plot ([^"]+)"', figure)
    assert drawings == [("720", "chart__plot--wide"), ("360", "chart__plot--narrow")]
    # 2017 and 2018 are drawn as zero in both drawings and listed in the table.
    assert figure.count("<title>2017: 0</title>") == 2
    assert figure.count("<title>2018: 0</title>") == 2
    assert '<th scope="row">2018</th><td>0</td><td>0</td>' in figure
    # The legend's swatches are not chart drawings: the stylesheet's width rule for the
    # drawings (.chart__plot) must not reach them.
    swatches = re.findall(r'<svg class="chart__swatch"[^>]*>', figure)
    assert len(swatches) == 1 and "chart__plot" not in swatches[0]


def test_drawing_twice_costs_no_query(client, index):
    for year in (2012, 2020):
        CasePageFactory(parent=index, arrest_date=datetime.date(year, 1, 1))
    few = count_queries(client, "/cases/")
    for year in range(2013, 2020):
        CasePageFactory(parent=index, arrest_date=datetime.date(year, 1, 1))
    assert count_queries(client, "/cases/") == few
