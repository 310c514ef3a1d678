"""Server-rendered, accessible SVG bar charts: no JavaScript, no outside library.

Each chart carries a <title> and <desc>, and the page shows the same numbers as a table.
"""

from decimal import Decimal

from django import template

from projects.templatetags.money import usd_or_dash

register = template.Library()

ROW_HEIGHT = 28
LABEL_WIDTH = 280
BAR_AREA = 300
VALUE_WIDTH = 130


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
                "y": index * ROW_HEIGHT,
                "text_y": index * ROW_HEIGHT + ROW_HEIGHT * 0.65,
                "width": round(width, 1),
                "value_x": LABEL_WIDTH + round(width, 1) + 6,
                "value": usd_or_dash(value) if measure == "amount_usd" else str(int(value)),
            }
        )
    return {
        "chart_id": chart_id,
        "title": title,
        "description": description,
        "bars": bars,
        "label_width": LABEL_WIDTH,
        "label_x": LABEL_WIDTH - 8,
        "width": LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        "height": max(len(bars), 1) * ROW_HEIGHT,
        "bar_height": ROW_HEIGHT - 8,
    }
