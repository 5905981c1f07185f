"""Long lists on reader pages wait behind "Show N more" (details/summary, no script)."""

from __future__ import annotations

import lxml.html

from tidings.web.routes import templates

LIST = ('{% from "_macros.html" import collapsed %}'
        '{% call(i) collapsed(items, 3, "ol", "timeline", "events") %}<li>{{ i }}</li>'
        '{% endcall %}')


def test_a_long_list_shows_its_start_and_hides_the_rest():
    html = templates.env.from_string(LIST).render(items=list(range(1, 11)))
    tree = lxml.html.fromstring(f"<div>{html}</div>")
    shown = tree.xpath("./ol/li")
    assert [li.text for li in shown] == ["1", "2", "3"]
    more = tree.xpath("./details[@class='show-all']")[0]
    assert more.xpath("./summary")[0].text == "Show 7 more events"
    assert more.xpath("./ol")[0].get("start") == "4"
    assert [li.text for li in more.xpath("./ol/li")] == [str(n) for n in range(4, 11)]


def test_a_short_list_has_nothing_to_show_more():
    html = templates.env.from_string(LIST).render(items=[1, 2, 3])
    assert "<details" not in html and html.count("<li>") == 3
