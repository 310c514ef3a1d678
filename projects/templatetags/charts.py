"""Server-rendered, accessible SVG bar charts: no JavaScript, no outside library.

Each chart carries a <title> and <desc>, and the page shows the same numbers as a table.
"""

from decimal import Decimal

from django import template

from projects.templatetags.money import usd_or_dash

register = template.Library()

# Phone first: each label sits on its own line above its bar, so the chart is 360 units wide and
# scales to its box (viewBox, no fixed width); 16-unit text is still 12.8 px in a 288 px box (a 320 px phone).
WIDTH = 360
ROW_HEIGHT = 46
LABEL_BASELINE = 17
BAR_TOP = 24
BAR_HEIGHT = 16
VALUE_WIDTH = 130
BAR_AREA = WIDTH - VALUE_WIDTH


@register.inclusion_tag("projects/includes/bar_chart.html")
def bar_chart(rows, measure: str, chart_id: str, title: str, description: str = ""):
    """A horizontal bar chart of ``rows`` (StatRow) by ``measure``: "project_count" or "amount_usd"."""
    values = [Decimal(getattr(row, measure) or 0) for row in rows]
    largest = max(values, default=Decimal("0"))
    bars = []
    for index, (row, value) in enumerate(zip(rows, values, strict=True)):
        width = float(value / largest * BAR_AREA) if largest else 0.0
        bars.append(
            {
                "label": row.label,
                "label_y": index * ROW_HEIGHT + LABEL_BASELINE,
                "bar_y": index * ROW_HEIGHT + BAR_TOP,
                "value_y": index * ROW_HEIGHT + BAR_TOP + BAR_HEIGHT - 3,
                "width": round(width, 1),
                "value_x": round(width, 1) + 6,
                "value": usd_or_dash(value) if measure == "amount_usd" else str(int(value)),
            }
        )
    return {
        "chart_id": chart_id,
        "title": title,
        "description": description,
        "bars": bars,
        "width": WIDTH,
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "bar_height": BAR_HEIGHT,
    }
